// Packs the app offline and checks the package, without an Electron binary:
//
//   1. builds main, preload and renderer (`npm run build`; --no-build skips it);
//   2. makes a stub `electronDist`: a folder whose `electron` file holds
//      Electron's fuse sentinel followed by Electron 45's fuse wire at its
//      shipped defaults (version byte 1, length byte 9, then one ASCII "0"/"1"
//      per fuse, as @electron/fuses reads it), so electron-builder's fuse
//      flipping runs for real and a missing, wrong or extra setting shows;
//   3. runs `electron-builder --linux dir --publish never` with that stub;
//   4. reads the whole wire back from the packed executable with @electron/fuses;
//   5. lists app.asar with @electron/asar: main, preload and the renderer's
//      index are there; no TypeScript sources, tests, source maps or node_modules;
//   6. pdf.js: the backend's copy is unpacked beside app.asar (asarUnpack) as
//      the build made it, and the backend's own lookup (pdfJsFiles, from the
//      bundle's folder inside app.asar) finds it there and reads a real PDF
//      with it; the renderer's pdf.js worker is in app.asar under the name its
//      reader chunk asks for.
//
// Exits non-zero with every failure listed. AppImage/deb/nsis/dmg need
// downloads, so electron-builder.yml as a whole is checked against the
// schema by tests/packaging instead. What a pass does not prove (launch,
// signing, sandbox, run-time behaviour) is printed with the result.
import asar from '@electron/asar';
import fuses from '@electron/fuses';
// The sentinel is not re-exported by the package's index; it is the string
// Electron's binary carries in front of its fuse wire.
import fuseConstants from '@electron/fuses/dist/constants.js';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { listPackage, extractFile } = asar;
const { FuseV1Options, getCurrentFuseWire } = fuses;
const { FuseState, SENTINEL } = fuseConstants;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const skipBuild = process.argv.includes('--no-build');
const keep = process.argv.includes('--keep');
// Anything after `--` goes to electron-builder, e.g. `-- -c.electronFuses.runAsNode=true`
// to see the check fail.
const dashDash = process.argv.indexOf('--');
const builderExtraArgs = dashDash === -1 ? [] : process.argv.slice(dashDash + 1);

/**
 * The whole fuse wire the packed executable must carry, by name (index in
 * the V1 wire, as @electron/fuses numbers them): the five electron-builder.yml
 * sets, and the others at Electron's defaults (EnableCookieEncryption
 * included: the app sets no cookies, and on unsigned macOS builds the fuse
 * only brings keychain prompts).
 */
const EXPECTED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: true,
};

/**
 * Electron 45's ninth fuse, WasmTrapHandlers (on by default), which
 * @electron/fuses 1.8 has no name for: it must come through untouched.
 */
const WASM_TRAP_HANDLERS = 8;

/**
 * Electron 45's shipped fuse wire (electron/build/fuses/fuses.json5): nine
 * fuses, each "0" or "1" in ASCII. The fuses we set start at the opposite of
 * what we want, so one that is not flipped fails the check.
 */
const STUB_WIRE = [
  FuseState.ENABLE, // RunAsNode
  FuseState.DISABLE, // EnableCookieEncryption
  FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
  FuseState.ENABLE, // EnableNodeCliInspectArguments
  FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
  FuseState.DISABLE, // OnlyLoadAppFromAsar
  FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
  FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
  FuseState.ENABLE, // WasmTrapHandlers
];

/** What this check cannot tell, said with every result so a pass is not read as more. */
const NOT_PROVEN = [
  'that the app launches: the executable is a stub, not Electron (npm run smoke:electron does that where a binary can be fetched);',
  'signing: macOS ad-hoc signing and entitlements, Windows signing (only electron-builder.yml is checked, by tests/packaging);',
  "the Chromium sandbox and AppArmor on Linux (the .deb's profile is installed at install time, not here);",
  'run-time behaviour: notifications, tray, menus, printing, permissions, shutdown;',
  'the AppImage, deb, nsis and dmg targets themselves (they need downloads).',
];

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  if (result.status !== 0) {
    console.error(`pack-check: FAILED: \`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}`);
    process.exit(1);
  }
}

