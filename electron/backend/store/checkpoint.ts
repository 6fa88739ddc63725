/**
 * The checkpoint `db.json`: a snapshot of the state with the journal position
 * it includes, read and written through lowdb with our own adapter. Writing
 * serialises the immutable state in chunks, yielding to the event loop
 * between them, then goes through `writeFileAtomic`.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Adapter } from 'lowdb';
import { COLLECTION_NAMES, type CollectionName, type State } from '../../../shared/schema/state.ts';
import { writeFileAtomic, type AtomicWriteOptions } from './atomicFile.ts';
import { sha256Of, WORKER_MIN_BYTES } from './hashWorker.ts';
import type { JournalHead } from './journal.ts';
import { giveBack, takeBuffer } from './scratchBuffer.ts';

export const CHECKPOINT_FILE = 'db.json';
export const CHECKPOINT_FORMAT = 'boardkeeper.checkpoint';

/**
 * A state as a checkpoint serialises it: its version, its settings and each
 * collection's records as JSON text, in the state's order, in pieces of one
 * or more records each (a piece is the records' texts joined by commas, as
 * in a JSON array). `textsOfState` gives it for an in-memory state; a
 * rebuild from the journal, which holds each record's text already, gives
 * its own (the same bytes, without serialising every record again).
 */
export interface StateTexts {
  readonly schemaVersion: number;
  readonly settings: unknown;
  readonly texts: (name: CollectionName) => Iterable<string>;
}

/** How many records one JSON.stringify serialises (one call for many: a third less time than one a record). */
const RECORDS_PER_TEXT = 256;

/**
 * An in-memory state as a checkpoint serialises it: its records through JSON.stringify as they are
 * written, {@link RECORDS_PER_TEXT} at a time (an array's text without its brackets: the records'
 * own texts joined by commas, the same bytes).
 */
export function textsOfState(state: State): StateTexts {
  return {
    schemaVersion: state.schemaVersion,
    settings: state.settings,
    texts: function* (name) {
      let batch: unknown[] = [];
      for (const record of state[name]) {
        batch.push(record);
        if (batch.length === RECORDS_PER_TEXT) {
          yield JSON.stringify(batch).slice(1, -1);
          batch = [];
        }
      }
      if (batch.length > 0) yield JSON.stringify(batch).slice(1, -1);
    },
  };
}

/** A checkpoint as written: the state of journal position `journal`. */
export interface CheckpointToWrite {
  readonly journal: JournalHead;
  readonly writtenAt: string;
  readonly state: State;
  /** `state` already serialised (`StateTexts`), when the caller has it: written instead of serialising `state` again. */
  readonly texts?: StateTexts;
}

/** A checkpoint as read: its parts are untrusted until migrated and validated. */
export interface CheckpointRead {
  readonly format: unknown;
  readonly journal: unknown;
  readonly writtenAt: unknown;
  readonly state: unknown;
  /**
   * True when the file carries the SHA-256 of its state and the state's bytes
   * match it: the state is byte for byte what this app serialised from
   * records it had validated, so loading need not validate it again. False
   * for a file edited by hand or by another tool, or damaged: then the whole
   * state is validated.
   */
  readonly stateVerified: boolean;
  /** The state hash the file carries (whether or not its bytes match it); null when it has none. */
  readonly stateSha256: string | null;
  /** How its text was written: ASCII bytes (this app's), or UTF-8 (earlier versions', or edited). */
  readonly form: StateForm;
}

/** Called with a checkpoint's state hash once its temp file is complete, before it replaces db.json. */
export type SealCheckpoint = (checkpoint: {
  readonly journal: JournalHead;
  readonly writtenAt: string;
  readonly stateSha256: string;
}) => Promise<void>;

/** The file was not JSON at all (truncated, overwritten): says where it broke. */
export class CheckpointParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointParseError';
  }
}

/** Roughly how many characters to gather before writing and yielding. */
const CHUNK_CHARS = 1 << 20;
/** The longest the serialiser runs before it yields to the event loop. */
const SLICE_MS = 8;

