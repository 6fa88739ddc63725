/**
 * Undo: the last change to a record can be reversed from the toast that
 * reports it. The journal holds the before-state; undoing is a new change (the
 * audit trail keeps both), refused when the records changed since.
 */
import { AppFailure } from '../../../shared/contract/result.ts';
import { withRuleChangeTimes, type Settings } from '../../../shared/schema/settings.ts';
import { applyChanges, currentOf, type RecordChange } from '../../../shared/schema/state.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import { save, type ServiceContext } from './context.ts';
import { linksTo, listForMessage } from './links.ts';

/** Whether a record is signed and so may not be changed but by amendment. */
function isSigned(record: unknown): boolean {
  return typeof record === 'object' && record !== null && (record as { status?: unknown }).status === 'signed';
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
    const changes: RecordChange[] = [];
    for (const change of entry.changes) {
      const now = currentOf(state, change);
      if (JSON.stringify(now) !== JSON.stringify(change.after)) {
        throw new AppFailure(
          'conflict',
          `“${entry.summary}” cannot be undone: the record has changed since. Edit it instead.`,
        );
      }
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
    const first = entry.changes[0]!;
    return { changes, id: first.id, summary: `Undid: ${entry.summary}` };
  });
}
