/**
 * The committed icons are what build/make-icons.mjs draws, at the sizes
 * electron-builder looks for.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.ts';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const TRAY_FILES = ['trayTemplate.png', 'trayTemplate@2x.png', 'tray.ico'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height, bit depth and colour type from a PNG's IHDR chunk. */
function pngHeader(png: Buffer): { width: number; height: number; depth: number; colourType: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), depth: png[24] ?? -1, colourType: png[25] ?? -1 };
}

describe('the icon set in build/', () => {
  it.each(SIZES)('has a %i px RGBA PNG', async (size) => {
    const png = await readFile(path.join('build', 'icons', `${size}x${size}.png`));
    expect(pngHeader(png)).toEqual({ width: size, height: size, depth: 8, colourType: 6 });
  });

  it('has icon.png at 512 px', async () => {
    expect(pngHeader(await readFile(path.join('build', 'icon.png')))).toMatchObject({ width: 512, height: 512 });
  });

  it('matches what build/make-icons.mjs draws, byte for byte', async () => {
    const out = await tempDir('bk-icons-');
    execFileSync(process.execPath, [path.join('build', 'make-icons.mjs'), out]);
    for (const name of [
      'icon.png',
      ...SIZES.map((size) => path.join('icons', `${size}x${size}.png`)),
      ...TRAY_FILES.map((file) => path.join('tray', file)),
    ]) {
      const committed = await readFile(path.join('build', name));
      const drawn = await readFile(path.join(out, name));
      expect(drawn.equals(committed), name).toBe(true);
    }
  });
});

describe('the tray images in build/tray', () => {
  it('macOS: template images (black, shape in alpha only) at 16 px and @2x 32 px', async () => {
    for (const [file, size] of [
      ['trayTemplate.png', 16],
      ['trayTemplate@2x.png', 32],
    ] as const) {
      const png = await readFile(path.join('build', 'tray', file));
      expect(pngHeader(png)).toEqual({ width: size, height: size, depth: 8, colourType: 6 });
      const pixels = rgbaOf(png, size);
      let opaque = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        // A coloured pixel would show as-is instead of being tinted for a light or dark menu bar.
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
        if ((pixels[i + 3] ?? 0) > 0) opaque++;
      }
      expect(opaque).toBeGreaterThan(size * 2);
      expect(opaque).toBeLessThan(size * size);
    }
  });

  it('Windows: an .ico of PNGs at 16 to 256 px', async () => {
    const ico = await readFile(path.join('build', 'tray', 'tray.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let n = 0; n < count; n++) {
      const entry = 6 + 16 * n;
      const size = ico[entry] === 0 ? 256 : (ico[entry] ?? -1);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const png = ico.subarray(offset, offset + length);
      expect(pngHeader(png)).toMatchObject({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});

/** The RGBA pixels of a PNG written by make-icons.mjs (one IDAT, filter 0 on every row). */
function rgbaOf(png: Buffer, size: number): Buffer {
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    expect(rows[y * (size * 4 + 1)]).toBe(0);
    rows.copy(out, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return out;
}
