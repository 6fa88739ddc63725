// The record is tamper-evident (issue 15): the checkpoint is derived and trusted only when it matches
// what the journal says; Verify proves the whole chain of custody; a damaged or missing closed segment
// is found soon after start; a printed entry can be checked. Every case runs on real files, on a store
// of several journal segments spanning two schema versions (the version 4 fixture, then version 5).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asciiJson } from '../../electron/backend/store/checkpoint.ts';
import { openStore, type StoreOptions } from '../../electron/backend/store/store.ts';
import { CURRENT_SCHEMA_VERSION, toDocument, type State } from '../../shared/schema/state.ts';
import { tempDir } from '../helpers/tempDir.ts';

const fixtures = join(process.cwd(), 'tests', 'fixtures');
let tick = 0;
const clock = () => new Date(Date.UTC(2027, 5, 1, 9, 0, 0, tick++));

function member(n: number, name = `Member ${n}`) {
  return {
    target: 'members' as const,
    id: `mem_${n}`,
    after: {
      id: `mem_${n}`,
      name,
      role: 'member' as const,
      jobTitle: '',
      email: '',
      interests: [],
      activeFrom: '',
      activeTo: '',
      createdAt: '2027-06-01T09:00:00.000Z',
      updatedAt: '2027-06-01T09:00:00.000Z',
    },
  };
}

/** The version 4 fixture (a sample board) opened by this version, then 40 more changes: 5+ segments. */
async function multiVersionStore(extra: Partial<StoreOptions> = {}) {
  const dir = await tempDir();
  await cp(join(fixtures, 'schema-v4'), dir, { recursive: true });
  const options: StoreOptions = {
    dataDir: dir,
    clock,
    checkpointQuietMs: 60_000,
    segmentBytes: 4_000,
    backupOnFirstChange: false,
    ...extra,
  };
  const store = await openStore(options);
  expect(store.status().status).toBe('ready');
  for (let n = 0; n < 40; n++) {
    await store.mutate('Clerk', `Added member ${n}`, () => ({ changes: [member(n)], value: n }));
  }
  await store.checkClosedSegments();
  const expected = toDocument(store.state());
  const head = store.head();
  await store.close();
  const segments = (await readdir(join(dir, 'journal'))).filter((n) => /^\d{12}\.jsonl$/.test(n)).sort();
  expect(segments.length).toBeGreaterThanOrEqual(5);
  // Entries 1-6 were written at version 4, the rest at the current version.
  const versions = new Set<number>();
  for (const name of segments) {
    for (const line of (await readFile(join(dir, 'journal', name), 'utf8')).trim().split('\n')) {
      versions.add((JSON.parse(line) as { v: number }).v);
    }
  }
  expect([...versions].sort((a, b) => a - b)).toEqual([4, CURRENT_SCHEMA_VERSION]);
  return { dir, options, segments, expected, head };
}

/** Rewrites db.json's state with `edit` and, when asked, recomputes the state hash as an attacker would. */
async function editCheckpoint(dir: string, edit: (state: string) => string, rehash: boolean): Promise<Buffer> {
  const path = join(dir, 'db.json');
  const text = await readFile(path, 'utf8');
  const match = /^(.*"state":)(.*)(,"stateSha256":")([0-9a-f]{64})("\}\n)$/s.exec(text)!;
  const state = edit(match[2]!);
  expect(state).not.toBe(match[2]);
  const hash = rehash ? createHash('sha256').update(state).digest('hex') : match[4]!;
  const bytes = Buffer.from(`${match[1]}${state}${match[3]}${hash}${match[5]}`);
  await writeFile(path, bytes);
  return bytes;
}

function names(state: State): string[] {
  return state.members.values().map((m) => m.name);
}

