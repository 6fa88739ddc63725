/**
 * Backups of the data folder in `backups/<time>/`: hard links for the
 * checkpoint and the closed journal segments (they never change in place), a
 * copy of the open segment. Blobs are not copied: they are content-addressed
 * and never changed or removed, so a backup's records still find them.
 */
import { byCode } from '../../../shared/text/compare.ts';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { BackupInfo } from '../../../shared/contract/storeTypes.ts';
import { diskFullFailure, errorCode, fsyncDir, isDiskFull, renameWithRetry } from './atomicFile.ts';
import { SEALS_FILE } from './seals.ts';
import { CHECKPOINT_FILE } from './checkpoint.ts';
import { listSegments, type JournalHead } from './journal.ts';
import { BLOBS_DIR } from './blobs.ts';

export const BACKUPS_DIR = 'backups';
export const JOURNAL_DIR = 'journal';
export const REPLACED_DIR = 'replaced';
const MANIFEST = 'backup.json';
const PARTIAL_MARK = '.partial';

/** A time as a folder-safe stamp: `2026-11-27T09-00-00-000Z`. */
export function stampOf(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
    await copyFile(from, to);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a backup of the checkpoint and journal as they are now. The caller
 * makes sure no append runs meanwhile (the store's one writer queue).
 */
export async function createBackup(
  dataDir: string,
  options: { reason: BackupInfo['reason']; head: JournalHead; openSegment: string | null; now: Date },
): Promise<BackupInfo> {
  const root = join(dataDir, BACKUPS_DIR);
  await mkdir(root, { recursive: true });
  let id = stampOf(options.now);
  for (let n = 2; await exists(join(root, id)); n++) id = `${stampOf(options.now)}-${n}`;
  const partial = join(root, `${id}${PARTIAL_MARK}`);
  await rm(partial, { recursive: true, force: true });
  const journalDir = join(dataDir, JOURNAL_DIR);
  const segments = await listSegments(journalDir);
  let bytes = 0;
  try {
    await mkdir(join(partial, JOURNAL_DIR), { recursive: true });
    const checkpoint = join(dataDir, CHECKPOINT_FILE);
    if (await exists(checkpoint)) {
      await linkOrCopy(checkpoint, join(partial, CHECKPOINT_FILE));
      bytes += (await stat(checkpoint)).size;
    }
    for (const { name } of segments) {
      const from = join(journalDir, name);
      const to = join(partial, JOURNAL_DIR, name);
      // The open segment is still being appended to: copy it. Closed ones never change: link them.
      if (name === options.openSegment) await copyFile(from, to);
      else await linkOrCopy(from, to);
      bytes += (await stat(from)).size;
    }
    if (await exists(join(journalDir, SEALS_FILE))) {
      await copyFile(join(journalDir, SEALS_FILE), join(partial, JOURNAL_DIR, SEALS_FILE));
    }
    const info: BackupInfo = {
      id,
      createdAt: options.now.toISOString(),
      reason: options.reason,
      seq: options.head.seq,
      bytes,
    };
    await writeFile(join(partial, MANIFEST), JSON.stringify({ ...info, hash: options.head.hash }, null, 2));
    await fsyncDir(join(partial, JOURNAL_DIR));
    await fsyncDir(partial);
    await renameWithRetry(partial, join(root, id));
    await fsyncDir(root);
    return info;
  } catch (error) {
    // A half-made backup is removed at once (it would only hold the space a save needs).
    await rm(partial, { recursive: true, force: true });
    if (isDiskFull(error)) {
      const open = segments.find((s) => s.name === options.openSegment);
      const needed = open
        ? await stat(join(journalDir, open.name)).then(
            (st) => st.size,
            () => 0,
          )
        : 0;
      throw diskFullFailure('the backup', dataDir, Math.max(needed, 4096));
    }
    throw error;
  }
}

function parseManifest(id: string, text: string): BackupInfo | null {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const reason = v.reason;
    if (typeof v.createdAt !== 'string' || typeof v.seq !== 'number' || typeof v.bytes !== 'number') return null;
    if (reason !== 'start' && reason !== 'manual' && reason !== 'before-restore' && reason !== 'before-sample')
      return null;
    return { id, createdAt: v.createdAt, reason, seq: v.seq, bytes: v.bytes };
  } catch {
    return null;
  }
}

/** The journal position a backup's manifest says it holds; null when it has no readable manifest. */
export async function backupHead(dataDir: string, id: string): Promise<JournalHead | null> {
  try {
    const v = JSON.parse(await readFile(join(dataDir, BACKUPS_DIR, id, MANIFEST), 'utf8')) as Record<string, unknown>;
    return typeof v.seq === 'number' && typeof v.hash === 'string' ? { seq: v.seq, hash: v.hash } : null;
  } catch {
    return null;
  }
}

/** Every complete backup, newest first. Folders without a readable manifest are skipped. */
export async function listBackups(dataDir: string): Promise<BackupInfo[]> {
  const root = join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const infos: BackupInfo[] = [];
  for (const id of names) {
    if (id.endsWith(PARTIAL_MARK) || id.startsWith('.')) continue;
    const text = await readFile(join(root, id, MANIFEST), 'utf8').catch(() => null);
    const info = text === null ? null : parseManifest(id, text);
    if (info) infos.push(info);
  }
  return infos.sort((a, b) => (a.createdAt === b.createdAt ? byCode(b.id, a.id) : byCode(b.createdAt, a.createdAt)));
}

/** Removes the oldest backups beyond `keep`, and half-made ones. */
export async function pruneBackups(dataDir: string, keep: number): Promise<void> {
  const root = join(dataDir, BACKUPS_DIR);
  const names = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.endsWith(PARTIAL_MARK)).map((n) => rm(join(root, n), { recursive: true, force: true })),
  );
  const backups = await listBackups(dataDir);
  for (const old of backups.slice(keep)) await rm(join(root, old.id), { recursive: true, force: true });
}

