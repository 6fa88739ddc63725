// Draws the app icon (a white "B" monogram on a rounded navy square) and
// writes it as PNGs: build/icons/<n>x<n>.png for n = 16..1024 (the layout
// electron-builder expects for Linux) and build/icon.png at 512 (Windows and
// the default). No image library: shapes are tested per pixel with 4x4
// supersampling for smooth edges, and the PNG is assembled with node:zlib.
// The output is deterministic, so a test can regenerate it and compare.
// Also the tray's images: build/tray/trayTemplate.png and @2x (macOS: the
// monogram alone in black on clear, which the menu bar tints; "Template" in
// the name makes it a template image) and build/tray/tray.ico (Windows: the
// icon at 16 to 256 px, as PNGs inside an .ico).
//
//   node build/make-icons.mjs [output folder, default: build/]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const MAIN_ICON_SIZE = 512;

const NAVY = [0x1f, 0x3a, 0x5f];
const WHITE = [0xff, 0xff, 0xff];

// --- shapes, in unit coordinates (0..1, y down) ---

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// A "D": a rectangle from `left` to `cx` closed on the right by a half disc.
function inD(x, y, left, top, bottom, cx) {
  if (y < top || y > bottom || x < left) return false;
  if (x <= cx) return true;
  const r = (bottom - top) / 2;
  return (x - cx) ** 2 + (y - (top + r)) ** 2 <= r * r;
}

// The B: a stem and two bowls, each bowl a D with a smaller D cut out.
const STROKE = 0.105;
const STEM_LEFT = 0.3;
const TOP = 0.21;
const BOTTOM = 0.79;
const WAIST = 0.5;
const BOWLS = [
  { top: TOP, bottom: WAIST + STROKE / 2, cx: 0.55 },
  { top: WAIST - STROKE / 2, bottom: BOTTOM, cx: 0.58 },
];

function inMonogram(x, y) {
  if (x >= STEM_LEFT && x <= STEM_LEFT + STROKE && y >= TOP && y <= BOTTOM) return true;
  return BOWLS.some(
    (b) =>
      inD(x, y, STEM_LEFT, b.top, b.bottom, b.cx) &&
      !inD(x, y, STEM_LEFT + STROKE, b.top + STROKE, b.bottom - STROKE, b.cx),
  );
}

function inTile(x, y) {
  return inRoundedRect(x, y, 0.0625, 0.0625, 0.9375, 0.9375, 0.19);
}

/** RGBA pixels of the icon at `size` x `size`. */
export function drawIcon(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (inTile(x, y)) {
            tile++;
            if (inMonogram(x, y)) mark++;
          }
        }
      }
      const n = samples * samples;
      const alpha = tile / n;
      const white = tile === 0 ? 0 : mark / tile;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(NAVY[c] * (1 - white) + WHITE[c] * white);
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

/** RGBA pixels of the tray template at `size`: the monogram alone, black, its coverage as alpha. */
export function drawTemplate(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let mark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (inMonogram((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) mark++;
        }
      }
      // Black (0, 0, 0) everywhere; only alpha carries the shape, as macOS asks of a template.
      pixels[(py * size + px) * 4 + 3] = Math.round((mark / (samples * samples)) * 255);
    }
  }
  return pixels;
}

/** An .ico file holding `pngs` (PNG entries are valid in .ico since Windows Vista). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 stands for 256
    entry[1] = size >= 256 ? 0 : size;
    entry[2] = 0; // no palette
    entry[3] = 0; // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(({ png }) => png)]);
}

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

// --- PNG encoding ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file (8-bit RGBA, no interlace) of `rgba` pixels. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes every icon into `outDir`; returns the files written. */
export function writeIcons(outDir) {
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  const written = [];
  for (const size of ICON_SIZES) {
    const png = encodePng(size, drawIcon(size));
    const file = path.join(outDir, 'icons', `${size}x${size}.png`);
    writeFileSync(file, png);
    written.push(file);
    if (size === MAIN_ICON_SIZE) {
      writeFileSync(path.join(outDir, 'icon.png'), png);
      written.push(path.join(outDir, 'icon.png'));
    }
  }
  mkdirSync(path.join(outDir, 'tray'), { recursive: true });
  for (const [name, size] of [
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
  ]) {
    const file = path.join(outDir, 'tray', name);
    writeFileSync(file, encodePng(size, drawTemplate(size)));
    written.push(file);
  }
  const ico = path.join(outDir, 'tray', 'tray.ico');
  writeFileSync(ico, encodeIco(ICO_SIZES.map((size) => ({ size, png: encodePng(size, drawIcon(size)) }))));
  written.push(ico);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url)));
  for (const file of writeIcons(outDir)) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
