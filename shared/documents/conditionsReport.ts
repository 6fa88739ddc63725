/**
 * The conditions report for the next meeting's pack: every open condition,
 * rated red (overdue or breached), amber (due within 30 days) or green (on
 * track), with its owner, due date, last update and evidence, grouped by
 * decision. Pure: the report's date (`asOf`) is an input, so the same records
 * on the same date give the same text, apart from the "Generated" line.
 */
import { addDays, daysBetween } from '../dates/calendarDates.ts';
import { isOpen, isOverdue, nextDue } from '../rules/conditionRules.ts';
import { CONDITION_STATUS_LABELS, type Condition } from '../schema/conditions.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { State } from '../schema/state.ts';
import type { BuildContext, BuiltDocument } from './documentModel.ts';
import { dateInZone } from '../dates/time.ts';
import { assemble, count, fileStemOf, longDate, table, text } from './markdownText.ts';
import { dueText } from './recordText.ts';
import { contractDeadlines } from '../caches/deadlineDerivation.ts';
import { bandOf } from '../rules/deadlines.ts';
import type { OverdueMilestone } from '../contract/views.ts';

/** The contract milestones past their date and not done on `asOf`, longest overdue first: shown beside overdue conditions. */
export function overdueMilestones(state: State, asOf: string): OverdueMilestone[] {
  // Milestones come from contracts alone: the other collections' deadlines are not derived for them.
  return contractDeadlines(state, asOf)
    .filter((d) => d.kind === 'milestone' && d.contract !== null && bandOf(d, asOf) === 'overdue')
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.key < b.key ? -1 : 1))
    .map((d) => ({
      key: d.key,
      title: d.title,
      due: d.due,
      contractId: d.contract!.id,
      contractReference: d.contract!.reference,
      owner: d.owner.name,
    }));
}

/** Days ahead within which an open condition is amber. */
export const AMBER_DAYS = 30;

/** A rating: red overdue (or breached), amber due soon, green on track. */
export type Rag = 'red' | 'amber' | 'green';

/** How a rating reads in a document (never by colour alone). */
export const RAG_LABELS: { [R in Rag]: string } = { red: 'Red', amber: 'Amber', green: 'Green' };

/** One line of the report. */
export interface ReportRow {
  readonly condition: Condition;
  readonly decision: Decision | undefined;
  readonly rag: Rag;
  /** Why it has that rating, e.g. "overdue by 7 days". */
  readonly why: string;
  /** The date it is next due ('' when it has none). */
  readonly due: string;
  readonly lastUpdate: string;
  readonly evidence: string;
}

/** The rating of an open condition on `asOf`, with the reason and the date it is next due. */
export function ragOf(condition: Condition, asOf: string): { rag: Rag; why: string; due: string } {
  // The one rule (conditionRules): the first unanswered past date is overdue, whenever the record was typed in.
  const due = nextDue(condition, asOf);
  if (condition.status === 'breached') return { rag: 'red', why: 'breached', due };
  if (due === '') return { rag: 'green', why: condition.ongoing ? 'ongoing' : 'no due date', due };
  if (isOverdue(condition, asOf)) {
    const days = daysBetween(due, asOf);
    return { rag: 'red', why: `overdue by ${count(days, 'day')}`, due };
  }
  if (due < asOf) return { rag: 'green', why: 'every date answered', due };
  if (due <= addDays(asOf, AMBER_DAYS)) {
    const days = daysBetween(asOf, due);
    return { rag: 'amber', why: days === 0 ? 'due today' : `due in ${count(days, 'day')}`, due };
  }
  return { rag: 'green', why: 'on track', due };
}

function lastUpdateOf(condition: Condition, timeZone: string): string {
  const last = condition.history.at(-1);
  if (!last) return 'None';
  // The day it happened, as the user gave it (not the day it was typed in).
  const day = last.on || dateInZone(new Date(last.at), timeZone);
  const answered = last.answers ? ` (answers ${longDate(last.answers)})` : '';
  return `${longDate(day)}, ${CONDITION_STATUS_LABELS[last.status].toLowerCase()} (${last.by})${last.note ? `: ${last.note}` : ''}${answered}`;
}

