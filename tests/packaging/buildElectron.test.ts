/**
 * The bundles as they ship: scripts/build-electron.mjs builds main and
 * preload into a temp folder, and plain Node loads them as CommonJS with the
 * fake electron (bundled from tests/main/fakeElectron.ts) standing in for
 * Electron. This catches what type checks and source-level tests cannot: an
 * ESM-only dependency (lowdb) that does not survive conversion to CJS, code
 * that needs import.meta, a preload that requires more than 'electron'.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let work: string;

// One folder for the whole file (tests/helpers/tempDir removes its folders after each test).
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'bk-bundle-'));
  execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', path.join(work, 'app', 'dist')], {
    stdio: 'pipe',
  });
  await mkdir(path.join(work, 'app', 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(work, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>Bundled</title>');
  // require('electron') from the bundles resolves to the fake, one folder up.
  await build({
    entryPoints: ['tests/main/fakeElectron.ts'],
    outfile: path.join(work, 'node_modules', 'electron', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs a CommonJS script in a fresh Node process and returns its last line as JSON. */
async function runScript(name: string, source: string): Promise<unknown> {
  const file = path.join(work, name);
  await writeFile(file, source);
  const output = execFileSync(process.execPath, [file], {
    cwd: work,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last);
}

describe('the built bundles', () => {
  it('main.cjs starts, serves the page, answers over IPC with the real store, and quits cleanly', async () => {
    const result = await runScript(
      'run-main.cjs',
      `
      const path = require('node:path');
      const fake = require('electron');
      fake.app.paths.userData = path.join(__dirname, 'userData');
      fake.app.appPath = path.join(__dirname, 'app');
      const main = require('./app/dist/main/main.cjs');
      main.started.then(async () => {
        const update = await fake.ipcMain.invoke('settings:update', { boardName: 'Bundled board' });
        const page = await fake.protocol.fetch('app://bundle/index.html');
        fake.app.quit();
        while (!fake.app.quitting) await new Promise((resolve) => setTimeout(resolve, 10));
        const fs = require('node:fs');
        console.log(JSON.stringify({
          update,
          status: page.status,
          csp: page.headers.get('content-security-policy'),
          windows: fake.BrowserWindow.instances.length,
          preload: fake.BrowserWindow.instances[0].options.webPreferences.preload,
          checkpoint: fs.readFileSync(path.join(__dirname, 'userData', 'data', 'db.json'), 'utf8').includes('Bundled board'),
        }));
      });
      `,
    );
    expect(result).toMatchObject({
      update: { ok: true, value: { boardName: 'Bundled board' } },
      status: 200,
      csp: expect.stringContaining("default-src 'none'"),
      windows: 1,
      preload: path.join(work, 'app', 'dist', 'preload', 'preload.cjs'),
      checkpoint: true,
    });
  });

  it('preload.cjs exposes window.board and requires nothing but electron', async () => {
    const result = await runScript(
      'run-preload.cjs',
      `
      const Module = require('node:module');
      const required = [];
      const original = Module.prototype.require;
      Module.prototype.require = function (id) { required.push(id); return original.call(this, id); };
      const fake = require('electron');
      required.length = 0;
      require('./app/dist/preload/preload.cjs');
      const board = fake.contextBridge.exposed.get('board');
      board.invoke('no:such', {}).then((refused) => {
        console.log(JSON.stringify({ required, keys: Object.keys(board).sort(), refused }));
      });
      `,
    );
    expect(result).toEqual({
      required: ['./app/dist/preload/preload.cjs', 'electron'],
      keys: ['invoke', 'on'],
      refused: { ok: false, error: { code: 'unknown_channel', message: 'There is no channel named "no:such".' } },
    });
  });

  it('main.cjs is a small loader of app.cjs; app.cjs has no import.meta and no source map of tests', async () => {
    const loader = await readFile(path.join(work, 'app', 'dist', 'main', 'main.cjs'), 'utf8');
    expect(loader.length).toBeLessThan(20_000);
    expect(loader).toContain('app.cjs');
    const main = await readFile(path.join(work, 'app', 'dist', 'main', 'app.cjs'), 'utf8');
    expect(main).not.toMatch(/\bimport\.meta\b/);
    const map: unknown = JSON.parse(await readFile(path.join(work, 'app', 'dist', 'main', 'app.cjs.map'), 'utf8'));
    expect(map).toHaveProperty('sources');
    const sources = typeof map === 'object' && map !== null && 'sources' in map ? map.sources : [];
    expect(Array.isArray(sources) && sources.some((source) => String(source).includes('tests/'))).toBe(false);
  });
});
