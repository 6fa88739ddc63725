/**
 * Durable file writing: a unique temp file, fsync, rename (retried where
 * Windows holds a file open for a moment), then fsync of the folder so the
 * rename itself survives a power cut. One job, used by the checkpoint,
 * backups, blobs and exports.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppFailure } from '../../../shared/contract/result.ts';

const TEMP_MARK = '.tmp-';
const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Options that let tests simulate a crash at the worst moment. */
export interface AtomicWriteOptions {
  /** Called after the temp file is complete and synced, before the rename. */
  readonly beforeRename?: (tempPath: string) => void | Promise<void>;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** The temp-file name for `target`: hidden, unique, and recognisable by `sweepTempFiles`. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** True for a file name that `writeFileAtomic` uses for its temp files. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.includes(TEMP_MARK);
}

/** Renames, retrying for a short while on the errors Windows gives while a file is briefly locked. */
export async function renameWithRetry(from: string, to: string, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= attempts || code === undefined || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    }
  }
}

/** Fsyncs a folder so a rename or a new file in it is durable. Skipped on Windows, which cannot. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `content` to `target` atomically: readers see the old file or the new
 * one, never a mix, and after a crash the old one is intact.
 */
export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx');
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await handle.writeFile(content);
    } else {
      for await (const chunk of content) {
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
      }
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await options.beforeRename?.(temp);
    await renameWithRetry(temp, target);
  } catch (error) {
    // A simulated crash leaves the temp file behind on purpose, as a real one would.
    if (options.beforeRename === undefined) await rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dirname(target));
}

/** Removes temp files a crashed writer left in `dir`; returns their names. */
export async function sweepTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const stale = names.filter(isTempFileName);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true, recursive: true })));
  return stale;
}

export { errorCode };

/** True for the errors a full disk (ENOSPC) or an exhausted quota (EDQUOT) gives. */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** A size for a person: "3.2 MB", "300 bytes". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The one answer every write path gives on a full disk: `disk_full`, naming
 * what was being written, where, and the space it needs.
 */
export function diskFullFailure(what: string, folder: string, bytesNeeded: number): AppFailure {
  return new AppFailure(
    'disk_full',
    `The disk holding ${folder} is full, so ${what} could not be written (it needs about ${sizeInWords(bytesNeeded)} free). Nothing already saved was lost: free some space and try again.`,
    { bytesNeeded },
  );
}
