// TEST ONLY. The content script half of open-options-bg.js, on the test's own http://127.0.0.1
// page: the page posts {type: 'st-test-open-options'} and gets {type: 'st-test-open-options-done', answer}.
addEventListener('message', (e) => {
  if (e.source !== window || e.data?.type !== 'st-test-open-options') return;
  (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'st-test-open-options' }).then(
    (answer) => postMessage({ type: 'st-test-open-options-done', answer }, '*'),
    (err) => postMessage({ type: 'st-test-open-options-done', answer: `error: ${err?.message ?? err}` }, '*'),
  );
});
