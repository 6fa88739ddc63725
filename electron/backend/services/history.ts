/**
 * Undo: the last change to a record can be reversed from the toast that
 * reports it, with Ctrl+Z, or from the record's history (which this module
 * also reads). The journal holds the before-state; undoing is a new change (the
 * audit trail keeps both), refused when the records changed since.
 */
import { AppFailure } from '../../../shared/contract/result.ts';
import { withRuleChangeTimes, type Settings } from '../../../shared/schema/settings.ts';
import {
  applyChanges,
  currentOf,
  type CollectionName,
  type RecordChange,
  type State,
} from '../../../shared/schema/state.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import type { RecordHistoryEntry, RecordHistoryPage } from '../../../shared/contract/storeTypes.ts';
import type { JournalEntry } from '../store/journal.ts';
import { save, type ServiceContext } from './context.ts';
import { linksTo, listForMessage } from './links.ts';

/** How an undo's summary starts: "Undid: " and the summary of the change it reversed. */
const UNDID = 'Undid: ';

/** Whether a record is signed and so may not be changed but by amendment. */
function isSigned(record: unknown): boolean {
  return typeof record === 'object' && record !== null && (record as { status?: unknown }).status === 'signed';
}

/** Why `entry` cannot be undone once its records changed after it. */
function changedSince(entry: JournalEntry): string {
  return `“${entry.summary}” cannot be undone: the record has changed since. Edit it instead.`;
}

/**
 * The change that puts `entry`'s records back as they were, made at `at`; throws (conflict) when it may
 * not be undone: its records changed since, one is signed, or a record it would remove is linked to.
 * The one rule for the toast's Undo, Ctrl+Z and a record's history.
 */
function undoChangesOf(state: State, entry: JournalEntry, at: string): RecordChange[] {
  const changes: RecordChange[] = [];
  for (const change of entry.changes) {
    const now = currentOf(state, change);
    if (JSON.stringify(now) !== JSON.stringify(change.after)) throw new AppFailure('conflict', changedSince(entry));
    if (isSigned(change.after) || isSigned(change.before)) {
      throw new AppFailure(
        'conflict',
        `“${entry.summary}” cannot be undone: the record is signed. Record an amendment instead.`,
      );
    }
    if (change.target === 'settings') {
      // Putting a rule back is a change of it too: its deadlines are known, as they were, from now on.
      const before = change.before as Settings;
      changes.push({ ...change, after: withRuleChangeTimes(state.settings, before, at) });
      continue;
    }
    // The record as it was, changed now: what derives from it (its deadlines) is known as it was from
    // now on, so a reminder whose time passed while the change stood does not fire at once.
    const before = change.before as { updatedAt?: unknown } | null;
    const restored = before !== null && typeof before.updatedAt === 'string' ? { ...before, updatedAt: at } : before;
    changes.push({ ...change, after: restored } as RecordChange);
  }
  // Undoing a creation removes the record: refuse while anything links to it.
  const after = applyChanges(state, changes);
  for (const change of changes) {
    if (change.after !== null) continue;
    const links = linksTo(after, change.target, change.id);
    if (links.length > 0) {
      throw new AppFailure(
        'conflict',
        `“${entry.summary}” cannot be undone: ${listForMessage(links)} link${links.length > 1 ? '' : 's'} to it. Archive it instead, or remove those links first.`,
        { links },
      );
    }
  }
  return changes;
}

/**
 * Undoes change number `seq`: a new change that puts its records back as they were, refused when they
 * changed since, when one is signed, or when a record it would remove is linked to.
 */
export async function undo(ctx: ServiceContext, seq: number): Promise<Saved> {
  const store = ctx.store();
  const [entry] = await store.entries(seq, seq);
  if (!entry) throw new AppFailure('not_found', `There is no change number ${seq} to undo.`);
  return save(ctx, (state, at) => {
    const changes = undoChangesOf(state, entry, at);
    const first = entry.changes[0]!;
    return { changes, id: first.id, summary: `${UNDID}${entry.summary}` };
  });
}

/**
 * A record's history: the journal entries that changed it, newest first, a
 * page at a time, each saying whether Undo would reverse it now. Only the
 * newest can be: an older one's record has changed since, by the entries
 * after it (the reason undo gives); the newest is tried by the very rule undo
 * applies, on the state as it stands (an undo itself is not undone, as the
 * toast does not offer it).
 */
export async function recordHistory(
  ctx: ServiceContext,
  input: { readonly target: CollectionName; readonly id: string; readonly page: number; readonly pageSize: number },
): Promise<RecordHistoryPage> {
  const store = ctx.store();
  const seqs = await store.entriesOfRecord(input.target, input.id);
  const onPage = seqs.slice(input.page * input.pageSize, (input.page + 1) * input.pageSize);
  const entries = await store.entriesAt(onPage);
  // The state now, at or after the entries read: a change since the newest listed makes it "changed since".
  const state = store.state();
  const at = ctx.clock().toISOString();
  return {
    entries: entries.map((entry) => ({
      seq: entry.seq,
      time: entry.time,
      actor: entry.actor,
      summary: entry.summary,
      records: entry.changes.length,
      undo: undoPossibility(state, entry, at, entry.seq === seqs[0]),
    })),
    total: seqs.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}

function undoPossibility(state: State, entry: JournalEntry, at: string, newest: boolean): RecordHistoryEntry['undo'] {
  if (!newest) return { possible: false, reason: changedSince(entry) };
  // The toast offers no Undo of an undo (nor does Ctrl+Z): the change is made again instead.
  if (entry.summary.startsWith(UNDID)) {
    return { possible: false, reason: 'This undid an earlier change: to have it back, make that change again.' };
  }
  try {
    undoChangesOf(state, entry, at);
    return { possible: true };
  } catch (error) {
    if (error instanceof AppFailure) return { possible: false, reason: error.message };
    throw error;
  }
}