describe('the checkpoint is derived: one that does not match the journal is set aside and rebuilt', () => {
  it('a flipped bit in a member name: rebuilt from the journal across both schema versions, the original set aside', async () => {
    const { dir, options, expected } = await multiVersionStore();
    // "Member 7" -> "Membes 7": one bit (0x72 -> 0x73).
    const damaged = await editCheckpoint(dir, (s) => s.replace('"Member 7"', '"Membes 7"'), false);
    const progress: number[] = [];
    const store = await openStore({ ...options, onRebuildProgress: (p) => progress.push(p.done / p.total) });
    expect(store.status().status).toBe('ready');
    expect(store.state().members.get('mem_7')?.name).toBe('Member 7');
    expect(toDocument(store.state())).toEqual(expected);
    expect(progress.at(-1)).toBe(1);
    const warning = store.status().warnings.find((w) => w.code === 'checkpoint_rebuilt');
    expect(warning?.message).toMatch(/no longer matches its own SHA-256/);
    expect(warning?.message).toContain(
      `rebuilt from the journal (47 entries, migrated from data version 4 to ${CURRENT_SCHEMA_VERSION})`,
    );
    // The original, byte for byte, beside the new checkpoint.
    expect((await readFile(join(dir, warning!.file!))).equals(damaged)).toBe(true);
    expect(await store.verify()).toMatchObject({ ok: true, checkpointChecked: true, entriesChecked: 47 });
    await store.close();
  });

  it('a hand edit with the state hash recomputed is caught at open: the checkpoint must match the journal, not itself', async () => {
    const { dir, options, expected } = await multiVersionStore();
    const edited = await editCheckpoint(dir, (s) => s.replace('"Member 12"', '"Mallory"'), true);
    const store = await openStore(options);
    expect(store.status().status).toBe('ready');
    expect(names(store.state())).not.toContain('Mallory');
    expect(toDocument(store.state())).toEqual(expected);
    const warning = store.status().warnings.find((w) => w.code === 'checkpoint_rebuilt');
    expect(warning?.message).toMatch(/edited and its SHA-256 recomputed/);
    expect((await readFile(join(dir, warning!.file!))).equals(edited)).toBe(true);
    // The next checkpoint is of the journal's state, not a re-stamp of the edit.
    await store.close();
    expect(await readFile(join(dir, 'db.json'), 'utf8')).not.toContain('Mallory');
  });

  it('the checkpoint written after a rebuild is the state serialised as any checkpoint is, and the next open trusts it', async () => {
    // The rebuild writes it from the records' text it replayed (not from the state's objects): the bytes must be
    // the ones serialising the rebuilt state gives, in the state's order, across versions and at one version.
    const fresh = await tempDir();
    const single = await openStore({ dataDir: fresh, clock, checkpointQuietMs: 60_000, backupOnFirstChange: false });
    for (let n = 0; n < 30; n++) {
      await single.mutate('Clerk', `Added member ${n}`, () => ({ changes: [member(n)], value: n }));
    }
    await single.mutate('Clerk', 'Removed member 3', () => ({ changes: [{ ...member(3), after: null }], value: 0 }));
    await single.checkpoint();
    await single.close();
    const { dir: multi, options } = await multiVersionStore();
    for (const dir of [fresh, multi]) {
      await editCheckpoint(dir, (s) => s.replace('"Member 7"', '"Membes 7"'), false);
      const opened = await openStore({ ...options, dataDir: dir });
      expect(opened.status().warnings.map((w) => w.code)).toContain('checkpoint_rebuilt');
      const state = opened.state();
      await opened.close();
      const text = await readFile(join(dir, 'db.json'), 'utf8');
      const match = /^.*"state":(.*),"stateSha256":"([0-9a-f]{64})"\}\n$/s.exec(text)!;
      // As any checkpoint is written: JSON, in ASCII (asciiJson).
      expect(match[1]).toBe(asciiJson(JSON.stringify(toDocument(state))));
      expect(createHash('sha256').update(match[1]!).digest('hex')).toBe(match[2]);
      const reopened = await openStore({ ...options, dataDir: dir });
      expect(reopened.status().warnings).toEqual([]);
      expect(toDocument(reopened.state())).toEqual(toDocument(state));
      expect(await reopened.verify()).toMatchObject({ ok: true, checkpointChecked: true });
      await reopened.close();
    }
  });

  it('a checkpoint of an earlier version with no seal, equal to the journal, is sealed without alarm', async () => {
    const { dir, options } = await multiVersionStore();
    await rm(join(dir, 'journal', 'seals.jsonl'));
    const asideBefore = (await readdir(dir)).filter((n) => n.includes('.corrupt-'));
    const store = await openStore(options);
    expect(store.status().status).toBe('ready');
    expect(store.status().warnings).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual(asideBefore);
    expect(await readFile(join(dir, 'journal', 'seals.jsonl'), 'utf8')).toMatch(/"kind":"checkpoint","seq":47/);
    await store.close();
  });

  it('when the journal cannot rebuild it (a missing segment), the store opens failed with its recovery actions', async () => {
    const { dir, options, segments } = await multiVersionStore();
    await editCheckpoint(dir, (s) => s.replace('"Member 7"', '"Membes 7"'), false);
    await rm(join(dir, 'journal', segments[2]!));
    const store = await openStore(options);
    const status = store.status();
    expect(status.status).toBe('failed');
    expect(status.problem?.code).toBe('corrupt_journal');
    expect(status.problem?.message).toMatch(/db\.json cannot be trusted .* the journal cannot rebuild it/);
    expect(status.problem?.message).toMatch(/jumps from entry \d+ to entry \d+/);
    expect(status.problem?.recovery).toContain('openDataFolder');
    await expect(store.mutate('Clerk', 'Try', () => ({ changes: [member(99)], value: 0 }))).rejects.toMatchObject({
      code: 'store_unavailable',
    });
  });
});

