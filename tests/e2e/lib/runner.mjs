// The e2e suites' small test runner and assertions, shared by specs.mjs and specs-ui.mjs.

/** A test's own failure (its message is the whole story, no stack needed). */
export class Failure extends Error {}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

export function same(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Failure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Polls fn(arg) in the page until it returns something truthy. */
export async function waitFor(page, fn, arg, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await page.eval(fn, arg);
    if (got) return got;
    if (Date.now() > end) throw new Failure(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Runs `tests` ({name, fn, skip?}) one after the other, each within `timeoutMs`, counting into
 * `results` and printing one line each; `afterEach` runs after every test, passed or not.
 */
export async function runTests(tests, results, { only, timeoutMs = 30000, afterEach } = {}) {
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    if (t.skip) {
      results.skipped++;
      results.skips.push({ name: t.name, why: t.skip });
      console.log(`  skip  ${t.name} (${t.skip})`);
      continue;
    }
    const start = Date.now();
    try {
      await Promise.race([
        t.fn(),
        sleep(timeoutMs).then(() => {
          throw new Failure(`timed out after ${timeoutMs / 1000} s`);
        }),
      ]);
      results.passed++;
      console.log(`  ok    ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      results.failed++;
      const msg = e instanceof Failure ? e.message : (e?.stack ?? String(e));
      results.failures.push({ name: t.name, error: msg });
      console.log(`  FAIL  ${t.name} (${Date.now() - start} ms)\n        ${msg.split('\n').join('\n        ')}`);
    } finally {
      await afterEach?.();
    }
  }
  return results;
}
