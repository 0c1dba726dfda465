// TEST ONLY. run.mjs puts this first in background.scripts of a test copy of dist/firefox (never
// in dist/): it counts how often the add-on's background has started, in storage.local, so a
// spec can tell that Firefox really suspended and restarted the event page.
const probeApi = globalThis.browser ?? globalThis.chrome;
probeApi.storage.local.get('e2eBackgroundStarts').then(({ e2eBackgroundStarts = 0 }) =>
  probeApi.storage.local.set({ e2eBackgroundStarts: e2eBackgroundStarts + 1 }),
);
