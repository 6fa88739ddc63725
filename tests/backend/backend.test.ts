import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, defaultDataDir, type Backend } from '../../electron/backend/backend.ts';
import { call as dispatch, dispatch as dispatchUntyped } from '../../electron/backend/dispatch.ts';
import { openStore } from '../../electron/backend/store/store.ts';
import type { EventPayloads } from '../../shared/contract/api.ts';
import { tempDir } from '../helpers/tempDir.ts';

const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function backendAt(dataDir: string, quit: () => void = () => undefined): Promise<Backend> {
  const backend = await openBackend({
    dataDir,
    platform: { openPath: async () => false, quit },
    checkpointQuietMs: 60_000,
    logError: () => undefined,
  });
  open.push(backend);
  return backend;
}

describe('backend over the contract', () => {
  it('updates settings, names the actor in the audit trail, and pushes data:changed', async () => {
    const backend = await backendAt(await tempDir());
    const events: Array<EventPayloads['data:changed']> = [];
    backend.on('data:changed', (e) => events.push(e));
    const result = await dispatch(backend.handlers, 'settings:update', {
      boardName: 'Policing Oversight Board',
      localUserName: 'Board secretary',
    });
    expect(result).toMatchObject({ ok: true, value: { boardName: 'Policing Oversight Board' } });
    expect(events).toEqual([{ seq: 1, targets: ['settings'] }]);
    const audit = await dispatch(backend.handlers, 'audit:list', { page: 0, pageSize: 10 });
    expect(audit).toMatchObject({
      ok: true,
      value: {
        total: 1,
        entries: [
          {
            seq: 1,
            actor: 'Board secretary',
            summary: 'Changed settings: board name to “Policing Oversight Board”, local user name to “Board secretary”',
            changes: [{ target: 'settings', kind: 'updated' }],
          },
        ],
      },
    });
  });

  it('answers invalid input with the field named, and changes nothing', async () => {
    const backend = await backendAt(await tempDir());
    const cases: Array<[unknown, string, RegExp]> = [
      [{ boardName: '' }, 'boardName', /required/],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /not a known time zone/],
      [{ boardName: 42 }, 'boardName', /string/i],
      [{ colour: 'red' }, '(input)', /colour/],
    ];
    for (const [input, field, message] of cases) {
      const result = await dispatchUntyped(backend.handlers, 'settings:update', input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.details?.issues?.[0]?.field).toBe(field);
      expect(result.error.details?.issues?.[0]?.message + result.error.message).toMatch(message);
    }
    expect(backend.status().seq).toBe(0);
  });

  it('pages the audit trail newest first', async () => {
    const backend = await backendAt(await tempDir());
    for (let i = 1; i <= 7; i++) await dispatch(backend.handlers, 'settings:update', { boardName: `Board ${i}` });
    const page1 = await dispatch(backend.handlers, 'audit:list', { page: 1, pageSize: 3 });
    expect(page1.ok && page1.value.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
    const page2 = await dispatch(backend.handlers, 'audit:list', { page: 2, pageSize: 3 });
    expect(page2.ok && page2.value.entries.map((e) => e.seq)).toEqual([1]);
  });

  it('recovers from a corrupt checkpoint by restoring the newest backup, keeping the damaged files', async () => {
    const dir = await tempDir();
    const first = await backendAt(dir);
    await dispatch(first.handlers, 'settings:update', { boardName: 'Before the backup' });
    const made = await dispatch(first.handlers, 'backups:create', {});
    expect(made).toMatchObject({ ok: true, value: { reason: 'manual', seq: 1 } });
    await first.close();
    // A damaged checkpoint alone is rebuilt from the journal; with the journal gone too, nothing can rebuild it.
    await writeFile(join(dir, 'db.json'), '{"format":"boardkeeper.checkpoint","journal":');
    await rm(join(dir, 'journal', '000000000001.jsonl'));

    const second = await backendAt(dir);
    expect(second.status()).toMatchObject({
      status: 'failed',
      problem: { code: 'chain_broken', newestBackup: { reason: 'manual' } },
    });
    expect(second.status().problem?.message).toMatch(/journal ends at entry 0, but entry 1 was written/);
    const refused = await dispatch(second.handlers, 'settings:update', { boardName: 'Lost?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
    const statusEvents: string[] = [];
    second.on('store:status', (s) => statusEvents.push(s.status));

    const restored = await dispatch(second.handlers, 'backups:restore', { id: 'newest' });
    expect(restored).toMatchObject({ ok: true, value: { status: 'ready', seq: 1 } });
    expect(statusEvents).toEqual(['ready']);
    expect(await dispatch(second.handlers, 'settings:get', {})).toMatchObject({
      ok: true,
      value: { boardName: 'Before the backup' },
    });
    // The damaged checkpoint was moved aside, not deleted.
    const replaced = await readdir(join(dir, 'replaced'));
    expect(await readFile(join(dir, 'replaced', replaced[0]!, 'db.json'), 'utf8')).toBe(
      '{"format":"boardkeeper.checkpoint","journal":',
    );
    // Writing works again, and the backup itself is untouched by it.
    await dispatch(second.handlers, 'settings:update', { boardName: 'After the restore' });
    const backups = await dispatch(second.handlers, 'backups:list', {});
    const manual = backups.ok ? backups.value.find((b) => b.reason === 'manual') : undefined;
    const backupJournal = await readFile(join(dir, 'backups', manual!.id, 'journal', '000000000001.jsonl'), 'utf8');
    expect(backupJournal).not.toContain('After the restore');
  });

  it('says when there is no backup to restore', async () => {
    const backend = await backendAt(await tempDir());
    expect(await dispatch(backend.handlers, 'backups:restore', { id: 'newest' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no backup to restore yet.' },
    });
    expect(await dispatch(backend.handlers, 'backups:restore', { id: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ field: 'id' }] } },
    });
  });

  it('asks the platform to open the data folder and to quit', async () => {
    const dir = await tempDir();
    let quit = 0;
    const backend = await backendAt(dir, () => quit++);
    expect(await dispatch(backend.handlers, 'store:openDataFolder', {})).toEqual({
      ok: true,
      value: { path: dir, opened: false },
    });
    expect(await dispatch(backend.handlers, 'app:quit', {})).toEqual({ ok: true, value: { quitting: true } });
    await new Promise((r) => setTimeout(r, 50));
    expect(quit).toBe(1);
  });

  it('uses BOARD_DATA_DIR, else the per-user folder Electron would use', () => {
    expect(defaultDataDir({ BOARD_DATA_DIR: '/srv/board' }, 'linux')).toBe('/srv/board');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Boardkeeper/data');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Boardkeeper[\\/]data$/);
  });
});

