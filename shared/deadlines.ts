/**
 * The deadline register: every dated obligation, derived from its source
 * (conditions, contracts, meetings, decisions) or kept as a manual deadline.
 * Derived deadlines are never stored: they follow their source, so a changed
 * source changes them. What is stored for them (a person's lead times, a
 * snooze) sits in `state.deadlines` as `derived` records keyed by the
 * deadline's key. Pure: `today` is passed in.
 */
import { addDays } from './calendarDates.ts';
import { dueDates, isOpen as isConditionOpen } from './conditionRules.ts';
import type { Deadline as StoredDeadline } from './schema/deadlines.ts';
import type { State } from './schema/state.ts';
import { addWorkingDays } from './workingDays.ts';

/** What a deadline comes from: the page its link opens. */
export const DEADLINE_SOURCE_KINDS = ['condition', 'contract', 'meeting', 'decision', 'manual'] as const;
export type DeadlineSourceKind = (typeof DEADLINE_SOURCE_KINDS)[number];
export const DEADLINE_SOURCE_LABELS: { [K in DeadlineSourceKind]: string } = {
  condition: 'Condition',
  contract: 'Contract',
  meeting: 'Meeting',
  decision: 'Decision',
  manual: 'Manual',
};

/** What sort of date it is. */
export type DeadlineKind =
  | 'condition'
  | 'contract-end'
  | 'option-notice'
  | 'break-notice'
  | 'milestone'
  | 'max-extent'
  | 'papers-due'
  | 'call-in'
  | 'manual';

/**
 * Obligations are reminded weekly once overdue, until closed. The other kinds
 * are rights or limits (an option or a break clause, the end of a call-in
 * period): once the day has passed there is nothing left to do, so they close
 * themselves instead of nagging.
 */
const LAPSES: { [K in DeadlineKind]: boolean } = {
  condition: false,
  'contract-end': false,
  'option-notice': true,
  'break-notice': true,
  milestone: false,
  'max-extent': true,
  'papers-due': false,
  'call-in': true,
  manual: false,
};

/** A deadline's owner: a member, or an outside body with an address when known. */
export interface DeadlineOwner {
  readonly memberId: string | null;
  readonly name: string;
  readonly email: string;
}

/** One deadline of the register. */
export interface Deadline {
  /** Stable across restarts: e.g. `cnd:<id>:<due>`, `ctr:<id>:end`, or a manual deadline's id. */
  readonly key: string;
  readonly kind: DeadlineKind;
  readonly title: string;
  /** `YYYY-MM-DD` in the board's time zone. */
  readonly due: string;
  readonly owner: DeadlineOwner;
  readonly source: { readonly kind: DeadlineSourceKind; readonly id: string };
  /** What a person calls the source: a decision or contract reference, a meeting's date. */
  readonly reference: string;
  /** The text to quote when chasing (a condition's wording). */
  readonly detail: string;
  /** The contract it belongs to, for grouping; null when none. */
  readonly contract: { readonly id: string; readonly reference: string } | null;
  readonly status: 'open' | 'closed';
  /** Why it is closed ("Met", "Option exercised", "Meeting held"...); '' when open. */
  readonly closedReason: string;
  /** True for derived deadlines: edited only through their source. */
  readonly derived: boolean;
  /**
   * The instant from which this deadline, with this due date, is known: its
   * source's (or its reminder settings') last change. No reminder whose time
   * fell before it ever fires, so loading or importing data, or moving a due
   * date, never sets off a burst of old reminders.
   */
  readonly since: string;
  /** Lead times in days before the due date, largest first (the board's, or this deadline's own). */
  readonly leadDays: readonly number[];
  /** True when `leadDays` is this deadline's own rather than the board's. */
  readonly ownLeadDays: boolean;
  /** No reminder before this instant; '' when not snoozed. */
  readonly snoozedUntil: string;
}

const NO_OWNER: DeadlineOwner = { memberId: null, name: '', email: '' };

