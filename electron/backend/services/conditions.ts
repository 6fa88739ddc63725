/**
 * Conditions: created under a decision, owned by a member or an outside body,
 * due once or recurring; their status changes are dated, with who, a note and
 * an evidence paper.
 */
import { byCode, byReference, byText } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import {
  answerableDates,
  answeredDates,
  dueDates,
  isOpen,
  isOverdue,
  isPending,
  nextDue,
} from '../../../shared/rules/conditionRules.ts';
import { addDays, addMonths, longDate } from '../../../shared/dates/calendarDates.ts';
import { matchesSearch, pageOf, type Page } from '../../../shared/contract/paging.ts';
import { AppFailure, type FieldIssue } from '../../../shared/contract/result.ts';
import { CONDITION_STATUS_LABELS, type Condition } from '../../../shared/schema/conditions.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { Attachment } from '../../../shared/schema/papers.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import type { OutputOf } from '../../../shared/contract/api.ts';
import type { Store } from '../store/store.ts';
import type { ConditionDetail, ConditionRow, Saved } from '../../../shared/contract/views.ts';
import { actorOf, mustGet, newId, save, type ServiceContext } from './context.ts';
import { conditionRow } from './governance.ts';

type ConditionFields = Pick<
  Condition,
  'decisionId' | 'wording' | 'owner' | 'due' | 'recurrence' | 'evidenceRequired' | 'ongoing'
>;

function check(state: State, c: ConditionFields): void {
  const issues: FieldIssue[] = [];
  const decision = state.decisions.get(c.decisionId);
  if (!decision) issues.push({ field: 'decisionId', message: `there is no decision ${c.decisionId}` });
  if (c.owner.memberId && !state.members.has(c.owner.memberId))
    issues.push({ field: 'owner.memberId', message: `there is no member ${c.owner.memberId}` });
  if (!c.due && !c.recurrence && !c.ongoing)
    issues.push({ field: 'due', message: 'is required: give a due date or a recurrence, or record it as ongoing' });
  if (decision && c.due && c.due < decision.date) {
    issues.push({
      field: 'due',
      message: `must not be before its decision (${decision.reference}, ${longDate(decision.date)})`,
    });
  }
  if (decision && c.recurrence && c.recurrence.from < decision.date) {
    issues.push({
      field: 'recurrence.from',
      message: `must not be before its decision (${decision.reference}, ${longDate(decision.date)})`,
    });
  }
  if (issues.length > 0)
    throw new AppFailure('invalid_input', issues.map((x) => `${x.field}: ${x.message}`).join('; '), { issues });
}

/** True when a row is in the register's `due` window on `today` (the dashboard's lists use the same test). */
export function inDueWindow(row: ConditionRow, due: ParsedInputOf<'conditions:list'>['due'], today: string): boolean {
  if (due === 'overdue') return row.overdue;
  if (due === 'all') return true;
  const horizon = horizonOf(today, due === 'next30' ? 30 : 90);
  return isPending(row.status) && row.due !== '' && row.due >= today && row.due <= horizon;
}

/** `today` plus `days`, kept for the last pair asked (the dashboard asks it once per condition). */
let horizonKept = { today: '', days: 0, date: '' };
function horizonOf(today: string, days: number): string {
  if (horizonKept.today !== today || horizonKept.days !== days)
    horizonKept = { today, days, date: addDays(today, days) };
  return horizonKept.date;
}

/** The order of the register's `due` sort: soonest first, undated last. */
export function byDue(a: ConditionRow, b: ConditionRow): number {
  return byCode(a.due || '9999', b.due || '9999');
}

/** The conditions register on `today`: filtered, sorted and paged. */
export function listConditions(
  state: State,
  { search, status, open, owner, due, decisionId, sort, page, pageSize }: ParsedInputOf<'conditions:list'>,
  today: string,
): Page<ConditionRow> {
  const rows = state.conditions
    .values()
    .filter(
      (c) => !c.archivedAt && (!status || c.status === status) && (open === undefined || isOpen(c.status) === open),
    )
    .filter((c) => (!decisionId || c.decisionId === decisionId) && (!owner || matchesSearch(owner, c.owner.name)))
    .filter((c) => matchesSearch(search, c.wording, c.owner.name, state.decisions.get(c.decisionId)?.reference ?? ''))
    .map((c) => conditionRow(state, c, today))
    .filter((r) => inDueWindow(r, due, today))
    .sort((a, b) =>
      sort === 'decision'
        ? byReference(a.decisionReference, b.decisionReference)
        : sort === 'owner'
          ? byText(a.owner, b.owner)
          : byDue(a, b),
    );
  return pageOf(rows, page, pageSize);
}

/** A condition's page on `today`: its decision, next and coming due dates, and the evidence given. */
export function getCondition(state: State, id: string, today: string): ConditionDetail {
  const condition = mustGet(state, 'conditions', id, 'condition');
  const decision = mustGet(state, 'decisions', condition.decisionId, 'decision');
  return {
    condition,
    decision: { id: decision.id, reference: decision.reference, title: decision.title, status: decision.status },
    nextDue: nextDue(condition, today),
    overdue: isOverdue(condition, today),
    upcoming: condition.recurrence
      ? dueDates(condition, addMonths(today, 24))
          .filter((d) => d >= today)
          .slice(0, 8)
      : [],
    answered: [...answeredDates(condition)].sort(),
    answerable: answerableDates(condition, today),
    today,
    evidence: condition.history.flatMap((h) => {
      const paper = h.evidencePaperId ? state.papers.get(h.evidencePaperId) : undefined;
      return paper ? [{ paperId: paper.id, reference: paper.reference, title: paper.title }] : [];
    }),
  };
}