/** An ongoing condition's last review: the last update that answered a review date, else its last update. */
function lastReviewOf(condition: Condition): string {
  const review = [...condition.history].reverse().find((h) => h.answers !== '');
  if (!review) return 'None recorded';
  return `${longDate(review.on)} (${review.by})${review.note ? `: ${review.note}` : ''}`;
}

function evidenceOf(state: State, condition: Condition): string {
  const given = [
    ...new Set(
      condition.history.flatMap((h) => {
        const paper = h.evidencePaperId ? state.papers.get(h.evidencePaperId) : undefined;
        return [
          ...(paper ? [`${paper.reference} ${paper.title}`] : []),
          ...(h.evidenceFile ? [`${h.evidenceFile.name} (attached on ${longDate(h.on)})`] : []),
        ];
      }),
    ),
  ];
  const required = condition.evidenceRequired ? `Required: ${condition.evidenceRequired}.` : 'Required: none stated.';
  return given.length > 0 ? `${required} Received: ${given.join('; ')}.` : `${required} Received: none yet.`;
}

/** Every open condition as a report row, grouped by decision (by decision date, then reference), soonest due first. */
export function conditionsReportRows(state: State, asOf: string): ReportRow[] {
  const decisionOrder = (d: Decision | undefined): string => (d ? `${d.date} ${d.reference}` : '9999');
  return state.conditions
    .values()
    .filter((c) => isOpen(c.status) && !c.archivedAt)
    .map((condition): ReportRow => {
      const decision = state.decisions.get(condition.decisionId);
      const { rag, why, due } = ragOf(condition, asOf);
      return {
        condition,
        decision,
        rag,
        why,
        due,
        lastUpdate: lastUpdateOf(condition, state.settings.timeZone),
        evidence: evidenceOf(state, condition),
      };
    })
    .sort(
      (a, b) =>
        decisionOrder(a.decision).localeCompare(decisionOrder(b.decision), 'en-GB', { numeric: true }) ||
        (a.due || '9999').localeCompare(b.due || '9999') ||
        a.condition.createdAt.localeCompare(b.condition.createdAt) ||
        a.condition.id.localeCompare(b.condition.id),
    );
}

/** The next meeting on or after `asOf` that is not cancelled: the one the report is for. */
export function nextMeetingOf(state: State, asOf: string): Meeting | undefined {
  return state.meetings
    .values()
    .filter((m) => m.date >= asOf && m.status !== 'cancelled' && !m.archivedAt)
    .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || a.id.localeCompare(b.id))[0];
}

/** Options of {@link buildConditionsReport}. */
export interface ConditionsReportOptions extends BuildContext {
  /** The date the ratings are worked out for (`YYYY-MM-DD` in the board's zone). */
  readonly asOf: string;
  /** The meeting whose pack it goes in; by default the next one on or after `asOf`. */
  readonly meeting?: Meeting | undefined;
}

