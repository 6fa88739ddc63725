/**
 * The first screen's answer, kept for the next start (issue 16). Reading and
 * parsing a ten-year checkpoint takes about a second, longer than the whole
 * start may; the dashboard's answer is a few hundred kilobytes. So when the
 * backend closes it writes the dashboard's answer beside the checkpoint, for
 * the board's day and the next, bound to the journal's head, and the next
 * start answers `dashboard:get` from it while the store opens, if, and only
 * if, the journal on disk still ends at that head and it is one of those days.
 *
 * On any other day (a board that closed on Friday opens on Monday, or after
 * weeks away) the dashboard is worked out afresh, by the same code, from the
 * records it reads, kept beside the answer at the close and bound to the same
 * head: every record but those of the collections the dashboard never reads,
 * with the texts it never shows emptied (a decision's narrative, a
 * condition's evidence wording and its updates' notes, but for the updates
 * that answer a due date and the last). At ten-year scale that is two fifths
 * of the checkpoint (39 MB against 94), parsed a line at a time and worked
 * out in slices in about 450 ms: less than the checkpoint's parse alone.
 *
 * It is a cache, never the record: nothing is written from it, it is not
 * backed up or exported, the page is told the answer is provisional (and asks
 * again until the store is open), and the store's own answer replaces it
 * within a second or two. Any doubt (another head, another schema or format,
 * a file that does not parse or a record the dashboard cannot read) and it is
 * not used.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardView } from '../../shared/contract/views.ts';
import { dateInZone } from '../../shared/dates/time.ts';
import {
  COLLECTION_NAMES,
  CURRENT_SCHEMA_VERSION,
  fromDocument,
  type CollectionName,
  type State,
  type StateDocument,
  type StoredRecord,
} from '../../shared/schema/state.ts';
import { dashboardInSteps } from './services/dashboard.ts';
import { runSliced } from './slices.ts';
import { writeFileAtomic } from './store/atomicFile.ts';
import { asciiJson, checkpointText } from './store/checkpoint.ts';
import { JOURNAL_DIR } from './store/backups.ts';
import { hashLine, leaseSegmentBytes, listSegments, type JournalHead } from './store/journal.ts';

export const FIRST_SCREEN_FILE = 'first-screen.json';
/** The records the dashboard is worked out from on a day with no kept answer. */
export const FIRST_SCREEN_RECORDS_FILE = 'first-screen-records.json';
const FORMAT = 'boardkeeper.first-screen';
const RECORDS_FORMAT = 'boardkeeper.first-screen-records';
/** Raised whenever the dashboard's answer changes in meaning, so an answer an earlier version kept is not shown. */
const FORMAT_VERSION = 1;
/** Raised whenever the dashboard reads a field or collection the kept records leave out (see keptRecord). */
const RECORDS_FORMAT_VERSION = 1;

/** What the file holds. */
interface KeptAnswer {
  readonly format: typeof FORMAT;
  readonly formatVersion: number;
  readonly schemaVersion: number;
  /** The journal's last entry when the answers were worked out: the state they describe. */
  readonly journal: JournalHead;
  /** The board's time zone (settings): whose day `today` is. */
  readonly timeZone: string;
  readonly writtenAt: string;
  /** The dashboard on the day of the stop and on the next (a board closed at night opens in the morning): each holds for its `today` only. */
  readonly dashboards: readonly DashboardView[];
}

/** The head of the kept records' file: its first line (the settings and the records follow, a line each). */
interface KeptRecordsHead {
  readonly format: typeof RECORDS_FORMAT;
  readonly formatVersion: number;
  readonly schemaVersion: number;
  /** The journal's last entry when the records were kept: the state they are part of. */
  readonly journal: JournalHead;
  /** Whether the whole state held no records (the records kept leave some collections out). */
  readonly empty: boolean;
}

/** Collections the dashboard never reads: kept empty. */
const UNREAD_COLLECTIONS: ReadonlySet<CollectionName> = new Set([
  'reminderLedger',
  'minutes',
  'paperNotes',
  'packLog',
  'publishers',
  'compiledPacks',
]);

/**
 * A record as kept for working the dashboard out: the texts the dashboard never shows emptied, in
 * place (the record keeps its shape). A condition keeps its wording and owner (its row shows them)
 * and, of its updates, those that answer a due date (the one rule reads them: conditionRules.ts) and
 * the last (its row shows that day), each without its note.
 */
