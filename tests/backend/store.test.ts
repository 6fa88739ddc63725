import { createHash } from 'node:crypto';
import { appendFile, cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/contract/result.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schema/settings.ts';
import { toDocument, type State } from '../../shared/schema/state.ts';
import { sha256InWorker, sha256Of, WORKER_MIN_BYTES } from '../../electron/backend/store/hashWorker.ts';
import { openStore, type StoreOptions } from '../../electron/backend/store/store.ts';
import { tempDir } from '../helpers/tempDir.ts';

const fixedClock = () => new Date('2026-06-24T09:00:00.000Z');

function open(dataDir: string, extra: Partial<StoreOptions> = {}) {
  return openStore({ dataDir, clock: fixedClock, checkpointQuietMs: 60_000, ...extra });
}

function rename(name: string) {
  return (state: State) => ({
    changes: [{ target: 'settings' as const, id: 'settings' as const, after: { ...state.settings, boardName: name } }],
    value: name,
  });
}

function member(id: string, name: string) {
  return {
    target: 'members' as const,
    id,
    after: {
      id,
      name,
      role: 'member' as const,
      jobTitle: '',
      email: '',
      interests: [],
      activeFrom: '',
      activeTo: '',
      createdAt: '2026-06-24T09:00:00.000Z',
      updatedAt: '2026-06-24T09:00:00.000Z',
    },
  };
}

async function journalText(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'journal');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('');
}

describe('store: changes are durable', () => {
  it('journals a change before acknowledging it, and finds it after a crash before any checkpoint', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const result = await store.mutate('Clerk', 'Renamed the board', rename('Policing Oversight Board'));
    expect(result).toMatchObject({ seq: 1, changed: true });
    // Acknowledged means on disk in the journal, not yet in a checkpoint.
    expect(await journalText(dir)).toContain('Policing Oversight Board');
    await expect(stat(join(dir, 'db.json'))).rejects.toThrow();
    // "Crash": never close; open the folder again as a new process would.
    const reopened = await open(dir);
    expect(reopened.status().status).toBe('ready');
    expect(reopened.state().settings.boardName).toBe('Policing Oversight Board');
    expect(reopened.head().seq).toBe(1);
  });

  it('writes the checkpoint on close with the journal position it includes', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'Renamed', rename('Board A'));
    await store.mutate('Clerk', 'Renamed', rename('Board B'));
    await store.close();
    const checkpoint = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(checkpoint.journal.seq).toBe(2);
    expect(checkpoint.journal.hash).toBe(store.head().hash);
    expect(checkpoint.state.settings.boardName).toBe('Board B');
  });

  it('writes a checkpoint in the background after a quiet moment, not on the path of a save', async () => {
    const dir = await tempDir();
    const store = await open(dir, { checkpointQuietMs: 50 });
    await store.mutate('Clerk', 'Renamed', rename('Quiet Board'));
    await expect(stat(join(dir, 'db.json'))).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    const checkpoint = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(checkpoint.state.settings.boardName).toBe('Quiet Board');
    expect(store.status().checkpointSeq).toBe(1);
  });

  it('keeps every one of 200 concurrent changes, and the chain verifies after reload', async () => {
    const dir = await tempDir();
    const store = await open(dir, { checkpointEvery: 37 });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.mutate('Clerk', `Added member ${i}`, () => ({ changes: [member(`mem_${i}`, `Member ${i}`)], value: i })),
      ),
    );
    await store.close();
    const reopened = await open(dir);
    expect(reopened.state().members.size).toBe(200);
    expect(reopened.head().seq).toBe(200);
    const report = await reopened.verify();
    expect(report).toMatchObject({ ok: true, entriesChecked: 200 });
  });

  it('validates only what a change touches and names the field', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const bad = store.mutate('Clerk', 'Blank name', rename('  '));
    await expect(bad).rejects.toBeInstanceOf(AppFailure);
    await expect(bad).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ field: 'settings.boardName' }] },
    });
    const wrongPrefix = store.mutate('Clerk', 'Bad id', () => ({ changes: [member('xyz_1', 'A')], value: 0 }));
    await expect(wrongPrefix).rejects.toMatchObject({ details: { issues: [{ field: 'members.id' }] } });
    expect(store.head().seq).toBe(0);
  });

  it('writes no entry for a change that changes nothing', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const result = await store.mutate('Clerk', 'Same name', rename(DEFAULT_SETTINGS.boardName));
    expect(result.changed).toBe(false);
    expect(store.head().seq).toBe(0);
  });

  it('keeps earlier states intact (immutable state)', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'Add', () => ({ changes: [member('mem_1', 'One')], value: 0 }));
    const before = store.state();
    await store.mutate('Clerk', 'Add', () => ({ changes: [member('mem_2', 'Two')], value: 0 }));
    expect(before.members.size).toBe(1);
    expect(store.state().members.size).toBe(2);
  });

  it('starts a new segment past the size limit, and the chain runs across segments', async () => {
    const dir = await tempDir();
    const store = await open(dir, { segmentBytes: 2_000 });
    for (let i = 0; i < 30; i++)
      await store.mutate('Clerk', `Add ${i}`, () => ({ changes: [member(`mem_${i}`, 'x'.repeat(50))], value: 0 }));
    await store.close();
    const segments = (await readdir(join(dir, 'journal'))).filter((n) => n.endsWith('.jsonl'));
    expect(segments.length).toBeGreaterThan(3);
    const reopened = await open(dir, { segmentBytes: 2_000 });
    expect(reopened.state().members.size).toBe(30);
    expect(await reopened.verify()).toMatchObject({ ok: true, entriesChecked: 30 });
    // Replay every segment from the start when there is no checkpoint at all.
    await rm(join(dir, 'db.json'));
    const replayed = await open(dir, { segmentBytes: 2_000 });
    expect(replayed.state().members.size).toBe(30);
    expect(replayed.head()).toEqual(reopened.head());
  });
});