/** A stand-in for Electron's Linux distribution folder. */
async function makeStubElectronDist(dir) {
  await mkdir(dir, { recursive: true });
  const wire = Buffer.from([1, STUB_WIRE.length, ...STUB_WIRE]); // version 1, length, fuses
  const padding = Buffer.alloc(64, 0);
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub electron for pack-check"\nexit 1\n'),
    padding,
    Buffer.from(SENTINEL, 'ascii'),
    wire,
    padding,
  ]);
  await writeFile(path.join(dir, 'electron'), executable);
  await chmod(path.join(dir, 'electron'), 0o755);
  await writeFile(
    path.join(dir, 'version'),
    JSON.parse(await readFile(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version,
  );
  await writeFile(path.join(dir, 'LICENSE'), 'stub\n');
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  await mkdir(path.join(dir, 'locales'), { recursive: true });
}

function fuseName(index) {
  return FuseV1Options[index];
}

async function checkFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  const lines = [];
  const length = Object.keys(wire).filter((key) => /^\d+$/.test(key)).length;
  check(length === STUB_WIRE.length, `the fuse wire has ${length} fuses, expected Electron 45's ${STUB_WIRE.length}`);
  const wasm = wire[WASM_TRAP_HANDLERS];
  lines.push(
    `  ${check(wasm === FuseState.ENABLE, `fuse WasmTrapHandlers changed to state ${wasm}`) ? 'ok  ' : 'FAIL'} WasmTrapHandlers (index ${WASM_TRAP_HANDLERS}): ${wasm === FuseState.ENABLE ? 'on' : `state ${wasm}`}`,
  );
  for (const [name, wanted] of Object.entries(EXPECTED_FUSES)) {
    const index = FuseV1Options[name];
    const state = wire[index];
    const want = wanted ? FuseState.ENABLE : FuseState.DISABLE;
    const label = state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : `state ${state}`;
    lines.push(
      `  ${check(state === want, `fuse ${name} is ${label}, expected ${wanted ? 'on' : 'off'}`) ? 'ok  ' : 'FAIL'} ${fuseName(index)}: ${label}`,
    );
  }
  return lines;
}

