// TEST ONLY. tests/playground/options.test.mjs puts this first in background.scripts of a test
// copy of dist/firefox (never in dist/). WebDriver BiDi cannot navigate to a moz-extension:// page,
// but it can drive one the extension opened itself: on {type: 'st-test-open-options'} from the
// hook content script (open-options-cs.js), this opens the options page.
(globalThis.browser ?? globalThis.chrome).runtime.onMessage.addListener((m) => {
  if (m?.type !== 'st-test-open-options') return undefined;
  return (globalThis.browser ?? globalThis.chrome).runtime.openOptionsPage().then(
    () => 'opened',
    (e) => `error: ${e?.message ?? e}`,
  );
});
