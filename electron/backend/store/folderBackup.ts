/**
 * "Back up to a folder…": a backup on another disk (an external drive, a
 * synced network folder) that shares no file with the data folder. Every file
 * is copied (the checkpoint, every journal segment, the seals, every blob),
 * the copy is checked against its journal's chain (copyCheck.ts) before it
 * counts, and the newest N are kept there. Hard-linked backups inside the
 * data folder are fast but share a damaged file with it; these do not.
 */
import { copyFile, mkdir, open, readdir, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { FolderBackupInfo, FolderBackupSettings } from '../../../shared/contract/storeTypes.ts';
import { diskFullFailure, fsyncDir, isDiskFull, renameWithRetry, writeFileAtomic } from './atomicFile.ts';
import { stampOf } from './backups.ts';
import { BLOBS_DIR } from './blobs.ts';
import { CHECKPOINT_FILE } from './checkpoint.ts';
import { checkDataCopy } from './copyCheck.ts';
import { listSegments, type JournalHead } from './journal.ts';
import { SEALS_FILE } from './seals.ts';

const SETTINGS_FILE = 'backup-folder.json';
const PREFIX = 'boardkeeper-backup-';
const MANIFEST = 'backup.json';
const PARTIAL = '.partial';

/** The data as it was at one journal position, taken in the store's write queue. */
export interface DataSnapshot {
  readonly head: JournalHead;
  /** The open segment and its length at the snapshot: later appends are not copied. */
  readonly openSegment: string | null;
  readonly openBytes: number;
  /** db.json held open at the snapshot, so a checkpoint written meanwhile does not replace what is copied. */
  readonly checkpoint: FileHandle | null;
}

/** The folder backup settings of a data folder (none when no folder is set). */
export async function readFolderBackupSettings(dataDir: string): Promise<FolderBackupSettings | null> {
  try {
    const v = JSON.parse(await readFile(join(dataDir, SETTINGS_FILE), 'utf8')) as Partial<FolderBackupSettings>;
    if (typeof v.folder !== 'string' || typeof v.keep !== 'number') return null;
    return {
      folder: v.folder,
      keep: v.keep,
      ...(typeof v.lastAt === 'string' ? { lastAt: v.lastAt } : {}),
      ...(typeof v.lastError === 'string' ? { lastError: v.lastError } : {}),
    };
  } catch {
    return null;
  }
}

/** Saves (or, with null, clears) the folder backup settings. */
export async function writeFolderBackupSettings(dataDir: string, settings: FolderBackupSettings | null): Promise<void> {
  if (settings === null) await rm(join(dataDir, SETTINGS_FILE), { force: true });
  else await writeFileAtomic(join(dataDir, SETTINGS_FILE), JSON.stringify(settings, null, 2));
}

async function copyPrefix(from: string, to: string, bytes: number): Promise<void> {
  if (bytes === 0) {
    await writeFile(to, '');
    return;
  }
  const source = await open(from, 'r');
  try {
    await pipeline(source.createReadStream({ start: 0, end: bytes - 1, autoClose: false }), createWriteStream(to));
  } finally {
    await source.close();
  }
}

/** Copies the snapshot into a new folder under `folder`, checks the copy, keeps the newest `keep`. */
export async function backupToFolder(
  dataDir: string,
  folder: string,
  keep: number,
  snapshot: DataSnapshot,
  now: Date,
): Promise<FolderBackupInfo> {
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw new AppFailure(
      'io_error',
      `The backup folder ${folder} cannot be used: ${error instanceof Error ? error.message : String(error)}. Choose another folder, or connect the drive.`,
    );
  });
  const id = `${PREFIX}${stampOf(now)}`;
  const partial = join(folder, `${id}${PARTIAL}`);
  let bytes = 0;
  try {
    await rm(partial, { recursive: true, force: true });
    await mkdir(join(partial, 'journal'), { recursive: true });
    if (snapshot.checkpoint !== null) {
      await pipeline(
        snapshot.checkpoint.createReadStream({ start: 0, autoClose: false }),
        createWriteStream(join(partial, CHECKPOINT_FILE)),
      );
    }
    const journalDir = join(dataDir, 'journal');
    for (const { name, firstSeq } of await listSegments(journalDir)) {
      if (firstSeq > snapshot.head.seq) continue;
      if (name === snapshot.openSegment) {
        await copyPrefix(join(journalDir, name), join(partial, 'journal', name), snapshot.openBytes);
      } else {
        await copyFile(join(journalDir, name), join(partial, 'journal', name));
      }
    }
    await copyFile(join(journalDir, SEALS_FILE), join(partial, 'journal', SEALS_FILE)).catch(() => undefined);
    const blobs = join(dataDir, BLOBS_DIR);
    for (const prefix of await readdir(blobs).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      await mkdir(join(partial, BLOBS_DIR, prefix), { recursive: true });
      for (const name of await readdir(join(blobs, prefix))) {
        if (!/^[0-9a-f]{64}$/.test(name)) continue;
        await copyFile(join(blobs, prefix, name), join(partial, BLOBS_DIR, prefix, name));
      }
    }
    const problem = await checkDataCopy(partial, snapshot.head, {
      blobsRoot: join(partial, BLOBS_DIR),
      rehashBlobs: true,
    });
    if (problem !== null) {
      throw new AppFailure(
        'io_error',
        `The copy in ${folder} did not verify (${problem}), so it was removed. The data folder itself is unchanged; try again, or choose another folder or drive.`,
      );
    }
    bytes = await folderBytes(partial);
    const info: FolderBackupInfo = {
      id,
      folder,
      createdAt: now.toISOString(),
      seq: snapshot.head.seq,
      bytes,
    };
    await writeFile(join(partial, MANIFEST), JSON.stringify({ ...info, hash: snapshot.head.hash }, null, 2));
    await fsyncDir(partial);
    await renameWithRetry(partial, join(folder, id));
    await fsyncDir(folder);
    await pruneFolderBackups(folder, keep);
    return info;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (isDiskFull(error)) throw diskFullFailure(`the backup to ${folder}`, folder, Math.max(bytes, 4096));
    throw error;
  }
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const { size } = await open(join(entry.parentPath, entry.name), 'r').then(async (h) => {
      try {
        return await h.stat();
      } finally {
        await h.close();
      }
    });
    total += size;
  }
  return total;
}

