/**
 * Content-addressed blobs: large content (paper bodies, attached files) stored
 * under its SHA-256. Records point at the hash and keep the file's name and
 * type. A blob never changes; a new version is a new blob.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/contract/result.ts';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { diskFullFailure, isDiskFull, writeFileAtomic } from './atomicFile.ts';

export const BLOBS_DIR = 'blobs';
const HASH_RE = /^[0-9a-f]{64}$/;

/** The SHA-256 of some bytes, as hex. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The blob store of one data folder. */
export class BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(hash: string): string {
    if (!HASH_RE.test(hash)) throw new AppFailure('invalid_input', `${JSON.stringify(hash)} is not a blob hash.`);
    return join(this.root, hash.slice(0, 2), hash);
  }

  /** Stores bytes (idempotent) and returns their hash. */
  async put(data: Uint8Array | string): Promise<{ hash: string; bytes: number }> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const hash = sha256(bytes);
    const path = this.pathOf(hash);
    if (!(await this.has(hash))) {
      try {
        await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
        await writeFileAtomic(path, bytes);
      } catch (error) {
        if (isDiskFull(error)) throw diskFullFailure(`the stored file ${hash.slice(0, 12)}…`, this.root, bytes.length);
        throw error;
      }
    }
    return { hash, bytes: bytes.length };
  }

  async has(hash: string): Promise<boolean> {
    try {
      await stat(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  /** Reads a blob, checking its content still matches its hash. */
  async get(hash: string): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await readFile(this.pathOf(hash));
    } catch {
      throw new AppFailure('not_found', `The stored file ${hash.slice(0, 12)}… is missing from the data folder.`);
    }
    if (sha256(data) !== hash) {
      throw new AppFailure(
        'io_error',
        `The stored file ${hash.slice(0, 12)}… has been altered or damaged; run Verify.`,
      );
    }
    return data;
  }

  /** Every blob's hash (from the file names). */
  async list(): Promise<string[]> {
    const out: string[] = [];
    let prefixes: string[];
    try {
      prefixes = await readdir(this.root);
    } catch {
      return out;
    }
    for (const prefix of prefixes.sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of (await readdir(join(this.root, prefix))).sort()) {
        if (HASH_RE.test(name)) out.push(name);
      }
    }
    return out;
  }

  /**
   * Rehashes every blob, a megabyte at a time with yields; returns the first
   * whose content no longer matches its name, and the hashes present.
   */
  async verify(): Promise<{ checked: number; hashes: string[]; firstBad?: { hash: string; file: string } }> {
    let checked = 0;
    const hashes = await this.list();
    for (const hash of hashes) {
      checked++;
      const data = await readFile(join(this.root, hash.slice(0, 2), hash));
      const hasher = createHash('sha256');
      for (let at = 0; at < data.length; at += 1 << 20) {
        hasher.update(data.subarray(at, at + (1 << 20)));
        await yieldToEventLoop();
      }
      if (hasher.digest('hex') !== hash) {
        return { checked, hashes, firstBad: { hash, file: join(BLOBS_DIR, hash.slice(0, 2), hash) } };
      }
    }
    return { checked, hashes };
  }
}
