/**
 * CSV of the registers (decisions, conditions, deadlines, contracts) and of the
 * conditions report: RFC 4180 (CRLF, quotes doubled) with a UTF-8
 * byte-order mark so Excel reads non-ASCII names right.
 *
 * Against formula injection, a cell that a spreadsheet would run as a
 * formula (one starting with `=`, `+`, `-`, `@`, their fullwidth forms, tab
 * or carriage return, even after spaces, line breaks or zero-width
 * characters) is written with a `'` in front. A cell that already starts with
 * quotes before such a start gets one more, so the app's own CSV import
 * removes exactly one leading `'` from a cell that matches ({@link fromCsvCell})
 * and gets the value back unchanged.
 */
import { isOverdue, nextDue, summariseConditions } from '../rules/conditionRules.ts';
import { deriveDeadlines } from '../caches/deadlineDerivation.ts';
import { bandOf, DEADLINE_SOURCE_LABELS, type Deadline, type DeadlineKind } from '../rules/deadlines.ts';
import {
  classificationOf,
  decisionIdIsConfidential,
  decisionIsConfidential,
  WITHHELD,
  type ExportScope,
} from '../rules/confidentiality.ts';
import { currentTermEnd } from '../rules/contractTerms.ts';
import { CONDITION_STATUS_LABELS } from '../schema/conditions.ts';
import { CONTRACT_KIND_LABELS, ROUTE_LABELS } from '../schema/contracts.ts';
import { OUTCOME_LABELS } from '../schema/decisions.ts';
import type { State } from '../schema/state.ts';
import { conditionsReportRows, RAG_LABELS } from './conditionsReport.ts';
import { fileStemOf } from './markdownText.ts';
import { byReference } from './recordText.ts';

/** The UTF-8 byte-order mark that starts every CSV file. */
export const CSV_BOM = '\uFEFF';

/** The registers that can be exported as CSV. */
export const REGISTERS = ['decisions', 'conditions', 'deadlines', 'contracts'] as const;
/** One register's name. */
export type Register = (typeof REGISTERS)[number];

/**
 * What a spreadsheet may take for the start of a formula: `=`, `+`, `-`, `@`
 * (or their fullwidth forms `＝＋－＠`, which some locales' spreadsheets accept),
 * tab or carriage return, after any run of white space, line breaks or
 * zero-width characters (which a spreadsheet may skip or the eye cannot see).
 */
const FORMULA = String.raw`[\s\u200B-\u200D\u2060\uFEFF]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]`;
const FORMULA_START = new RegExp(`^'*${FORMULA}`);
const GUARDED = new RegExp(`^'+${FORMULA}`);

