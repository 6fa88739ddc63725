/**
 * The forward plan: every contract event in the next 12 months that needs a
 * board decision or a notice (ends, option and break notice dates, re-tender
 * milestones, the yearly KPI assessment), grouped by month and by meeting:
 * the last meeting in the calendar on or before the event's date, which is
 * the latest the board can decide it. Built on the deadline derivation (the
 * same dates the deadline register and reminders use), plus the assessments
 * the Act asks of contracts over its KPI threshold. Pure: `today` is passed in.
 */
import { deriveDeadlines } from '../caches/deadlineDerivation.ts';
import { addMonths, longDate, monthYear } from '../dates/calendarDates.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { State } from '../schema/state.ts';
import { nextAssessmentDue, PROCUREMENT_RULES } from './procurementAct.ts';

/** What an event asks of the board. */
export type ForwardNeed = 'decision' | 'notice';

/** One event of the forward plan. */
export interface ForwardEvent {
  readonly key: string;
  readonly date: string;
  readonly title: string;
  readonly needs: ForwardNeed;
  readonly contractId: string;
  readonly contractReference: string;
  /** The last meeting on or before the event: the latest that can decide it; null when none is in the calendar. */
  readonly meeting: { readonly id: string; readonly title: string; readonly date: string } | null;
}

/** The forward plan from `from` to `to`, by month and by meeting. */
export interface ForwardPlan {
  readonly from: string;
  readonly to: string;
  readonly events: readonly ForwardEvent[];
  readonly months: ReadonlyArray<{
    readonly month: string;
    readonly label: string;
    readonly events: readonly ForwardEvent[];
  }>;
  readonly meetings: ReadonlyArray<{
    readonly meeting: ForwardEvent['meeting'];
    readonly events: readonly ForwardEvent[];
  }>;
}

/** Re-tender steps that are notices to publish rather than decisions to take. */
const NOTICE_STEPS: readonly string[] = ['market_engagement', 'tender_notice', 'award_notice'];

/** The forward plan on `today`: the next 12 months. */
export function forwardPlanOf(state: State, today: string): ForwardPlan {
  const to = addMonths(today, 12);
  const meetings: Meeting[] = state.meetings
    .values()
    .filter((m) => !m.archivedAt && m.status !== 'cancelled' && m.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const meetingFor = (date: string): ForwardEvent['meeting'] => {
    const m = meetings.filter((x) => x.date <= date).at(-1);
    return m ? { id: m.id, title: m.title, date: m.date } : null;
  };
  const events: ForwardEvent[] = [];
  for (const d of deriveDeadlines(state, today)) {
    if (d.contract === null || d.status !== 'open' || d.due < today || d.due > to) continue;
    if (d.kind !== 'contract-end' && d.kind !== 'option-notice' && d.kind !== 'break-notice' && d.kind !== 'milestone')
      continue;
    const contract = state.contracts.get(d.contract.id);
    if (!contract || contract.kind !== 'held') continue;
    const step =
      d.kind === 'milestone' ? contract.milestones.find((m) => d.key.endsWith(`:mst:${m.id}`))?.planStep : null;
    events.push({
      key: d.key,
      date: d.due,
      title: d.title,
      needs: step && NOTICE_STEPS.includes(step) ? 'notice' : 'decision',
      contractId: contract.id,
      contractReference: contract.reference,
      meeting: meetingFor(d.due),
    });
  }
  for (const c of state.contracts.values()) {
    if (c.archivedAt || c.kind !== 'held') continue;
    const due = nextAssessmentDue(c);
    if (due === null || due < today || due > to) continue;
    events.push({
      key: `ctr:${c.id}:kpi:${due}`,
      date: due,
      title: `Yearly performance assessment against the KPIs (${PROCUREMENT_RULES.assessmentMonths.source}): ${c.title}`,
      needs: 'notice',
      contractId: c.id,
      contractReference: c.reference,
      meeting: meetingFor(due),
    });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));
  const months: Array<{ month: string; label: string; events: ForwardEvent[] }> = [];
  for (const e of events) {
    const month = e.date.slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.events.push(e);
    else months.push({ month, label: monthYear(month), events: [e] });
  }
  const byMeeting = new Map<string, { meeting: ForwardEvent['meeting']; events: ForwardEvent[] }>();
  for (const e of events) {
    const key = e.meeting?.id ?? '';
    const group = byMeeting.get(key) ?? { meeting: e.meeting, events: [] };
    group.events.push(e);
    byMeeting.set(key, group);
  }
  const meetingGroups = [...byMeeting.values()].sort((a, b) =>
    a.meeting === null ? -1 : b.meeting === null ? 1 : a.meeting.date < b.meeting.date ? -1 : 1,
  );
  return { from: today, to, events, months, meetings: meetingGroups };
}

/** A meeting as the forward plan names it: "Oversight board, 10 December 2026". */
export function meetingLabel(meeting: NonNullable<ForwardEvent['meeting']>): string {
  return `${meeting.title}, ${longDate(meeting.date)}`;
}