describe('store: the checkpoint proves its own state', () => {
  it('closes with the SHA-256 of its state; an untouched file is trusted, an edited one set aside and rebuilt', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'Renamed', rename('Hashed Board'));
    await store.close();
    const text = await readFile(join(dir, 'db.json'), 'utf8');
    const match = /"state":(.*),"stateSha256":"([0-9a-f]{64})"\}\n$/s.exec(text);
    expect(match).not.toBeNull();
    expect(createHash('sha256').update(match![1]!).digest('hex')).toBe(match![2]);
    const { CheckpointAdapter } = await import('../../electron/backend/store/checkpoint.ts');
    expect((await new CheckpointAdapter(join(dir, 'db.json')).read())?.stateVerified).toBe(true);
    // Edited by hand, still valid: the hash no longer matches, so the journal's state is served instead.
    await writeFile(join(dir, 'db.json'), text.replace('Hashed Board', 'Edited Board'));
    expect((await new CheckpointAdapter(join(dir, 'db.json')).read())?.stateVerified).toBe(false);
    const reopened = await open(dir);
    expect(reopened.state().settings.boardName).toBe('Hashed Board');
    expect(reopened.status().warnings.map((w) => w.code)).toContain('checkpoint_rebuilt');
  });
});

describe('store: opening a verified checkpoint with a journal tail', () => {
  it('builds the same state as replaying and validating in full', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    for (const n of [1, 2, 3, 4, 5]) {
      await store.mutate('Clerk', 'Added', () => ({ changes: [member(`mem_${n}`, `Member ${n}`)], value: n }));
    }
    await store.checkpoint();
    // The tail: an update, a deletion, a new record, a settings change, two changes in one entry.
    await store.mutate('Clerk', 'Renamed', () => ({ changes: [member('mem_2', 'Member Two')], value: 0 }));
    await store.mutate('Clerk', 'Removed', () => ({
      changes: [{ target: 'members' as const, id: 'mem_3', after: null }],
      value: 0,
    }));
    await store.mutate('Clerk', 'Added', () => ({ changes: [member('mem_6', 'Member 6')], value: 0 }));
    await store.mutate('Clerk', 'Renamed', rename('Tail Board'));
    await store.mutate('Clerk', 'Two at once', () => ({
      changes: [member('mem_7', 'Member 7'), member('mem_1', 'Member One')],
      value: 0,
    }));
    // "Crash" with the tail unwritten to the checkpoint; a copy whose state hash no longer matches takes the full path.
    const copy = await tempDir();
    await cp(dir, copy, { recursive: true });
    const text = await readFile(join(copy, 'db.json'), 'utf8');
    await writeFile(
      join(copy, 'db.json'),
      text.replace(/"stateSha256":"[0-9a-f]{64}"/, `"stateSha256":"${'0'.repeat(64)}"`),
    );
    const fast = await open(dir);
    const full = await open(copy);
    expect(fast.status().status).toBe('ready');
    expect(full.status().status).toBe('ready');
    expect(fast.head()).toEqual(store.head());
    expect(toDocument(fast.state())).toEqual(toDocument(full.state()));
    expect(toDocument(fast.state())).toEqual(toDocument(store.state()));
    expect(
      fast
        .state()
        .members.values()
        .map((m) => m.name),
    ).toEqual(
      full
        .state()
        .members.values()
        .map((m) => m.name),
    );
    expect(fast.state().members.has('mem_3')).toBe(false);
    expect(fast.state().settings.boardName).toBe('Tail Board');
  });
});