/** A character a checkpoint writes as a `\\uXXXX` escape: anything outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

function escapeCodeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * JSON text with every character outside ASCII written as a `\\uXXXX` escape
 * (the same JSON value). A checkpoint is written so: a file of ASCII bytes is
 * read as a one-byte string (a copy, not a UTF-8 decode), which on a
 * ten-year board takes a tenth of the time and half the memory of decoding
 * the UTF-8 of its names, pound signs and dashes into a two-byte string.
 */
export function asciiJson(text: string): string {
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, escapeCodeUnit) : text;
}

/**
 * A checkpoint's bytes as text: a copy for a file of ASCII bytes (what this
 * app writes), a UTF-8 decode for any other (written by an earlier version,
 * or edited).
 */
export function checkpointText(bytes: Buffer): { readonly text: string; readonly form: StateForm } {
  return isAscii(bytes)
    ? { text: bytes.toString('latin1'), form: 'ascii' }
    : { text: bytes.toString('utf8'), form: 'utf8' };
}

/**
 * How a state's text is written: `ascii` (what this app writes, see asciiJson)
 * or `utf8` (as JSON.stringify gives it: what versions before it wrote).
 */
export type StateForm = 'ascii' | 'utf8';

/** What follows the state in the file: the SHA-256 of the state's bytes, then the end. */
const HASH_KEY = ',"stateSha256":"';

/**
 * Serialises a checkpoint as UTF-8 chunks, yielding to the event loop after
 * each so a big state never blocks the backend for long. The state's bytes
 * are hashed as they go, and the hash closes the file: on load, a matching
 * hash proves the state is exactly what this app wrote from its validated
 * records (see `CheckpointRead.stateVerified`). The state's chunks are
 * written into one borrowed buffer (scratchBuffer.ts): each chunk is valid
 * until the next is asked for, so a caller that keeps them must copy them.
 */
export async function* checkpointChunks(
  checkpoint: CheckpointToWrite,
  onStateHash?: (stateSha256: string) => void,
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  const header =
    `{"format":${JSON.stringify(CHECKPOINT_FORMAT)},"journal":${JSON.stringify(checkpoint.journal)},` +
    `"writtenAt":${JSON.stringify(checkpoint.writtenAt)},"state":`;
  yield Buffer.from(header, 'utf8');
  let buffer: Buffer | null = null;
  try {
    for await (const text of stateTextChunks(checkpoint.texts ?? textsOfState(checkpoint.state))) {
      // ASCII only (asciiJson): one byte a character.
      if (buffer === null || buffer.length < text.length) {
        if (buffer !== null) giveBack(buffer);
        buffer = takeBuffer(text.length);
      }
      const bytes = buffer.subarray(0, buffer.write(text, 0, 'latin1'));
      hash.update(bytes);
      yield bytes;
    }
  } finally {
    if (buffer !== null) giveBack(buffer);
  }
  const stateSha256 = hash.digest('hex');
  onStateHash?.(stateSha256);
  yield Buffer.from(`${HASH_KEY}${stateSha256}"}\n`, 'utf8');
}

/**
 * The state's JSON text in chunks of about a megabyte, yielding to the event
 * loop after each (and after a few milliseconds of serialising), so a big
 * state never blocks the backend for long.
 */