/** Builds the conditions report as at `asOf`. */
export function buildConditionsReport(state: State, options: ConditionsReportOptions): BuiltDocument {
  const rows = conditionsReportRows(state, options.asOf);
  const meeting = options.meeting ?? nextMeetingOf(state, options.asOf);
  const tally = (rag: Rag): number => rows.filter((r) => r.rag === rag).length;

  const groups: Array<{ decision: Decision | undefined; rows: ReportRow[] }> = [];
  // Ongoing obligations have no due date of their own: they are listed together, with their last review.
  const ongoing = rows.filter((r) => r.condition.ongoing);
  for (const row of rows) {
    if (row.condition.ongoing) continue;
    const last = groups.at(-1);
    if (last && last.decision?.id === row.decision?.id) last.rows.push(row);
    else groups.push({ decision: row.decision, rows: [row] });
  }
  const sections = groups.map(({ decision, rows: groupRows }) =>
    [
      decision
        ? `## ${text(decision.reference)}: ${text(decision.title)}`
        : '## Conditions of a decision no longer on record',
      decision
        ? `Decided on ${longDate(decision.date)}; ${count(groupRows.length, 'open condition')}.`
        : `${count(groupRows.length, 'open condition')}.`,
      table(
        ['Rating', 'Condition', 'Owner', 'Due', 'Last update', 'Evidence'],
        groupRows.map((r) => [
          `${RAG_LABELS[r.rag]}: ${r.why}${r.condition.status === 'open' || r.condition.status === 'breached' ? '' : ` (${CONDITION_STATUS_LABELS[r.condition.status].toLowerCase()})`}`,
          r.condition.wording,
          r.condition.owner.name,
          r.condition.recurrence
            ? `${r.due ? longDate(r.due) : 'No date'} (${r.condition.recurrence.every}${r.condition.recurrence.until ? ` until ${longDate(r.condition.recurrence.until)}` : ''})`
            : dueText(r.condition),
          r.lastUpdate,
          r.evidence,
        ]),
      ),
    ].join('\n\n'),
  );

  const milestones = overdueMilestones(state, options.asOf);
  if (milestones.length > 0) {
    sections.unshift(
      [
        '## Overdue contract milestones',
        `${count(milestones.length, 'contract milestone')} past ${milestones.length === 1 ? 'its date' : 'their dates'} and not done, beside the overdue conditions.`,
        table(
          ['Rating', 'Contract milestone', 'Contract', 'Owner', 'Due'],
          milestones.map((m) => [
            `Red: overdue by ${count(daysBetween(m.due, options.asOf), 'day')}`,
            m.title,
            m.contractReference,
            m.owner || 'Not named',
            longDate(m.due),
          ]),
        ),
      ].join('\n\n'),
    );
  }
  if (ongoing.length > 0) {
    sections.push(
      [
        '## Ongoing conditions',
        `${count(ongoing.length, 'ongoing condition')}: obligations with no due date, kept under review.`,
        table(
          ['Rating', 'Condition', 'Decision', 'Owner', 'Review', 'Last review'],
          ongoing.map((r) => [
            `${RAG_LABELS[r.rag]}: ${r.why}`,
            r.condition.wording,
            r.decision?.reference ?? '(missing decision)',
            r.condition.owner.name,
            r.condition.recurrence
              ? `${r.due ? longDate(r.due) : 'None'} (${r.condition.recurrence.every})`
              : r.due
                ? longDate(r.due)
                : 'No review date',
            lastReviewOf(r.condition),
          ]),
        ),
      ].join('\n\n'),
    );
  }

  const summary = [
    rows.length === 0
      ? `There are no open conditions as at ${longDate(options.asOf)}.`
      : `${count(rows.length, 'open condition')} as at ${longDate(options.asOf)}: ${tally('red')} red, ${tally('amber')} amber, ${tally('green')} green.`,
    `**Key:** Red: overdue, or breached. Amber: due within ${AMBER_DAYS} days. Green: on track (due later, or no date set). A recurring condition is rated on its next due date.`,
  ];
  const body = [
    [
      '## Summary',
      [
        `- **For:** ${meeting ? `${text(meeting.title)}, ${longDate(meeting.date)}` : 'The next meeting (none is planned yet)'}`,
        `- **As at:** ${longDate(options.asOf)}`,
      ].join('\n'),
      ...summary,
    ].join('\n\n'),
    ...sections,
  ];
  // A condition of a decision taken in private may say what is not yet public.
  const takenInPrivate = rows.some(({ decision }) => {
    const at = decision?.meetingId ? state.meetings.get(decision.meetingId) : undefined;
    return at?.agenda.some((i) => i.id === decision?.itemId && i.confidential) ?? false;
  });
  const reference = `CR ${options.asOf}`;
  return assemble(
    {
      kind: 'conditionsReport',
      boardName: state.settings.boardName,
      reference,
      title: `Conditions report as at ${longDate(options.asOf)}`,
      version: `As at ${longDate(options.asOf)}`,
      classification: takenInPrivate ? 'confidential' : 'public',
      generatedAt: options.now,
      timeZone: state.settings.timeZone,
      position: options.position,
    },
    '',
    body,
    fileStemOf(reference, 'conditions-report'),
  );
}
