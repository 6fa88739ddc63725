/**
 * A board pack's zip container: written with yazl, read with yauzl. yauzl
 * refuses absolute and `..` paths itself; symlinks, sizes, the number of
 * entries and the compression ratio are checked here, from the central
 * directory, before any entry is inflated, and sizes again while inflating.
 * Nothing here writes to disk: the entries come back as buffers.
 */
import { Buffer } from 'node:buffer';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppFailure } from '../../../shared/contract/result.ts';
import { PACK_LIMITS } from '../../../shared/packs/packFormat.ts';

/** One file to put in a zip. */
export interface ZipInput {
  readonly path: string;
  readonly data: Buffer;
  /** Unix mode bits (tests build hostile zips with a symlink's); a plain file's by default. */
  readonly mode?: number;
}

/** A fixed time for every entry: the same records make the same zip. */
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');

/** Writes files into a zip, in the order given, and returns its bytes. */
export function zipOf(files: readonly ZipInput[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    zip.addBuffer(file.data, file.path, {
      mtime: ENTRY_TIME,
      mode: file.mode ?? 0o100644,
      // Blobs that are already compressed (PDFs, images) gain nothing from deflate.
      compress: !/\.(pdf|png|jpe?g|zip|docx|xlsx)$/i.test(file.path),
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A pack problem: refused with a message that names the file and what is wrong. */
export function packRefused(message: string): AppFailure {
  return new AppFailure('invalid_input', `${message} Nothing was imported; the file is left where it was.`);
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** Whether a zip entry is anything but a plain file (a symlink, a device) by the Unix mode it carries. */
function unixKindOf(entry: yauzl.Entry): 'file' | 'directory' | 'other' {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (!madeOnUnix || mode === 0) return entry.fileName.endsWith('/') ? 'directory' : 'file';
  if (mode === S_IFREG) return 'file';
  if (mode === S_IFDIR) return 'directory';
  return 'other';
}

/** yauzl's own refusals, said for people. */
function zipProblem(name: string, error: Error): AppFailure {
  const m = error.message;
  if (/^absolute path/.test(m)) return packRefused(`${name} holds an entry with an absolute path (${m.slice(15)}).`);
  if (/^invalid relative path/.test(m)) {
    return packRefused(`${name} holds an entry that points outside the pack (${m.slice(23)}).`);
  }
  if (/^invalid characters in fileName/.test(m)) {
    return packRefused(`${name} holds an entry with a backslash in its path (${m.slice(32)}).`);
  }
  if (/end of central directory|signature|truncated|unexpected EOF|too short|not a zip/i.test(m)) {
    return packRefused(`${name} is not a complete pack: the file is truncated or is not a zip (${m}).`);
  }
  return packRefused(`${name} could not be read as a pack: ${m}.`);
}

function openZip(source: PackSource): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
    strictFileNames: true,
  };
  return source.bytes ? yauzl.fromBufferPromise(source.bytes, options) : yauzl.openPromise(source.path, options);
}

/** Where a pack is read from: its bytes, or a file (left where it is). */
export type PackSource =
  | { readonly name: string; readonly bytes: Buffer; readonly path?: undefined }
  | { readonly name: string; readonly path: string; readonly bytes?: undefined };

/** Reads one entry fully, refusing it the moment it inflates past `limit`. */
async function entryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number, name: string): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      throw packRefused(`${name}: ${entry.fileName} unpacks to more than ${limit.toLocaleString('en-GB')} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The most a given entry may unpack to. */
function limitOf(path: string): number {
  if (path === 'manifest.json') return PACK_LIMITS.manifestBytes;
  if (path.startsWith('records/')) return PACK_LIMITS.recordBytes;
  return PACK_LIMITS.fileBytes;
}

/**
 * Every file of a pack, by path, after the structural checks: no absolute,
 * `..` or backslash paths (yauzl), no symlinks or other special entries, no
 * path twice, at most {@link PACK_LIMITS}.entries entries, each within its size
 * limit, the whole within the total, and no entry compressed past the ratio
 * limit (a zip bomb). The central directory is read in full before any entry
 * is inflated, so a hostile pack is refused before its bytes are unpacked.
 */
export async function readPackZip(source: PackSource): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (error) {
    throw zipProblem(source.name, error as Error);
  }
  try {
    if (zip.entryCount > PACK_LIMITS.entries) {
      throw packRefused(
        `${source.name} holds ${zip.entryCount.toLocaleString('en-GB')} entries; a pack may hold at most ${PACK_LIMITS.entries.toLocaleString('en-GB')}.`,
      );
    }
    const entries: yauzl.Entry[] = [];
    const seen = new Set<string>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const kind = unixKindOf(entry);
        if (kind === 'directory') continue;
        if (kind === 'other') {
          throw packRefused(
            `${source.name} holds ${entry.fileName}, which is a symbolic link or special file, not a file.`,
          );
        }
        if (seen.has(entry.fileName)) throw packRefused(`${source.name} holds ${entry.fileName} twice.`);
        seen.add(entry.fileName);
        if (entry.isEncrypted()) throw packRefused(`${source.name}: ${entry.fileName} is encrypted.`);
        const limit = limitOf(entry.fileName);
        if (entry.uncompressedSize > limit) {
          throw packRefused(
            `${source.name}: ${entry.fileName} would unpack to ${entry.uncompressedSize.toLocaleString('en-GB')} bytes; at most ${limit.toLocaleString('en-GB')} are allowed.`,
          );
        }
        if (
          entry.uncompressedSize > PACK_LIMITS.ratioFloorBytes &&
          entry.uncompressedSize > PACK_LIMITS.ratio * Math.max(1, entry.compressedSize)
        ) {
          throw packRefused(
            `${source.name}: ${entry.fileName} is compressed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} to 1 (a zip bomb); at most ${PACK_LIMITS.ratio} to 1 is allowed.`,
          );
        }
        total += entry.uncompressedSize;
        if (total > PACK_LIMITS.totalBytes) {
          throw packRefused(`${source.name} would unpack to more than ${PACK_LIMITS.totalBytes / 1024 / 1024} MB.`);
        }
        entries.push(entry);
      }
    } catch (error) {
      throw error instanceof AppFailure ? error : zipProblem(source.name, error as Error);
    }
    const files = new Map<string, Buffer>();
    for (const entry of entries) {
      try {
        files.set(entry.fileName, await entryBytes(zip, entry, limitOf(entry.fileName), source.name));
      } catch (error) {
        throw error instanceof AppFailure ? error : zipProblem(source.name, error as Error);
      }
    }
    return files;
  } finally {
    zip.close();
  }
}