describe('store: a large checkpoint is hashed in a worker while it is parsed', () => {
  it('verifies an untouched file of over 8 MB and refuses an edited one, as for a small file', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const interests = Array.from({ length: 40 }, (_, i) => `Interest ${i}: ${'shareholding in a supplier '.repeat(4)}`);
    await store.mutate('Clerk', 'Added many', () => ({
      changes: Array.from({ length: 2000 }, (_, n) => ({
        ...member(`mem_${n}`, `Member ${n}`),
        after: { ...member(`mem_${n}`, `Member ${n}`).after, interests },
      })),
      value: 0,
    }));
    await store.close();
    const path = join(dir, 'db.json');
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(WORKER_MIN_BYTES);
    const { CheckpointAdapter } = await import('../../electron/backend/store/checkpoint.ts');
    const read = await new CheckpointAdapter(path).read();
    expect(read?.stateVerified).toBe(true);
    expect((read?.state as { members: unknown[] }).members).toHaveLength(2000);
    // One character changed in the middle of the state, same length: no longer the bytes the hash was made of.
    const text = await readFile(path, 'utf8');
    const at = text.indexOf('Member 1000');
    await writeFile(path, `${text.slice(0, at)}Nember 1000${text.slice(at + 11)}`);
    expect((await new CheckpointAdapter(path).read())?.stateVerified).toBe(false);
    expect((await open(dir)).state().members.get('mem_1000')?.name).toBe('Member 1000');
  });

  it('works out the same SHA-256 in the worker as here', async () => {
    const shared = Buffer.from(new SharedArrayBuffer(WORKER_MIN_BYTES + 5));
    for (let i = 0; i < shared.length; i++) shared[i] = (i * 31) & 0xff;
    const view = shared.subarray(3, shared.length - 1);
    expect(await sha256Of(view)).toBe(createHash('sha256').update(view).digest('hex'));
    expect(await sha256InWorker(shared.buffer as SharedArrayBuffer, 3, shared.length - 1)).toBe(
      createHash('sha256').update(view).digest('hex'),
    );
  });
});

