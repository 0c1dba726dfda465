// TEST ONLY. run.mjs adds this content script to a copy of dist/firefox (never to dist/): the
// WebDriver BiDi driver cannot reach an add-on's pages or background, so the settings specs
// write storage.sync through it. The page posts {type: 'second-thought-e2e-settings', id, json}
// (json: the values to set, or null to clear; or read: a storage.local key) and gets
// {type: '...-done', id, error?, value?} back.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  addEventListener('message', (e) => {
    const m = e.data;
    if (e.source !== window || !m || m.type !== 'second-thought-e2e-settings') return;
    const id = String(m.id);
    const json = typeof m.json === 'string' ? m.json : null;
    const done = (error, value) => postMessage({ type: 'second-thought-e2e-settings-done', id, error, value }, '*');
    if (typeof m.read === 'string') {
      const key = m.read;
      api.storage.local.get(key).then(
        (got) => done(null, JSON.stringify(got[key] ?? null)),
        (err) => done(String(err?.message ?? err)),
      );
      return;
    }
    (json === null ? api.storage.sync.clear() : api.storage.sync.set(JSON.parse(json))).then(
      () => done(null),
      (err) => done(String(err?.message ?? err)),
    );
  });
})();
