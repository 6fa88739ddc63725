/**
 * Reading a ZIP that came from outside (an archive to import) without
 * trusting it: every entry's name is checked before anything is written (no
 * `..`, no absolute path, no drive letter, no backslash, no symlink, no
 * name twice), sizes are capped (the file itself, the total unpacked, and how
 * far one entry may inflate: a zip bomb is refused, not unpacked), and the
 * sizes the archive declares are held to what it really inflates to (yauzl's
 * validateEntrySizes). Entries are written under one folder only.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type TransformCallback } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppFailure } from '../../../shared/contract/result.ts';

/** Limits on what a ZIP may hold before it is unpacked. */
export interface ZipLimits {
  /** The largest archive file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** The most bytes all entries may unpack to. */
  readonly maxTotalBytes: number;
  /** The most entries. */
  readonly maxEntries: number;
  /** An entry larger than `ratioFloorBytes` may inflate at most this many times its packed size. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

/** 1.5 GiB of archive, 4 GiB unpacked, 200 000 files, 1:200 for entries over 1 MiB. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 1.5 * 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntries: 200_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
};

const SYMLINK = 0o120000;
const TYPE_MASK = 0o170000;
const SAFE_SEGMENT = /^[0-9A-Za-z._-]+$/;

function refused(what: string, why: string): AppFailure {
  return new AppFailure('invalid_input', `${what} cannot be imported: ${why}. Nothing was imported.`);
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

/**
 * Why an entry name is unsafe, or null. Names are checked here rather than
 * by the library so the message says what was found.
 */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return `the entry "${name}" has a backslash in its path`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `the entry "${name}" has an absolute path`;
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.includes('..')) return `the entry "${name}" climbs out of the archive's folder with ".."`;
  if (parts.some((p) => p === '' || p === '.' || !SAFE_SEGMENT.test(p)))
    return `the entry "${name}" has a path this format never writes`;
  return null;
}

/** One checked entry, before it is unpacked. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly bytes: number;
}

function nameOf(entry: Entry): string {
  const raw = entry.fileName as unknown;
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Counts bytes as they inflate and stops past the cap (a declared size that lies is caught too). */
function capped(limit: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(refused(what, 'it unpacks to more than it declares'));
      else callback(null, chunk);
    },
  });
}

/**
 * Checks the ZIP at `path` and unpacks it into `intoDir` (which should be
 * new and empty). `what` names the file in messages ("The archive x.boardkeeper").
 * Throws AppFailure `validation` naming the first problem; entries are only
 * written after every name and size has been checked.
 */
export async function unpackZip(
  path: string,
  intoDir: string,
  what: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipEntryInfo[]> {
  const size = (await stat(path)).size;
  if (size > limits.maxFileBytes) {
    throw refused(
      what,
      `it is ${(size / 1024 ** 3).toFixed(1)} GB, more than the ${(limits.maxFileBytes / 1024 ** 3).toFixed(1)} GB an archive may be (copy the data folder instead)`,
    );
  }
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw refused(what, `it is not a readable ZIP file (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    let entries: Entry[];
    try {
      entries = await readEntries(zip);
    } catch (error) {
      throw refused(what, `its list of files is damaged (${error instanceof Error ? error.message : String(error)})`);
    }
    if (entries.length > limits.maxEntries) throw refused(what, `it holds more than ${limits.maxEntries} files`);
    const seen = new Set<string>();
    let total = 0;
    const files: Entry[] = [];
    for (const entry of entries) {
      const name = nameOf(entry);
      const unsafe = unsafeEntryName(name);
      if (unsafe !== null) throw refused(what, unsafe);
      const mode = (entry.externalFileAttributes >>> 16) & TYPE_MASK;
      if (mode === SYMLINK) throw refused(what, `the entry "${name}" is a symbolic link`);
      if (seen.has(name)) throw refused(what, `the entry "${name}" appears twice`);
      seen.add(name);
      if (name.endsWith('/')) continue;
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        throw refused(what, `it would unpack to more than ${(limits.maxTotalBytes / 1024 ** 3).toFixed(1)} GB`);
      }
      if (
        entry.uncompressedSize > limits.ratioFloorBytes &&
        entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
      ) {
        throw refused(
          what,
          `the entry "${name}" inflates ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times its packed size (a zip bomb)`,
        );
      }
      files.push(entry);
    }
    for (const entry of files) {
      const name = nameOf(entry);
      const target = join(intoDir, ...name.split('/'));
      await mkdir(dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      try {
        await pipeline(stream, capped(entry.uncompressedSize, what), createWriteStream(target, { flags: 'wx' }));
      } catch (error) {
        if (error instanceof AppFailure) throw error;
        throw refused(
          what,
          `the entry "${name}" is damaged (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
    return files.map((e) => ({ name: nameOf(e), bytes: e.uncompressedSize }));
  } finally {
    zip.close();
  }
}