function keptRecord(name: CollectionName, record: StoredRecord): StoredRecord {
  if (name === 'decisions') {
    return {
      ...(record as StoredRecord<'decisions'>),
      wording: '',
      summary: '',
      reasons: '',
      alternatives: '',
      financialImplications: '',
      legalImplications: '',
      equalityImplications: '',
      amendments: [],
    };
  }
  if (name === 'conditions') {
    const c = record as StoredRecord<'conditions'>;
    return {
      ...c,
      evidenceRequired: '',
      owner: { ...c.owner, email: '' },
      history: c.history
        .filter((update, i) => update.answers !== '' || i === c.history.length - 1)
        .map((update) => ({ ...update, note: '', by: '' })),
    };
  }
  return record;
}

/** How many records go into one line of the file (one piece parsed between turns of the event loop). */
const RECORDS_PER_LINE = 500;

/** The last line's tag: the file was written whole. */
const END = 'end';

/**
 * The kept records' file, a piece at a time (the close writes each before making the next), in ASCII
 * (asciiJson: read back as a one-byte string, as the checkpoint is). One JSON value a line: the head,
 * the settings, then `[collection, [records…]]` lines of up to {@link RECORDS_PER_LINE} records,
 * then `["end", count of records]` (a file cut short has no such line), so the next start parses it
 * a line at a time with the event loop free between.
 */
function* keptRecordsChunks(head: KeptRecordsHead, state: State): Generator<string, void, void> {
  for (const chunk of keptRecordsLines(head, state)) yield asciiJson(chunk);
}

