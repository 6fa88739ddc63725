// A smoke test of the real desktop app, for a machine that has Electron's
// binary (`npm run smoke:electron`). Everywhere else the shell is tested
// against a fake `electron` (tests/main) and packaging offline
// (`npm run pack:check`); neither launches Electron. This does:
//
//   1. decides whether a real binary is present WITHOUT require('electron')
//      (that starts a download attempt and throws where it cannot fetch):
//      node_modules/electron/path.txt must exist and name a file under
//      node_modules/electron/dist/. When it does not, it says that it did not
//      run and why, and exits 0: it never claims a pass it did not make;
//   2. builds (`npm run build`; --no-build skips it);
//   3. launches the app with playwright-core's Electron support, under Xvfb on
//      Linux when there is no display, with a temporary data folder
//      (BOARD_DATA_DIR) and, on Linux, a temporary XDG_CONFIG_HOME (userData);
//   4. checks what the page can reach: no `require`, no `process`, no
//      `module`, and `window.board` with only the preload's `invoke` and `on`;
//   5. loads the sample board, opens each screen and saves a screenshot;
//   6. exports the conditions report as PDF through the real printer (the
//      save dialog is answered from main);
//   7. shows a system notification and reports what the system did with it;
//   8. quits the way a person does and checks the data folder: lock released,
//      last checkpoint written (its journal position is the last entry's).
//
//   node scripts/smoke-electron.mjs [--no-build] [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The screens of the app, as renderer/src/app/routes.ts names them (a test keeps the two equal). */
export const SCREENS = [
  'dashboard',
  'meetings',
  'papers',
  'members',
  'decisions',
  'conditions',
  'deadlines',
  'contracts',
  'documents',
  'settings',
];

/** The data folder's lock file (electron/backend/store/lock.ts LOCK_FILE). */
export const LOCK_FILE = 'boardkeeper.lock';

/**
 * Whether Electron's binary is present under `root`/node_modules/electron,
 * found as the electron package itself finds it (path.txt names the
 * executable inside dist/), but without loading that package.
 */
export function findElectronBinary(root) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      found: false,
      reason: `${path.relative(root, pathFile)} is missing: Electron's install script has not fetched the binary (it needs the network).`,
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = path.join(packageDir, 'dist');
  const executable = path.resolve(dist, relative);
  if (relative === '' || !executable.startsWith(dist + path.sep)) {
    return {
      found: false,
      reason: `${path.relative(root, pathFile)} does not name a file under node_modules/electron/dist/.`,
    };
  }
  if (!existsSync(executable) || !statSync(executable).isFile()) {
    return {
      found: false,
      reason: `${path.relative(root, pathFile)} names ${path.relative(root, executable)}, which is not there (an interrupted download?).`,
    };
  }
  return { found: true, executable };
}

/**
 * What the page could reach that it must not, from a report of `typeof` each
 * Node global and the keys of `window.board`. Empty when all is well.
 */
export function pageReachProblems(report) {
  const problems = [];
  for (const name of ['require', 'process', 'module', 'Buffer', 'global']) {
    if (report.globals[name] !== 'undefined') problems.push(`the page can reach \`${name}\` (${report.globals[name]})`);
  }
  const keys = [...report.boardKeys].sort();
  if (keys.join(',') !== 'invoke,on') {
    problems.push(`window.board has ${keys.length === 0 ? 'nothing' : keys.join(', ')}; expected only invoke and on`);
  }
  for (const name of report.otherBridges)
    problems.push(`the page has window.${name}, which the preload does not expose`);
  return problems;
}

/**
 * What is wrong with `dataDir` after the app quit: a lock left behind, no
 * checkpoint, or a checkpoint behind the journal (the last one not written).
 */
export function quitProblems(dataDir) {
  const problems = [];
  if (existsSync(path.join(dataDir, LOCK_FILE))) problems.push(`the lock ${LOCK_FILE} is still there`);
  const checkpointFile = path.join(dataDir, 'db.json');
  if (!existsSync(checkpointFile)) return [...problems, 'there is no checkpoint (db.json)'];
  let checkpointSeq;
  try {
    checkpointSeq = JSON.parse(readFileSync(checkpointFile, 'utf8')).journal?.seq;
  } catch (error) {
    return [...problems, `db.json cannot be read: ${error instanceof Error ? error.message : String(error)}`];
  }
  const lastSeq = lastJournalSeq(path.join(dataDir, 'journal'));
  if (checkpointSeq !== lastSeq) {
    problems.push(`the checkpoint holds the journal up to ${checkpointSeq}, the journal goes to ${lastSeq}`);
  }
  return problems;
}

