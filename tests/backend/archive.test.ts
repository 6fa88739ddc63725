/**
 * The full archive, on real folders: export the sample board, import it into
 * an empty folder, reopen that folder in a fresh backend, and find the same
 * state, journal and blobs byte for byte; the "without my private notes"
 * archive; import over data only when confirmed, after a backup; and every
 * hostile archive refused with nothing imported.
 */
import { readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/backend/backend.ts';
import { call } from '../../electron/backend/dispatch.ts';
import { checkArchive } from '../../electron/backend/archive/archive.ts';
import { DEFAULT_ZIP_LIMITS } from '../../electron/backend/archive/safeZip.ts';
import { hashLine } from '../../electron/backend/store/journal.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { zipEntries } from '../helpers/zipEntries.ts';
import { rawZip, type RawZipEntry } from '../helpers/zipWriter.ts';
import { createHash } from 'node:crypto';

const NOW = new Date('2026-06-20T09:00:00.000Z');

async function sampleBoard(): Promise<TestBackend> {
  const b = await testBackend(NOW);
  await b.ok('sample:load', { confirm: false });
  const papers = await b.ok('papers:list', {});
  const paper = papers.rows[0]!;
  await b.ok('papers:saveNote', { id: paper.id, note: 'My private note: ask about the break clause.' });
  await b.ok('papers:markRead', { id: paper.id, read: true });
  return b;
}

function entriesOf(content: string): Map<string, Buffer> {
  return zipEntries(Buffer.from(content, 'base64'));
}

/** The entries a round trip must keep byte for byte: state, journal segments, blobs. */
function dataEntries(entries: Map<string, Buffer>): Map<string, string> {
  return new Map(
    [...entries]
      .filter(([name]) => name === 'state.json' || /^journal\/\d+\.jsonl$/.test(name) || name.startsWith('blobs/'))
      .map(([name, data]) => [name, createHash('sha256').update(data).digest('hex')]),
  );
}

function sha(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The archive's entries rewritten (manifest kept in step unless `keepManifest`). */
function rewritten(
  entries: Map<string, Buffer>,
  change: (e: Map<string, Buffer>) => void,
  keepManifest = false,
): Buffer {
  const copy = new Map(entries);
  change(copy);
  if (!keepManifest) {
    const manifest = JSON.parse(copy.get('manifest.json')!.toString('utf8')) as {
      files: Array<{ path: string; bytes: number; sha256: string }>;
    };
    manifest.files = [...copy]
      .filter(([name]) => name !== 'manifest.json')
      .map(([path, data]) => ({ path, bytes: data.length, sha256: sha(data) }));
    copy.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  }
  return rawZip([...copy].map(([name, data]): RawZipEntry => ({ name, data, deflate: true })));
}

async function importRefused(archive: Buffer, fileName = 'hostile.boardkeeper'): Promise<string> {
  const target = await testBackend(NOW);
  const error = await target.refused('archive:import', {
    fileName,
    dataBase64: archive.toString('base64'),
    replace: false,
  });
  // Nothing imported: the target folder still holds no record, and no staging is left behind.
  expect((await target.ok('store:status', {})).seq).toBe(0);
  expect(await readdir(join(target.dataDir, 'import-staging')).catch(() => [])).toEqual([]);
  return error.message;
}

describe('full archive', () => {
  it('round trips the sample board into an empty folder, byte for byte, after reopening', async () => {
    const source = await sampleBoard();
    const exported = await source.ok('archive:export', { kind: 'full' });
    expect(exported.fileName).toMatch(/\.boardkeeper$/);
    const entries = entriesOf(exported.content);
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining(['manifest.json', 'README.md', 'state.json', 'schema/state.schema.json']),
    );
    expect([...entries.keys()].some((n) => /^journal\/\d{12}\.jsonl$/.test(n))).toBe(true);
    expect([...entries.keys()].some((n) => n.startsWith('blobs/'))).toBe(true);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as {
      journalHead: { seq: number; hash: string };
      schemaVersion: number;
    };
    expect(manifest.journalHead.seq).toBe(exported.seq);
    expect(manifest.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    // The README's chain check is right: the last line's hash is the head.
    const lines = [...entries]
      .filter(([n]) => /^journal\/\d+\.jsonl$/.test(n))
      .flatMap(([, d]) => d.toString('utf8').split('\n').filter(Boolean));
    expect(hashLine(lines.at(-1)!)).toBe(manifest.journalHead.hash);

    const target = await testBackend(NOW);
    const imported = await target.ok('archive:import', {
      fileName: exported.fileName,
      dataBase64: exported.content,
      replace: false,
    });
    expect(imported.seq).toBe(exported.seq);
    expect(imported.replacedDir).toBeNull();
    expect(imported.counts.papers).toBeGreaterThan(0);
    await target.backend.close();

    // A fresh backend on the imported folder: the journal as it was, nothing appended.
    const reopened = await openBackend({
      dataDir: target.dataDir,
      platform: { openPath: async () => false, quit: () => undefined },
      clock: () => NOW,
      checkpointQuietMs: 60_000,
      backgroundChecksAfterMs: null,
    });
    try {
      const status = await call(reopened.handlers, 'store:status', {});
      expect(status.ok && status.value.status).toBe('ready');
      const verify = await call(reopened.handlers, 'audit:verify', {});
      expect(verify.ok && verify.value.ok).toBe(true);
      const again = await call(reopened.handlers, 'archive:export', { kind: 'full' });
      if (!again.ok) throw new Error(again.error.message);
      expect(again.value.seq).toBe(exported.seq);
      expect(dataEntries(entriesOf(again.value.content))).toEqual(dataEntries(entries));
      // The private note came back too.
      const papers = await call(reopened.handlers, 'papers:list', {});
      if (!papers.ok) throw new Error(papers.error.message);
      const paper = await call(reopened.handlers, 'papers:get', { id: papers.value.rows[0]!.id });
      expect(JSON.stringify(paper)).toContain('ask about the break clause');
    } finally {
      await reopened.close();
    }
  });

  it('without private notes: no journal, no notes or read marks, only the blobs papers use; the head named', async () => {
    const source = await sampleBoard();
    const exported = await source.ok('archive:export', { kind: 'without-private-notes' });
    expect(exported.leftOut.join(' ')).toMatch(/private notes/);
    const entries = entriesOf(exported.content);
    expect([...entries.keys()].some((n) => n.startsWith('journal/'))).toBe(false);
    const state = entries.get('state.json')!.toString('utf8');
    expect(state).not.toContain('ask about the break clause');
    expect((JSON.parse(state) as { paperMarks: unknown[] }).paperMarks).toEqual([]);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as {
      journalHead: { seq: number; hash: string };
      kind: string;
    };
    expect(manifest.kind).toBe('without-private-notes');
    expect(manifest.journalHead).toEqual({ seq: exported.seq, hash: exported.hash });
    expect(entries.get('README.md')!.toString('utf8')).toContain('no journal');
    // It cannot become a board's record.
    expect(await importRefused(Buffer.from(exported.content, 'base64'))).toMatch(/without my private notes/);
  });

  it('over data: refused unless confirmed; then backed up first and the replaced data kept aside', async () => {
    const source = await sampleBoard();
    const exported = await source.ok('archive:export', { kind: 'full' });
    const target = await testBackend(NOW);
    await target.ok('settings:update', { boardName: 'Another board' });
    const headBefore = (await target.ok('store:status', {})).seq;
    expect(headBefore).toBeGreaterThan(0);
    const refusal = await target.refused('archive:import', {
      fileName: exported.fileName,
      dataBase64: exported.content,
      replace: false,
    });
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toMatch(/already holds a board's record/);
    expect((await target.ok('store:status', {})).seq).toBe(headBefore);

    const imported = await target.ok('archive:import', {
      fileName: exported.fileName,
      dataBase64: exported.content,
      replace: true,
    });
    expect(imported.seq).toBe(exported.seq);
    expect(imported.replacedDir).not.toBeNull();
    expect((await readdir(join(imported.replacedDir!, 'journal'))).length).toBeGreaterThan(0);
    const backups = await target.ok('backups:list', {});
    expect(backups.some((b) => b.reason === 'before-restore' && b.seq === headBefore)).toBe(true);
    expect((await target.ok('settings:get', {})).boardName).not.toBe('Another board');
  });
});

describe('hostile archives are refused and nothing is imported', () => {
  async function sampleEntries(): Promise<Map<string, Buffer>> {
    const source = await sampleBoard();
    return entriesOf((await source.ok('archive:export', { kind: 'full' })).content);
  }

  it('a changed blob (manifest not updated, and manifest updated)', async () => {
    const entries = await sampleEntries();
    const blob = [...entries.keys()].find((n) => n.startsWith('blobs/'))!;
    const tamper = (e: Map<string, Buffer>): void => {
      e.set(blob, Buffer.concat([e.get(blob)!, Buffer.from(' (edited)')]));
    };
    expect(await importRefused(rewritten(entries, tamper, true))).toMatch(/not the file its manifest describes/);
    expect(await importRefused(rewritten(entries, tamper))).toMatch(/does not match its SHA-256/);
  });

  it('a broken chain', async () => {
    const entries = await sampleEntries();
    const segment = [...entries.keys()].find((n) => /^journal\/\d+\.jsonl$/.test(n))!;
    const text = entries.get(segment)!.toString('utf8');
    const broken = text.replace(/"actor":"[^"]*"/, '"actor":"Someone else"');
    expect(broken).not.toBe(text);
    const message = await importRefused(rewritten(entries, (e) => e.set(segment, Buffer.from(broken))));
    expect(message).toMatch(/journal|entry/);
  });

  it('a state that fails the schema, a state that is not what the journal says, and a newer schema version', async () => {
    const entries = await sampleEntries();
    const state = JSON.parse(entries.get('state.json')!.toString('utf8')) as Record<string, unknown>;
    const bad = { ...state, decisions: [{ id: 'dec_x', outcome: 'maybe' }] };
    expect(
      await importRefused(rewritten(entries, (e) => e.set('state.json', Buffer.from(JSON.stringify(bad))))),
    ).toMatch(/does not fit the schema: decisions/);
    const other = { ...state, settings: { ...(state.settings as object), boardName: 'Edited after export' } };
    expect(
      await importRefused(rewritten(entries, (e) => e.set('state.json', Buffer.from(JSON.stringify(other))))),
    ).toMatch(/not the state its journal records/);
    const newer = (e: Map<string, Buffer>): void => {
      const m = JSON.parse(e.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
      e.set('manifest.json', Buffer.from(JSON.stringify({ ...m, schemaVersion: CURRENT_SCHEMA_VERSION + 1 })));
    };
    expect(await importRefused(rewritten(entries, newer, true))).toMatch(/newer than this version/);
  });

  it('an entry path with .., an absolute path, a symlink', async () => {
    const entries = await sampleEntries();
    const withEntry = (extra: RawZipEntry): Buffer =>
      rawZip([...[...entries].map(([name, data]) => ({ name, data })), extra]);
    expect(await importRefused(withEntry({ name: 'blobs/../../evil.txt', data: Buffer.from('x') }))).toMatch(
      /climbs out/,
    );
    expect(await importRefused(withEntry({ name: '/etc/evil', data: Buffer.from('x') }))).toMatch(/absolute path/);
    expect(await importRefused(withEntry({ name: 'C:/evil', data: Buffer.from('x') }))).toMatch(/absolute path/);
    expect(
      await importRefused(withEntry({ name: 'schema/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 })),
    ).toMatch(/symbolic link/);
  });

  it('a zip bomb (ratio) and one too large in total', async () => {
    const zeros = Buffer.alloc(30 * 1024 * 1024);
    expect(await importRefused(rawZip([{ name: 'state.json', data: zeros, deflate: true }]))).toMatch(/zip bomb/);
    const dir = await tempDir();
    const path = join(dir, 'big.boardkeeper');
    await writeFile(
      path,
      rawZip([
        { name: 'a.json', data: Buffer.alloc(4096, 1) },
        { name: 'b.json', data: Buffer.alloc(4096, 2) },
      ]),
    );
    await expect(
      checkArchive(path, dir, 'big.boardkeeper', NOW, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 6000 }),
    ).rejects.toThrow(/would unpack to more than/);
  });

  it('a 2 GB file, refused before it is read', async () => {
    const dir = await tempDir();
    const path = join(dir, 'huge.boardkeeper');
    await writeFile(path, '');
    await truncate(path, 2_000_000_000);
    expect((await stat(path)).size).toBe(2_000_000_000);
    await expect(checkArchive(path, dir, 'huge.boardkeeper', NOW)).rejects.toThrow(/more than the 1.5 GB/);
    expect(await readdir(join(dir, 'import-staging')).catch(() => [])).toEqual([]);
  });

  it('a file that is not a ZIP', async () => {
    expect(await importRefused(Buffer.from('name,date\nPCD 2026-117,01/02/2026\n'))).toMatch(/not a readable ZIP/);
  });

  it('keeps the README readable: it names every part of the format', async () => {
    const entries = await sampleEntries();
    const readme = entries.get('README.md')!.toString('utf8');
    for (const word of ['manifest.json', 'state.json', 'journal/', 'blobs/', 'schema/', 'hashlib.sha256']) {
      expect(readme).toContain(word);
    }
  });
});
