/**
 * The full archive: everything a data folder holds, in one `.boardkeeper`
 * file (a ZIP), and back. See `archiveReadme.ts` for the format as the file
 * itself explains it, and docs/portability.md.
 *
 * Export reads the data at one journal position (`Store.archiveSnapshot`).
 * Import checks everything before anything is put in place: the names and
 * sizes of the entries (safeZip.ts), the manifest's SHA-256 of every file,
 * the state against the schema and the schema version, the journal's chain
 * up to the head the manifest names, every blob against its hash, and the
 * state the journal replays to against state.json. Then the journal is
 * copied as it was (nothing is appended to it), the blobs added, and the
 * store rebuilds its state from the journal when it opens.
 */
import { blobReferencesOf } from '../store/blobReferences.ts';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import yazl from 'yazl';
import { AppFailure } from '../../../shared/contract/result.ts';
import { canonicalJson } from '../../../shared/documents/canonicalJson.ts';
import { migrateDocument } from '../../../shared/schema/migrations.ts';
import { publishedSchemas } from '../../../shared/schema/published.ts';
import {
  COLLECTION_NAMES,
  CURRENT_SCHEMA_VERSION,
  StateDocumentSchema,
  fieldIssues,
  toDocument,
  type State,
} from '../../../shared/schema/state.ts';
import { fsyncDir, renameWithRetry } from '../store/atomicFile.ts';
import { JOURNAL_DIR, stampOf } from '../store/backups.ts';
import { BLOBS_DIR } from '../store/blobs.ts';
import { CHECKPOINT_FILE } from '../store/checkpoint.ts';
import { checkDataCopyReplayed } from '../store/copyCheck.ts';
import { plainDocument } from '../store/rebuild.ts';
import { listSegments, type JournalHead } from '../store/journal.ts';
import { SEALS_FILE } from '../store/seals.ts';
import type { ArchiveSnapshot } from '../store/store.ts';
import { archiveReadme } from './archiveReadme.ts';
import { DEFAULT_ZIP_LIMITS, unpackZip, type ZipLimits } from './safeZip.ts';

/** The `format` every archive's manifest names. */
export const ARCHIVE_FORMAT = 'boardkeeper-archive';
/** The archive layout's own version (not the records' schema version). */
export const ARCHIVE_FORMAT_VERSION = 1;
/** The extension of an archive file. */
export const ARCHIVE_EXTENSION = '.boardkeeper';
/** What an archive holds: everything, or what another person may be given. */
export type ArchiveKind = 'full' | 'without-private-notes';

/** What the manifest says about one file. */
export interface ArchiveFileEntry {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** `manifest.json`: what an archive is and every file it holds. */
export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly formatVersion: number;
  readonly kind: ArchiveKind;
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly journalHead: JournalHead;
  readonly files: readonly ArchiveFileEntry[];
}

/** What the "without my private notes" archive leaves out, for the dialog and the README. */
export const LEFT_OUT_WITHOUT_NOTES = [
  'your private notes, highlights and read marks on papers',
  'the journal (it holds every note ever written): only its last entry number and hash are included',
  'stored files that no paper refers to',
] as const;

const README = 'README.md';
const MANIFEST = 'manifest.json';
const STATE = 'state.json';
const BLOB_NAME = /^[0-9a-f]{64}$/;
const IMPORT_STAGING = 'import-staging';

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The state as an archive holds it: each collection sorted by id (so two
 * exports of the same records are the same bytes, whatever order they were
 * loaded in); without private notes, `paperMarks` and `paperNotes` are empty.
 */
export function archiveStateDocument(state: State, kind: ArchiveKind): Record<string, unknown> {
  const doc = toDocument(state) as unknown as Record<string, unknown>;
  return sortedDocument(kind === 'full' ? doc : { ...doc, paperMarks: [], paperNotes: [] });
}

function sortedDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const name of COLLECTION_NAMES) {
    const list = doc[name];
    if (Array.isArray(list)) {
      out[name] = [...(list as Array<{ id: string }>)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
  }
  return out;
}

/** Every blob hash the records of a plain state document refer to. */
export function blobsReferencedBy(doc: Record<string, unknown>): Set<string> {
  return new Set([...blobReferencesOf(doc)].map((ref) => ref.hash));
}

async function listBlobs(blobsRoot: string): Promise<string[]> {
  const out: string[] = [];
  for (const prefix of (await readdir(blobsRoot).catch(() => [] as string[])).sort()) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of (await readdir(join(blobsRoot, prefix)).catch(() => [] as string[])).sort()) {
      if (BLOB_NAME.test(name) && name.startsWith(prefix)) out.push(name);
    }
  }
  return out;
}

async function readPrefix(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    let at = 0;
    while (at < bytes) {
      const { bytesRead } = await handle.read(buffer, at, bytes - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return buffer.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/**
 * Writes the archive of `snapshot` (taken from the store of `dataDir`) and
 * returns its bytes. Entries carry the snapshot's time so the ZIP says when
 * the data was taken.
 */
export async function buildArchive(
  dataDir: string,
  snapshot: ArchiveSnapshot,
  kind: ArchiveKind,
  now: Date,
): Promise<Uint8Array> {
  const files: Array<{ path: string; data: Buffer }> = [];
  const doc = archiveStateDocument(snapshot.state, kind);
  files.push({ path: STATE, data: Buffer.from(canonicalJson(doc), 'utf8') });
  const journalDir = join(dataDir, JOURNAL_DIR);
  if (kind === 'full') {
    for (const { name } of await listSegments(journalDir)) {
      const path = join(journalDir, name);
      const data = name === snapshot.openSegment ? await readPrefix(path, snapshot.openBytes) : await readFile(path);
      files.push({ path: `journal/${name}`, data });
    }
    if (snapshot.sealBytes > 0) {
      files.push({
        path: `journal/${SEALS_FILE}`,
        data: await readPrefix(join(journalDir, SEALS_FILE), snapshot.sealBytes),
      });
    }
  }
  const blobsRoot = join(dataDir, BLOBS_DIR);
  const wanted = kind === 'full' ? null : blobsReferencedBy(doc);
  for (const hash of await listBlobs(blobsRoot)) {
    if (wanted !== null && !wanted.has(hash)) continue;
    files.push({
      path: `blobs/${hash.slice(0, 2)}/${hash}`,
      data: await readFile(join(blobsRoot, hash.slice(0, 2), hash)),
    });
  }
  for (const [name, schema] of Object.entries(publishedSchemas())) {
    files.push({ path: `schema/${name}`, data: Buffer.from(`${JSON.stringify(schema, null, 2)}\n`, 'utf8') });
  }
  files.push({
    path: README,
    data: Buffer.from(archiveReadme(kind, snapshot.head.seq, snapshot.head.hash), 'utf8'),
  });
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    kind,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    journalHead: snapshot.head,
    files: files.map((f) => ({ path: f.path, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const zip = new yazl.ZipFile();
  const options = { mtime: now, mode: 0o100644 };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), MANIFEST, options);
  for (const f of files) zip.addBuffer(f.data, f.path, options);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An archive unpacked and checked, waiting in a staging folder to be put in place. */
export interface CheckedArchive {
  readonly stagingDir: string;
  readonly manifest: ArchiveManifest;
  /** Records per collection, for the message after the import. */
  readonly counts: Readonly<Record<string, number>>;
}

function refused(what: string, why: string): AppFailure {
  return new AppFailure('invalid_input', `${what} cannot be imported: ${why}. Nothing was imported.`);
}

function parseManifest(text: string, what: string): ArchiveManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw refused(what, 'its manifest.json is not valid JSON');
  }
  const m = raw as Partial<ArchiveManifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== ARCHIVE_FORMAT) {
    throw refused(what, 'it is not a Boardkeeper archive (its manifest.json does not name the format)');
  }
  if (typeof m.formatVersion !== 'number' || m.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw refused(
      what,
      `it was written in archive format ${String(m.formatVersion)} by a newer version of Boardkeeper`,
    );
  }
  if (typeof m.schemaVersion !== 'number' || !Number.isInteger(m.schemaVersion) || m.schemaVersion < 1) {
    throw refused(what, 'its manifest.json has no schema version');
  }
  if (m.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw refused(
      what,
      `its records are at schema version ${m.schemaVersion}, newer than this version of Boardkeeper reads (${CURRENT_SCHEMA_VERSION}); update the app first`,
    );
  }
  if (m.kind !== 'full' && m.kind !== 'without-private-notes') throw refused(what, 'its manifest.json names no kind');
  const head = m.journalHead;
  if (typeof head?.seq !== 'number' || typeof head.hash !== 'string' || !/^[0-9a-f]{64}$/.test(head.hash)) {
    throw refused(what, 'its manifest.json has no journal head');
  }
  if (!Array.isArray(m.files)) throw refused(what, 'its manifest.json lists no files');
  return m as ArchiveManifest;
}

/**
 * Unpacks the archive at `archivePath` into a staging folder of `dataDir`
 * and checks all of it. Throws AppFailure `validation` naming the first
 * problem (and removes the staging folder); nothing in the data folder is
 * touched either way.
 */
export async function checkArchive(
  archivePath: string,
  dataDir: string,
  fileName: string,
  now: Date,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<CheckedArchive> {
  const what = `The archive ${fileName}`;
  const stagingDir = join(dataDir, IMPORT_STAGING, stampOf(now));
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(stagingDir, { recursive: true });
  try {
    const entries = await unpackZip(archivePath, stagingDir, what, limits);
    if (!entries.some((e) => e.name === MANIFEST)) throw refused(what, 'it has no manifest.json');
    const manifest = parseManifest(await readFile(join(stagingDir, MANIFEST), 'utf8'), what);
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const entry of entries) {
      if (entry.name === MANIFEST) continue;
      const file = listed.get(entry.name);
      if (file === undefined) throw refused(what, `it holds ${entry.name}, which its manifest does not list`);
      const data = await readFile(join(stagingDir, ...entry.name.split('/')));
      if (data.length !== file.bytes || sha256(data) !== file.sha256) {
        throw refused(what, `${entry.name} is not the file its manifest describes (it was changed after export)`);
      }
      const blob = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(entry.name);
      if (
        entry.name.startsWith('blobs/') &&
        (blob === null || !blob[2]!.startsWith(blob[1]!) || sha256(data) !== blob[2])
      ) {
        throw refused(what, `the stored file ${entry.name} does not match its SHA-256 (it was changed)`);
      }
    }
    for (const path of listed.keys()) {
      if (!entries.some((e) => e.name === path)) throw refused(what, `its manifest lists ${path}, which is missing`);
    }
    if (manifest.kind !== 'full') {
      throw refused(
        what,
        'it was made "without my private notes" for another reader: it holds no journal, so it cannot become this board\'s record (import a full archive)',
      );
    }
    let stateRaw: unknown;
    try {
      stateRaw = JSON.parse(await readFile(join(stagingDir, STATE), 'utf8'));
    } catch {
      throw refused(what, 'its state.json is missing or not valid JSON');
    }
    const version = (stateRaw as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
      throw refused(
        what,
        `its state is at schema version ${version}, newer than this app reads (${CURRENT_SCHEMA_VERSION})`,
      );
    }
    const migrated = migrateDocument(stateRaw);
    if (!migrated.ok) throw refused(what, 'its state.json has no schema version this app can read');
    const parsed = StateDocumentSchema.safeParse(migrated.doc);
    if (!parsed.success) {
      const first = fieldIssues(parsed.error)[0]!;
      throw refused(what, `its state.json does not fit the schema: ${first.field} ${first.message}`);
    }
    // One replay of its journal: the copy's check (chain, checkpoint, blobs) hands over the state it produced.
    const { problem, replayed } = await checkDataCopyReplayed(stagingDir, manifest.journalHead, {
      blobsRoot: join(stagingDir, BLOBS_DIR),
      rehashBlobs: true,
    });
    if (problem !== null || replayed === null) throw refused(what, problem ?? 'its journal could not be replayed');
    if (replayed.head.seq !== manifest.journalHead.seq || replayed.head.hash !== manifest.journalHead.hash) {
      throw refused(
        what,
        `its journal ends at entry ${replayed.head.seq}, but its manifest says entry ${manifest.journalHead.seq}`,
      );
    }
    if (
      canonicalJson(sortedDocument(plainDocument(replayed.doc))) !==
      canonicalJson(sortedDocument(migrated.doc as Record<string, unknown>))
    ) {
      throw refused(what, 'its state.json is not the state its journal records (one of them was changed)');
    }
    const counts = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, (parsed.data[name] as unknown[]).length]));
    return { stagingDir, manifest, counts };
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    throw error;
  }
}

