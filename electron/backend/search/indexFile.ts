/**
 * The search index as a file (`search-index/index.bin` in the data folder),
 * so that opening the app does not cut 100 MB of text into terms again. It
 * names the journal position (seq and hash) whose state it reflects; on open
 * the records changed by later journal entries are indexed again.
 *
 * Layout: "BKSEARCH", the header's length (u32), the header (JSON), then
 * sections each starting on a 4-byte boundary: the terms (UTF-8, one per
 * line), their postings offsets and the postings (u32, little-endian, as
 * typed arrays lie in memory on every platform the app ships for), the
 * documents (kind codes, alive flags, the lengths and text of each one's id,
 * reference, title and folded heading), and the postings added since the
 * postings were last built (JSON). The header holds the SHA-256 of all the
 * sections: a file that does not match, or is of another format, is not
 * used (the index is built again).
 *
 * Encoding and decoding are stepwise (generators that yield between pieces)
 * so the backend can keep its event loop free while reading a large index.
 */
import { createHash, type Hash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { JournalHead } from '../store/journal.ts';
import type { Postings } from './postingsBuild.ts';

/** Where the index lives in the data folder, and its file. */
export const INDEX_DIR = 'search-index';
export const INDEX_FILE = 'index.bin';

/**
 * The format version. Raise it whenever the layout, the way text is cut into
 * terms, or what a document is indexed by changes: an index of another
 * version is built again. 3: the members' private notes on papers are indexed
 * (a file of version 2 has none of them).
 */
export const INDEX_FORMAT = 3;

const MAGIC = 'BKSEARCH';
const SECTIONS = ['terms', 'offsets', 'postings', 'kinds', 'alive', 'lengths', 'text', 'live'] as const;
type SectionName = (typeof SECTIONS)[number];

/** The documents of the index, by slot: a re-indexed record gets a new slot and its old one is marked dead. */
export interface DocColumns {
  readonly count: number;
  /** Collection codes (see the index's list of indexed collections). */
  readonly kinds: Uint8Array;
  /** 1 while the slot is the record's current document. */
  readonly alive: Uint8Array;
  readonly ids: readonly string[];
  readonly references: readonly string[];
  readonly titles: readonly string[];
  /** Reference and title folded, for ranking. */
  readonly heads: readonly string[];
}

/** Everything the file holds. */
export interface IndexContents {
  readonly position: JournalHead;
  readonly base: Postings;
  readonly docs: DocColumns;
  /** Postings added since `base` was built: term -> slots, ascending. */
  readonly live: ReadonlyArray<readonly [string, readonly number[]]>;
}

interface Header {
  readonly format: number;
  readonly seq: number;
  readonly hash: string;
  readonly termCount: number;
  readonly postingCount: number;
  readonly docCount: number;
  readonly sha256: string;
  /** Byte offset (from the end of the header) and length of each section. */
  readonly sections: Readonly<Partial<Record<SectionName, readonly [number, number]>>>;
}

/** Why a file was not used. */
export class IndexFileError extends Error {}

function aligned(n: number): number {
  return (n + 3) & ~3;
}

function bytesOf(array: Uint8Array | Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Encodes the terms once: a built or loaded index keeps them, since its base postings never change. */
export function encodeTerms(terms: readonly string[]): Buffer {
  return Buffer.from(terms.join('\n'), 'utf8');
}

/**
 * The file's bytes, as chunks, and their SHA-256: stepwise (the documents
 * are encoded a few thousand at a time). `termsBytes` is
 * {@link encodeTerms} of `contents.base.terms`.
 */
export function* encodeIndex(
  contents: IndexContents,
  termsBytes: Buffer,
): Generator<void, { chunks: Buffer[]; sha256: string }, void> {
  const { docs, base } = contents;
  const lengths = new Uint32Array(docs.count * 4);
  const textParts: Buffer[] = [];
  // A thousand documents a step: 4,096 took 13-30 ms of CPU at ten-year scale.
  for (let start = 0; start < docs.count; start += 1024) {
    const strings: string[] = [];
    for (let slot = start; slot < Math.min(docs.count, start + 1024); slot++) {
      const fields = [
        docs.ids[slot] ?? '',
        docs.references[slot] ?? '',
        docs.titles[slot] ?? '',
        docs.heads[slot] ?? '',
      ];
      fields.forEach((field, i) => (lengths[slot * 4 + i] = field.length));
      strings.push(...fields);
    }
    textParts.push(Buffer.from(strings.join(''), 'utf8'));
    yield;
  }
  // The documents' text stays in its parts (one 10 MB copy of them all was made only to be written).
  const body: Record<SectionName, Buffer | readonly Buffer[]> = {
    terms: termsBytes,
    offsets: bytesOf(base.offsets),
    postings: bytesOf(base.postings),
    // Copies: these change in place as records are indexed again, while the file is being written.
    kinds: Buffer.from(docs.kinds.subarray(0, docs.count)),
    alive: Buffer.from(docs.alive.subarray(0, docs.count)),
    lengths: bytesOf(lengths),
    text: textParts,
    live: Buffer.from(JSON.stringify(contents.live), 'utf8'),
  };
  yield;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  const sections: Partial<Record<SectionName, readonly [number, number]>> = {};
  let offset = 0;
  for (const name of SECTIONS) {
    const section = body[name];
    const parts = Array.isArray(section) ? section : [section as Buffer];
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    sections[name] = [offset, length];
    const padding = Buffer.alloc(aligned(length) - length);
    for (const part of parts) yield* hashInSteps(hash, part);
    hash.update(padding);
    chunks.push(...parts, padding);
    offset += length + padding.length;
  }
  const sha256 = hash.digest('hex');
  const header: Header = {
    format: INDEX_FORMAT,
    seq: contents.position.seq,
    hash: contents.position.hash,
    termCount: base.terms.length,
    postingCount: base.postings.length,
    docCount: docs.count,
    sha256,
    sections,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(aligned(MAGIC.length + 4 + headerBytes.length));
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(lead, MAGIC.length + 4);
  return { chunks: [lead, ...chunks], sha256 };
}

/** Feeds `bytes` to `hash` a megabyte at a time (hashing 20 MB at once would stall the event loop). */
function* hashInSteps(hash: Hash, bytes: Buffer): Generator<void, void, void> {
  for (let at = 0; at < bytes.length; at += 1 << 20) {
    hash.update(bytes.subarray(at, at + (1 << 20)));
    yield;
  }
}

function fail(message: string): never {
  throw new IndexFileError(message);
}

function headerOf(file: Buffer): { header: Header; bodyStart: number } {
  if (file.length < MAGIC.length + 4 || file.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    fail('not a search index file');
  }
  const length = file.readUInt32LE(MAGIC.length);
  const end = MAGIC.length + 4 + length;
  if (end > file.length) fail('the header runs past the end of the file');
  let raw: unknown;
  try {
    raw = JSON.parse(file.toString('utf8', MAGIC.length + 4, end));
  } catch {
    fail('the header is not valid JSON');
  }
  const h = raw as Partial<Header> | null;
  if (typeof h !== 'object' || h === null || h.format !== INDEX_FORMAT) fail('another format version');
  const counts = [h.seq, h.termCount, h.postingCount, h.docCount];
  if (!counts.every((n) => Number.isInteger(n) && (n as number) >= 0)) fail('bad counts in the header');
  if (typeof h.hash !== 'string' || typeof h.sha256 !== 'string' || typeof h.sections !== 'object' || !h.sections) {
    fail('an incomplete header');
  }
  return { header: h as Header, bodyStart: aligned(end) };
}

/** The journal position a file reflects, from its header alone (to decide whether it is worth reading). */
export function positionOf(file: Buffer): JournalHead {
  const { header } = headerOf(file);
  return { seq: header.seq, hash: header.hash };
}

/** Bytes of the documents' text decoded per step when reading a file back. */
const TEXT_CHUNK_BYTES = 1 << 20;

/**
 * Reads a file written by {@link encodeIndex}, checking its hash and its
 * structure; throws IndexFileError when it cannot be used. Stepwise: the
 * documents' text (megabytes at ten-year scale) is decoded a chunk of
 * `textChunkBytes` at a time, as its fields are cut from it (decoded whole, it
 * held the event loop for 20-35 ms of CPU).
 */
export function* decodeIndex(file: Buffer, textChunkBytes = TEXT_CHUNK_BYTES): Generator<void, IndexContents, void> {
  const { header, bodyStart } = headerOf(file);
  const body = file.subarray(bodyStart);
  const section = (name: SectionName): Buffer => {
    const place: unknown = header.sections[name];
    if (!Array.isArray(place) || place.length !== 2) fail(`the ${name} section is missing`);
    const [offset, length]: unknown[] = place;
    const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
    if (!isCount(offset) || !isCount(length)) fail(`bad ${name} section`);
    if (offset + length > body.length) fail(`the ${name} section runs past the end of the file`);
    return body.subarray(offset, offset + length);
  };
  const hash = createHash('sha256');
  yield* hashInSteps(hash, body);
  if (hash.digest('hex') !== header.sha256) fail('the contents do not match their checksum');

  const { termCount, postingCount, docCount } = header;
  const u32 = (name: SectionName, count: number): Uint32Array => {
    const bytes = section(name);
    if (bytes.length !== count * 4) fail(`the ${name} section has the wrong length`);
    // A copy when the bytes are not 4-aligned in memory (a typed array view needs it).
    const own = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
    return new Uint32Array(own.buffer, own.byteOffset, count);
  };
  const u8 = (name: SectionName, count: number): Uint8Array => {
    const bytes = section(name);
    if (bytes.length !== count) fail(`the ${name} section has the wrong length`);
    // Copied: the alive flags change as records are indexed again.
    return new Uint8Array(bytes);
  };
  const termsText = section('terms').toString('utf8');
  const terms = termsText ? termsText.split('\n') : [];
  if (terms.length !== termCount) fail('the number of terms does not match');
  // Copies (the postings in steps, below), never views: a view would keep the whole file's buffer alive
  // (documents' text and all). Copied byte for byte, so the section need not be 4-aligned in memory.
  const offsets = u32('offsets', termCount + 1).slice();
  const postingBytes = section('postings');
  if (postingBytes.length !== postingCount * 4) fail('the postings section has the wrong length');
  const postings = new Uint32Array(postingCount);
  const postingsAsBytes = new Uint8Array(postings.buffer);
  if (offsets[0] !== 0 || offsets[termCount] !== postingCount) fail('the postings offsets do not add up');
  for (let i = 0; i < termCount; i++) {
    if ((offsets[i] ?? 0) > (offsets[i + 1] ?? 0)) fail('the postings offsets go backwards');
    if (i > 0 && (terms[i - 1] ?? '') >= (terms[i] ?? '')) fail('the terms are not in order');
  }
  yield;
  for (let at = 0; at < postingCount; at += 1 << 18) {
    const end = Math.min(postingCount, at + (1 << 18));
    postingsAsBytes.set(postingBytes.subarray(at * 4, end * 4), at * 4);
    for (let i = at; i < end; i++) if ((postings[i] ?? 0) >= docCount) fail('a posting names no document');
    yield;
  }
  const kinds = u8('kinds', docCount);
  const alive = u8('alive', docCount);
  const lengths = u32('lengths', docCount * 4);
  const textBytes = section('text');
  yield;
  const ids: string[] = [];
  const references: string[] = [];
  const titles: string[] = [];
  const heads: string[] = [];
  const columns = [ids, references, titles, heads];
  // The text decoded so far and not yet cut into fields (from `at`); a character split across two chunks is
  // held back by the decoder until its last byte comes.
  const decoder = new StringDecoder('utf8');
  let text = '';
  let at = 0;
  let read = 0;
  for (let slot = 0; slot < docCount; slot++) {
    let need = 0;
    for (let i = 0; i < 4; i++) need += lengths[slot * 4 + i] ?? 0;
    while (text.length - at < need && read < textBytes.length) {
      text = text.slice(at) + decoder.write(textBytes.subarray(read, read + textChunkBytes));
      at = 0;
      read += textChunkBytes;
      yield;
    }
    if (text.length - at < need) fail('the document text does not add up');
    for (let i = 0; i < 4; i++) {
      const length = lengths[slot * 4 + i] ?? 0;
      columns[i]!.push(text.slice(at, at + length));
      at += length;
    }
    if (slot % 4096 === 4095) yield;
  }
  if (read < textBytes.length || at !== text.length || decoder.end() !== '') {
    fail('the document text does not add up');
  }
  let live: unknown;
  try {
    live = JSON.parse(section('live').toString('utf8'));
  } catch {
    fail('the added postings are not valid JSON');
  }
  const isLive = (x: unknown): x is Array<[string, number[]]> =>
    Array.isArray(x) &&
    x.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        Array.isArray(entry[1]) &&
        (entry[1] as unknown[]).every(
          (slot) => Number.isInteger(slot) && (slot as number) >= 0 && (slot as number) < docCount,
        ),
    );
  if (!isLive(live)) fail('the added postings are malformed');
  return {
    position: { seq: header.seq, hash: header.hash },
    base: { terms, offsets, postings },
    docs: { count: docCount, kinds, alive, ids, references, titles, heads },
    live,
  };
}