describe('store: faults lose nothing', () => {
  async function withCheckpoint(): Promise<{ dir: string; bytes: Buffer }> {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'Renamed', rename('Kept Board'));
    await store.close();
    return { dir, bytes: await readFile(join(dir, 'db.json')) };
  }

  const damaged: Array<[string, (text: string) => string, RegExp]> = [
    ['truncated', (t) => t.slice(0, Math.floor(t.length / 2)), /ends too early: it looks truncated/],
    ['not JSON', () => 'this is not json at all', /could not be read: it is not valid JSON/],
    ['valid JSON of the wrong shape', () => JSON.stringify({ hello: 'world' }), /not a Boardkeeper checkpoint/],
    [
      'a record that fails validation',
      (t) => t.replace('"boardName":"Kept Board"', '"boardName":42'),
      /no longer matches its own SHA-256/,
    ],
  ];

  it.each(damaged)(
    'a %s db.json: set aside byte for byte, the state rebuilt from the journal, a warning says so',
    async (_name, corrupt, reason) => {
      const { dir } = await withCheckpoint();
      const bytes = Buffer.from(corrupt(await readFile(join(dir, 'db.json'), 'utf8')));
      await writeFile(join(dir, 'db.json'), bytes);
      const store = await open(dir);
      const status = store.status();
      expect(status.status).toBe('ready');
      expect(store.state().settings.boardName).toBe('Kept Board');
      const warning = status.warnings.find((w) => w.code === 'checkpoint_rebuilt');
      expect(warning?.message).toMatch(reason);
      expect(warning?.file).toMatch(/^db\.json\.corrupt-/);
      expect((await readFile(join(dir, warning!.file!))).equals(bytes)).toBe(true);
      // The new checkpoint is the journal's state, and verifies.
      expect(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')).state.settings.boardName).toBe('Kept Board');
      expect(await store.verify()).toMatchObject({ ok: true, checkpointChecked: true });
      await store.close();
    },
  );

  const corruptions: Array<[string, (text: string) => string, string, RegExp]> = [
    [
      'a newer schemaVersion',
      (t) => t.replace(/"schemaVersion":\d+/, '"schemaVersion":99'),
      'newer_version',
      /newer version of Boardkeeper \(data version 99/,
    ],
  ];

  it.each(corruptions)(
    'a %s db.json: original unchanged, a copy set aside, the problem named, writes refused',
    async (_name, corrupt, code, message) => {
      const { dir } = await withCheckpoint();
      const damaged = Buffer.from(corrupt(await readFile(join(dir, 'db.json'), 'utf8')));
      await writeFile(join(dir, 'db.json'), damaged);
      const store = await open(dir);
      const status = store.status();
      expect(status.status).toBe('failed');
      expect(status.problem?.code).toBe(code);
      expect(status.problem?.message).toMatch(message);
      expect(status.problem?.recovery).toEqual(['restoreNewestBackup', 'openDataFolder', 'quit']);
      expect(status.problem?.newestBackup?.reason).toBe('start');
      // The original is byte-for-byte as it was; the copy beside it is identical.
      expect((await readFile(join(dir, 'db.json'))).equals(damaged)).toBe(true);
      const aside = status.problem?.asideCopy;
      expect(aside).toMatch(/^db\.json\.corrupt-/);
      expect((await readFile(join(dir, aside!))).equals(damaged)).toBe(true);
      // Every write is refused, and nothing is written.
      await expect(store.mutate('Clerk', 'Try', rename('Overwrite'))).rejects.toMatchObject({
        code: 'store_unavailable',
      });
      await expect(store.backup()).rejects.toMatchObject({ code: 'store_unavailable' });
      await store.close();
      expect((await readFile(join(dir, 'db.json'))).equals(damaged)).toBe(true);
    },
  );

  it('a crash between temp write and rename leaves the old checkpoint intact; the next start sweeps the temp file', async () => {
    const { dir, bytes } = await withCheckpoint();
    const crashing = await open(dir, {
      checkpointWrite: {
        beforeRename: () => {
          throw new Error('simulated power cut');
        },
      },
    });
    await crashing.mutate('Clerk', 'Renamed', rename('Newer Board'));
    await crashing.checkpoint();
    expect((await readFile(join(dir, 'db.json'))).equals(bytes)).toBe(true);
    const leftovers = (await readdir(dir)).filter((n) => n.includes('.tmp-'));
    expect(leftovers).toHaveLength(1);
    const next = await open(dir);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toHaveLength(0);
    expect(next.status().warnings.map((w) => w.code)).toContain('stale_temp_swept');
    // And the change that only reached the journal is there.
    expect(next.state().settings.boardName).toBe('Newer Board');
  });

  it('a torn last journal line is set aside and reported; every earlier change stands', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'One', rename('Board One'));
    await store.mutate('Clerk', 'Two', rename('Board Two'));
    const segment = join(dir, 'journal', '000000000001.jsonl');
    await appendFile(segment, '{"seq":3,"time":"2026-06-24T09:00:00.000Z","actor":"Clerk","summ');
    const reopened = await open(dir);
    expect(reopened.status().status).toBe('ready');
    expect(reopened.state().settings.boardName).toBe('Board Two');
    const warning = reopened.status().warnings.find((w) => w.code === 'torn_journal_line');
    expect(warning?.message).toMatch(/Every earlier change is intact/);
    const torn = (await readdir(join(dir, 'journal'))).find((n) => n.includes('.torn-'));
    expect(await readFile(join(dir, 'journal', torn!), 'utf8')).toContain('"summ');
    // The journal goes on from the last good line.
    await reopened.mutate('Clerk', 'Three', rename('Board Three'));
    expect(await reopened.verify()).toMatchObject({ ok: true, entriesChecked: 3 });
  });

  it('a damaged line in the middle of the journal is corruption, not a torn tail', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'One', rename('Board One'));
    await store.mutate('Clerk', 'Two', rename('Board Two'));
    const segment = join(dir, 'journal', '000000000001.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    lines[0] = lines[0]!.slice(0, 20);
    await writeFile(segment, lines.join('\n'));
    const reopened = await open(dir);
    expect(reopened.status().problem).toMatchObject({ code: 'corrupt_journal', file: 'journal/000000000001.jsonl' });
    expect(reopened.status().problem?.asideCopy).toMatch(/^journal\/000000000001\.jsonl\.corrupt-/);
  });

  it('a journal that no longer matches the checkpoint is refused', async () => {
    const { dir } = await withCheckpoint();
    const segment = join(dir, 'journal', '000000000001.jsonl');
    await writeFile(segment, (await readFile(segment, 'utf8')).replace('Kept Board', 'Kept Boar!'));
    const store = await open(dir);
    expect(store.status().problem?.code).toBe('chain_broken');
    expect(store.status().problem?.message).toMatch(/entry 1 does not match the checkpoint/);
  });
});