describe('Verify proves the whole chain of custody', () => {
  it('finds a checkpoint edited and rehashed under a running store, and names the record', async () => {
    const { dir, options } = await multiVersionStore();
    const store = await openStore(options);
    expect(await store.verify()).toMatchObject({ ok: true, checkpointChecked: true });
    await editCheckpoint(dir, (s) => s.replace('"Member 31"', '"Member 13"'), true);
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ kind: 'checkpoint', file: 'db.json', seq: 47, record: 'members/mem_31' });
    expect(report.firstBad?.reason).toMatch(/differs from the state the journal produces up to entry 47/);
    await store.close();
  });

  it('reports a deleted attachment, naming the paper that refers to it', async () => {
    const { options } = await multiVersionStore();
    const store = await openStore(options);
    const { hash, bytes } = await store.blobs.put('%PDF-1.4 business case');
    const [paper] = store.state().papers.values();
    const version = paper!.versions[0]!;
    await store.mutate('Clerk', 'Attached', () => ({
      changes: [
        {
          target: 'papers',
          id: paper!.id,
          after: {
            ...paper!,
            versions: [
              { ...version, attachments: [{ blob: hash, name: 'business-case.pdf', type: 'application/pdf', bytes }] },
            ],
          },
        },
      ],
      value: 0,
    }));
    expect(await store.verify()).toMatchObject({ ok: true });
    await rm(join(options.dataDir, 'blobs', hash.slice(0, 2), hash));
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ kind: 'blob', file: `blobs/${hash.slice(0, 2)}/${hash}` });
    expect(report.firstBad?.record).toContain(`papers/${paper!.id}`);
    expect(report.firstBad?.reason).toMatch(/missing: the attachment “business-case\.pdf”/);
    await store.close();
  });

  it('checks the search index position is on the chain', async () => {
    const { options, head } = await multiVersionStore();
    const store = await openStore(options);
    expect(await store.verify({ indexPosition: head })).toMatchObject({ ok: true, indexChecked: true });
    const report = await store.verify({ indexPosition: { seq: 10, hash: 'f'.repeat(64) } });
    expect(report.firstBad).toMatchObject({ kind: 'index', seq: 10 });
    await store.close();
  });

  it('names a missing middle segment by the entries it held', async () => {
    const { options, segments } = await multiVersionStore();
    await rm(join(options.dataDir, 'journal', segments[2]!));
    const store = await openStore(options);
    const report = await store.verify();
    expect(report.firstBad).toMatchObject({ kind: 'entry', file: `journal/${segments[3]}` });
    expect(report.firstBad?.reason).toMatch(/jumps from entry \d+ to entry \d+: the file holding entries/);
    await store.close();
  });
});

