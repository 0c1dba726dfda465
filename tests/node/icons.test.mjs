// The icons: every size the manifest names exists in both builds, is a square PNG of that size,
// and is exactly what tools/make-icons.mjs draws (so the PNGs cannot drift from the script).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { decodePng, render, SIZES } from '../../tools/make-icons.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const source = JSON.parse(readFileSync(join(root, 'manifest.json')));

test('the manifest names an icon at every store size, and the toolbar sizes for the button', () => {
  assert.deepEqual(Object.keys(source.icons ?? {}).map(Number).sort((a, b) => a - b), [16, 32, 48, 128]);
  assert.deepEqual(Object.keys(source.action?.default_icon ?? {}).map(Number).sort((a, b) => a - b), [16, 32]);
  assert.equal(source.action.default_popup, 'popup/popup.html');
  assert.ok(source.action.default_title);
});

for (const browser of ['chrome', 'firefox']) {
  const m = JSON.parse(readFileSync(join(root, 'dist', browser, 'manifest.json')));
  for (const [key, file] of [...Object.entries(m.icons), ...Object.entries(m.action.default_icon)]) {
    test(`${browser}: ${file} is a ${key}×${key} PNG`, () => {
      const png = decodePng(readFileSync(join(root, 'dist', browser, file)));
      assert.equal(png.width, Number(key));
      assert.equal(png.height, Number(key));
    });
  }
}

for (const size of SIZES) {
  test(`icon-${size}.png is what tools/make-icons.mjs draws, and is not blank`, () => {
    const png = decodePng(readFileSync(join(root, 'extension', 'icons', `icon-${size}.png`)));
    assert.ok(png.pixels.equals(render(size)), 'run node tools/make-icons.mjs and commit the PNGs');
    const at = (x, y) => [...png.pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    assert.equal(at(0, 0)[3], 0, 'a transparent corner');
    const mid = Math.floor(size / 2);
    assert.deepEqual(at(mid, Math.floor(size * 0.22)), [255, 255, 255, 255], 'the white bubble');
    assert.deepEqual(at(Math.round(size * 0.08), mid), [11, 87, 208, 255], 'the blue ground');
  });
}
