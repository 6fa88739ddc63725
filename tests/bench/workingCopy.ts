/**
 * A throwaway copy of a data folder that a measure may open, change and
 * checkpoint without touching the cached body: hard links for the checkpoint
 * and the closed journal segments (the store replaces the checkpoint by
 * rename and never writes a closed segment), a real copy of the open
 * segment (it is appended to), and the blobs folder linked as it is (the
 * measures only read blobs). Made in milliseconds even at full size.
 *
 * With `writableBlobs`, the blobs folder is a real one of hard links, file by
 * file, instead: a measure that saves a paper (a new blob) then writes into
 * the copy, never into the cached body. A few hundred milliseconds at full size.
 */
import { copyFile, link, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BLOBS_DIR } from '../../electron/backend/store/blobs.ts';
import { BACKUPS_DIR, JOURNAL_DIR } from '../../electron/backend/store/backups.ts';
import { CHECKPOINT_FILE } from '../../electron/backend/store/checkpoint.ts';
import { listSegments } from '../../electron/backend/store/journal.ts';
import { SEALS_FILE } from '../../electron/backend/store/seals.ts';

/** A working copy and the way to remove it. */
export interface WorkingCopy {
  readonly dataDir: string;
  remove(): Promise<void>;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** The blobs folder as hard links, file by file (blobs/<2 hex>/<hash>): new blobs land in the copy only. */
async function linkBlobs(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await linkBlobs(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) await linkOrCopy(join(from, entry.name), join(to, entry.name));
  }
}

/** Makes `target` (replacing whatever is there) a working copy of the data folder `source`. */
export async function workingCopy(
  source: string,
  target: string,
  options: { readonly writableBlobs?: boolean } = {},
): Promise<WorkingCopy> {
  await rm(target, { recursive: true, force: true });
  await mkdir(join(target, JOURNAL_DIR), { recursive: true });
  await mkdir(join(target, BACKUPS_DIR), { recursive: true });
  const names = await readdir(source);
  if (names.includes(CHECKPOINT_FILE)) await linkOrCopy(join(source, CHECKPOINT_FILE), join(target, CHECKPOINT_FILE));
  const segments = await listSegments(join(source, JOURNAL_DIR));
  for (const [i, segment] of segments.entries()) {
    const from = join(source, JOURNAL_DIR, segment.name);
    const to = join(target, JOURNAL_DIR, segment.name);
    if (i === segments.length - 1) await copyFile(from, to);
    else await linkOrCopy(from, to);
  }
  // The seals are appended to: a copy.
  if ((await readdir(join(source, JOURNAL_DIR))).includes(SEALS_FILE)) {
    await copyFile(join(source, JOURNAL_DIR, SEALS_FILE), join(target, JOURNAL_DIR, SEALS_FILE));
  }
  if (options.writableBlobs) await linkBlobs(join(source, BLOBS_DIR), join(target, BLOBS_DIR));
  else await symlink(resolve(source, BLOBS_DIR), join(target, BLOBS_DIR), 'dir');
  return {
    dataDir: target,
    remove: () => rm(target, { recursive: true, force: true }),
  };
}
