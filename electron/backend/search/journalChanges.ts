/**
 * The records changed by the journal entries after a given position: what a
 * search index kept on disk must index again when the data moved on after it
 * was written (a crash before the index was saved, the data opened by an
 * older version...). Read with the store's own journal functions, in pieces
 * of a few hundred lines with a turn of the event loop between them: a
 * segment is 8 MB, and parsing one at once would stall the loop for longer
 * than docs/architecture.md allows.
 */
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { JOURNAL_DIR } from '../store/backups.ts';
import { listSegments, parseSegment, readSegment, type JournalHead } from '../store/journal.ts';

/** About this many characters of journal are parsed between two turns of the event loop. */
const PIECE_CHARS = 256 * 1024;

/** A changed record. */
export interface ChangedRecord {
  readonly target: string;
  readonly id: string;
}

/**
 * The records changed by entries `from.seq + 1` ... `to.seq`, provided the
 * journal continues from `from` (the first of them names `from.hash` as its
 * predecessor) and reaches `to` exactly (the last has `to.hash`); null
 * otherwise: the data is not a continuation of what the index reflects
 * (restored from a backup, replaced), and the index must be built again.
 */
export async function changedSince(
  dataDir: string,
  from: JournalHead,
  to: JournalHead,
): Promise<ChangedRecord[] | null> {
  if (from.seq === to.seq) return from.hash === to.hash ? [] : null;
  if (from.seq > to.seq) return null;
  const dir = join(dataDir, JOURNAL_DIR);
  const segments = await listSegments(dir);
  const changed: ChangedRecord[] = [];
  let seq = from.seq;
  let hash = from.hash;
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    // Segments wholly before the position, or after the end, are not read.
    if (next !== undefined && next.firstSeq <= seq + 1) continue;
    if (segment.firstSeq > to.seq) break;
    const text = await readSegment(dir, segment.name);
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', Math.min(text.length, start + PIECE_CHARS));
      end = end === -1 ? text.length : end + 1;
      const { entries } = parseSegment(segment.name, text.slice(start, end));
      for (const { entry, hash: lineHash } of entries) {
        if (entry.seq <= seq) continue;
        if (entry.seq > to.seq) break;
        if (entry.seq !== seq + 1 || entry.prev !== hash) return null;
        for (const change of entry.changes) changed.push({ target: change.target, id: change.id });
        seq = entry.seq;
        hash = lineHash;
      }
      start = end;
      await nextTurn();
    }
    if (seq >= to.seq) break;
  }
  return seq === to.seq && hash === to.hash ? changed : null;
}