describe('store: opening reads only what it needs', () => {
  it('skips journal lines the checkpoint already holds, and verify still reads them all', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    for (const name of ['A', 'B', 'C']) await store.mutate('Clerk', `Renamed ${name}`, rename(`Board ${name}`));
    await store.checkpoint();
    await store.mutate('Clerk', 'Renamed D', rename('Board D'));
    await store.close();
    // Damage entry 1, which the checkpoint (at entry 4) already includes.
    const segment = join(dir, 'journal', '000000000001.jsonl');
    await writeFile(segment, (await readFile(segment, 'utf8')).replace('"Renamed A"', '"Renamed Z"'));
    const reopened = await open(dir);
    expect(reopened.status().status).toBe('ready');
    expect(reopened.state().settings.boardName).toBe('Board D');
    expect((await reopened.verify()).firstBad).toMatchObject({ kind: 'entry', seq: 2 });
  });
});

describe('store: verify names the first bad entry or blob', () => {
  it('finds a tampered journal entry', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    for (const name of ['A', 'B', 'C', 'D']) await store.mutate('Clerk', `Renamed ${name}`, rename(`Board ${name}`));
    const segment = join(dir, 'journal', '000000000001.jsonl');
    const text = await readFile(segment, 'utf8');
    await writeFile(
      segment,
      text.replace('"actor":"Clerk","summary":"Renamed B"', '"actor":"Mallory","summary":"Renamed B"'),
    );
    const report = await store.verify();
    expect(report.ok).toBe(false);
    // Entry 2 was altered, so entry 3 no longer names its hash.
    expect(report.firstBad).toMatchObject({ kind: 'entry', seq: 3, file: 'journal/000000000001.jsonl', line: 3 });
    expect(report.firstBad?.reason).toMatch(/entry 2 or 3 was altered/);
  });

  it('finds a tampered last entry by the position the store wrote', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.mutate('Clerk', 'One', rename('Board One'));
    const segment = join(dir, 'journal', '000000000001.jsonl');
    await writeFile(segment, (await readFile(segment, 'utf8')).replace('Board One', 'Board 0ne'));
    const report = await store.verify();
    expect(report.firstBad).toMatchObject({ kind: 'entry', seq: 1 });
  });

  it('finds a tampered blob', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const { hash } = await store.blobs.put('# Paper\n\nThe force shall re-tender.');
    expect(hash).toBe(createHash('sha256').update('# Paper\n\nThe force shall re-tender.').digest('hex'));
    await writeFile(join(dir, 'blobs', hash.slice(0, 2), hash), '# Paper\n\nThe force need not re-tender.');
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ kind: 'blob', file: `blobs/${hash.slice(0, 2)}/${hash}` });
    await expect(store.blobs.get(hash)).rejects.toMatchObject({ code: 'io_error' });
  });
});

describe('store: backups', () => {
  it('backs up before the first change of each run, and on demand, keeping the newest N', async () => {
    const dir = await tempDir();
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 5, 24, 9, 0, tick++));
    const first = await openStore({ dataDir: dir, clock, keepBackups: 3, checkpointQuietMs: 60_000 });
    await first.mutate('Clerk', 'One', rename('Board One'));
    await first.mutate('Clerk', 'Two', rename('Board Two'));
    await first.close();
    const second = await openStore({ dataDir: dir, clock, keepBackups: 3, checkpointQuietMs: 60_000 });
    await second.mutate('Clerk', 'Three', rename('Board Three'));
    const manual = await second.backup();
    expect(manual).toMatchObject({ reason: 'manual', seq: 3 });
    await second.backup();
    const { listBackups } = await import('../../electron/backend/store/backups.ts');
    const backups = await listBackups(dir);
    expect(backups.map((b) => b.reason)).toEqual(['manual', 'manual', 'start']);
    expect(backups[2]!.seq).toBe(2);
    // Closed files are hard links, not copies: they never change in place.
    const backupCheckpoint = await stat(join(dir, 'backups', backups[2]!.id, 'db.json'));
    expect(backupCheckpoint.nlink).toBeGreaterThanOrEqual(1);
  });
});

describe('store: settings are a record like any other', () => {
  it('round-trips settings through the checkpoint', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const next: Settings = {
      ...DEFAULT_SETTINGS,
      boardName: 'Health Trust Board',
      timeZone: 'Europe/Belfast',
      localUserName: 'Board secretary',
      quorum: 4,
    };
    await store.mutate('Board secretary', 'Settings', () => ({
      changes: [{ target: 'settings', id: 'settings', after: next }],
      value: 0,
    }));
    await store.close();
    expect((await open(dir)).state().settings).toEqual(next);
  });
});