describe('a full disk', () => {
  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  const mounts: string[] = [];
  afterEach(() => {
    for (const dir of mounts.splice(0)) execFileSync('umount', ['-l', dir]);
  });

  it('refuses the change that does not fit with a clear error, and loses nothing before it', async () => {
    // A real small file system when we may mount one (CI runs as root); else /dev/full for the journal.
    const dir = await tempDir();
    if (canMount) {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', dir]);
      mounts.push(dir);
    } else {
      await mkdir(join(dir, 'journal'), { recursive: true });
      await import('node:fs/promises').then((fs) =>
        fs.symlink('/dev/full', join(dir, 'journal', '000000000001.jsonl')),
      );
    }
    const store = await openStore({
      dataDir: dir,
      checkpointQuietMs: 60_000,
      backupOnFirstChange: false,
      logError: () => undefined,
    });
    const filler = Array.from({ length: 8 }, () => 'x'.repeat(490));
    let saved = 0;
    let failure: unknown;
    for (let i = 0; i < 200 && failure === undefined; i++) {
      try {
        await store.mutate('Clerk', `Add ${i}`, () => ({
          changes: [
            {
              target: 'members',
              id: `mem_${i}`,
              after: {
                id: `mem_${i}`,
                name: `Member ${i}`,
                role: 'member',
                jobTitle: '',
                email: '',
                interests: filler,
                activeFrom: '',
                activeTo: '',
                createdAt: '2026-06-24T09:00:00.000Z',
                updatedAt: '2026-06-24T09:00:00.000Z',
              },
            },
          ],
          value: 0,
        }));
        saved++;
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toMatchObject({ code: 'disk_full' });
    expect(String((failure as Error).message)).toMatch(/is full, so "Add \d+" was not saved\. Nothing else was lost/);
    expect(store.state().members.size).toBe(saved);
    if (canMount) {
      await store.close();
      // Every acknowledged change is on disk, with no half line after it.
      const reopened = await openStore({ dataDir: dir, checkpointQuietMs: 60_000, backupOnFirstChange: false });
      expect(reopened.status().status).toBe('ready');
      expect(reopened.status().warnings.filter((w) => w.code === 'torn_journal_line')).toEqual([]);
      expect(reopened.state().members.size).toBe(saved);
      expect(await reopened.verify()).toMatchObject({ ok: true, entriesChecked: saved });
      await reopened.close();
      await rm(join(dir, 'journal'), { recursive: true, force: true });
    }
  });
});
