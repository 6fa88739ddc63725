import { describe, expect, it } from 'vitest';
import {
  aboutDialog,
  backupDoneDialog,
  backupFailedDialog,
  startFailureDialog,
  storeProblemDialog,
} from '../../electron/main/dialogs.ts';
import type { StoreStatus } from '../../shared/contract/storeTypes.ts';

const ready: StoreStatus = {
  status: 'ready',
  dataDir: '/home/clerk/.config/Boardkeeper/data',
  seq: 4,
  hash: 'a'.repeat(64),
  checkpointSeq: 4,
  schemaVersion: 1,
  warnings: [],
};

const failed: StoreStatus = {
  ...ready,
  status: 'failed',
  problem: {
    code: 'corrupt_checkpoint',
    message: 'The data file db.json could not be read: it is not valid JSON.',
    file: 'db.json',
    asideCopy: 'db.json.corrupt-2026-11-27T09-00-00-000Z',
    recovery: ['restoreNewestBackup', 'openDataFolder', 'quit'],
    newestBackup: {
      id: '2026-11-26T18-00-00-000Z',
      createdAt: '2026-11-26T18:00:00.000Z',
      reason: 'start',
      seq: 3,
      bytes: 900,
    },
  },
};

describe('storeProblemDialog', () => {
  it('shows nothing for a ready store', () => {
    expect(storeProblemDialog(ready)).toBeNull();
  });

  it('says what is wrong, where the copy is, and offers the folder and quitting', () => {
    const dialog = storeProblemDialog(failed);
    expect(dialog?.choices).toEqual(['continue', 'openDataFolder', 'quit']);
    expect(dialog?.options.buttons).toEqual(['Continue', 'Open data folder', 'Quit']);
    expect(dialog?.options.message).toBe(failed.problem?.message);
    expect(dialog?.options.detail).toContain('db.json.corrupt-2026-11-27T09-00-00-000Z');
    expect(dialog?.options.detail).toContain(ready.dataDir);
    expect(dialog?.options.detail).toContain('restore the newest backup (2026-11-26T18:00:00.000Z)');
    // Escape or closing the box means Continue, never Quit.
    expect(dialog?.options.cancelId).toBe(0);
  });

  it('offers only the recovery the store allows', () => {
    const locked: StoreStatus = {
      ...failed,
      problem: { code: 'io_error', message: 'The data folder cannot be read.', recovery: ['quit'] },
    };
    expect(storeProblemDialog(locked)?.choices).toEqual(['continue', 'quit']);
    expect(storeProblemDialog(locked)?.options.detail).toContain('Until this is fixed nothing will be saved.');
  });
});

describe('the other dialogs', () => {
  it('names the holder of the lock when the app cannot start', () => {
    const dialog = startFailureDialog('/data', 'The data folder /data is already open in a web host (process 12).');
    expect(dialog.options.detail).toContain('already open in a web host');
    expect(dialog.choices).toEqual(['quit', 'openDataFolder']);
  });

  it('says where a backup went, or why it failed', () => {
    const backup = { id: '2026-11-27T10-00-00-000Z', createdAt: '', reason: 'manual' as const, seq: 9, bytes: 1 };
    expect(backupDoneDialog(backup, '/data').detail).toContain('backups/2026-11-27T10-00-00-000Z');
    expect(backupFailedDialog('The disk is full.').detail).toContain('The disk is full.');
  });

  it('shows the version and data folder in About', () => {
    const about = aboutDialog({ version: '0.1.0', electron: '45.5.0', dataDir: '/data' });
    expect(about.message).toBe('Boardkeeper 0.1.0');
    expect(about.detail).toContain('Data folder: /data');
  });
});
