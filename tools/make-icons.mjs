#!/usr/bin/env node
// Draws Second Thought's icon (a white speech bubble with a "pause" sign on a blue rounded
// square: stop and think before you post) and writes extension/icons/icon-SIZE.png for the
// store and toolbar sizes. No packages and no network: shapes are signed distance functions,
// anti-aliased by supersampling, written as RGBA PNGs with node:zlib.
//
//   node tools/make-icons.mjs           write the PNGs
//   node tools/make-icons.mjs --check   exit 1 if a committed PNG's pixels differ from the drawing
//
// tests/node/icons.test.mjs runs the same check, so the PNGs cannot drift from this script.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

export const SIZES = [16, 32, 48, 128];
export const ICON_DIR = fileURLToPath(new URL('../extension/icons/', import.meta.url));
export const iconPath = (size) => `${ICON_DIR}icon-${size}.png`;

const BLUE = [11, 87, 208]; // #0b57d0, the extension's accent; white on it is 6.4:1
const WHITE = [255, 255, 255];

/** Signed distance to a rounded rectangle (negative inside), in the unit square. */
function roundRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Is (x, y) inside the triangle abc? */
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The colour at a point of the unit square, or null (transparent). */
function colourAt(x, y, size) {
  if (roundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.22) > 0) return null;
  // Thicker strokes at the smallest sizes, so the pause bars stay two bars.
  const small = size <= 16;
  const bar = small ? 0.125 : 0.1;
  const gap = small ? 0.125 : 0.1;
  const inBubble =
    roundRect(x, y, 0.15, 0.17, 0.85, 0.69, 0.16) <= 0 ||
    inTriangle(x, y, [0.26, 0.6], [0.48, 0.6], [0.22, 0.88]);
  if (!inBubble) return BLUE;
  const left = 0.5 - gap / 2 - bar;
  const right = 0.5 + gap / 2;
  // At 16 px the bars sit on whole pixels (columns 5-6 and 9-10, rows 5-8).
  const [top, bottom] = small ? [5 / 16, 9 / 16] : [0.3, 0.56];
  const inBar = (x0) => roundRect(x, y, x0, top, x0 + bar, bottom, small ? 0 : 0.02) <= 0;
  return inBar(left) || inBar(right) ? BLUE : WHITE;
}

/** RGBA pixels (size × size × 4), premultiplied coverage averaged over n×n samples per pixel. */
export function render(size) {
  const n = 8;
  const px = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((pxl + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      const i = (py * size + pxl) * 4;
      if (a) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return px;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA, non-interlaced PNG of `pixels`. */
export function encodePng(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** {width, height, pixels} of an 8-bit RGBA PNG written with filter 0 (as encodePng writes). */
export function decodePng(buf) {
  if (buf.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let p = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (p < buf.length) {
    const len = buf.readUInt32BE(p);
    const type = buf.toString('ascii', p + 4, p + 8);
    const data = buf.subarray(p + 8, p + 8 + len);
    if (crc32(buf.subarray(p + 4, p + 8 + len)) !== buf.readUInt32BE(p + 8 + len)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('expected 8-bit RGBA, not interlaced');
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const at = y * (width * 4 + 1);
    if (rows[at] !== 0) throw new Error(`row ${y} uses filter ${rows[at]}`);
    rows.copy(pixels, y * width * 4, at + 1, at + 1 + width * 4);
  }
  return { width, height, pixels };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let bad = 0;
  mkdirSync(ICON_DIR, { recursive: true });
  for (const size of SIZES) {
    const pixels = render(size);
    if (check) {
      const got = decodePng(readFileSync(iconPath(size)));
      const same = got.width === size && got.height === size && got.pixels.equals(pixels);
      if (!same) bad++;
      console.log(`${same ? 'ok  ' : 'DIFF'} ${iconPath(size)}`);
    } else {
      writeFileSync(iconPath(size), encodePng(size, pixels));
      console.log(`wrote ${iconPath(size)}`);
    }
  }
  process.exit(bad ? 1 : 0);
}