async function checkAsar(asarFile) {
  const entries = listPackage(asarFile, { isPack: false }).map((entry) => entry.split(path.sep).join('/'));
  const files = new Set(entries);
  for (const required of [
    '/package.json',
    '/dist/main/main.cjs',
    '/dist/main/app.cjs',
    '/dist/preload/preload.cjs',
    '/dist/renderer/index.html',
    '/dist/tray/trayTemplate.png',
    '/dist/tray/trayTemplate@2x.png',
    '/dist/tray/tray.ico',
  ]) {
    check(files.has(required), `app.asar lacks ${required}`);
  }
  const forbidden = [
    [/\.(ts|tsx|mts|cts)$/, 'TypeScript source'],
    [/\.map$/, 'source map'],
    [/^\/tests?\//, 'test file'],
    [/\.test\.[cm]?[jt]sx?$/, 'test file'],
    [/\/node_modules\//, 'node_modules'],
    [/^\/(electron|renderer|shared|scripts|build|docs|\.ci)\//, 'project source folder'],
  ];
  for (const entry of entries) {
    for (const [pattern, what] of forbidden) {
      if (pattern.test(entry)) check(false, `app.asar contains a ${what}: ${entry}`);
    }
  }
  // Every script the renderer loads, at once or on first visit of an area (its lazy chunks), is packed:
  // a chunk left out would fail only when a person first opens that screen, offline.
  const html = extractFile(asarFile, 'dist/renderer/index.html').toString('utf8');
  const entry = /<script[^>]*\ssrc="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  check(entry !== undefined && files.has(`/dist/renderer/${entry}`), `app.asar lacks the renderer's entry script`);
  if (entry !== undefined && files.has(`/dist/renderer/${entry}`)) {
    const script = extractFile(asarFile, `dist/renderer/${entry}`).toString('utf8');
    const chunks = new Set([...script.matchAll(/"\.\/([\w.-]+\.(?:js|mjs|css))"/g)].map((m) => m[1]));
    check(chunks.size > 1, `the renderer's entry names no chunks to load later (${entry})`);
    for (const chunk of chunks) {
      check(files.has(`/dist/renderer/assets/${chunk}`), `app.asar lacks the renderer chunk assets/${chunk}`);
    }
  }
  const manifest = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8'));
  check(manifest.main === 'dist/main/main.cjs', `package.json in app.asar has main ${JSON.stringify(manifest.main)}`);
  return entries;
}

/**
 * pdf.js in the packed output: the backend's two files unpacked beside app.asar, byte for byte the build's,
 * found by the backend's own lookup and reading a PDF there (run with tsx on the sources: the lookup is the
 * same function the bundle runs); the renderer's worker in app.asar, named as its reader chunk asks.
 */
async function checkPdfJs(resources, entries) {
  const unpackedDir = path.join(resources, 'app.asar.unpacked', 'dist', 'main', 'pdfjs');
  for (const file of ['pdf.mjs', 'pdf.worker.mjs']) {
    const packed = path.join(unpackedDir, file);
    if (!check(existsSync(packed), `pdf.js's ${file} is not unpacked beside app.asar (${packed})`)) continue;
    const built = await readFile(path.join(root, 'dist', 'main', 'pdfjs', file));
    check(
      Buffer.compare(await readFile(packed), built) === 0,
      `the unpacked ${file} differs from dist/main/pdfjs/${file}`,
    );
  }
  const script = `
    import { pdfJsFiles, readPdfText } from './electron/backend/paperFiles/pdfText.ts';
    import { makePdf } from './tests/helpers/paperFileMakers.ts';
    const files = pdfJsFiles(${JSON.stringify(path.join(resources, 'app.asar', 'dist', 'main'))});
    const reading = await readPdfText(await makePdf([['Packed pdf.js reads this page']]), { maxPages: 5, files });
    console.log(JSON.stringify({ files, text: reading.ok ? reading.pages[0] : reading.problem }));`;
  const read = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  const answer = read.status === 0 ? JSON.parse(read.stdout.trim().split('\n').at(-1) ?? '{}') : null;
  if (check(answer !== null, `reading a PDF with the packed pdf.js failed: ${read.stderr}`)) {
    check(
      answer.files.pdf === path.join(unpackedDir, 'pdf.mjs') &&
        answer.files.worker === path.join(unpackedDir, 'pdf.worker.mjs'),
      `the backend looks for pdf.js at ${answer.files.pdf}, not beside app.asar in ${unpackedDir}`,
    );
    check(/Packed pdf\.js reads this page/.test(answer.text), `the packed pdf.js read ${JSON.stringify(answer.text)}`);
  }
  const worker = entries.find((e) => /^\/dist\/renderer\/assets\/pdf\.worker\.min-[^/]+\.mjs$/.test(e));
  const reader = entries.find((e) => /^\/dist\/renderer\/assets\/PdfReader-[^/]+\.js$/.test(e));
  if (
    check(worker !== undefined && reader !== undefined, "app.asar lacks the renderer's pdf.js worker or reader chunk")
  ) {
    const chunk = extractFile(path.join(resources, 'app.asar'), reader.slice(1)).toString('utf8');
    check(
      chunk.includes(path.posix.basename(worker)),
      `the reader chunk does not ask for ${path.posix.basename(worker)}`,
    );
  }
  return [`  backend: ${unpackedDir}`, `  renderer: ${worker} (asked for by ${reader})`];
}

const work = await mkdtemp(path.join(tmpdir(), 'boardkeeper-pack-'));
try {
  if (!skipBuild) run('npm', ['run', 'build']);
  const stub = path.join(work, 'electron-dist');
  const out = path.join(work, 'release');
  await makeStubElectronDist(stub);
  run(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${out}`,
      ...builderExtraArgs,
    ],
    { env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );

  const unpacked = path.join(out, 'linux-unpacked');
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const executable = path.join(unpacked, manifest.name);
  const fuseLines = await checkFuses(executable);
  const entries = await checkAsar(path.join(unpacked, 'resources', 'app.asar'));
  const pdfLines = await checkPdfJs(path.join(unpacked, 'resources'), entries);

  console.log('\npack-check: fuses in the packed executable');
  console.log(fuseLines.join('\n'));
  console.log(`pack-check: app.asar holds ${entries.length} entries:`);
  console.log(entries.map((e) => `  ${e}`).join('\n'));
  console.log('pack-check: pdf.js');
  console.log(pdfLines.join('\n'));
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  if (keep) console.log(`pack-check: kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

const notProven = `pack-check: this does NOT prove:\n${NOT_PROVEN.map((line) => `  - ${line}`).join('\n')}`;
if (failures.length > 0) {
  console.error(`\npack-check: FAILED (${failures.length})`);
  for (const failure of failures) console.error(`  - ${failure}`);
  console.error(notProven);
  process.exit(1);
}
console.log(
  "\npack-check: OK: the fuse wire is as electron-builder.yml says; app.asar has main, preload and renderer, and no sources, tests or maps; pdf.js is unpacked beside it and reads a PDF from there, and the renderer's pdf.js worker is in it.",
);
console.log(notProven);
