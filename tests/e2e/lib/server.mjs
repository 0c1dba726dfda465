// The fixture sites over HTTPS, on the real host names (the browsers are told these names are
// 127.0.0.1), with a strict CSP like the real sites send. Every request is logged: the specs
// check that the extension made none of its own.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';

export const HOSTS = {
  'x.com': 'x',
  'twitter.com': 'x',
  'www.facebook.com': 'facebook',
  'www.linkedin.com': 'linkedin',
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** A self-signed certificate for the fixture hosts, made with openssl in `dir`. */
export function makeCert(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const san = Object.keys(HOSTS).map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=x.com',
    '-addext', `subjectAltName=${san}`, '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/**
 * Starts the server on each of `ports` (127.0.0.1; 0 picks a free port). Returns
 * {log, ports, close}: ports as bound; log entries are {host, method, url, body, expected}.
 */
export async function startServer(wwwDir, tls, ports) {
  const log = [];
  const handler = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const site = HOSTS[host];
      const path = new URL(req.url, 'https://x').pathname;
      const entry = { host, method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8'), expected: false };
      log.push(entry);
      if (!site) {
        res.writeHead(404).end();
        return;
      }
      let file = null;
      if (path === `/${site}.js` || path === `/${site}.css` || path === '/fixture.css') file = path.slice(1);
      else if (path === '/favicon.ico') {
        entry.expected = true;
        res.writeHead(204).end();
        return;
      } else if (req.method === 'GET' && !/\.[a-z0-9]+$/i.test(path)) file = `${site}.html`; // the SPA's routes
      if (!file || !existsSync(join(wwwDir, file))) {
        res.writeHead(404).end();
        return;
      }
      entry.expected = true;
      const ext = file.slice(file.lastIndexOf('.'));
      res.writeHead(200, {
        'content-type': TYPES[ext],
        'content-security-policy': CSP,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(readFileSync(join(wwwDir, file)));
    });
  };
  const servers = [];
  for (const port of ports) {
    const s = createServer(tls, handler);
    await new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', resolve);
    });
    servers.push(s);
  }
  return {
    log,
    ports: servers.map((s) => s.address().port),
    close: () => Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(r); }))),
  };
}