describe('the check after start covers the closed segments', () => {
  it('reports a missing middle segment on the dashboard without anyone pressing Verify', async () => {
    const { options, segments } = await multiVersionStore();
    await rm(join(options.dataDir, 'journal', segments[2]!));
    const store = await openStore(options);
    // The sealed checkpoint is trusted, so opening does not read the old segments...
    expect(store.status().status).toBe('ready');
    // ...the cheap check after start does.
    const found = await store.checkInBackground();
    expect(found.segments).toMatchObject({ file: `journal/${segments[2]}` });
    expect(found.segments?.reason).toMatch(/is missing/);
    const warning = store.status().warnings.find((w) => w.code === 'integrity_problem');
    expect(warning?.message).toMatch(new RegExp(`${segments[2]}.*missing`));
    await store.close();
  });

  it('reports a flipped bit inside a closed segment, sealed when it closed', async () => {
    const { options, segments } = await multiVersionStore();
    const path = join(options.dataDir, 'journal', segments[1]!);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Added member', 'Added membes'));
    const store = await openStore(options);
    expect(store.status().status).toBe('ready');
    const found = await store.checkInBackground();
    expect(found.segments?.reason).toMatch(
      /has changed since it was closed: its content no longer matches its SHA-256/,
    );
    await store.close();
  });

  it('runs a full Verify when the last one is over a week old, and not again the same week', async () => {
    const { options } = await multiVersionStore();
    const store = await openStore(options);
    const first = await store.checkInBackground();
    expect(first.verify).toMatchObject({ ok: true, checkpointChecked: true });
    const second = await store.checkInBackground();
    expect(second.verify).toBeNull();
    await store.close();
  });

  it('a close while the weekly Verify records its report waits for it: nothing is written after close', async () => {
    const { dir, options } = await multiVersionStore();
    const store = await openStore(options);
    // The app is quit the moment the Verify has its report, before the report is written to the folder.
    const verify = store.verify.bind(store);
    let quit!: (closing: Promise<void>) => void;
    const closing = new Promise<Promise<void>>((resolve) => {
      quit = resolve;
    });
    store.verify = async (o) => {
      const report = await verify(o);
      quit(store.close());
      return report;
    };
    const checking = store.checkInBackground();
    await await closing;
    const afterClose = (await readdir(dir)).sort();
    await checking;
    expect(afterClose.some((name) => name.includes('.tmp-'))).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(afterClose);
  });
});

describe('checking a printed record', () => {
  it('says whether the journal holds exactly the printed entry', async () => {
    const { options } = await multiVersionStore();
    const store = await openStore(options);
    const [entry] = await store.auditPage(0, 1).then((p) => p.entries);
    expect(await store.checkPrintedRecord(entry!.seq, ` ${entry!.hash.toUpperCase()} `)).toMatchObject({
      outcome: 'match',
      entry: { summary: 'Added member 39' },
    });
    const wrong = await store.checkPrintedRecord(entry!.seq, '0'.repeat(64));
    expect(wrong.outcome).toBe('differs');
    expect(wrong.message).toMatch(/different hash/);
    expect((await store.checkPrintedRecord(9999, entry!.hash)).outcome).toBe('absent');
    await store.close();
  });
});

/** Fills the disk holding `dir` with 8 KB files, then frees `leave` of them; returns how many stay (filler-0…). */
async function fillDisk(dir: string, leave: number): Promise<number> {
  let filler = 0;
  for (;;) {
    try {
      await writeFile(join(dir, `filler-${filler}`), Buffer.alloc(8192), { flag: 'wx' });
      filler++;
    } catch {
      break;
    }
  }
  for (let n = 1; n <= leave; n++) await rm(join(dir, `filler-${filler - n}`));
  return filler - leave;
}

