// Builds the fixture pages with esbuild (pinned in package.json) into `outDir`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const SITES = {
  x: { entry: 'x.jsx', title: 'Home / X', mount: 'react-root' },
  facebook: { entry: 'facebook.js', title: 'Facebook', mount: 'mount' },
  linkedin: { entry: 'linkedin.js', title: 'Feed | LinkedIn', mount: 'mount' },
};

export async function buildFixtures(outDir) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(SITES).map(([site, s]) => [site, join(here, s.entry)])),
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120', 'firefox120'],
    minify: true,
    legalComments: 'none',
    jsx: 'transform',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.js': 'jsx' },
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'fixture.css'), join(outDir, 'fixture.css'));
  for (const [site, s] of Object.entries(SITES)) {
    const css = site === 'x' ? `\n<link rel="stylesheet" href="/${site}.css">` : '';
    writeFileSync(
      join(outDir, `${site}.html`),
      `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${s.title}</title>
<link rel="stylesheet" href="/fixture.css">${css}
<script src="/${site}.js" defer></script>
</head>
<body>
<div id="${s.mount}"></div>
</body>
</html>
`,
    );
  }
}