/** The backups in `folder`, newest first. */
export async function listFolderBackups(folder: string): Promise<FolderBackupInfo[]> {
  const out: FolderBackupInfo[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX) || name.endsWith(PARTIAL)) continue;
    try {
      const v = JSON.parse(await readFile(join(folder, name, MANIFEST), 'utf8')) as FolderBackupInfo;
      out.push({ id: name, folder, createdAt: v.createdAt, seq: v.seq, bytes: v.bytes });
    } catch {
      // Not a complete backup: left alone.
    }
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : -1));
}

/**
 * Checks the backup `id` in `folder` as a whole, before a restore trusts it:
 * its manifest, its journal's chain up to the entry it says it holds, its
 * checkpoint equal to the state that journal produces, and every blob's
 * content against its name. Null when it verifies, else why not (for a person).
 */
export async function checkFolderBackup(folder: string, id: string): Promise<string | null> {
  const root = join(folder, id);
  let head: JournalHead;
  try {
    const v = JSON.parse(await readFile(join(root, MANIFEST), 'utf8')) as { seq?: unknown; hash?: unknown };
    if (typeof v.seq !== 'number' || typeof v.hash !== 'string') return `its manifest (${MANIFEST}) is incomplete`;
    head = { seq: v.seq, hash: v.hash };
  } catch {
    return `its manifest (${MANIFEST}) cannot be read`;
  }
  return checkDataCopy(root, head, { blobsRoot: join(root, BLOBS_DIR), rehashBlobs: true });
}

/** Removes the oldest backups in `folder` beyond `keep`, and half-made ones. */
async function pruneFolderBackups(folder: string, keep: number): Promise<void> {
  for (const name of await readdir(folder)) {
    if (name.startsWith(PREFIX) && name.endsWith(PARTIAL))
      await rm(join(folder, name), { recursive: true, force: true });
  }
  for (const old of (await listFolderBackups(folder)).slice(keep)) {
    await rm(join(folder, old.id), { recursive: true, force: true });
  }
}
