// Bundles the Electron main process and the preload with esbuild:
//   electron/main/main.ts       -> dist/main/app.cjs        (loaded by dist/main/main.cjs, package.json "main",
//                                                           from electron/main/start.ts, with a code cache)
//   electron/preload/preload.ts -> dist/preload/preload.cjs
//   electron/web/cli.ts         -> dist/web/host.cjs        (the web host, bundled as main is, loaded by
//                                                           dist/web/cli.cjs: the benchmark's cold start runs
//                                                           the backend from it; not packaged)
// and copies the window icon to dist/icon.png and the tray's images to
// dist/tray/ (only dist/ is packaged).
//
// Both are CommonJS: a sandboxed preload cannot load ES modules, and main as
// one CJS file loads without Node's ESM resolver inside app.asar. ESM-only
// dependencies (lowdb) are converted by esbuild. The build fails on any
// esbuild warning (notably `import.meta` being emptied in CJS, which would
// break code at run time) and checks what each bundle imports.
import { build } from 'esbuild';
import { copyFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` builds elsewhere (tests/packaging loads the bundle from a temp folder).
const outdirFlag = process.argv.indexOf('--outdir');
const dist = outdirFlag === -1 ? path.join(root, 'dist') : path.resolve(process.argv[outdirFlag + 1] ?? '');

// Electron 45 runs Node 22 or newer and a recent Chromium; these targets are
// at or below both, so nothing is emitted that the runtime cannot parse.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome130';

function fail(message) {
  console.error(`build-electron: ${message}`);
  process.exit(1);
}

/** Runs one esbuild bundle and fails on errors or warnings. */
async function bundle(name, options) {
  const result = await build({
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    absWorkingDir: root,
    ...options,
  }).catch((error) => fail(`${name} failed:\n${error.message}`));
  if (result.warnings.length > 0) {
    const text = result.warnings
      .map((w) => `  ${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`)
      .join('\n');
    fail(`${name} has warnings (treated as errors):\n${text}`);
  }
  return result.metafile;
}

/**
 * Makes a bundle pure ASCII. esbuild escapes every non-ASCII character of strings, regular
 * expressions and names (its default charset), but keeps comments as written, and one "—" in a
 * comment makes V8 hold the whole source (about 6 MB for the backend, kept for lazy compiling) as a
 * two-byte string: twice the memory for the life of the process (measured: 12.1 MB instead of 6).
 * Each remaining UTF-16 unit is written as a \uXXXX escape, which means the same character
 * anywhere in JavaScript (in a comment it is only text), so the code is unchanged; the lines keep
 * their numbers, for stack traces and the source map.
 */
async function asciiOnly(file) {
  const text = await readFile(file, 'utf8');
  const ascii = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) await writeFile(file, ascii);
}

/**
 * Fails when a bundle loaded through a code cache (electron/codeCache/loadBundle.ts) keeps an import():
 * on Node 20, code read from V8's cache has no loader for it (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
 */
function noDynamicImports(metafile, outfile) {
  const output = metafile.outputs[path.relative(root, outfile).split(path.sep).join('/')];
  const dynamic = (output?.imports ?? []).filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path);
  if (dynamic.length > 0)
    fail(
      `${path.relative(root, outfile)} keeps import() of ${dynamic.join(', ')}: require it instead (a code-cached bundle cannot import())`,
    );
}

/** The modules a bundle still loads at run time with require(). */
function externalImports(metafile, outfile) {
  const output = metafile.outputs[path.relative(root, outfile).split(path.sep).join('/')];
  // (metafile paths are relative to absWorkingDir, i.e. the project folder)
  if (!output) fail(`no metafile entry for ${outfile}`);
  return [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort();
}

await rm(path.join(dist, 'main'), { recursive: true, force: true });
await rm(path.join(dist, 'preload'), { recursive: true, force: true });
await rm(path.join(dist, 'web'), { recursive: true, force: true });

// main.cjs (package.json "main") and the web host's cli.cjs are small loaders (electron/main/start.ts,
// electron/web/start.ts): each runs its bundle (app.cjs, host.cjs) with V8's code cache kept between runs
// (electron/codeCache/loadBundle.ts), which takes the bundle's compile off every start after the first.
const mainOut = path.join(dist, 'main', 'app.cjs');
const mainMeta = await bundle('main', {
  entryPoints: ['electron/main/main.ts'],
  outfile: mainOut,
  platform: 'node',
  target: NODE_TARGET,
  sourcemap: 'linked',
  // Readable function names in stack traces of the error log.
  keepNames: true,
});
await asciiOnly(mainOut);
noDynamicImports(mainMeta, mainOut);
const mainText = await readFile(mainOut, 'utf8');
if (/\bimport\.meta\b/.test(mainText)) fail('dist/main/app.cjs mentions import.meta, which is empty in CommonJS.');
const mainExternals = externalImports(mainMeta, mainOut).filter((name) => name !== 'electron' && !/^node:/.test(name));
const nodeBuiltins = new Set((await import('node:module')).builtinModules);
const strays = mainExternals.filter((name) => !nodeBuiltins.has(name));
if (strays.length > 0) fail(`main requires modules that are not bundled: ${strays.join(', ')}`);

/** A loader bundle: its entry and loadBundle.ts only (anything more would be compiled on every start, uncached). */
async function loader(name, entry, outfile) {
  const meta = await bundle(name, {
    entryPoints: [entry],
    outfile,
    platform: 'node',
    target: NODE_TARGET,
    sourcemap: false,
  });
  const inputs = Object.keys(meta.inputs).sort();
  const allowed = ['electron/codeCache/loadBundle.ts', entry].sort();
  if (inputs.join() !== allowed.join())
    fail(`${name} must bundle only ${allowed.join(' and ')}, but bundles: ${inputs.join(', ')}`);
}
await loader('main loader', 'electron/main/start.ts', path.join(dist, 'main', 'main.cjs'));

const preloadOut = path.join(dist, 'preload', 'preload.cjs');
const preloadMeta = await bundle('preload', {
  entryPoints: ['electron/preload/preload.ts'],
  outfile: preloadOut,
  // The sandboxed preload has a browser-like global scope plus a require()
  // that knows only a few modules ('electron' among them).
  platform: 'browser',
  target: CHROME_TARGET,
  sourcemap: false,
});
const preloadExternals = externalImports(preloadMeta, preloadOut);
if (preloadExternals.join() !== 'electron') {
  fail(`the preload may require only 'electron', but requires: ${preloadExternals.join(', ')}`);
}
const preloadInputs = Object.keys(preloadMeta.inputs).sort();
const allowedInputs = ['electron/preload/preload.ts', 'shared/contract/channels.ts'];
if (preloadInputs.join() !== allowedInputs.join()) {
  fail(`the preload must bundle only ${allowedInputs.join(' and ')}, but bundles: ${preloadInputs.join(', ')}`);
}

// The web host, bundled with the very options of main (the backend in it is the same code, bundled the same way).
const webOut = path.join(dist, 'web', 'host.cjs');
await loader('web host loader', 'electron/web/start.ts', path.join(dist, 'web', 'cli.cjs'));
const webMeta = await bundle('web host', {
  entryPoints: ['electron/web/cli.ts'],
  outfile: webOut,
  // PDF printing loads playwright-core (a development dependency) on first use, from node_modules.
  external: ['electron', 'playwright-core'],
  platform: 'node',
  target: NODE_TARGET,
  sourcemap: 'linked',
  keepNames: true,
});
await asciiOnly(webOut);
noDynamicImports(webMeta, webOut);
const webStrays = externalImports(webMeta, webOut).filter(
  (name) => !/^node:/.test(name) && !nodeBuiltins.has(name) && name !== 'playwright-core',
);
if (webStrays.length > 0) fail(`the web host requires modules that are not bundled: ${webStrays.join(', ')}`);

await cp(path.join(root, 'build', 'tray'), path.join(dist, 'tray'), { recursive: true }).catch((error) =>
  fail(`could not copy build/tray (run node build/make-icons.mjs): ${error.message}`),
);
await copyFile(path.join(root, 'build', 'icon.png'), path.join(dist, 'icon.png')).catch((error) =>
  fail(`could not copy build/icon.png (run node build/make-icons.mjs): ${error.message}`),
);

// pdf.js reads PDF papers' text in a worker thread that loads it as an ES module at run time
// (electron/backend/paperFiles/pdfText.ts looks beside the bundle first): the packaged app ships no node_modules.
for (const bundleDir of ['main', 'web']) {
  const pdfjsDir = path.join(dist, bundleDir, 'pdfjs');
  for (const file of ['pdf.mjs', 'pdf.worker.mjs']) {
    await cp(path.join(root, 'node_modules', 'pdfjs-dist', 'legacy', 'build', file), path.join(pdfjsDir, file)).catch(
      (error) => fail(`could not copy pdf.js's ${file}: ${error.message}`),
    );
  }
}

const size = (file) => `${Math.round(Buffer.byteLength(file) / 1024)} KiB`;
const shown = path.relative(root, dist) || '.';
console.log(
  `build-electron: ${shown}/main/main.cjs loading app.cjs (${size(mainText)}), ${shown}/preload/preload.cjs (${size(await readFile(preloadOut, 'utf8'))}), ${shown}/web/cli.cjs loading host.cjs (${size(await readFile(webOut, 'utf8'))}), ${shown}/icon.png`,
);