/** One value as a CSV cell: guarded against formula injection, quoted when it must be. */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A parsed cell back to the value it was made from: removes the one `'` {@link csvCell} added. */
export function fromCsvCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** A whole CSV file: byte-order mark, the header row, then the rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return CSV_BOM + [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
const gbp = (value: number | null): string => (value === null ? 'undisclosed' : String(value));

/** The value of a cell, or the withheld mark when the row is confidential and the export is public. */
function shown(withhold: boolean, value: string): string {
  return withhold ? WITHHELD : value;
}

function decisionsCsv(state: State, scope: ExportScope): string {
  const rows = state.decisions
    .values()
    .sort((a, b) => a.date.localeCompare(b.date) || byReference(a, b))
    .map((d) => {
      const meeting = d.meetingId ? state.meetings.get(d.meetingId) : undefined;
      const item = meeting?.agenda.find((i) => i.id === d.itemId);
      const conditions = state.conditions.values().filter((c) => c.decisionId === d.id && !c.archivedAt);
      const confidential = decisionIsConfidential(state, d);
      const withhold = confidential && scope === 'public';
      return [
        d.id,
        d.reference,
        classificationOf(confidential),
        shown(withhold, d.title),
        d.date,
        meeting ? `${meeting.title} ${meeting.date}` : '',
        item ? `${item.number} ${shown(withhold, item.title)}` : '',
        OUTCOME_LABELS[d.outcome],
        d.status === 'signed' ? 'Signed' : 'Draft',
        yesNo(d.keyDecision),
        d.decisionMaker,
        shown(withhold, d.wording),
        d.votes ? String(d.votes.for) : '',
        d.votes ? String(d.votes.against) : '',
        d.votes ? String(d.votes.abstain) : '',
        d.publishedOn,
        d.callInEnds,
        d.effectiveDate,
        d.signatory,
        d.signedOn,
        d.signedBy,
        d.signedAt ?? '',
        String(conditions.length),
        summariseConditions(conditions),
        d.contractIds.map((id) => state.contracts.get(id)?.reference ?? id).join('; '),
        String(d.amendments.length),
        yesNo(Boolean(d.archivedAt)),
      ];
    });
  return toCsv(
    [
      'ID',
      'Reference',
      'Classification',
      'Title',
      'Date',
      'Meeting',
      'Agenda item',
      'Outcome',
      'Status',
      'Key decision',
      'Decision-maker',
      'Decision',
      'Votes for',
      'Votes against',
      'Abstentions',
      'Published',
      'Call-in ends',
      'Effective date',
      'Signed by',
      'Signed on',
      'Sign-off recorded by',
      'Sign-off recorded at',
      'Conditions',
      'Conditions status',
      'Contracts',
      'Amendments',
      'Archived',
    ],
    rows,
  );
}

function conditionsCsv(state: State, today: string, scope: ExportScope): string {
  const rows = state.conditions
    .values()
    .map((c) => ({ c, decision: state.decisions.get(c.decisionId) }))
    .sort(
      (a, b) =>
        (a.decision?.reference ?? '').localeCompare(b.decision?.reference ?? '', 'en-GB', { numeric: true }) ||
        (a.c.due || a.c.recurrence?.from || '9999').localeCompare(b.c.due || b.c.recurrence?.from || '9999') ||
        a.c.createdAt.localeCompare(b.c.createdAt) ||
        a.c.id.localeCompare(b.c.id),
    )
    .map(({ c, decision }) => {
      const last = c.history.at(-1);
      const r = c.recurrence;
      const confidential = decision !== undefined && decisionIsConfidential(state, decision);
      const withhold = confidential && scope === 'public';
      return [
        c.id,
        decision?.reference ?? c.decisionId,
        classificationOf(confidential),
        shown(withhold, c.wording),
        c.owner.name,
        c.owner.email,
        c.due,
        r ? `${r.every} from ${r.from}${r.until ? ` until ${r.until}` : ''}` : '',
        nextDue(c, today),
        CONDITION_STATUS_LABELS[c.status],
        yesNo(isOverdue(c, today)),
        shown(withhold, c.evidenceRequired),
        last?.at ?? '',
        shown(withhold, last?.note ?? ''),
        yesNo(Boolean(c.archivedAt)),
      ];
    });
  return toCsv(
    [
      'ID',
      'Decision',
      'Classification',
      'Condition',
      'Owner',
      'Owner e-mail',
      'Due',
      'Recurrence',
      'Next due',
      'Status',
      'Overdue',
      'Evidence required',
      'Last update',
      'Last note',
      'Archived',
    ],
    rows,
  );
}

function contractsCsv(state: State): string {
  const rows = state.contracts
    .values()
    .sort((a, b) => a.reference.localeCompare(b.reference, 'en-GB', { numeric: true }) || a.id.localeCompare(b.id))
    .map((c) => [
      c.id,
      c.reference,
      // Contracts carry no classification of their own: their records are public.
      classificationOf(false),
      c.title,
      CONTRACT_KIND_LABELS[c.kind],
      c.suppliers.join('; '),
      c.buyer,
      ROUTE_LABELS[c.route],
      c.directAwardRationale,
      gbp(c.annualValueGbp),
      gbp(c.initialValueGbp),
      gbp(c.valueWithOptionsGbp),
      c.termStart,
      c.termEnd,
      currentTermEnd(c),
      c.plannedMonths === null ? '' : String(c.plannedMonths),
      c.maxExtentDate,
      c.status,
      c.extensionOptions
        .map(
          (o) =>
            `${o.months} months${o.noticeBy ? `, notice by ${o.noticeBy}` : ''}, GBP ${gbp(o.valueGbp)}${o.exercised ? `, exercised${o.exercisedOn ? ` on ${o.exercisedOn}` : ''}` : ''}`,
        )
        .join('; '),
      c.breakClauses
        .map((b) => `from ${b.earliest}, ${b.noticeDays} days' notice${b.note ? `: ${b.note}` : ''}`)
        .join('; '),
      c.milestones.map((m) => `${m.due} ${m.title}${m.done ? ' (done)' : ''}`).join('; '),
      state.decisions
        .values()
        .filter((d) => d.contractIds.includes(c.id))
        .sort(byReference)
        .map((d) => d.reference)
        .join('; '),
      yesNo(Boolean(c.archivedAt)),
    ]);
  return toCsv(
    [
      'ID',
      'Reference',
      'Classification',
      'Title',
      'Kind',
      'Suppliers',
      'Buyer',
      'Procurement route',
      'Direct award rationale',
      'Annual value (GBP)',
      'Initial value (GBP)',
      'Value with options (GBP)',
      'Term start',
      'Term end as let',
      'Current term end',
      'Planned months',
      'Furthest end with extensions',
      'Status',
      'Extension options',
      'Break clauses',
      'Milestones',
      'Decisions',
      'Archived',
    ],
    rows,
  );
}

const DEADLINE_KIND_LABELS: { [K in DeadlineKind]: string } = {
  condition: 'Condition',
  'contract-end': 'Contract end',
  'option-notice': 'Extension option notice',
  'break-notice': 'Break clause notice',
  milestone: 'Milestone',
  'max-extent': 'Furthest contract end',
  'papers-due': 'Papers due',
  'call-in': 'Call-in ends',
  manual: 'Manual',
};

/** True when a deadline comes from a confidential decision or one of its conditions. */
function deadlineIsConfidential(state: State, d: Deadline): boolean {
  if (d.source.kind === 'decision') return decisionIdIsConfidential(state, d.source.id);
  if (d.source.kind === 'condition') {
    const condition = state.conditions.get(d.source.id);
    return condition !== undefined && decisionIdIsConfidential(state, condition.decisionId);
  }
  return false;
}

function deadlinesCsv(state: State, today: string, scope: ExportScope): string {
  const rows = deriveDeadlines(state, today)
    .sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key))
    .map((d) => ({ d, confidential: deadlineIsConfidential(state, d) }))
    .map(({ d, confidential }) => [
      d.key,
      classificationOf(confidential),
      DEADLINE_KIND_LABELS[d.kind],
      shown(confidential && scope === 'public', d.title),
      d.due,
      d.status === 'open' ? 'Open' : 'Closed',
      d.closedReason,
      bandOf(d, today),
      d.owner.name,
      d.owner.email,
      DEADLINE_SOURCE_LABELS[d.source.kind],
      d.reference,
      d.contract?.reference ?? '',
      shown(confidential && scope === 'public', d.detail),
      yesNo(d.derived),
      d.snoozedUntil,
    ]);
  return toCsv(
    [
      'Key',
      'Classification',
      'Kind',
      'Title',
      'Due',
      'Status',
      'Closed because',
      'When',
      'Owner',
      'Owner e-mail',
      'Source',
      'Reference',
      'Contract',
      'Detail',
      'Derived',
      'Snoozed until',
    ],
    rows,
  );
}

