/**
 * What links to a record: the one place that knows every reference between
 * records, so that removing or archiving never leaves a dangling link.
 */
import { longDate } from '../../../shared/dates/calendarDates.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { RecordChange, State, StoredRecord, Target } from '../../../shared/schema/state.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import { mustGet, save, type ServiceContext } from './context.ts';

/** Descriptions of the records that link to `target`/`id` ("the meeting “Board” (2026-06-24), item 3"). */
export function linksTo(state: State, target: Target, id: string): string[] {
  const out: string[] = [];
  const meetingName = (m: { title: string; date: string }) => `the meeting “${m.title}” (${longDate(m.date)})`;
  switch (target) {
    case 'papers':
      for (const m of state.meetings)
        for (const item of m.agenda)
          if (item.paperIds.includes(id)) out.push(`item ${item.number} “${item.title}” of ${meetingName(m)}`);
      for (const d of state.decisions)
        if (d.reliedOn.some((r) => r.paperId === id)) out.push(`decision ${d.reference}, which relied on it`);
      for (const c of state.conditions)
        if (c.history.some((h) => h.evidencePaperId === id))
          out.push(`a condition of ${state.decisions.get(c.decisionId)?.reference ?? 'a decision'}, as evidence`);
      break;
    case 'members':
      for (const m of state.meetings) {
        if (m.attendance.some((a) => a.memberId === id)) out.push(`the attendance of ${meetingName(m)}`);
        else if (m.agenda.some((i) => i.declarations.some((d) => d.memberId === id)))
          out.push(`a declaration of interest at ${meetingName(m)}`);
      }
      for (const c of state.conditions)
        if (c.owner.memberId === id)
          out.push(`a condition of ${state.decisions.get(c.decisionId)?.reference ?? 'a decision'}, as its owner`);
      break;
    case 'meetings':
      for (const d of state.decisions) if (d.meetingId === id) out.push(`decision ${d.reference}`);
      for (const m of state.minutes) if (m.meetingId === id || m.approvedAtMeetingId === id) out.push('minutes');
      break;
    case 'decisions':
      for (const c of state.conditions) if (c.decisionId === id) out.push(`its condition “${c.wording.slice(0, 60)}”`);
      for (const d of state.decisions)
        if (d.links.some((l) => l.decisionId === id)) out.push(`decision ${d.reference}`);
      for (const c of state.contracts)
        if (c.extensionOptions.some((o) => o.exercisedByDecisionId === id))
          out.push(`an extension option of contract ${c.reference}`);
      for (const d of state.deadlines) if (d.decisionId === id) out.push(`the deadline “${d.title}”`);
      break;
    case 'contracts':
      for (const d of state.decisions) if (d.contractIds.includes(id)) out.push(`decision ${d.reference}`);
      for (const d of state.deadlines) if (d.contractId === id) out.push(`the deadline “${d.title}”`);
      break;
    default:
      break;
  }
  return out;
}

/** "a, b, c and 2 more": a short list for a message. */
export function listForMessage(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/**
 * Refuses to archive a record that others link to, saying what links to it
 * and the way out (`hint`).
 */
export function refuseArchiveIfLinked(state: State, target: Target, id: string, name: string, hint: string): void {
  const links = linksTo(state, target, id);
  if (links.length === 0) return;
  throw new AppFailure(
    'conflict',
    `${name} cannot be archived: ${listForMessage(links)} link${links.length > 1 ? '' : 's'} to it. ${hint}`,
    { links },
  );
}

/** The collections whose records a person archives and restores. */
export type Archivable = 'members' | 'meetings' | 'papers' | 'decisions' | 'contracts';

/** How one record type is archived: what it is called, its name in a message, and the way out when links refuse it. */
interface Archiving<C extends Archivable> {
  /** "contract", "decision"... */
  readonly what: string;
  readonly nameOf: (record: StoredRecord<C>) => string;
  /** Said after the links that refuse archiving. */
  readonly hint: string;
}

const ARCHIVING: { readonly [C in Archivable]: Archiving<C> } = {
  members: {
    what: 'member',
    nameOf: (m) => m.name,
    hint: 'To record that they left the board, set their “active to” date instead.',
  },
  meetings: { what: 'meeting', nameOf: (m) => m.title, hint: 'Archive or re-file those first.' },
  papers: { what: 'paper', nameOf: (p) => p.reference, hint: 'Remove it from the agenda (or the decision) first.' },
  decisions: { what: 'decision', nameOf: (d) => d.reference, hint: 'Close or move its conditions and links first.' },
  contracts: { what: 'contract', nameOf: (c) => c.reference, hint: 'Archive or unlink those first.' },
};

/** Archives a record: refused while anything links to it (saying what, and the way out). */
export function archiveRecord(ctx: ServiceContext, collection: Archivable, id: string): Promise<Saved> {
  return setArchived(ctx, collection, id, true);
}

/** Restores an archived record. */
export function unarchiveRecord(ctx: ServiceContext, collection: Archivable, id: string): Promise<Saved> {
  return setArchived(ctx, collection, id, false);
}

function setArchived<C extends Archivable>(
  ctx: ServiceContext,
  collection: C,
  id: string,
  archived: boolean,
): Promise<Saved> {
  const { what, nameOf, hint }: Archiving<C> = ARCHIVING[collection];
  return save(ctx, (state, now) => {
    const current = mustGet(state, collection, id, what);
    const name = nameOf(current);
    if (archived) refuseArchiveIfLinked(state, collection, id, `${capitalised(what)} ${name}`, hint);
    const after = { ...current, archivedAt: archived ? now : null, updatedAt: now } as StoredRecord<C>;
    const summary = archived ? `Archived ${what} ${name}` : `Restored ${what} ${name} from the archive`;
    return { changes: [{ target: collection, id, after } as RecordChange], id, summary };
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
