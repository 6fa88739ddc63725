/**
 * The journal: every change is appended here first, one JSON line per change,
 * and fdatasynced before the change is acknowledged. Each line names the hash
 * of the line before it (SHA-256 of its text), so the record is
 * tamper-evident. Only ever appended; a new segment starts past a size, and
 * the chain runs across segments.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { JournalChange } from '../../../shared/schema/state.ts';
import { fsyncDir } from './atomicFile.ts';
import { giveBack, takeBuffer } from './scratchBuffer.ts';
import { runSliced } from '../slices.ts';

/** The hash "before" the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** A new segment starts once the open one passes this size. */
export const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;

/**
 * One journal line. This envelope never changes across versions; what
 * changes is the shape of the records inside `changes`, whose schema version
 * is `v`.
 */
export interface JournalEntry {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly summary: string;
  readonly v: number;
  readonly changes: readonly JournalChange[];
  readonly prev: string;
}

/** A journal position: the sequence number and hash of an entry. */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

/** An entry as read back, with where it lives. */
export interface ReadEntry {
  readonly entry: JournalEntry;
  readonly hash: string;
  readonly segment: string;
  readonly line: number;
}

/** A problem found while reading the journal. */
export class JournalError extends Error {
  constructor(
    message: string,
    readonly segment: string,
    readonly line: number,
    readonly seq?: number,
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

/** The SHA-256 (hex) of one line's text, without its newline. */
export function hashLine(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A segment's file name: the sequence number of its first entry, zero-padded so names sort. */
export function segmentName(firstSeq: number): string {
  return `${String(firstSeq).padStart(12, '0')}.jsonl`;
}

const SEGMENT_RE = /^(\d{12})\.jsonl$/;

/** The segments in `dir`, oldest first. */
export async function listSegments(dir: string): Promise<Array<{ name: string; firstSeq: number }>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => ({ name, match: SEGMENT_RE.exec(name) }))
    .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
    .map(({ name, match }) => ({ name, firstSeq: Number(match[1]) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isInteger(v.seq) &&
    typeof v.time === 'string' &&
    typeof v.actor === 'string' &&
    typeof v.summary === 'string' &&
    Number.isInteger(v.v) &&
    Array.isArray(v.changes) &&
    typeof v.prev === 'string'
  );
}

const SEQ_PREFIX = /^\{"seq":(\d+),/;

/** What parsing one segment's text found. */
export interface ParsedSegment {
  readonly entries: ReadEntry[];
  /** Bytes after the last good line that do not form a complete, valid line (only reported, not judged). */
  readonly tail?: { readonly offset: number; readonly text: string; readonly line: number };
}

/**
 * Parses a segment's text. A bad line followed by more lines is an error
 * (corruption); a bad or unterminated last line is returned as `tail`, for
 * the caller to judge (torn in the open segment, corruption elsewhere).
 */
export function parseSegment(segment: string, text: string, fromSeq = 0): ParsedSegment {
  const steps = parseSegmentSteps(segment, text, fromSeq);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The longest a sliced parse runs before it yields to the event loop. */
const PARSE_SLICE_MS = 8;

/**
 * `parseSegment`, yielding to the event loop every few milliseconds, so an
 * 8 MB segment never holds the backend for long (rebuild, Verify, the
 * background check).
 */
export async function parseSegmentSliced(segment: string, text: string, fromSeq = 0): Promise<ParsedSegment> {
  return (await runSliced(parseSegmentSteps(segment, text, fromSeq), PARSE_SLICE_MS))!;
}

/** A segment's content as text (already decoded) or as bytes (each line decoded on its own). */
interface LineSource {
  readonly length: number;
  /** Where the line starting at `offset` ends (its newline), or -1. */
  lineEnd(offset: number): number;
  text(start: number, end: number): string;
}

function textSource(text: string): LineSource {
  return { length: text.length, lineEnd: (at) => text.indexOf('\n', at), text: (a, b) => text.slice(a, b) };
}

function bytesSource(bytes: Buffer): LineSource {
  return { length: bytes.length, lineEnd: (at) => bytes.indexOf(10, at), text: (a, b) => bytes.toString('utf8', a, b) };
}

/** The parse itself, one line per step (see parseSegment); yields each entry read (empty steps for skipped lines). */
function* parseSegmentSteps(
  segment: string,
  text: string | Buffer,
  fromSeq: number,
  keep = true,
): Generator<ReadEntry | null, ParsedSegment, void> {
  const source = typeof text === 'string' ? textSource(text) : bytesSource(text);
  const entries: ReadEntry[] = [];
  let offset = 0;
  let line = 0;
  while (offset < source.length) {
    line++;
    const end = source.lineEnd(offset);
    // Lines before `fromSeq` are not needed (they are in the checkpoint): skip them unparsed.
    // Every line this code writes starts with its seq; `verify` still reads them all.
    if (fromSeq > 0 && end !== -1) {
      const seq = SEQ_PREFIX.exec(source.text(offset, Math.min(end, offset + 32)));
      if (seq && Number(seq[1]) < fromSeq) {
        offset = end + 1;
        yield null;
        continue;
      }
    }
    const lineText = source.text(offset, end === -1 ? source.length : end);
    let parsed: unknown;
    let valid = end !== -1;
    if (valid) {
      try {
        parsed = JSON.parse(lineText);
        valid = isEntry(parsed);
      } catch {
        valid = false;
      }
    }
    if (!valid) {
      const isLast = end === -1 || end + 1 >= source.length;
      if (isLast) return { entries, tail: { offset, text: source.text(offset, source.length), line } };
      throw new JournalError(`line ${line} is not a valid journal entry`, segment, line);
    }
    const read: ReadEntry = { entry: parsed as JournalEntry, hash: hashLine(lineText), segment, line };
    if (keep) entries.push(read);
    offset = end + 1;
    yield read;
  }
  return { entries };
}

/**
 * A segment's entries one at a time, from its bytes: each line decoded,
 * parsed and hashed on its own and handed over at once, nothing gathered, so
 * replaying a whole journal keeps no more than one line in hand (no 8 MB
 * string, no segment's worth of parsed entries for the garbage collector to
 * copy). Yields to the event loop every few milliseconds. Returns what
 * `parseSegment` would report as `tail` (its `entries` are empty).
 */
export async function* streamSegment(
  segment: string,
  bytes: Buffer,
): AsyncGenerator<ReadEntry, ParsedSegment['tail'], void> {
  const steps = parseSegmentSteps(segment, bytes, 0, false);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value.tail;
    if (step.value !== null) yield step.value;
    if (performance.now() - sliceStart > PARSE_SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}

/**
 * Checks that `entries` continue the chain from `head`: consecutive sequence
 * numbers, each naming the previous hash. Throws a JournalError naming the first bad one.
 */
export function checkChain(head: JournalHead, entries: readonly ReadEntry[]): JournalHead {
  let current = head;
  for (const read of entries) {
    if (read.entry.seq !== current.seq + 1) {
      throw new JournalError(
        `entry ${read.entry.seq} follows entry ${current.seq}: the sequence has a gap or a repeat`,
        read.segment,
        read.line,
        read.entry.seq,
      );
    }
    if (read.entry.prev !== current.hash) {
      throw new JournalError(
        `entry ${read.entry.seq} does not match the hash of entry ${current.seq}: entry ${current.seq} or ${read.entry.seq} was altered`,
        read.segment,
        read.line,
        read.entry.seq,
      );
    }
    current = { seq: read.entry.seq, hash: read.hash };
  }
  return current;
}

/** The appending side of the journal: one open segment, one writer. */
export class JournalWriter {
  private handle: FileHandle | null = null;
  private size = 0;

  private constructor(
    private readonly dir: string,
    private segment: string | null,
    private head: JournalHead,
    private readonly segmentBytes: number,
    private readonly onSegmentClosed?: (name: string) => void,
  ) {}

  /**
   * Opens for appending after `head`, continuing `segment` (the newest one) if
   * given; `onSegmentClosed` hears of each segment this writer closes.
   */
  static async open(
    dir: string,
    head: JournalHead,
    segment: string | null,
    segmentBytes = DEFAULT_SEGMENT_BYTES,
    onSegmentClosed?: (name: string) => void,
  ): Promise<JournalWriter> {
    await mkdir(dir, { recursive: true });
    const writer = new JournalWriter(dir, segment, head, segmentBytes, onSegmentClosed);
    if (segment !== null) {
      writer.handle = await open(join(dir, segment), 'a');
      writer.size = (await writer.handle.stat()).size;
    }
    return writer;
  }

  /** The newest entry's position. */
  get position(): JournalHead {
    return this.head;
  }

  /** The segment being appended to, if any. */
  get openSegment(): string | null {
    return this.segment;
  }

  /**
   * Appends one entry and fdatasyncs it. On failure (a full disk) the segment
   * is cut back to where it was, so no half line stays behind, and the error
   * is thrown: the change did not happen.
   */
  async append(fields: Omit<JournalEntry, 'seq' | 'prev'>): Promise<{ entry: JournalEntry; hash: string }> {
    const entry: JournalEntry = {
      seq: this.head.seq + 1,
      time: fields.time,
      actor: fields.actor,
      summary: fields.summary,
      v: fields.v,
      changes: fields.changes,
      prev: this.head.hash,
    };
    const text = JSON.stringify(entry);
    const bytes = Buffer.from(`${text}\n`, 'utf8');
    if (this.handle === null || (this.size > 0 && this.size + bytes.length > this.segmentBytes)) {
      await this.startSegment(entry.seq);
    }
    const handle = this.handle!;
    const before = this.size;
    try {
      // A short write (a nearly full disk) is continued; the next write then fails with the real cause.
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, null);
        if (bytesWritten === 0) throw Object.assign(new Error('no bytes could be written'), { code: 'ENOSPC' });
        done += bytesWritten;
      }
      await handle.datasync();
    } catch (error) {
      await handle.truncate(before).catch(() => undefined);
      throw error;
    }
    this.size = before + bytes.length;
    const hash = hashLine(text);
    this.head = { seq: entry.seq, hash };
    return { entry, hash };
  }

  private async startSegment(firstSeq: number): Promise<void> {
    const closing = this.handle === null ? null : this.segment;
    await this.handle?.close();
    // Sealed in the background (see seals.ts): a closed segment never changes again.
    if (closing !== null) this.onSegmentClosed?.(closing);
    this.segment = segmentName(firstSeq);
    this.handle = await open(join(this.dir, this.segment), 'a');
    this.size = (await this.handle.stat()).size;
    await fsyncDir(this.dir);
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}

/** A segment's bytes in a borrowed buffer: valid until `release()`, which hands the buffer on to the next read. */
export interface SegmentBytes {
  readonly bytes: Buffer;
  release(): void;
}

/** Reads one segment's bytes into the reused buffer (whole: a file that grows meanwhile is read to its end). */
export async function leaseSegmentBytes(dir: string, name: string): Promise<SegmentBytes> {
  const handle = await open(join(dir, name), 'r');
  let buffer: Buffer | null = null;
  try {
    const { size } = await handle.stat();
    buffer = takeBuffer(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = takeBuffer(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    const lent = buffer;
    buffer = null;
    let released = false;
    return {
      bytes: lent.subarray(0, length),
      release: () => {
        if (released) return;
        released = true;
        giveBack(lent);
      },
    };
  } finally {
    if (buffer !== null) giveBack(buffer);
    await handle.close();
  }
}

/** Reads one segment's text. */
export async function readSegment(dir: string, name: string): Promise<string> {
  const read = await leaseSegmentBytes(dir, name);
  try {
    return read.bytes.toString('utf8');
  } finally {
    read.release();
  }
}

/** Sets aside a torn tail: its bytes are saved beside the segment, then the segment is cut back. */
export async function setAsideTornTail(
  dir: string,
  name: string,
  offsetChars: number,
  text: string,
  stamp: string,
): Promise<string> {
  const whole = await readFile(join(dir, name));
  const goodBytes = Buffer.byteLength(whole.toString('utf8').slice(0, offsetChars), 'utf8');
  const aside = `${name}.torn-${stamp}`;
  await writeFile(join(dir, aside), text, { flag: 'wx' });
  const handle = await open(join(dir, name), 'r+');
  try {
    await handle.truncate(goodBytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsyncDir(dir);
  return aside;
}

/** Size of a file, or 0 if it does not exist. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