describe('a nearly full disk', () => {
  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  const mounts: string[] = [];
  afterEach(() => {
    for (const dir of mounts.splice(0)) execFileSync('umount', ['-l', dir]);
  });

  it.runIf(canMount)(
    'a start-of-run backup that does not fit never blocks the save; it is reported, no .partial left',
    async () => {
      const dir = await tempDir();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', dir]);
      mounts.push(dir);
      const options: StoreOptions = { dataDir: dir, clock, checkpointQuietMs: 60_000, logError: () => undefined };
      const first = await openStore({ ...options, backupOnFirstChange: false });
      const interests = Array.from({ length: 20 }, (_, i) => `Interest ${i} ${'x'.repeat(400)}`);
      for (let n = 0; n < 20; n++) {
        await first.mutate('Clerk', `Added ${n}`, () => ({
          changes: [{ ...member(n), after: { ...member(n).after, interests } }],
          value: 0,
        }));
      }
      await first.close();
      // Fill the disk until a few kilobytes are left: room for a line, not for a copy of the open segment.
      const segment = (await stat(join(dir, 'journal', '000000000001.jsonl'))).size;
      expect(segment).toBeGreaterThan(100_000);
      await fillDisk(dir, 1);
      const store = await openStore(options);
      const saved = await store.mutate('Clerk', 'Renamed one', () => ({ changes: [member(1, 'Renamed')], value: 0 }));
      expect(saved.changed).toBe(true);
      const warning = store.status().warnings.find((w) => w.code === 'backup_failed');
      expect(warning?.message).toMatch(/is full, so the backup could not be written \(it needs about [\d.]+ KB free\)/);
      expect(warning?.message).toMatch(/Your changes are still saved/);
      expect((await readdir(join(dir, 'backups'))).filter((n) => n.endsWith('.partial'))).toEqual([]);
      await store.close();
      const reopened = await openStore({ ...options, backupOnFirstChange: false });
      expect(reopened.state().members.get('mem_1')?.name).toBe('Renamed');
      await reopened.close();
    },
  );

  it.runIf(canMount)(
    'a stored file and a checkpoint that do not fit answer disk_full with the space needed; saves go on; the warning clears',
    async () => {
      const dir = await tempDir();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', dir]);
      mounts.push(dir);
      const errors: string[] = [];
      const store = await openStore({
        dataDir: dir,
        clock,
        checkpointQuietMs: 60_000,
        backupOnFirstChange: false,
        logError: (where) => errors.push(where),
      });
      const interests = Array.from({ length: 10 }, (_, i) => `Interest ${i} ${'x'.repeat(400)}`);
      for (let n = 0; n < 10; n++) {
        await store.mutate('Clerk', `Added ${n}`, () => ({
          changes: [{ ...member(n), after: { ...member(n).after, interests } }],
          value: 0,
        }));
      }
      await store.checkpoint();
      const checkpointBytes = (await stat(join(dir, 'db.json'))).size;
      expect(checkpointBytes).toBeGreaterThan(30_000);
      // Fill the disk until a few kilobytes are left: room for a journal line, not for a checkpoint or a file.
      const filler = await fillDisk(dir, 2);

      const file = createHash('sha256').update('a paper too big for the disk').digest();
      const tooBig = Buffer.concat(Array.from({ length: 2048 }, () => file));
      const refused = await store.blobs.put(tooBig).then(
        () => null,
        (error: unknown) => error as { code?: string; message?: string; details?: { bytesNeeded?: number } },
      );
      expect(refused?.code).toBe('disk_full');
      expect(refused?.message).toMatch(
        /is full, so the stored file [0-9a-f]{12}… could not be written \(it needs about 64\.0 KB free\)/,
      );
      expect(refused?.details?.bytesNeeded).toBe(tooBig.length);
      // Nothing half-written is left among the stored files.
      for (const prefix of await readdir(join(dir, 'blobs')).catch(() => [] as string[])) {
        expect(await readdir(join(dir, 'blobs', prefix))).toEqual([]);
      }

      const saved = await store.mutate('Clerk', 'Renamed one', () => ({ changes: [member(1, 'Renamed')], value: 0 }));
      expect(saved.changed).toBe(true);
      await store.checkpoint();
      const warning = store.status().warnings.find((w) => w.code === 'checkpoint_failed');
      expect(warning?.message).toMatch(
        /is full, so the checkpoint db\.json could not be written \(it needs about [\d.]+ KB free\)/,
      );
      expect(warning?.message).toMatch(/Every change is safe in the journal/);
      expect(errors).toContain('checkpoint');
      expect((await readdir(dir)).filter((n) => n.startsWith('db.json') && n !== 'db.json')).toEqual([]);

      // Space freed: the next checkpoint is written and the warning goes.
      for (let n = 0; n < filler; n++) await rm(join(dir, `filler-${n}`));
      await store.mutate('Clerk', 'Renamed again', () => ({ changes: [member(2, 'Renamed too')], value: 0 }));
      await store.checkpoint();
      expect(store.status().warnings.map((w) => w.code)).not.toContain('checkpoint_failed');
      await store.close();
      const reopened = await openStore({ dataDir: dir, clock, backupOnFirstChange: false });
      expect(reopened.status().warnings).toEqual([]);
      expect(reopened.state().members.get('mem_1')?.name).toBe('Renamed');
      await reopened.close();
    },
  );
});

