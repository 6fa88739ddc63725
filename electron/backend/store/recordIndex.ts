/**
 * Which journal entries touched each record: the index behind a record's
 * history (`history:ofRecord`). The journal is the only place that says it,
 * so the index is built by reading the journal once, on the first request of
 * a run, and kept in step afterwards: each new entry adds its records as it is
 * written, and a request that finds the index behind the head reads only the
 * entries after it.
 *
 * The read skims each line rather than parsing it: a change is written as
 * `{"target":"<collection>","id":"<id>",…`, and since a JSON string cannot
 * hold an unescaped quote, `"target":"` occurs in a line only as a key; when
 * every occurrence in a line opens a change of that shape (and names a
 * collection) the keys are taken as found, and any other line (another key
 * order, a record with a field of that name) is parsed whole. Skimming is
 * about twenty times faster than parsing (measured: 6 ms against 117 ms for
 * an 8 MB segment).
 *
 * Cost at ten-year scale (200,000 entries, 522 MB of journal): the first
 * request of a run reads the whole journal once, yielding to the event loop
 * every few milliseconds; the index holds one number per record changed per
 * entry, in typed arrays (a list per record, linked through them), and a map
 * from each record's key to its list: measured 11 MB (an array per record
 * took 24 MB: `push` leaves room for seventeen numbers), and 4.3 s of CPU for
 * the first read. So that the
 * first "Change history" opened is not the one to wait for it, the backend
 * reads it ahead (`warm`) once its start-up work is done. Every later request
 * answers from memory, and reads only the segments holding the entries on the
 * page asked for.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { COLLECTION_NAMES } from '../../../shared/schema/state.ts';
import { listSegments, readSegment, type JournalEntry } from './journal.ts';

/** A record, as the journal names it. */
interface RecordKey {
  readonly target: string;
  readonly id: string;
}

function keyOf(record: RecordKey): string {
  return `${record.target}\u0000${record.id}`;
}

/** The longest the read runs before it yields to the event loop. */
const SLICE_MS = 8;

const SEQ_AT_START = /^\{"seq":(\d+),/;
const CHANGE_KEY = /\{"target":"([A-Za-z]+)","id":"([^"\\]*)"/g;
const TARGET_KEY = '"target":"';
const TARGETS = new Set<string>([...COLLECTION_NAMES, 'settings']);

/** The records a journal line changed: skimmed when the line is of the usual shape, else parsed. */
export function recordsOfLine(line: string): RecordKey[] {
  const found: RecordKey[] = [];
  let keys = 0;
  for (let at = line.indexOf(TARGET_KEY); at !== -1; at = line.indexOf(TARGET_KEY, at + 1)) keys++;
  CHANGE_KEY.lastIndex = 0;
  for (let m = CHANGE_KEY.exec(line); m !== null; m = CHANGE_KEY.exec(line)) {
    if (TARGETS.has(m[1]!)) found.push({ target: m[1]!, id: m[2]! });
  }
  if (found.length === keys) return found;
  return (JSON.parse(line) as JournalEntry).changes.map((c) => ({ target: c.target, id: c.id }));
}

/** `array` grown to hold index `at` (doubled: a grown copy with the old numbers in it), or itself. */
function grownFor<A extends Int32Array | Uint32Array>(array: A, at: number, make: (length: number) => A): A {
  if (at < array.length) return array;
  const grown = make(Math.max(at + 1, array.length * 2));
  grown.set(array);
  return grown;
}

/** The index of one data folder's journal, held in memory for the run. */
export class RecordIndex {
  /** Record key -> its list: the entries that changed it, ascending, linked through the arrays below. */
  private readonly listOf = new Map<string, number>();
  /** Per list: the first and the last link. */
  private firstLink = new Int32Array(1024);
  private lastLink = new Int32Array(1024);
  /** Per link: an entry's sequence number, and the next link of the same list (-1: none). */
  private linkSeq = new Uint32Array(4096);
  private nextLink = new Int32Array(4096);
  private links = 0;
  /** The last entry indexed: every entry up to it is in. */
  private upTo = 0;
  /** The catch-up running, if any: one at a time. */
  private running: Promise<void> = Promise.resolve();
  /** Set when the store closes: a catch-up stops at its next slice. */
  private stopped = false;

