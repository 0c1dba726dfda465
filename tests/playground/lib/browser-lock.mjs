// The machine-wide browser lock (/tmp/second-thought-browser.lock): whoever writes browser policy
// files (/etc/chromium/policies, /usr/lib/firefox-esr/distribution) or binds port 443 holds it, so
// that no other browser run sees them. `flock LOCK node --test tests/playground/` works (the lock
// is then held by an ancestor and is not taken twice); otherwise it is taken here, with flock(1).
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

export const LOCK = '/tmp/second-thought-browser.lock';
const WAIT_S = 900;

/** Our pid and our ancestors'. */
function lineage() {
  const pids = new Set();
  for (let pid = process.pid; pid > 1 && !pids.has(pid); ) {
    pids.add(pid);
    try {
      pid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      break;
    }
  }
  return pids;
}

/** Does one of our ancestors hold a flock(2) lock on LOCK? (/proc/locks: "1: FLOCK ADVISORY WRITE pid maj:min:inode 0 EOF") */
function heldByAncestor() {
  let ino;
  try {
    ino = statSync(LOCK).ino;
  } catch {
    return false;
  }
  const mine = lineage();
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .some((f) => f[1] === 'FLOCK' && mine.has(Number(f[4])) && Number(f[5]?.split(':')[2]) === ino);
}

/** Takes the lock (waits up to 15 minutes); resolves to {release(), inherited}. */
export async function takeBrowserLock() {
  if (heldByAncestor()) return { inherited: true, release() {} };
  // flock holds the lock while `cat` runs; cat ends when we close its stdin (or when we die).
  const child = spawn('flock', ['-w', String(WAIT_S), LOCK, 'sh', '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`could not take ${LOCK} within ${WAIT_S} s (flock exited ${code}): another browser run holds it`)));
  });
  child.removeAllListeners('exit');
  return {
    inherited: false,
    release: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      }),
  };
}
