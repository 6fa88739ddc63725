/**
 * The committed icons are what build/make-icons.mjs draws, at the sizes
 * electron-builder looks for.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.ts';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
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
    for (const name of ['icon.png', ...SIZES.map((size) => path.join('icons', `${size}x${size}.png`))]) {
      const committed = await readFile(path.join('build', name));
      const drawn = await readFile(path.join(out, name));
      expect(drawn.equals(committed), name).toBe(true);
    }
  });
});
