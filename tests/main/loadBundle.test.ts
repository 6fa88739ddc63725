// The bundles run with V8's code cache kept between runs (issue 16): made after a first run, used by the
// next, never one made from other text (V8 itself checks only the length), refused when damaged (and the
// bundle still runs), kept owner-only. Real files, a real V8 cache.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeCachePath, type CodeCacheUse } from '../../electron/codeCache/loadBundle.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** A CommonJS bundle of `size` functions whose answers depend on `seed`, requiring a built-in. */
function bundleText(seed: number, size = 200): string {
  const functions = Array.from({ length: size }, (_, i) => `function f${i}(x) { return x * ${i} + ${seed}; }`);
  return `'use strict';
const path = require('node:path');
${functions.join('\n')}
module.exports = {
  sum: () => [${Array.from({ length: size }, (_, i) => `f${i}(1)`).join(', ')}].reduce((a, b) => a + b, 0),
  here: () => path.basename(__dirname) + '/' + path.basename(__filename),
};
`;
}

function sumOf(seed: number, size = 200): number {
  let total = 0;
  for (let i = 0; i < size; i++) total += i + seed;
  return total;
}

let runner: string;

// The loader as it ships (bundled to CommonJS), run in a fresh process per load: within one process V8
// answers a second compile of the same text from memory and never looks at the cache.
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bk-loader-'));
  runner = join(dir, 'runner.cjs');
  await build({
    stdin: {
      contents: `
        import { loadBundle } from './electron/codeCache/loadBundle.ts';
        let use = 'off';
        const bundle = loadBundle(process.argv[2], process.argv[3] === '-' ? null : process.argv[3], {
          onCache: (u) => (use = u),
          cacheAfterMs: 0,
        });
        setTimeout(() => console.log(JSON.stringify({ use, sum: bundle.sum(), here: bundle.here() })), 20);
      `,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    outfile: runner,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
}, 60_000);

function load(file: string, cacheDir: string | null): { use: CodeCacheUse; sum: number; here: string } {
  const output = execFileSync(process.execPath, [runner, file, cacheDir ?? '-'], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!) as {
    use: CodeCacheUse;
    sum: number;
    here: string;
  };
}

describe('a bundle loaded with its code cache', () => {
  it('makes the cache on the first run and uses it on the next, the bundle working as required', async () => {
    const dir = await tempDir();
    const file = join(dir, 'host.cjs');
    await writeFile(file, bundleText(7));
    const cacheDir = join(dir, '.code-cache');
    const first = load(file, cacheDir);
    expect(first.use).toBe('made');
    expect(first.sum).toBe(sumOf(7));
    expect(first.here).toBe(`${dir.split('/').at(-1)}/host.cjs`);
    const cached = codeCachePath(cacheDir, file, bundleText(7));
    expect((await stat(cached)).mode & 0o777).toBe(0o600);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);

    const second = load(file, cacheDir);
    expect(second.use).toBe('used');
    expect(second.sum).toBe(sumOf(7));
  });

  it('never uses a cache made from other text of the same length', async () => {
    const dir = await tempDir();
    const file = join(dir, 'host.cjs');
    const cacheDir = join(dir, '.code-cache');
    await writeFile(file, bundleText(3));
    load(file, cacheDir);
    // Seed 4 for 3: the same length, other code.
    expect(bundleText(4).length).toBe(bundleText(3).length);
    await writeFile(file, bundleText(4));
    const changed = load(file, cacheDir);
    expect(changed.use).toBe('made');
    expect(changed.sum).toBe(sumOf(4));
    expect((await readdir(cacheDir)).length).toBe(2);
  });

  it('a damaged cache is refused by V8, the bundle compiled as usual and the cache made again', async () => {
    const dir = await tempDir();
    const file = join(dir, 'host.cjs');
    const cacheDir = join(dir, '.code-cache');
    await writeFile(file, bundleText(9));
    load(file, cacheDir);
    const cached = codeCachePath(cacheDir, file, bundleText(9));
    const bytes = await readFile(cached);
    bytes.fill(0x5a, 0, 64);
    await writeFile(cached, bytes);
    const damaged = load(file, cacheDir);
    expect(damaged.use).toBe('rejected');
    expect(damaged.sum).toBe(sumOf(9));
    expect(load(file, cacheDir).use).toBe('used');
  });

  it('with no cache folder, compiles and keeps nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'host.cjs');
    await writeFile(file, bundleText(1));
    const off = load(file, null);
    expect(off.use).toBe('off');
    expect(off.sum).toBe(sumOf(1));
    expect(await readdir(dir)).toEqual(['host.cjs']);
  });
});