/** The later of two ISO instants ('' counts as the earliest). */
function later(a: string, b: string): string {
  return a >= b ? a : b;
}

/** How far ahead a recurring condition's dates are listed. */
const RECURRING_HORIZON_DAYS = 730;

/**
 * Every deadline of the state on `today`, open and closed, in no particular
 * order. A recurring condition gives one deadline per date: each date is
 * closed once the next one has come (only the latest past date can be
 * overdue), and dates before that are left out.
 */
export function deriveDeadlines(state: State, today: string): Deadline[] {
  const settings = state.settings;
  const own = new Map<string, StoredDeadline>();
  for (const record of state.deadlines.values()) {
    if (record.source === 'derived' && !record.archivedAt) own.set(record.key, record);
  }
  const out: Deadline[] = [];
  const push = (
    base: Omit<Deadline, 'leadDays' | 'ownLeadDays' | 'snoozedUntil' | 'status' | 'closedReason' | 'derived'> & {
      closedReason: string;
    },
  ): void => {
    const mine = own.get(base.key);
    const lapsed = LAPSES[base.kind] && base.due < today ? 'Date passed' : '';
    const closedReason = base.closedReason || lapsed;
    out.push({
      ...base,
      since: mine ? later(base.since, mine.updatedAt) : base.since,
      status: closedReason ? 'closed' : 'open',
      closedReason,
      derived: true,
      leadDays: mine?.leadDays ?? settings.reminderLeadDays,
      ownLeadDays: Boolean(mine?.leadDays),
      snoozedUntil: mine?.snoozedUntil ?? '',
    });
  };
  const ownerOf = (o: DeadlineOwner): DeadlineOwner => {
    const member = o.memberId ? state.members.get(o.memberId) : undefined;
    return { memberId: o.memberId, name: o.name || member?.name || '', email: o.email || member?.email || '' };
  };

  const horizon = addDays(today, RECURRING_HORIZON_DAYS);
  for (const c of state.conditions.values()) {
    if (c.archivedAt) continue;
    const decision = state.decisions.get(c.decisionId);
    if (!decision || decision.archivedAt) continue;
    const firstContract = decision.contractIds.map((id) => state.contracts.get(id)).find((x) => x !== undefined);
    const closed = isConditionOpen(c.status)
      ? ''
      : c.status === 'met'
        ? 'Met'
        : c.status === 'waived'
          ? 'Waived'
          : 'Superseded';
    let dates: string[];
    if (c.recurrence) {
      const all = dueDates(c, horizon, 1000);
      const firstFuture = all.findIndex((d) => d >= today);
      const from = firstFuture === -1 ? all.length - 1 : Math.max(0, firstFuture - 1);
      dates = all.slice(Math.max(0, from), Math.max(0, from) + 12);
    } else {
      dates = c.due ? [c.due] : [];
    }
    dates.forEach((due, i) => {
      const next = dates[i + 1];
      push({
        key: `cnd:${c.id}:${due}`,
        kind: 'condition',
        title: c.wording,
        due,
        owner: ownerOf(c.owner),
        source: { kind: 'condition', id: c.id },
        reference: decision.reference,
        detail: c.wording,
        contract: firstContract ? { id: firstContract.id, reference: firstContract.reference } : null,
        since: c.updatedAt,
        closedReason: closed || (next !== undefined && next <= today ? 'The next date has come' : ''),
      });
    });
  }

  for (const k of state.contracts.values()) {
    if (k.archivedAt) continue;
    const contract = { id: k.id, reference: k.reference };
    const ended =
      k.status === 'ended'
        ? 'Contract ended'
        : k.status === 'terminated'
          ? 'Contract terminated'
          : k.status === 'blocked'
            ? 'Contract not approved'
            : '';
    const owner: DeadlineOwner = { memberId: null, name: k.buyer, email: '' };
    const common = {
      owner,
      source: { kind: 'contract' as const, id: k.id },
      reference: k.reference,
      contract,
      since: k.updatedAt,
    };
    push({
      ...common,
      key: `ctr:${k.id}:end`,
      kind: 'contract-end',
      title: `Term ends: ${k.title}`,
      due: k.termEnd,
      detail: `The term of ${k.reference} (${k.title}) ends on ${k.termEnd}.`,
      closedReason: ended,
    });
    for (const o of k.extensionOptions) {
      if (!o.noticeBy || !o.id) continue;
      push({
        ...common,
        key: `ctr:${k.id}:opt:${o.id}:notice`,
        kind: 'option-notice',
        title: `Notice to extend by ${o.months} months: ${k.title}`,
        due: o.noticeBy,
        detail: `Notice to exercise the ${o.months}-month extension option of ${k.reference} must be given by ${o.noticeBy}.`,
        closedReason: ended || (o.exercised ? 'Option exercised' : ''),
      });
    }
    for (const b of k.breakClauses) {
      if (!b.id) continue;
      const due = addDays(b.earliest, -b.noticeDays);
      push({
        ...common,
        key: `ctr:${k.id}:brk:${b.id}:notice`,
        kind: 'break-notice',
        title: `Last day to give notice for the break on ${b.earliest}: ${k.title}`,
        due,
        detail: `To end ${k.reference} at its break on ${b.earliest}, ${b.noticeDays} days' notice must be given by ${due}.${b.note ? ` ${b.note}.` : ''}`,
        closedReason: ended,
      });
    }
    for (const m of k.milestones) {
      if (!m.id) continue;
      push({
        ...common,
        key: `ctr:${k.id}:mst:${m.id}`,
        kind: 'milestone',
        title: `${m.title}: ${k.title}`,
        due: m.due,
        detail: `Re-tender milestone of ${k.reference}: ${m.title}, due ${m.due}.`,
        closedReason: ended || (m.done ? 'Done' : ''),
      });
    }
    // The same day as the term end says nothing the term end does not.
    if (k.maxExtentDate && k.maxExtentDate !== k.termEnd) {
      push({
        ...common,
        key: `ctr:${k.id}:maxextent`,
        kind: 'max-extent',
        title: `Latest possible end, with every extension: ${k.title}`,
        due: k.maxExtentDate,
        detail: `${k.reference} cannot run beyond ${k.maxExtentDate}, whatever extensions are exercised.`,
        closedReason: ended,
      });
    }
  }

  const holidays = { region: settings.holidayRegion, extra: settings.extraHolidays, removed: settings.removedHolidays };
  for (const m of state.meetings.values()) {
    if (m.archivedAt) continue;
    const due = addWorkingDays(m.date, -settings.papersDueWorkingDays, holidays);
    push({
      key: `mtg:${m.id}:papers`,
      kind: 'papers-due',
      title: `Papers due for the ${m.title} of ${m.date}`,
      due,
      owner: NO_OWNER,
      source: { kind: 'meeting', id: m.id },
      reference: `${m.title}, ${m.date}`,
      detail: `Papers for the ${m.title} on ${m.date} are due ${settings.papersDueWorkingDays} working days before, on ${due}.`,
      contract: null,
      since: m.updatedAt,
      closedReason:
        m.status === 'cancelled'
          ? 'Meeting cancelled'
          : m.status === 'held'
            ? 'Meeting held'
            : m.date < today
              ? 'Meeting date passed'
              : '',
    });
  }

  for (const d of state.decisions.values()) {
    if (d.archivedAt || !d.callInEnds) continue;
    const firstContract = d.contractIds.map((id) => state.contracts.get(id)).find((x) => x !== undefined);
    push({
      key: `dec:${d.id}:callin`,
      kind: 'call-in',
      title: `Call-in period ends: ${d.reference} ${d.title}`,
      due: d.callInEnds,
      owner: NO_OWNER,
      source: { kind: 'decision', id: d.id },
      reference: d.reference,
      detail: `The call-in period of ${d.reference} (${d.title}) ends on ${d.callInEnds}.`,
      contract: firstContract ? { id: firstContract.id, reference: firstContract.reference } : null,
      since: d.updatedAt,
      closedReason: '',
    });
  }

  for (const r of state.deadlines.values()) {
    if (r.source !== 'manual' || r.archivedAt || !r.due) continue;
    const contract = r.contractId ? state.contracts.get(r.contractId) : undefined;
    const decision = r.decisionId ? state.decisions.get(r.decisionId) : undefined;
    out.push({
      key: r.id,
      kind: 'manual',
      title: r.title,
      due: r.due,
      owner: ownerOf(r.owner),
      source: { kind: 'manual', id: r.id },
      reference: decision?.reference ?? contract?.reference ?? '',
      detail: r.notes || r.title,
      contract: contract ? { id: contract.id, reference: contract.reference } : null,
      status: r.status === 'open' ? 'open' : 'closed',
      closedReason: r.status === 'done' ? 'Done' : r.status === 'cancelled' ? 'Cancelled' : '',
      derived: false,
      since: r.updatedAt,
      leadDays: r.leadDays ?? settings.reminderLeadDays,
      ownLeadDays: r.leadDays !== null,
      snoozedUntil: r.snoozedUntil,
    });
  }
  return out;
}

