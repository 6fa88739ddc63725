import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFiles, resolveDataDir, userDataFiles } from '../../electron/main/dataLocations.ts';
import { createErrorLog } from '../../electron/main/errorLog.ts';
import { readFile } from 'node:fs/promises';
import { tempDir } from '../helpers/tempDir.ts';

describe('resolveDataDir', () => {
  const userData = path.join(path.sep, 'home', 'clerk', '.config', 'Boardkeeper');

  it('is <userData>/data by default', () => {
    expect(resolveDataDir({}, userData)).toBe(path.join(userData, 'data'));
    expect(resolveDataDir({ BOARD_DATA_DIR: '  ' }, userData)).toBe(path.join(userData, 'data'));
  });

  it('is BOARD_DATA_DIR when set, made absolute', () => {
    expect(resolveDataDir({ BOARD_DATA_DIR: '/srv/board' }, userData)).toBe(path.resolve('/srv/board'));
    expect(resolveDataDir({ BOARD_DATA_DIR: 'relative/board' }, userData)).toBe(path.resolve('relative/board'));
  });
});

describe('file locations', () => {
  it('finds the built bundle inside the app folder or app.asar', () => {
    const files = appFiles('/opt/Boardkeeper/resources/app.asar');
    expect(files.rendererRoot).toBe(path.join('/opt/Boardkeeper/resources/app.asar', 'dist', 'renderer'));
    expect(files.preload).toBe(path.join('/opt/Boardkeeper/resources/app.asar', 'dist', 'preload', 'preload.cjs'));
  });

  it('keeps its own files in userData beside, not inside, the data folder', () => {
    const files = userDataFiles('/u');
    expect(path.dirname(files.windowState)).toBe(path.resolve('/u'));
    expect(files.errorLog.startsWith(path.join('/u', 'data'))).toBe(false);
  });
});

describe('createErrorLog', () => {
  it('appends where and what to the log file', async () => {
    const file = path.join(await tempDir('bk-log-'), 'logs', 'main.log');
    const log = createErrorLog(file, () => new Date('2026-11-27T09:00:00Z'));
    const quiet = console.error;
    console.error = () => undefined;
    try {
      log('backUpNow', new Error('disk full'));
      log('openPath', 'no file manager');
    } finally {
      console.error = quiet;
    }
    const text = await readFile(file, 'utf8');
    expect(text).toContain('2026-11-27T09:00:00.000Z [backUpNow] Error: disk full');
    expect(text).toContain('[openPath] no file manager');
  });
});
