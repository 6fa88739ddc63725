/**
 * Which journal entries touched each record: the index behind a record's
 * history (`history:ofRecord`). The journal is the only place that says it,
 * so the index is built by reading the journal once, on the first request of
 * a run (streamed a line at a time with turns of the event loop between
 * slices, never a segment's worth of entries held at once), and kept in step
 * afterwards: each new entry adds its records as it is written, and a request
 * that finds the index behind the head reads only the entries after it.
 *
 * Cost at ten-year scale (200,000 entries): the first request of a run reads
 * the whole journal once (as Verify does); the index holds one number per
 * record changed per entry (a few MB). Every later request answers from
 * memory, and reads only the segments holding the entries on the page asked for.
 */
import { listSegments, readSegmentBytes, streamSegment } from './journal.ts';

/** A record, as the journal names it. */
interface RecordKey {
  readonly target: string;
  readonly id: string;
}

function keyOf(record: RecordKey): string {
  return `${record.target}\u0000${record.id}`;
}

/** The index of one data folder's journal, held in memory for the run. */
export class RecordIndex {
  /** Record key -> the sequence numbers of the entries that changed it, ascending. */
  private readonly seqs = new Map<string, number[]>();
  /** The last entry indexed: every entry up to it is in. */
  private upTo = 0;
  /** The catch-up running, if any: one at a time. */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly journalDir: string) {}

  /** Adds entry `seq`'s records, when it is the next one (a change just written); otherwise a later catch-up reads it. */
  add(seq: number, records: readonly RecordKey[]): void {
    if (seq !== this.upTo + 1) return;
    this.addEntry(seq, records);
  }

  private addEntry(seq: number, records: readonly RecordKey[]): void {
    for (const record of records) {
      const key = keyOf(record);
      const list = this.seqs.get(key);
      if (list === undefined) this.seqs.set(key, [seq]);
      else if (list.at(-1) !== seq) list.push(seq);
    }
    this.upTo = seq;
  }

  /** The entries that changed the record, ascending, once every entry up to `head` is indexed. */
  async seqsOf(record: RecordKey, head: number): Promise<readonly number[]> {
    if (this.upTo < head) {
      const run = this.running.then(() => this.catchUp(head));
      this.running = run.catch(() => undefined);
      await run;
    }
    return (this.seqs.get(keyOf(record)) ?? []).filter((s) => s <= head);
  }

  /** Reads the entries after the last one indexed, up to `head`, from the segments that hold them. */
  private async catchUp(head: number): Promise<void> {
    if (this.upTo >= head) return;
    const segments = await listSegments(this.journalDir);
    for (const [i, segment] of segments.entries()) {
      const next = segments[i + 1];
      if (next !== undefined && next.firstSeq <= this.upTo + 1) continue;
      if (segment.firstSeq > head) break;
      const lines = streamSegment(segment.name, await readSegmentBytes(this.journalDir, segment.name));
      for await (const { entry } of lines) {
        if (entry.seq > head) break;
        if (entry.seq === this.upTo + 1) this.addEntry(entry.seq, entry.changes);
      }
    }
    if (this.upTo < head) throw new Error(`the journal ends at entry ${this.upTo}, before entry ${head}`);
  }
}