async function* stateTextChunks(state: StateTexts, form: StateForm = 'ascii'): AsyncGenerator<string> {
  // Escaped a chunk at a time (one scan of a megabyte), not a record at a time: the escapes are the
  // same, every character this function adds being ASCII.
  const written = form === 'ascii' ? asciiJson : (text: string) => text;
  let sliceStart = performance.now();
  let buffer = `{"schemaVersion":${JSON.stringify(state.schemaVersion)},"settings":${JSON.stringify(state.settings)}`;
  for (const name of COLLECTION_NAMES) {
    buffer += `,${JSON.stringify(name)}:[`;
    let first = true;
    for (const text of state.texts(name)) {
      buffer += first ? text : `,${text}`;
      first = false;
      // Hand over a chunk once it is big enough to write, or once this slice has run for a few
      // milliseconds, so the event loop is never held for long even on a busy machine.
      if (buffer.length >= CHUNK_CHARS || performance.now() - sliceStart > SLICE_MS) {
        yield written(buffer);
        buffer = '';
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    buffer += ']';
  }
  yield written(`${buffer}}`);
}

/**
 * The SHA-256 a checkpoint of this state would carry, worked out the same
 * way and as slowly (in slices), without writing anything: Verify compares it
 * with the checkpoint on disk. `form` is how the checkpoint was written
 * (`CheckpointSummary.form`): this app's own are ASCII.
 */
export async function stateSha256Of(state: StateTexts, form: StateForm = 'ascii'): Promise<string> {
  const hash = createHash('sha256');
  // A string is encoded into memory freed at once (a Buffer per chunk waited for the garbage collector).
  for await (const text of stateTextChunks(state, form)) hash.update(text, 'utf8');
  return hash.digest('hex');
}

/**
 * Whether `ours` (a state worked out from the journal, with its SHA-256 as
 * this app writes it) is the state `checkpoint` holds. A checkpoint written
 * before checkpoints were ASCII (its bytes are not) is compared in its own
 * form, so an older file is not taken for a changed one.
 */
export async function holdsState(
  checkpoint: Pick<CheckpointSummary, 'stateSha256' | 'form'>,
  ours: { readonly texts: StateTexts; readonly stateSha256: string },
): Promise<boolean> {
  if (checkpoint.form === 'ascii') return ours.stateSha256 === checkpoint.stateSha256;
  return (await stateSha256Of(ours.texts, checkpoint.form)) === checkpoint.stateSha256;
}

/**
 * The whole file, in memory a worker can share when it is large (see
 * hashWorker.ts); null when there is no file. Read to its end, whatever its
 * size was a moment before.
 */
async function readShared(path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size < WORKER_MIN_BYTES) return await handle.readFile();
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    // Shorter than it said (cut meanwhile): what there is. Longer: read it all the plain way.
    if (at < size) return bytes.subarray(0, at);
    const { bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, size);
    return bytesRead === 0 ? bytes : await readFile(path);
  } finally {
    await handle.close();
  }
}

/** Finds the state's bytes and the hash written after them; null when the file has no hash. */
function stateBytesAndHash(bytes: Buffer): { state: Buffer; hash: string } | null {
  const marker = Buffer.from('"state":', 'utf8');
  const start = bytes.subarray(0, 4096).indexOf(marker);
  const tail = bytes.subarray(Math.max(0, bytes.length - 200));
  const keyAt = tail.lastIndexOf(Buffer.from(HASH_KEY, 'utf8'));
  if (start === -1 || keyAt === -1) return null;
  const end = bytes.length - tail.length + keyAt;
  const hash = /^([0-9a-f]{64})"\}\s*$/.exec(tail.subarray(keyAt + HASH_KEY.length).toString('utf8'));
  if (!hash) return null;
  return { state: bytes.subarray(start + marker.length, end), hash: hash[1]! };
}

/** Where a JSON.parse error points, made readable ("line 3, column 7"). */
function describeParseError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  if (text.trim().length === 0) return 'the file is empty';
  if (!match) {
    // Node 20's messages carry no position for every error; say what is known.
    return /Unexpected end of JSON input/.test(message)
      ? 'the file ends too early: it looks truncated (not valid JSON)'
      : `it is not valid JSON (${message})`;
  }
  const position = Number(match[1]);
  if (position >= text.trimEnd().length - 1) {
    return `the file ends too early: it looks truncated (not valid JSON after ${position} characters)`;
  }
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `it is not valid JSON at line ${line}, column ${column} (${message})`;
}

/** What Verify needs of a checkpoint: its position and whether its state matches its own hash, without the state. */
export type CheckpointSummary = Omit<CheckpointRead, 'state'>;

/**
 * The SHA-256 of `bytes`, a megabyte at a time with a yield between, so tens
 * of megabytes never hold the event loop (Verify, in the background).
 */
async function sha256Sliced(bytes: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += CHUNK_CHARS) {
    hash.update(bytes.subarray(at, at + CHUNK_CHARS));
    await yieldToEventLoop();
  }
  return hash.digest('hex');
}

