/**
 * The first screen's answer, kept for the next start (issue 16). Reading and
 * parsing a ten-year checkpoint takes about a second, longer than the whole
 * start may; the dashboard's answer is a few hundred kilobytes. So when the
 * backend closes it writes the dashboard's answer beside the checkpoint, for
 * the board's day and the next, bound to the journal's head, and the next
 * start answers `dashboard:get` from it while the store opens, if, and only
 * if, the journal on disk still ends at that head and it is one of those days.
 *
 * It is a cache, never the record: nothing is written from it, it is not
 * backed up or exported, the page is told the answer is provisional (and asks
 * again until the store is open), and the store's own answer replaces it
 * within a second or two. Any doubt (another day, another head, another
 * schema or format, a file that does not parse) and it is not used.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardView } from '../../shared/contract/views.ts';
import { dateInZone } from '../../shared/dates/time.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import { writeFileAtomic } from './store/atomicFile.ts';
import { JOURNAL_DIR } from './store/backups.ts';
import { hashLine, leaseSegmentBytes, listSegments, type JournalHead } from './store/journal.ts';

export const FIRST_SCREEN_FILE = 'first-screen.json';
const FORMAT = 'boardkeeper.first-screen';
/** Raised whenever the dashboard's answer changes in meaning, so an answer an earlier version kept is not shown. */
const FORMAT_VERSION = 1;

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
 * The kept dashboard answer, when it describes the journal as it stands on
 * disk on the board's day at `now`; null otherwise (or when there is none).
 * Call once the data folder's lock is held: nothing writes the journal then.
 */
export async function readFirstScreen(dataDir: string, now: Date): Promise<DashboardView | null> {
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
  const dashboard = kept.dashboards.find(
    (d: unknown) => typeof d === 'object' && d !== null && (d as DashboardView).today === today,
  );
  if (dashboard === undefined) return null;
  const head = await journalHeadOnDisk(dataDir).catch(() => null);
  if (head === null || head.seq !== kept.journal?.seq || head.hash !== kept.journal.hash) return null;
  return { ...dashboard, provisional: { keptAt: kept.writtenAt } };
}

/**
 * Keeps `dashboards` (worked out on the state at `journal`, each on its own day of the board, in
 * `timeZone`) for the next start.
 */
export async function writeFirstScreen(
  dataDir: string,
  answer: {
    readonly journal: JournalHead;
    readonly timeZone: string;
    readonly dashboards: readonly DashboardView[];
    readonly now: Date;
  },
): Promise<void> {
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
