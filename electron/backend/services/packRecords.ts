/**
 * Which records in this copy a board pack brought, and who published them:
 * those are read-only here (the secretariat's copy holds them), and their
 * pages say who published them.
 */
import { AppFailure } from '../../../shared/contract/result.ts';
import type { PublishedBy } from '../../../shared/contract/views.ts';
import type { PackLogEntry, PackRecordRef } from '../../../shared/schema/packs.ts';
import type { RecordChange, State } from '../../../shared/schema/state.ts';

/** The newest import that brought each record, keyed `collection:id`, per pack log (records are immutable). */
const byLog = new WeakMap<State['packLog'], Map<string, PackLogEntry>>();

function importedRecords(state: State): Map<string, PackLogEntry> {
  let index = byLog.get(state.packLog);
  if (index === undefined) {
    index = new Map();
    const imports = state.packLog
      .values()
      .filter((e) => e.direction === 'imported')
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const entry of imports) for (const ref of entry.records) index.set(`${ref.collection}:${ref.id}`, entry);
    byLog.set(state.packLog, index);
  }
  return index;
}

/** Who published a record this copy imported, or null for a record of this copy's own. */
export function publishedByOf(state: State, collection: PackRecordRef['collection'], id: string): PublishedBy | null {
  const entry = importedRecords(state).get(`${collection}:${id}`);
  return entry
    ? {
        boardName: entry.boardName,
        publisherName: entry.publisherName,
        fingerprint: entry.fingerprint,
        packNumber: entry.number,
        importedAt: entry.at,
      }
    : null;
}

const WHAT: Readonly<Record<PackRecordRef['collection'], string>> = {
  meetings: 'This meeting',
  papers: 'This paper',
  members: 'This member',
  decisions: 'This decision',
  conditions: 'This condition',
};

/**
 * Refuses a change to a record a pack brought: it is the secretariat's, and
 * the next pack would replace the edit. The member's own records (notes, read
 * marks, deadlines' snoozes and reminders) are never refused.
 */
export function refuseImportedEdits(state: State, changes: readonly RecordChange[]): void {
  if (state.packLog.size === 0) return;
  const index = importedRecords(state);
  for (const change of changes) {
    if (!(change.target in WHAT)) continue;
    const entry = index.get(`${change.target}:${change.id}`);
    if (entry === undefined) continue;
    throw new AppFailure(
      'forbidden',
      `${WHAT[change.target as PackRecordRef['collection']]} came in pack ${entry.number} from the secretariat of ${entry.boardName} (published by ${entry.publisherName}, key ${entry.fingerprint}): it is read-only in this copy. Your notes and read marks on it are yours to change.`,
    );
  }
}