  constructor(private readonly journalDir: string) {}

  /** Adds entry `seq`'s records, when it is the next one (a change just written); otherwise a later catch-up reads it. */
  add(seq: number, records: readonly RecordKey[]): void {
    if (seq !== this.upTo + 1) return;
    this.addEntry(seq, records);
  }

  private addEntry(seq: number, records: readonly RecordKey[]): void {
    for (const record of records) {
      const key = keyOf(record);
      const list = this.listOf.get(key);
      if (list !== undefined && this.linkSeq[this.lastLink[list]!] === seq) continue;
      const link = this.links++;
      this.linkSeq = grownFor(this.linkSeq, link, (n) => new Uint32Array(n));
      this.nextLink = grownFor(this.nextLink, link, (n) => new Int32Array(n));
      this.linkSeq[link] = seq;
      this.nextLink[link] = -1;
      if (list === undefined) {
        const made = this.listOf.size;
        this.firstLink = grownFor(this.firstLink, made, (n) => new Int32Array(n));
        this.lastLink = grownFor(this.lastLink, made, (n) => new Int32Array(n));
        this.firstLink[made] = link;
        this.lastLink[made] = link;
        // A key kept is copied: the id skimmed from a line is a slice of the segment's text, and would keep it all in memory.
        this.listOf.set(Buffer.from(key, 'utf8').toString('utf8'), made);
      } else {
        this.nextLink[this.lastLink[list]!] = link;
        this.lastLink[list] = link;
      }
    }
    this.upTo = seq;
  }

  /** The entries that changed the record, ascending, once every entry up to `head` is indexed. */
  async seqsOf(record: RecordKey, head: number): Promise<readonly number[]> {
    await this.indexUpTo(head);
    const list = this.listOf.get(keyOf(record));
    const seqs: number[] = [];
    if (list === undefined) return seqs;
    for (let link = this.firstLink[list]!; link !== -1; link = this.nextLink[link]!) {
      const seq = this.linkSeq[link]!;
      if (seq > head) break;
      seqs.push(seq);
    }
    return seqs;
  }

  /**
   * Reads the journal up to `head` ahead of any request, in slices (a
   * request meanwhile waits for it, then reads only what follows). Stops
   * quietly when the store closes.
   */
  async warm(head: number): Promise<void> {
    await this.indexUpTo(head);
  }

  /** The store is closing: a catch-up under way stops at its next slice. */
  stop(): void {
    this.stopped = true;
  }

  /** Every entry up to `head` indexed: one catch-up at a time, each after the one before. */
  private async indexUpTo(head: number): Promise<void> {
    if (this.upTo >= head) return;
    const run = this.running.then(() => this.catchUp(head));
    this.running = run.catch(() => undefined);
    await run;
  }

  /** Reads the entries after the last one indexed, up to `head`, from the segments that hold them. */
  private async catchUp(head: number): Promise<void> {
    if (this.upTo >= head || this.stopped) return;
    const segments = await listSegments(this.journalDir);
    let sliceStart = performance.now();
    for (const [i, segment] of segments.entries()) {
      const next = segments[i + 1];
      if (next !== undefined && next.firstSeq <= this.upTo + 1) continue;
      if (segment.firstSeq > head) break;
      const text = await readSegment(this.journalDir, segment.name);
      // Only whole lines: the entries up to `head` were written whole before it was the head.
      for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) {
        const seq = Number(SEQ_AT_START.exec(text.slice(start, start + 32))?.[1] ?? Number.NaN);
        if (seq > head) break;
        if (seq === this.upTo + 1) this.addEntry(seq, recordsOfLine(text.slice(start, end)));
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          if (this.stopped) return;
          sliceStart = performance.now();
        }
      }
    }
    if (this.upTo < head) throw new Error(`the journal ends at entry ${this.upTo}, before entry ${head}`);
  }
}
