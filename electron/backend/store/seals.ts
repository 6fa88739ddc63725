/**
 * Seals: a small hash-chained log beside the journal (`journal/seals.jsonl`)
 * of what the app wrote and will never change again.
 *
 * - A checkpoint seal records the SHA-256 of a checkpoint's state as the app
 *   wrote it, with the journal position it includes. At open, `db.json` is
 *   trusted only when its state hash is the one sealed for its position: an
 *   editor who changes the file and recomputes its own hash is caught, and
 *   the state is rebuilt from the journal (docs/architecture.md "Data": the
 *   journal is the truth, the checkpoint is derived).
 * - A segment seal records a closed journal segment's size, line count, last
 *   entry and SHA-256, so the background check after start finds a damaged or
 *   missing segment without replaying it.
 *
 * The seals are chained line to line like the journal, but nothing anchors
 * their end: someone who rewrites db.json and this file consistently is
 * caught by Verify, which rebuilds the state from the journal and compares.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fsyncDir } from './atomicFile.ts';

/** The seal log's file name, inside `journal/`. */
export const SEALS_FILE = 'seals.jsonl';
const GENESIS = '0'.repeat(64);
/** Bytes read from the end of the log at open: many thousands of seals, a few milliseconds. */
const TAIL_BYTES = 256 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;

/** A closed journal segment as it was when sealed. */
export interface SegmentSeal {
  readonly kind: 'segment';
  readonly segment: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly lines: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** A checkpoint as the app wrote it: the state hash of journal position `seq`/`hash`. */
export interface CheckpointSeal {
  readonly kind: 'checkpoint';
  readonly seq: number;
  readonly hash: string;
  readonly stateSha256: string;
  readonly writtenAt: string;
}

/** One seal line (its `prev` is the SHA-256 of the line before). */
export type Seal = SegmentSeal | CheckpointSeal;

function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isSeal(value: unknown): value is Seal & { prev: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.prev !== 'string' || !HEX64.test(v.prev)) return false;
  if (v.kind === 'checkpoint') {
    return (
      Number.isInteger(v.seq) &&
      typeof v.hash === 'string' &&
      typeof v.stateSha256 === 'string' &&
      HEX64.test(v.stateSha256) &&
      typeof v.writtenAt === 'string'
    );
  }
  if (v.kind === 'segment') {
    return (
      typeof v.segment === 'string' &&
      Number.isInteger(v.firstSeq) &&
      Number.isInteger(v.lastSeq) &&
      typeof v.lastHash === 'string' &&
      Number.isInteger(v.lines) &&
      Number.isInteger(v.bytes) &&
      typeof v.sha256 === 'string'
    );
  }
  return false;
}

/** What reading the seal log found. */
export interface SealsRead {
  readonly seals: Seal[];
  /** Set when a line is damaged or the chain broken: names the line. */
  readonly problem?: string;
  /** Byte length of the complete lines (a torn last line is cut here). */
  readonly goodBytes: number;
  /** Hash of the last good line (the next line's prev). */
  readonly last: string;
}

/**
 * Parses seal lines. `whole` says the text starts at the beginning of the
 * file, so the first line's prev must be the genesis hash. Yields to the
 * event loop every few milliseconds when `sliced`.
 */
async function parseSeals(text: string, whole: boolean, sliced: boolean): Promise<SealsRead> {
  const seals: Seal[] = [];
  let last: string | null = whole ? GENESIS : null;
  let offset = 0;
  let line = 0;
  let sliceStart = performance.now();
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end === -1) break; // a torn last line: not a seal
    line++;
    const lineText = text.slice(offset, end);
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      value = null;
    }
    if (!isSeal(value)) {
      return {
        seals,
        problem: `line ${line} of journal/${SEALS_FILE} is not a valid seal`,
        goodBytes: offset,
        last: last ?? GENESIS,
      };
    }
    if (last !== null && value.prev !== last) {
      return {
        seals,
        problem: `line ${line} of journal/${SEALS_FILE} does not follow the line before it (a seal was altered or removed)`,
        goodBytes: offset,
        last,
      };
    }
    const { prev: _prev, ...seal } = value;
    seals.push(seal);
    last = sha256Text(lineText);
    offset = end + 1;
    if (sliced && performance.now() - sliceStart > 8) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return { seals, goodBytes: Buffer.byteLength(text.slice(0, offset), 'utf8'), last: last ?? GENESIS };
}

/** Reads the whole seal log, sliced (the background check and Verify). Empty when there is none. */
export async function readAllSeals(journalDir: string): Promise<SealsRead> {
  const text = await readFile(join(journalDir, SEALS_FILE), 'utf8').catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return '';
    throw error;
  });
  return parseSeals(text, true, true);
}

/** The appending side of the seal log: one writer, appends in order, each fdatasynced. */
export class SealLog {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    private last: string,
  ) {}

  /**
   * Opens the log for appending. Reads only its end (the latest seals, which
   * is what opening the store needs); a torn last line is cut off, and a
   * damaged log is moved aside (`seals.jsonl.corrupt-<stamp>`) and started
   * afresh: the checkpoint is then untrusted and rebuilt, and the closed
   * segments sealed again by the background check.
   */
  static async open(journalDir: string, stamp: string): Promise<{ log: SealLog; recent: Seal[]; problem?: string }> {
    const path = join(journalDir, SEALS_FILE);
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    let read: SealsRead = { seals: [], goodBytes: 0, last: GENESIS };
    let problem: string | undefined;
    if (size > 0) {
      const handle = await open(path, 'r');
      let text: string;
      let start = Math.max(0, size - TAIL_BYTES);
      try {
        const bytes = Buffer.alloc(size - start);
        await handle.read(bytes, 0, bytes.length, start);
        // Start at a line boundary when reading from the middle.
        const firstNewline = start === 0 ? -1 : bytes.indexOf(0x0a);
        text = bytes.subarray(firstNewline + 1).toString('utf8');
        start += firstNewline + 1;
      } finally {
        await handle.close();
      }
      read = await parseSeals(text, start === 0, false);
      problem = read.problem;
      if (problem !== undefined) {
        await rename(path, `${path}.corrupt-${stamp}`);
        read = { seals: [], goodBytes: 0, last: GENESIS };
      } else if (start + read.goodBytes < size) {
        // A line cut short by a crash mid-append: drop it so the next line starts clean.
        const cut = await open(path, 'r+');
        try {
          await cut.truncate(start + read.goodBytes);
          await cut.sync();
        } finally {
          await cut.close();
        }
      }
    }
    const handle = await open(path, 'a');
    await fsyncDir(journalDir);
    return { log: new SealLog(path, handle, read.last), recent: read.seals, ...(problem ? { problem } : {}) };
  }

  /** Appends one seal, durably, after every earlier one. */
  append(seal: Seal): Promise<void> {
    const run = this.queue.then(async () => {
      const text = JSON.stringify({ ...seal, prev: this.last });
      await this.handle.write(`${text}\n`, null, 'utf8');
      await this.handle.datasync();
      this.last = sha256Text(text);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the file after pending appends. */
  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }

  /** Where the log is (for messages). */
  get file(): string {
    return this.path;
  }
}

/** The newest checkpoint seal for journal position `seq`/`hash`, if any. */
export function checkpointSealFor(seals: readonly Seal[], seq: number, hash: string): CheckpointSeal | undefined {
  for (let i = seals.length - 1; i >= 0; i--) {
    const seal = seals[i]!;
    if (seal.kind === 'checkpoint' && seal.seq === seq && seal.hash === hash) return seal;
  }
  return undefined;
}