/**
 * Puts a backup's files in place of the current ones. Nothing is deleted: the
 * current checkpoint and journal move to `replaced/<time>/` first. Files are
 * copied, not linked, so appending later never changes the backup.
 */
export async function restoreBackupFiles(dataDir: string, id: string, now: Date): Promise<{ replacedDir: string }> {
  const source = join(dataDir, BACKUPS_DIR, id);
  const manifest = await readFile(join(source, MANIFEST), 'utf8').catch(() => null);
  if (manifest === null || parseManifest(id, manifest) === null) {
    throw new AppFailure('not_found', `There is no backup named ${id}.`);
  }
  return installDataCopy(dataDir, source, now);
}

/**
 * Puts the copy of a data folder at `source` (db.json, journal/, and blobs/
 * when it has them) in place of the data folder's own: the current db.json
 * and journal are moved to replaced/<time>/ (never deleted); blobs are only
 * added (content-addressed: one never replaces another). Checked by the
 * caller before anything is moved.
 */
export async function installDataCopy(dataDir: string, source: string, now: Date): Promise<{ replacedDir: string }> {
  const replacedDir = join(dataDir, REPLACED_DIR, stampOf(now));
  await mkdir(replacedDir, { recursive: true });
  const checkpoint = join(dataDir, CHECKPOINT_FILE);
  if (await exists(checkpoint)) await renameWithRetry(checkpoint, join(replacedDir, CHECKPOINT_FILE));
  const journalDir = join(dataDir, JOURNAL_DIR);
  if (await exists(journalDir)) await rename(journalDir, join(replacedDir, JOURNAL_DIR));
  await fsyncDir(replacedDir);
  await mkdir(journalDir, { recursive: true });
  for (const { name } of await listSegments(join(source, JOURNAL_DIR))) {
    await copyFile(join(source, JOURNAL_DIR, name), join(journalDir, name));
  }
  if (await exists(join(source, JOURNAL_DIR, SEALS_FILE))) {
    await copyFile(join(source, JOURNAL_DIR, SEALS_FILE), join(journalDir, SEALS_FILE));
  }
  if (await exists(join(source, CHECKPOINT_FILE))) {
    await copyFile(join(source, CHECKPOINT_FILE), checkpoint);
  }
  // A full copy (a backup to a folder) brings its blobs: those the data folder lacks are added.
  for (const prefix of await readdir(join(source, BLOBS_DIR)).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    await mkdir(join(dataDir, BLOBS_DIR, prefix), { recursive: true });
    for (const name of await readdir(join(source, BLOBS_DIR, prefix))) {
      if (!/^[0-9a-f]{64}$/.test(name) || (await exists(join(dataDir, BLOBS_DIR, prefix, name)))) continue;
      await copyFile(join(source, BLOBS_DIR, prefix, name), join(dataDir, BLOBS_DIR, prefix, name));
    }
  }
  await fsyncDir(journalDir);
  await fsyncDir(dataDir);
  return { replacedDir };
}