/**
 * A checkpoint's header (format, journal position, time written) and its
 * state hash checked against the state's bytes, without parsing the state
 * (one JSON.parse of a ten-year state holds the event loop for most of a
 * second). Null when there is no file. A file this app did not write in its
 * own layout (the header first, the hash last) is read whole instead.
 */
export async function readCheckpointSummary(path: string): Promise<CheckpointSummary | null> {
  const bytes = await readShared(path);
  if (bytes === null) return null;
  const hashed = stateBytesAndHash(bytes);
  let header: Record<string, unknown> | null = null;
  if (hashed !== null) {
    const headerEnd = hashed.state.byteOffset - bytes.byteOffset;
    try {
      const parsed: unknown = JSON.parse(`${bytes.toString('utf8', 0, headerEnd)}null}`);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        header = parsed as Record<string, unknown>;
    } catch {
      header = null;
    }
  }
  if (hashed === null || header === null) {
    const { state, ...rest } = (await new CheckpointAdapter(path).read()) ?? { state: null };
    void state;
    return 'stateVerified' in rest ? rest : null;
  }
  const stateSha256 = await sha256Sliced(hashed.state);
  return {
    format: header.format,
    journal: header.journal,
    writtenAt: header.writtenAt,
    stateVerified: stateSha256 === hashed.hash,
    stateSha256: hashed.hash,
    form: isAscii(hashed.state) ? 'ascii' : 'utf8',
  };
}

/**
 * lowdb adapter for the checkpoint. `read` returns the parsed file (or null
 * when there is none) and throws CheckpointParseError when it is not JSON;
 * `write` writes atomically in chunks.
 */
export class CheckpointAdapter implements Adapter<CheckpointRead | CheckpointToWrite | null> {
  constructor(
    private readonly path: string,
    private readonly writeOptions: AtomicWriteOptions = {},
    private readonly seal?: SealCheckpoint,
    /** Awaited once the file's bytes are read, before they are hashed and parsed (see StoreOptions.beforeParse). */
    private readonly beforeParse?: () => Promise<void>,
  ) {}

  async read(): Promise<CheckpointRead | null> {
    const bytes = await readShared(this.path);
    if (bytes === null) return null;
    await this.beforeParse?.();
    // The state's hash is worked out (in a worker, for a large file) while the same bytes are parsed here.
    const hashed = stateBytesAndHash(bytes);
    const hashing = hashed === null ? Promise.resolve(null) : sha256Of(hashed.state);
    const { text, form } = checkpointText(bytes);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      await hashing.catch(() => null);
      throw new CheckpointParseError(describeParseError(text, error));
    }
    const stateVerified = hashed !== null && (await hashing) === hashed.hash;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CheckpointParseError('it holds JSON, but not a Boardkeeper checkpoint (expected an object)');
    }
    const v = value as Record<string, unknown>;
    return {
      format: v.format,
      journal: v.journal,
      writtenAt: v.writtenAt,
      state: v.state,
      stateVerified,
      stateSha256: hashed?.hash ?? null,
      form,
    };
  }

  async write(data: CheckpointRead | CheckpointToWrite | null): Promise<void> {
    if (data === null || !isToWrite(data))
      throw new Error('Only a checkpoint built from the in-memory state can be written.');
    let stateSha256 = '';
    const seal = this.seal;
    const testSeam = this.writeOptions.beforeRename;
    await writeFileAtomic(
      this.path,
      checkpointChunks(data, (h) => {
        stateSha256 = h;
      }),
      {
        // The seal is durable before the file takes db.json's place: a checkpoint on disk always has one.
        beforeRename: async (temp) => {
          try {
            await seal?.({ journal: data.journal, writtenAt: data.writtenAt, stateSha256 });
          } catch (error) {
            await rm(temp, { force: true });
            throw error;
          }
          await testSeam?.(temp);
        },
      },
    );
  }
}

function isToWrite(data: CheckpointRead | CheckpointToWrite): data is CheckpointToWrite {
  const journal = data.journal as Partial<JournalHead> | null;
  return (
    typeof journal?.seq === 'number' &&
    typeof data.state === 'object' &&
    data.state !== null &&
    'settings' in data.state
  );
}