/** Whether the data folder holds a board's record (a journal entry or a checkpoint). */
export async function dataFolderHoldsData(dataDir: string): Promise<boolean> {
  for (const { name } of await listSegments(join(dataDir, JOURNAL_DIR))) {
    if ((await stat(join(dataDir, JOURNAL_DIR, name))).size > 0) return true;
  }
  return false;
}

/**
 * Puts a checked archive in place of the data folder's record, with the
 * store closed. What was there (checkpoint and journal) moves to
 * `replaced/<time>/` first, never deleted, as a restore does; blobs are
 * added (content-addressed: nothing is overwritten). The journal is copied
 * as it was; no checkpoint is written, so the store rebuilds the state from
 * the journal when it opens.
 */
export async function installArchive(
  checked: CheckedArchive,
  dataDir: string,
  now: Date,
): Promise<{ replacedDir: string | null }> {
  const journalDir = join(dataDir, JOURNAL_DIR);
  const checkpoint = join(dataDir, CHECKPOINT_FILE);
  const exists = (p: string): Promise<boolean> =>
    stat(p).then(
      () => true,
      () => false,
    );
  let replacedDir: string | null = null;
  if (await dataFolderHoldsData(dataDir)) {
    replacedDir = join(dataDir, 'replaced', stampOf(now));
    await mkdir(replacedDir, { recursive: true });
    if (await exists(checkpoint)) await renameWithRetry(checkpoint, join(replacedDir, CHECKPOINT_FILE));
    if (await exists(journalDir)) await rename(journalDir, join(replacedDir, JOURNAL_DIR));
    await fsyncDir(replacedDir);
  } else {
    // An empty folder: a checkpoint of no records and empty journal files stand for nothing.
    await rm(checkpoint, { force: true });
    for (const { name } of await listSegments(journalDir)) await rm(join(journalDir, name), { force: true });
  }
  await mkdir(journalDir, { recursive: true });
  const from = join(checked.stagingDir, JOURNAL_DIR);
  for (const { name } of await listSegments(from)) await copyFile(join(from, name), join(journalDir, name));
  if (await exists(join(from, SEALS_FILE))) await copyFile(join(from, SEALS_FILE), join(journalDir, SEALS_FILE));
  await fsyncDir(journalDir);
  const blobsFrom = join(checked.stagingDir, BLOBS_DIR);
  for (const hash of await listBlobs(blobsFrom)) {
    const target = join(dataDir, BLOBS_DIR, hash.slice(0, 2), hash);
    if (await exists(target)) continue;
    await mkdir(join(dataDir, BLOBS_DIR, hash.slice(0, 2)), { recursive: true });
    await copyFile(join(blobsFrom, hash.slice(0, 2), hash), target);
  }
  await fsyncDir(dataDir);
  await rm(checked.stagingDir, { recursive: true, force: true });
  return { replacedDir };
}

/** Removes a checked archive's staging folder (the import was not confirmed). */
export async function discardCheckedArchive(checked: CheckedArchive): Promise<void> {
  await rm(checked.stagingDir, { recursive: true, force: true });
}