/**
 * A register as CSV, with the file name stem to save it under. `today` decides
 * what is overdue; `scope` 'public' withholds confidential wording (marked
 * {@link WITHHELD}), 'everything' keeps it. Every register has a
 * Classification column.
 */
export function registerCsv(
  state: State,
  register: Register,
  today: string,
  scope: ExportScope = 'public',
): { csv: string; fileStem: string } {
  const fileStem = fileStemOf(
    state.settings.boardName,
    scope === 'public' ? register : `${register} (everything)`,
    'register',
    today,
  );
  switch (register) {
    case 'decisions':
      return { csv: decisionsCsv(state, scope), fileStem };
    case 'conditions':
      return { csv: conditionsCsv(state, today, scope), fileStem };
    case 'deadlines':
      return { csv: deadlinesCsv(state, today, scope), fileStem };
    case 'contracts':
      return { csv: contractsCsv(state), fileStem };
  }
}

/** The conditions report's rows as CSV, one line per open condition. */
export function conditionsReportCsv(state: State, asOf: string): string {
  return toCsv(
    [
      'Decision',
      'Decision title',
      'Rating',
      'Why',
      'Condition',
      'Owner',
      'Due',
      'Next due',
      'Status',
      'Last update',
      'Evidence',
    ],
    conditionsReportRows(state, asOf).map((r) => [
      r.decision?.reference ?? r.condition.decisionId,
      r.decision?.title ?? '',
      RAG_LABELS[r.rag],
      r.why,
      r.condition.wording,
      r.condition.owner.name,
      r.condition.due,
      r.due,
      CONDITION_STATUS_LABELS[r.condition.status],
      r.lastUpdate,
      r.evidence,
    ]),
  );
}
