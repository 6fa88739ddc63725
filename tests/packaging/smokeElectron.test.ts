/**
 * scripts/smoke-electron.mjs's own logic, without a real Electron: how it
 * decides a binary is present (never by loading the electron package), that
 * it says it did not run and exits 0 when there is none, what it counts as
 * the page reaching too far, and its check of a data folder after quit,
 * against the main process run on the fake electron.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE as STORE_LOCK_FILE } from '../../electron/backend/store/lock.ts';
import {
  findElectronBinary,
  LOCK_FILE,
  pageReachProblems,
  quitProblems,
  SCREENS,
} from '../../scripts/smoke-electron.mjs';
import { tempDir } from '../helpers/tempDir.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('finding the Electron binary without loading the electron package', () => {
  it('is absent without path.txt, or when path.txt names nothing under dist/, and present otherwise', async () => {
    const root = await tempDir('bk-smoke-');
    const packageDir = path.join(root, 'node_modules', 'electron');
    await mkdir(path.join(packageDir, 'dist'), { recursive: true });
    expect(findElectronBinary(root)).toMatchObject({
      found: false,
      reason: expect.stringMatching(/path\.txt is missing/),
    });
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toMatchObject({
      found: false,
      reason: expect.stringMatching(/which is not there/),
    });
    await writeFile(path.join(packageDir, 'path.txt'), '../../../../bin/sh');
    expect(findElectronBinary(root)).toMatchObject({
      found: false,
      reason: expect.stringMatching(/does not name a file/),
    });
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    await writeFile(path.join(packageDir, 'dist', 'electron'), '');
    await chmod(path.join(packageDir, 'dist', 'electron'), 0o755);
    expect(findElectronBinary(root)).toEqual({ found: true, executable: path.join(packageDir, 'dist', 'electron') });
  });

  it('here (no binary can be fetched) says it did not run, claims nothing, and exits 0', () => {
    expect(findElectronBinary(process.cwd()).found).toBe(false);
    const output = execFileSync(process.execPath, ['scripts/smoke-electron.mjs', '--no-build'], { encoding: 'utf8' });
    expect(output).toMatch(/^smoke:electron: DID NOT RUN\. node_modules\/electron\/path\.txt is missing/);
    expect(output).not.toMatch(/passed|\bok\b/i);
  });
});

describe('what the page may reach', () => {
  const clean = {
    globals: {
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
    },
    boardKeys: ['on', 'invoke'],
    otherBridges: [],
  };

  it('passes a page with only the preload bridge', () => {
    expect(pageReachProblems(clean)).toEqual([]);
  });

  it('fails a page with Node, a wider bridge or another bridge', () => {
    expect(pageReachProblems({ ...clean, globals: { ...clean.globals, require: 'function' } })).toEqual([
      'the page can reach `require` (function)',
    ]);
    expect(pageReachProblems({ ...clean, boardKeys: ['invoke', 'on', 'ipcRenderer'] })).toHaveLength(1);
    expect(pageReachProblems({ ...clean, boardKeys: [] })).toHaveLength(1);
    expect(pageReachProblems({ ...clean, otherBridges: ['electron'] })).toHaveLength(1);
  });

  it('opens every screen the app has', async () => {
    // Read as text: routes.ts is renderer code (DOM, React), outside this project's types.
    const routes = await readFile('renderer/src/app/routes.ts', 'utf8');
    const areas = routes.slice(routes.indexOf('AREAS = ['), routes.indexOf('] as const'));
    expect([...SCREENS]).toEqual([...areas.matchAll(/id: '([a-z]+)'/g)].map((match) => match[1]));
    expect(LOCK_FILE).toBe(STORE_LOCK_FILE);
  });
});

describe('the check of the data folder after quit, against main on the fake electron', () => {
  it('fails while the app holds the folder and passes once it has quit cleanly', async () => {
    vi.resetModules();
    vi.doMock('electron', () => import('../main/fakeElectron.ts'));
    const fake = await import('../main/fakeElectron.ts');
    const userData = await tempDir('bk-userdata-');
    const appRoot = await tempDir('bk-app-');
    await mkdir(path.join(appRoot, 'dist', 'renderer'), { recursive: true });
    await writeFile(path.join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Boardkeeper</title>');
    fake.app.paths.userData = userData;
    fake.app.appPath = appRoot;
    const dataDir = path.join(userData, 'data');
    vi.stubEnv('BOARD_DATA_DIR', dataDir);
    const main = await import('../../electron/main/main.ts');
    await main.started;
    await fake.ipcMain.invoke('settings:update', { boardName: 'Smoke board' });

    const running = quitProblems(dataDir);
    expect(running).toContain(`the lock ${LOCK_FILE} is still there`);
    // The change is journaled; the checkpoint comes 2 s later or at close.
    expect(running.join('\n')).toMatch(
      /there is no checkpoint|the checkpoint holds the journal up to 0, the journal goes to 1/,
    );

    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(quitProblems(dataDir)).toEqual([]);
  });

  it('fails a folder with no checkpoint at all', async () => {
    expect(quitProblems(await tempDir('bk-empty-'))).toEqual(['there is no checkpoint (db.json)']);
  });
});