/** The seq of the journal's last entry (0 when empty). */
function lastJournalSeq(journalDir) {
  if (!existsSync(journalDir)) return 0;
  const segments = readdirSync(journalDir)
    .filter((name) => /^\d+\.jsonl$/.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const last = segments.at(-1);
  if (last === undefined) return 0;
  const lines = readFileSync(path.join(journalDir, last), 'utf8').split('\n').filter(Boolean);
  const line = lines.at(-1);
  return line === undefined ? 0 : JSON.parse(line).seq;
}

/** Runs the smoke test against `executable`; returns the failures (empty on a pass). */
async function runSmoke(root, executable, outDir, build) {
  const failures = [];
  const step = async (name, action) => {
    try {
      const note = await action();
      console.log(`  ok   ${name}${note ? `: ${note}` : ''}`);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`  FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (build) {
    const built = spawnSync('npm', ['run', 'build'], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (built.status !== 0) return [`npm run build exited with ${built.status}`];
  }
  const { _electron } = await import('playwright-core');
  const work = await mkdtemp(path.join(tmpdir(), 'boardkeeper-smoke-'));
  const dataDir = path.join(work, 'data');
  const env = { ...process.env, BOARD_DATA_DIR: dataDir, XDG_CONFIG_HOME: path.join(work, 'config') };
  let xvfb = null;
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    xvfb = spawn('Xvfb', [':97', '-screen', '0', '1366x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    xvfb.on('error', () => undefined);
    env.DISPLAY = ':97';
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (xvfb.exitCode !== null) return ['there is no display and Xvfb could not be started (install xvfb)'];
  }
  let electronApp;
  try {
    electronApp = await _electron.launch({ executablePath: executable, args: [root], env, timeout: 60_000 });
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    await step('the page reaches only the preload bridge', async () => {
      const report = await page.evaluate(() => ({
        globals: Object.fromEntries(
          ['require', 'process', 'module', 'Buffer', 'global'].map((name) => [name, typeof globalThis[name]]),
        ),
        boardKeys: Object.keys(globalThis.board ?? {}),
        otherBridges: ['electron', 'ipcRenderer', 'api', 'node'].filter((name) => name in globalThis),
      }));
      const problems = pageReachProblems(report);
      if (problems.length > 0) throw new Error(problems.join('; '));
    });

    await step('the sample board loads', async () => {
      const answer = await page.evaluate(() => globalThis.board.invoke('sample:load', {}));
      if (!answer.ok) throw new Error(answer.error.message);
    });

    await step('each screen opens (screenshots)', async () => {
      await mkdir(outDir, { recursive: true });
      for (const screen of SCREENS) {
        await page.evaluate((hash) => {
          globalThis.location.hash = hash;
        }, `#/${screen}`);
        await page.waitForTimeout(400);
        // The shell's <main> holds each screen; an empty one is a screen that failed to render.
        const text = await page.locator('main').first().innerText({ timeout: 5_000 });
        if (text.trim() === '') throw new Error(`#/${screen} shows an empty page`);
        await page.screenshot({ path: path.join(outDir, `${screen}.png`) });
      }
      return `${SCREENS.length} screens in ${outDir}`;
    });

    await step('a PDF is exported through the real printer', async () => {
      const pdfPath = path.join(outDir, 'conditions-report.pdf');
      await electronApp.evaluate(({ dialog }, file) => {
        dialog.showSaveDialog = async () => ({ canceled: false, filePath: file });
      }, pdfPath);
      const answer = await page.evaluate(() =>
        globalThis.board.invoke('documents:save', { document: 'conditionsReport', format: 'pdf' }),
      );
      if (!answer.ok) throw new Error(answer.error.message);
      const head = readFileSync(pdfPath).subarray(0, 5).toString('latin1');
      if (head !== '%PDF-') throw new Error(`${pdfPath} does not start with %PDF-`);
      return `${statSync(pdfPath).size} bytes`;
    });

    await step('a system notification', async () =>
      electronApp.evaluate(({ Notification }) => {
        if (!Notification.isSupported())
          return 'not supported here (no notification server): the in-app list is the path';
        return new Promise((resolve, reject) => {
          const notification = new Notification({ title: 'Boardkeeper smoke test', body: 'A test notification.' });
          notification.on('show', () => resolve('shown'));
          notification.on('failed', (_event, error) => reject(new Error(`failed: ${error}`)));
          setTimeout(() => resolve('no show event within 5 s (some servers send none)'), 5_000);
          notification.show();
        });
      }),
    );

    await step('it quits cleanly: lock released, last checkpoint written', async () => {
      const exited = new Promise((resolve) => electronApp.process().once('exit', resolve));
      await electronApp.evaluate(({ app }) => app.quit());
      await Promise.race([
        exited,
        new Promise((_, reject) => setTimeout(() => reject(new Error('did not exit in 30 s')), 30_000)),
      ]);
      electronApp = null;
      const problems = quitProblems(dataDir);
      if (problems.length > 0) throw new Error(problems.join('; '));
    });
  } catch (error) {
    failures.push(`launch: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await electronApp?.close().catch(() => undefined);
    xvfb?.kill();
  }
  await writeFile(path.join(outDir, 'failures.txt'), failures.join('\n') + '\n').catch(() => undefined);
  return failures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outFlag = process.argv.indexOf('--out');
  const outDir = path.resolve(
    outFlag === -1 ? path.join(tmpdir(), `boardkeeper-smoke-${Date.now()}`) : (process.argv[outFlag + 1] ?? ''),
  );
  const binary = findElectronBinary(root);
  if (!binary.found) {
    console.log(`smoke:electron: DID NOT RUN. ${binary.reason}`);
    console.log(
      'smoke:electron: nothing was launched and nothing is claimed. On a machine that can fetch Electron, run `npm ci` (or `node node_modules/electron/install.js`) and then `npm run smoke:electron`.',
    );
    process.exit(0);
  }
  console.log(`smoke:electron: launching ${binary.executable}`);
  const failures = await runSmoke(root, binary.executable, outDir, !process.argv.includes('--no-build'));
  if (failures.length > 0) {
    console.error(`smoke:electron: FAILED (${failures.length})`);
    for (const failure of failures) console.error(`  - ${failure}`);
    process.exit(1);
  }
  console.log(`smoke:electron: passed every step; screenshots and the PDF are in ${outDir}.`);
}