/** Where a deadline stands on `today`: what the Deadlines view groups by. */
export type DeadlineBand = 'overdue' | 'week' | 'month' | 'quarter' | 'later' | 'closed';

/** The band of a deadline on `today`: overdue, this week (7 days), next 30, next 90, later, or closed. */
export function bandOf(deadline: Pick<Deadline, 'due' | 'status'>, today: string): DeadlineBand {
  if (deadline.status === 'closed') return 'closed';
  if (deadline.due < today) return 'overdue';
  if (deadline.due <= addDays(today, 6)) return 'week';
  if (deadline.due <= addDays(today, 30)) return 'month';
  if (deadline.due <= addDays(today, 90)) return 'quarter';
  return 'later';
}

/** A message chasing a deadline's owner: for "Draft an e-mail" (mailto:) and "Copy as text". */
export interface ChaseMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** `mailto:` with the address (when known), subject and body, percent-encoded as RFC 6068 asks. */
  readonly mailto: string;
  /** The whole message as plain text, for the clipboard. */
  readonly text: string;
}

/**
 * The e-mail that chases a deadline's owner: the subject names the reference
 * and the due date, the body quotes the condition. `dueText` is the due date
 * as a person reads it ("24 June 2027"); `boardName` signs it.
 */
export function chaseMessage(
  deadline: Pick<Deadline, 'reference' | 'title' | 'detail' | 'owner' | 'due'>,
  dueText: string,
  boardName: string,
  today: string,
): ChaseMessage {
  const what = deadline.title.length > 80 ? `${deadline.title.slice(0, 79)}…` : deadline.title;
  const subject = `${deadline.reference ? `${deadline.reference}: ` : ''}${what} (due ${dueText})`;
  const late = deadline.due < today;
  const quoted = deadline.detail
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
  const body = [
    `Dear ${deadline.owner.name || 'colleague'},`,
    '',
    late
      ? `The following was due on ${dueText} and is not yet recorded as done${deadline.reference ? ` (${deadline.reference})` : ''}:`
      : `A reminder that the following is due on ${dueText}${deadline.reference ? ` (${deadline.reference})` : ''}:`,
    '',
    quoted,
    '',
    late
      ? 'Please let us know where it stands and when we can expect it, with any evidence.'
      : 'Please let us know if anything stands in the way, and send the evidence when it is done.',
    '',
    'With thanks,',
    boardName,
  ].join('\n');
  const to = deadline.owner.email;
  // RFC 6068: encode everything but unreserved characters; line ends as %0D%0A.
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  const mailto = `mailto:${to ? encodeURIComponent(to).replace(/%40/g, '@') : ''}?subject=${enc(subject)}&body=${enc(body)}`;
  const text = `${to ? `To: ${to}\n` : ''}Subject: ${subject}\n\n${body}\n`;
  return { to, subject, body, mailto, text };
}