/** Adds an open condition to a decision. */
export function createCondition(ctx: ServiceContext, input: ParsedInputOf<'conditions:create'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    check(state, input);
    const id = newId('cnd_');
    const condition: Condition = {
      id,
      createdAt: now,
      updatedAt: now,
      // This copy learns of it now, whatever its dates: no reminder from before now is ever sent.
      learnedAt: now,
      ...input,
      status: 'open',
      history: [
        {
          status: 'open',
          at: now,
          on: dateInZone(new Date(now), state.settings.timeZone),
          by: actorOf(state),
          note: 'Condition recorded',
          evidencePaperId: null,
          evidenceFile: null,
          answers: '',
        },
      ],
    };
    const decision = state.decisions.get(input.decisionId)!;
    return {
      changes: [{ target: 'conditions', id, after: condition }],
      id,
      summary: `Added a condition to ${decision.reference}: ${input.wording.slice(0, 80)}`,
    };
  });
}

/** Edits a condition; its wording is refused once its decision is signed. */
export function updateCondition(
  ctx: ServiceContext,
  { id, ...patch }: ParsedInputOf<'conditions:update'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'conditions', id, 'condition');
    const decision = mustGet(state, 'decisions', current.decisionId, 'decision');
    if (decision.status === 'signed' && (patch.wording !== undefined || patch.evidenceRequired !== undefined)) {
      throw new AppFailure(
        'conflict',
        `The wording of a condition of ${decision.reference} is part of the signed decision and cannot be edited. Record an amendment on the decision instead.`,
        { signed: true, amend: { channel: 'decisions:amend', id: decision.id } },
      );
    }
    const next: Condition = { ...current, ...patch, updatedAt: now };
    check(state, next);
    return {
      changes: [{ target: 'conditions', id, after: next }],
      id,
      summary: `Edited a condition of ${decision.reference}`,
    };
  });
}

/** Refuses an update input with the field and why. */
function refuse(field: string, message: string): never {
  throw new AppFailure('invalid_input', `${field}: ${message}`, { issues: [{ field, message }] });
}

/**
 * Records an update of a condition in its history: a status (the current
 * one for a note), the day it happened (default today; not in the future,
 * not before the decision), who, a note, evidence (a paper and/or a file
 * attached to the update, stored as a blob), and the due date it answers,
 * only when the user says so. The entry time is kept for the audit trail.
 */
export async function setConditionStatus(
  ctx: ServiceContext,
  { id, status, on, note, evidencePaperId, evidenceFile, answers }: ParsedInputOf<'conditions:setStatus'>,
): Promise<Saved> {
  const store = ctx.store();
  // The file goes to the blobs first; an unused blob (if the change is then refused) is harmless.
  let file: Attachment | null = null;
  if (evidenceFile) {
    const data = Buffer.from(evidenceFile.dataBase64, 'base64');
    const { hash, bytes } = await store.blobs.put(data);
    file = {
      blob: hash,
      name: evidenceFile.name.trim(),
      type: evidenceFile.type?.trim() || 'application/octet-stream',
      bytes,
    };
  }
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'conditions', id, 'condition');
    if (evidencePaperId && !state.papers.has(evidencePaperId)) {
      refuse('evidencePaperId', `there is no paper ${evidencePaperId}`);
    }
    const decision = state.decisions.get(current.decisionId);
    const today = dateInZone(new Date(now), state.settings.timeZone);
    const happened = on ?? today;
    if (happened > today) refuse('on', `must not be in the future (today is ${longDate(today)})`);
    if (decision && happened < decision.date) {
      refuse('on', `must not be before its decision (${decision.reference}, ${longDate(decision.date)})`);
    }
    if (answers) {
      if (!dueDates(current, answers).includes(answers)) {
        refuse('answers', `${longDate(answers)} is not a due date of this condition`);
      }
      if (answeredDates(current).has(answers)) {
        refuse('answers', `${longDate(answers)} is already answered by an earlier update`);
      }
    }
    const next: Condition = {
      ...current,
      status,
      history: [
        ...current.history,
        {
          status,
          at: now,
          on: happened,
          by: actorOf(state),
          note,
          evidencePaperId,
          evidenceFile: file,
          answers,
        },
      ],
      updatedAt: now,
    };
    const what =
      answers !== ''
        ? `: ${longDate(answers)} answered`
        : status === current.status
          ? ': a note'
          : `: marked ${CONDITION_STATUS_LABELS[status].toLowerCase()}`;
    return {
      changes: [{ target: 'conditions', id, after: next }],
      id,
      summary: `Condition of ${decision?.reference ?? 'a decision'} updated${what}`,
    };
  });
}

/** A file attached to an update of a condition, as bytes (base64) for the page to download. */
export async function readEvidenceFile(
  store: Store,
  id: string,
  blob: string,
): Promise<OutputOf<'conditions:evidenceFile'>> {
  const condition = mustGet(store.state(), 'conditions', id, 'condition');
  const file = condition.history.map((h) => h.evidenceFile).find((f) => f?.blob === blob);
  if (!file) throw new AppFailure('not_found', 'This condition has no such evidence file.');
  const data = await store.blobs.get(blob);
  return { name: file.name, type: file.type, bytes: data.length, dataBase64: data.toString('base64') };
}
