/**
 * Loads a CommonJS bundle as `require` would, with V8's code cache kept
 * between runs (issue 16: compiling the backend's 6 MB bundle is about a
 * third of the time before the first byte is served; with the cache the
 * compile is a read). Node 20 has no compile cache of its own
 * (`module.enableCompileCache` came in Node 22), so the bundle is compiled
 * through `vm.Script` with `cachedData`, and the cache is made once the
 * process has run a while (so the functions the start compiled lazily are in
 * it).
 *
 * The cache is compiled code: it is kept only in a folder of the user's own
 * (beside the web host's bundle in the developer's checkout; the desktop
 * app's user-data folder), named by a hash of the bundle's text and the
 * runtime, and written owner-only. V8 refuses a cache of another V8, or of
 * other flags; a hash of the text guards what V8 checks only by length. Any
 * failure is silent: the bundle is compiled as usual.
 *
 * This file is an entry's only import: it must stay small and import no
 * project code (the bundle is what it loads).
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script, constants } from 'node:vm';

/** How long after loading the cache is made, when there was none to use (ms). */
export const CODE_CACHE_AFTER_MS = 5_000;

/** What a load did with the cache (tests, and the start trace). */
export type CodeCacheUse = 'used' | 'made' | 'rejected' | 'off';

/** The cache file of `source` (the bundle's text) in `cacheDir`. */
export function codeCachePath(cacheDir: string, file: string, source: string): string {
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.versions.v8}\0${process.arch}`)
    .digest('hex')
    .slice(0, 32);
  return join(cacheDir, `${basename(file)}-${key}.bin`);
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function writeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, data, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch {
    // A cache not written is a compile next time, nothing more.
  }
}

/** How a bundle is loaded. */
export interface LoadBundleOptions {
  /** Hears what was done with the cache. */
  readonly onCache?: (use: CodeCacheUse) => void;
  /** How long after loading the cache is made when there was none to use (default CODE_CACHE_AFTER_MS). */
  readonly cacheAfterMs?: number;
}

/**
 * Runs the CommonJS bundle `file` as its module, returning its exports, with
 * the code cache in `cacheDir` (null: none).
 */
export function loadBundle(file: string, cacheDir: string | null, options: LoadBundleOptions = {}): unknown {
  const source = readFileSync(file, 'utf8');
  const cachePath = cacheDir === null ? null : codeCachePath(cacheDir, file, source);
  const cachedData = cachePath === null ? undefined : readCache(cachePath);
  const script = new Script(Module.wrap(source), {
    filename: file,
    ...(cachedData !== undefined ? { cachedData } : {}),
    // import() inside the bundle (pdf.js's module, playwright-core) resolves as it would in a required file.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const use: CodeCacheUse =
    cachePath === null ? 'off' : cachedData === undefined ? 'made' : script.cachedDataRejected ? 'rejected' : 'used';
  options.onCache?.(use);
  if (cachePath !== null && use !== 'used') {
    const timer = setTimeout(
      () => writeCache(cachePath, script.createCachedData()),
      options.cacheAfterMs ?? CODE_CACHE_AFTER_MS,
    );
    timer.unref();
  }
  const bundle = new Module(file);
  bundle.filename = file;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  run.call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));
  bundle.loaded = true;
  return bundle.exports;
}