function* keptRecordsLines(head: KeptRecordsHead, state: State): Generator<string, void, void> {
  yield `${JSON.stringify(head)}\n${JSON.stringify(state.settings)}\n`;
  let count = 0;
  for (const name of COLLECTION_NAMES) {
    if (UNREAD_COLLECTIONS.has(name)) continue;
    let batch: string[] = [];
    const line = (): string => `[${JSON.stringify(name)},[${batch.join(',')}]]\n`;
    for (const record of state[name] as Iterable<StoredRecord>) {
      batch.push(JSON.stringify(keptRecord(name, record)));
      if (batch.length === RECORDS_PER_LINE) {
        yield line();
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) yield line();
    count += batch.length;
  }
  yield `${JSON.stringify([END, count])}\n`;
}

/**
 * The head of the kept records' file (its first line); null when there is none, or the file does not
 * end as one written whole does.
 */
async function keptRecordsHead(dataDir: string): Promise<Partial<KeptRecordsHead> | null> {
  let handle: FileHandle;
  try {
    handle = await open(join(dataDir, FIRST_SCREEN_RECORDS_FILE), 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    const tail = (await readAt(handle, Buffer.alloc(Math.min(size, 64)), Math.max(0, size - 64))).toString('latin1');
    const start = (await readAt(handle, Buffer.alloc(1024), 0)).toString('latin1');
    const end = start.indexOf('\n');
    if (!/\["end",\d+\]\n$/.test(tail) || end === -1) return null;
    return JSON.parse(start.slice(0, end)) as Partial<KeptRecordsHead>;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/** Whether `kept` is `head` (the same format, schema, journal head and emptiness). */
function sameHead(kept: Partial<KeptRecordsHead> | null, head: KeptRecordsHead): boolean {
  return (
    kept !== null &&
    kept.format === head.format &&
    kept.formatVersion === head.formatVersion &&
    kept.schemaVersion === head.schemaVersion &&
    kept.journal?.seq === head.journal.seq &&
    kept.journal.hash === head.journal.hash &&
    kept.empty === head.empty
  );
}

/** How long one piece of the work may hold the event loop while the page loads beside it (ms). */
const SLICE_MS = 8;

/**
 * The dashboard on `today`, worked out from the records kept at `journal` (the head the journal on
 * disk ends at), a piece at a time (the page's other first requests are answered between); null when
 * there are none for that head, or they cannot be read.
 */
async function dashboardFromKeptRecords(
  dataDir: string,
  journal: JournalHead,
  today: string,
  giveUp: () => boolean,
): Promise<DashboardView | null> {
  try {
    const bytes = await readFile(join(dataDir, FIRST_SCREEN_RECORDS_FILE));
    const kept = await runSliced(keptRecordsDocument(checkpointText(bytes).text, journal), SLICE_MS, giveUp);
    if (kept === null) return null;
    // Not validated (tens of megabytes): written by this app at its close, and only ever shown as provisional.
    const view = await runSliced(dashboardInSteps(fromDocument(kept.doc), today), SLICE_MS, giveUp);
    return view === null ? null : { ...view, empty: kept.empty };
  } catch {
    return null;
  }
}

/**
 * The kept records' file read a line at a time (a pause after each): the state document they make
 * (the collections left out empty) and whether the whole state was empty; null when the file is not
 * one this version wrote for `journal`, or is cut short.
 */
function* keptRecordsDocument(
  text: string,
  journal: JournalHead,
): Generator<void, { readonly doc: StateDocument; readonly empty: boolean } | null, void> {
  let at = 0;
  const nextLine = (): unknown => {
    const end = text.indexOf('\n', at);
    if (end === -1) throw new Error('the file ends inside a line');
    const line = text.slice(at, end);
    at = end + 1;
    return JSON.parse(line);
  };
  const head = nextLine() as Partial<KeptRecordsHead> | null;
  if (
    typeof head !== 'object' ||
    head === null ||
    head.format !== RECORDS_FORMAT ||
    head.formatVersion !== RECORDS_FORMAT_VERSION ||
    head.schemaVersion !== CURRENT_SCHEMA_VERSION ||
    head.journal?.seq !== journal.seq ||
    head.journal.hash !== journal.hash ||
    typeof head.empty !== 'boolean'
  ) {
    return null;
  }
  const settings = nextLine();
  if (typeof settings !== 'object' || settings === null) return null;
  const collections = new Map<string, StoredRecord[]>(COLLECTION_NAMES.map((name) => [name, []]));
  let count = 0;
  for (;;) {
    yield;
    const line = nextLine();
    if (!Array.isArray(line) || line.length !== 2) return null;
    const [name, records] = line as [unknown, unknown];
    if (name === END) {
      return records === count && at === text.length
        ? {
            doc: {
              schemaVersion: CURRENT_SCHEMA_VERSION,
              settings,
              ...Object.fromEntries(collections),
            } as StateDocument,
            empty: head.empty,
          }
        : null;
    }
    const into = collections.get(name as string);
    if (into === undefined || !Array.isArray(records)) return null;
    for (const record of records as StoredRecord[]) into.push(record);
    count += records.length;
  }
}

/**
 * How much of the newest segment's end is read first: its last line is
 * usually far shorter, and the segment up to 8 MB (read whole on every start
 * that had a kept answer, before).
 */
const TAIL_BYTES = 64 * 1024;

/**
 * Where the journal on disk ends: the last complete line of its newest
 * segment, as the store's open would find it (an unfinished last line is set
 * aside by the open, so the head is the line before it). Null when there is
 * no journal or its end cannot be read plainly. Reads the segment's last
 * {@link TAIL_BYTES}, and the whole segment only when no complete line ends
 * in them.
 */
export async function journalHeadOnDisk(dataDir: string): Promise<JournalHead | null> {
  const dir = join(dataDir, JOURNAL_DIR);
  const segments = await listSegments(dir);
  const newest = segments.at(-1);
  if (newest === undefined) return null;
  const handle = await open(join(dir, newest.name), 'r');
  let line: string | null | undefined;
  try {
    const { size } = await handle.stat();
    const from = Math.max(0, size - TAIL_BYTES);
    line = lastLineIn(await readAt(handle, Buffer.allocUnsafe(size - from), from), from === 0);
  } finally {
    await handle.close();
  }
  if (line !== undefined) return headOf(line);
  // A last line longer than the tail (or no line end in it): the whole segment, read as the journal reads one.
  const read = await leaseSegmentBytes(dir, newest.name);
  try {
    return headOf(lastLineIn(read.bytes, true) ?? null);
  } finally {
    read.release();
  }
}

/** Fills `into` from `position` on (less at the end of the file): the bytes read. */
async function readAt(handle: FileHandle, into: Buffer, position: number): Promise<Buffer> {
  let at = 0;
  while (at < into.length) {
    const { bytesRead } = await handle.read(into, at, into.length - at, position + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return into.subarray(0, at);
}

/**
 * The last complete line in `bytes`, the end of a segment (`whole`: from its
 * start): null when it has none; undefined when it may begin before `bytes`.
 */
function lastLineIn(bytes: Buffer, whole: boolean): string | null | undefined {
  const end = bytes.lastIndexOf(0x0a);
  if (end <= 0) return whole ? null : undefined;
  const start = bytes.lastIndexOf(0x0a, end - 1) + 1;
  if (start === 0 && !whole) return undefined;
  return bytes.toString('utf8', start, end);
}

/** The head a journal line names: its seq and hash (null when it is not an entry's line). */
function headOf(line: string | null): JournalHead | null {
  if (line === null) return null;
  const seq = /^\{"seq":(\d+),/.exec(line)?.[1];
  if (seq === undefined) return null;
  return { seq: Number(seq), hash: hashLine(line) };
}

/**
 * The dashboard on the board's day at `now`, as the store would answer it, while the store opens:
 * the answer kept for that day, or else worked out from the records kept (both bound to the journal
 * as it stands on disk); null when there is neither (or either is in doubt). Call once the data
 * folder's lock is held: nothing writes the journal then.
 */
export async function readFirstScreen(
  dataDir: string,
  now: Date,
  /** Asked between the pieces of working the dashboard out from the kept records: true gives it up (null). */
  giveUp: () => boolean = () => false,
): Promise<DashboardView | null> {
  let kept: Partial<KeptAnswer>;
  try {
    kept = JSON.parse(await readFile(join(dataDir, FIRST_SCREEN_FILE), 'utf8')) as Partial<KeptAnswer>;
  } catch {
    return null;
  }
  if (
    kept === null ||
    typeof kept !== 'object' ||
    kept.format !== FORMAT ||
    kept.formatVersion !== FORMAT_VERSION ||
    kept.schemaVersion !== CURRENT_SCHEMA_VERSION ||
    typeof kept.timeZone !== 'string' ||
    typeof kept.writtenAt !== 'string' ||
    !Array.isArray(kept.dashboards)
  ) {
    return null;
  }
  let today: string;
  try {
    today = dateInZone(now, kept.timeZone);
  } catch {
    return null;
  }
  const head = await journalHeadOnDisk(dataDir).catch(() => null);
  if (head === null || head.seq !== kept.journal?.seq || head.hash !== kept.journal.hash) return null;
  const dashboard = kept.dashboards.find(
    (d: unknown) => typeof d === 'object' && d !== null && (d as DashboardView).today === today,
  );
  if (dashboard !== undefined) return { ...dashboard, provisional: { keptAt: kept.writtenAt, from: 'answer' } };
  const workedOut = await dashboardFromKeptRecords(dataDir, head, today, giveUp);
  return workedOut === null ? null : { ...workedOut, provisional: { keptAt: kept.writtenAt, from: 'records' } };
}

/**
 * Keeps `dashboards` (worked out on `state`, the state at `journal`, each on its own day of the board,
 * in `timeZone`) for the next start, and the records the dashboard is worked out from on any other
 * day. The records go first: the answers' file names the head both are bound to.
 */
export async function writeFirstScreen(
  dataDir: string,
  answer: {
    readonly journal: JournalHead;
    readonly timeZone: string;
    readonly dashboards: readonly DashboardView[];
    readonly state: State;
    readonly now: Date;
  },
): Promise<void> {
  const head: KeptRecordsHead = {
    format: RECORDS_FORMAT,
    formatVersion: RECORDS_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    journal: answer.journal,
    empty: COLLECTION_NAMES.every((name) => answer.state[name].size === 0),
  };
  // Kept already for this head (a close after a run that changed nothing): tens of megabytes not written again.
  if (!sameHead(await keptRecordsHead(dataDir), head)) {
    await writeFileAtomic(join(dataDir, FIRST_SCREEN_RECORDS_FILE), keptRecordsChunks(head, answer.state));
  }
  const kept: KeptAnswer = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    journal: answer.journal,
    timeZone: answer.timeZone,
    writtenAt: answer.now.toISOString(),
    dashboards: answer.dashboards,
  };
  await writeFileAtomic(join(dataDir, FIRST_SCREEN_FILE), JSON.stringify(kept));
}