describe('one pass over the journal', () => {
  it('the state kept on the way at an entry is the state a replay up to that entry makes, across versions', async () => {
    const { replayJournal } = await import('../../electron/backend/store/rebuild.ts');
    const { dir } = await multiVersionStore();
    for (const at of [0, 3, 6, 7, 30]) {
      const [once, upTo] = await Promise.all([
        replayJournal(join(dir, 'journal'), { snapshotAt: at }),
        replayJournal(join(dir, 'journal'), { applyUpTo: at }),
      ]);
      expect(once.snapshot?.doc).toEqual(upTo.doc);
      expect(once.snapshot?.current).toBe(upTo.current);
      expect(once.head).toEqual(upTo.head);
    }
  });
});

describe('backups that survive the damage they are for', () => {
  it('"Back up to a folder…" copies every file (no shared file), checks the copy, keeps the newest N', async () => {
    const { options, segments } = await multiVersionStore();
    const folder = await tempDir();
    const store = await openStore(options);
    const made = [];
    for (let i = 0; i < 3; i++) {
      await store.mutate('Clerk', `Renamed ${i}`, () => ({ changes: [member(1, `Renamed ${i}`)], value: 0 }));
      made.push(await store.backupToFolder(folder, 2));
    }
    const kept = (await readdir(folder)).sort();
    expect(kept).toEqual([made[1]!.id, made[2]!.id].sort());
    const copy = join(folder, made[2]!.id);
    // Copies, not links: a flipped bit in the data folder is not in the backup.
    for (const name of segments.slice(0, 3)) {
      const [a, b] = await Promise.all([
        stat(join(options.dataDir, 'journal', name)),
        stat(join(copy, 'journal', name)),
      ]);
      expect(b.ino).not.toBe(a.ino);
      expect(b.nlink).toBe(1);
    }
    const blobs = await readdir(join(copy, 'blobs'));
    expect(blobs.length).toBe((await readdir(join(options.dataDir, 'blobs'))).length);
    const { checkDataCopy } = await import('../../electron/backend/store/copyCheck.ts');
    const manifest = JSON.parse(await readFile(join(copy, 'backup.json'), 'utf8')) as { seq: number; hash: string };
    expect(manifest.seq).toBe(store.head().seq);
    expect(await checkDataCopy(copy, manifest, { blobsRoot: join(copy, 'blobs'), rehashBlobs: true })).toBeNull();
    // Damage in the copy is found by the same check.
    const path = join(copy, 'journal', segments[1]!);
    await writeFile(path, (await readFile(path, 'utf8')).replace('Added member', 'Added membes'));
    expect(await checkDataCopy(copy, manifest, { blobsRoot: join(copy, 'blobs'), rehashBlobs: true })).toMatch(
      new RegExp(`journal/${segments[1]}`),
    );
    await store.close();
  });

  it('restore checks the backup first, refuses one that does not verify, and names the next one', async () => {
    const { openBackend } = await import('../../electron/backend/backend.ts');
    const { call, dispatch } = await import('../../electron/backend/dispatch.ts');
    const { options } = await multiVersionStore();
    const open = () =>
      openBackend({
        dataDir: options.dataDir,
        platform: { openPath: async () => false, quit: () => undefined },
        clock,
        checkpointQuietMs: 60_000,
        backgroundChecksAfterMs: null,
        store: { segmentBytes: 4_000 },
      });
    const backend = await open();
    await dispatch(backend.handlers, 'settings:update', { boardName: 'Older backup' });
    const older = await call(backend.handlers, 'backups:create', {});
    await dispatch(backend.handlers, 'settings:update', { boardName: 'Newer backup' });
    const newer = await call(backend.handlers, 'backups:create', {});
    if (!older.ok || !newer.ok) throw new Error('backups failed');
    await dispatch(backend.handlers, 'settings:update', { boardName: 'Now' });
    // The newest backup's own copy of the open segment is damaged.
    const dir = join(options.dataDir, 'backups', newer.value.id, 'journal');
    const last = (await readdir(dir))
      .filter((n) => /^\d{12}\.jsonl$/.test(n))
      .sort()
      .at(-1)!;
    await writeFile(join(dir, last), (await readFile(join(dir, last), 'utf8')).replace('Newer backup', 'Newer backuq'));
    const refused = await dispatch(backend.handlers, 'backups:restore', { id: newer.value.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (refused.ok) return;
    expect(refused.error.message).toMatch(new RegExp(`${newer.value.id} does not verify .*nothing was replaced`));
    expect(refused.error.message).toMatch(new RegExp(`The next one is ${older.value.id}`));
    expect(await dispatch(backend.handlers, 'settings:get', {})).toMatchObject({ value: { boardName: 'Now' } });
    const restored = await dispatch(backend.handlers, 'backups:restore', { id: older.value.id });
    expect(restored).toMatchObject({ ok: true, value: { status: 'ready' } });
    expect(await dispatch(backend.handlers, 'settings:get', {})).toMatchObject({
      value: { boardName: 'Older backup' },
    });
    await backend.close();
  });

  it('restore from a backup folder checks the copy first: a flipped bit is refused, the next one offered and restored', async () => {
    const { openBackend } = await import('../../electron/backend/backend.ts');
    const { call, dispatch } = await import('../../electron/backend/dispatch.ts');
    const { options } = await multiVersionStore();
    const folder = await tempDir();
    const backend = await openBackend({
      dataDir: options.dataDir,
      platform: { openPath: async () => false, quit: () => undefined },
      clock,
      checkpointQuietMs: 60_000,
      backgroundChecksAfterMs: null,
      store: { segmentBytes: 4_000 },
    });
    try {
      expect(await call(backend.handlers, 'backups:folderSet', { folder, keep: 5 })).toMatchObject({ ok: true });
      await dispatch(backend.handlers, 'settings:update', { boardName: 'Older copy' });
      const older = await call(backend.handlers, 'backups:toFolder', {});
      await dispatch(backend.handlers, 'settings:update', { boardName: 'Newer copy' });
      const newer = await call(backend.handlers, 'backups:toFolder', {});
      if (!older.ok || !newer.ok) throw new Error('backups to the folder failed');
      await dispatch(backend.handlers, 'settings:update', { boardName: 'Now' });
      const listed = await call(backend.handlers, 'backups:folderList', {});
      expect(listed.ok && listed.value.map((b) => b.id)).toEqual([newer.value.id, older.value.id]);

      // One bit flipped in the newer copy's journal file that holds the change ("Newer copy" -> "Newer coqy").
      const journal = join(folder, newer.value.id, 'journal');
      let damaged = '';
      for (const name of (await readdir(journal)).filter((n) => n.endsWith('.jsonl'))) {
        const bytes = await readFile(join(journal, name));
        const at = bytes.indexOf('Newer copy');
        if (at === -1) continue;
        bytes[at + 8] = bytes[at + 8]! ^ 0x01;
        await writeFile(join(journal, name), bytes);
        damaged = name;
      }
      expect(damaged).not.toBe('');
      const refused = await dispatch(backend.handlers, 'backups:restoreFromFolder', { id: newer.value.id });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'conflict', details: { next: { id: older.value.id } } },
      });
      if (refused.ok) return;
      expect(refused.error.message).toMatch(
        new RegExp(`${newer.value.id} in .* does not verify \\(.*entry \\d+.*\\), so nothing was replaced`),
      );
      expect(refused.error.message).toContain(`The next one is ${older.value.id}`);
      expect(await dispatch(backend.handlers, 'settings:get', {})).toMatchObject({ value: { boardName: 'Now' } });

      // A blob lost from the data folder comes back with the copy.
      const prefixes = await readdir(join(options.dataDir, 'blobs'));
      const blob = join(
        options.dataDir,
        'blobs',
        prefixes[0]!,
        (await readdir(join(options.dataDir, 'blobs', prefixes[0]!)))[0]!,
      );
      await rm(blob);
      const restored = await dispatch(backend.handlers, 'backups:restoreFromFolder', { id: older.value.id });
      expect(restored).toMatchObject({ ok: true, value: { status: 'ready' } });
      expect(await dispatch(backend.handlers, 'settings:get', {})).toMatchObject({
        value: { boardName: 'Older copy' },
      });
      expect((await stat(blob)).isFile()).toBe(true);
      expect(await call(backend.handlers, 'audit:verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      await backend.close();
    }
  });
});
