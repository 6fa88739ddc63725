/**
 * Decisions: a reference from the board's pattern, the record, its
 * conditions, contracts, lineage and cited papers; sign-off, after which the
 * decision is read-only and corrections are amendments.
 */
import { procurementFlags } from '../../../shared/rules/procurementAct.ts';
import { byReference, byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { summariseConditions } from '../../../shared/rules/conditionRules.ts';
import { matchesSearch, pageOf, type Page } from '../../../shared/contract/paging.ts';
import { nextReference } from '../../../shared/rules/references.ts';
import { AppFailure, type FieldIssue } from '../../../shared/contract/result.ts';
import type { Decision } from '../../../shared/schema/decisions.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { DecisionDetail, DecisionRow, LineageLink, ReliedOnView, Saved } from '../../../shared/contract/views.ts';
import { addWorkingDays } from '../../../shared/dates/workingDays.ts';
import { addMonths, longDate } from '../../../shared/dates/calendarDates.ts';
import { decisionIsConfidential } from '../../../shared/rules/confidentiality.ts';
import { currentTermEnd } from '../../../shared/rules/contractTerms.ts';
import { declarationsOnDecision } from '../../../shared/rules/declarations.ts';
import { actorOf, inArchiveFilter, mustGet, newId, save, type ServiceContext } from './context.ts';
import { conditionRowsOf, conditionsOf, holidayRulesOf } from './governance.ts';

type DecisionFields = Omit<
  Decision,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'archivedAt'
  | 'reference'
  | 'status'
  | 'signedBy'
  | 'signedAt'
  | 'signatory'
  | 'signatoryMemberId'
  | 'signedOn'
  | 'callInEnds'
  | 'amendments'
>;

/** Checks that what a decision names exists, naming the field when not. */
function checkLinks(state: State, d: DecisionFields, selfId?: string): void {
  const issues: FieldIssue[] = [];
  if (d.meetingId && !state.meetings.has(d.meetingId))
    issues.push({ field: 'meetingId', message: `there is no meeting ${d.meetingId}` });
  if (d.itemId) {
    const meeting = d.meetingId ? state.meetings.get(d.meetingId) : undefined;
    if (!meeting?.agenda.some((i) => i.id === d.itemId))
      issues.push({ field: 'itemId', message: 'is not an item of that meeting' });
  }
  d.contractIds.forEach((id, i) => {
    if (!state.contracts.has(id)) issues.push({ field: `contractIds.${i}`, message: `there is no contract ${id}` });
  });
  d.links.forEach((l, i) => {
    if (l.decisionId === selfId)
      issues.push({ field: `links.${i}.decisionId`, message: 'a decision cannot link to itself' });
    else if (!state.decisions.has(l.decisionId))
      issues.push({ field: `links.${i}.decisionId`, message: `there is no decision ${l.decisionId}` });
  });
  d.reliedOn.forEach((r, i) => {
    const paper = state.papers.get(r.paperId);
    if (!paper) issues.push({ field: `reliedOn.${i}.paperId`, message: `there is no paper ${r.paperId}` });
    else if (!paper.versions.some((v) => v.version === r.version)) {
      issues.push({ field: `reliedOn.${i}.version`, message: `paper ${paper.reference} has no version ${r.version}` });
    }
  });
  if (issues.length > 0)
    throw new AppFailure('invalid_input', issues.map((x) => `${x.field}: ${x.message}`).join('; '), { issues });
}

/** The refusal for any edit of a signed decision: the amendment path is offered. */
export function signedRefusal(d: Decision): AppFailure {
  return new AppFailure(
    'conflict',
    `${d.reference} was signed by ${d.signedBy} and cannot be edited. Record an amendment instead (what is corrected, and why).`,
    { signed: true, amend: { channel: 'decisions:amend', id: d.id } },
  );
}

function callInEndsOf(state: State, d: Pick<Decision, 'publishedOn'>): string {
  return d.publishedOn
    ? addWorkingDays(d.publishedOn, state.settings.callInWorkingDays, holidayRulesOf(state.settings))
    : '';
}

function rowOf(state: State, d: Decision): DecisionRow {
  const conditions = conditionsOf(state, d.id);
  return {
    id: d.id,
    reference: d.reference,
    title: d.title,
    date: d.date,
    outcome: d.outcome,
    status: d.status,
    keyDecision: d.keyDecision,
    confidential: decisionIsConfidential(state, d),
    conditions: summariseConditions(conditions),
    conditionCount: conditions.length,
    contracts: d.contractIds.flatMap((id) => {
      const c = state.contracts.get(id);
      return c ? [{ id, reference: c.reference }] : [];
    }),
    archived: Boolean(d.archivedAt),
  };
}

function lineage(state: State, d: Decision): { earlier: LineageLink[]; later: LineageLink[] } {
  const link = (other: Decision, kind: LineageLink['kind']): LineageLink => ({
    id: other.id,
    reference: other.reference,
    title: other.title,
    date: other.date,
    kind,
  });
  const earlier = d.links.flatMap((l) => {
    const other = state.decisions.get(l.decisionId);
    return other ? [link(other, l.kind)] : [];
  });
  const later = state.decisions
    .values()
    .flatMap((other) => other.links.filter((l) => l.decisionId === d.id).map((l) => link(other, l.kind)))
    .sort((a, b) => byCode(a.date, b.date));
  return { earlier, later };
}

function reliedOnViews(state: State, d: Decision): ReliedOnView[] {
  return d.reliedOn.flatMap((r) => {
    const paper = state.papers.get(r.paperId);
    if (!paper) return [];
    const current = paper.versions.at(-1)!;
    return [
      {
        paperId: paper.id,
        reference: paper.reference,
        title: paper.title,
        version: r.version,
        currentVersion: current.version,
        changedSinceSigning: d.signedAt !== null && current.version > r.version && current.createdAt > d.signedAt,
      },
    ];
  });
}

/** The decisions register: filtered, sorted and paged. */
export function listDecisions(
  state: State,
  {
    search,
    outcome,
    status,
    contractId,
    meetingId,
    from,
    to,
    archived,
    sort,
    direction,
    page,
    pageSize,
  }: ParsedInputOf<'decisions:list'>,
): Page<DecisionRow> {
  const sign = direction === 'asc' ? 1 : -1;
  const rows = state.decisions
    .values()
    .filter(
      (d) => inArchiveFilter(d, archived) && (!outcome || d.outcome === outcome) && (!status || d.status === status),
    )
    .filter((d) => (!contractId || d.contractIds.includes(contractId)) && (!meetingId || d.meetingId === meetingId))
    .filter((d) => (!from || d.date >= from) && (!to || d.date <= to))
    .filter((d) => matchesSearch(search, d.reference, d.title, d.wording, d.summary))
    .sort((a, b) => sign * (byReference(a[sort], b[sort]) || byReference(a.reference, b.reference)));
  // Rows (with their condition summaries) only for the page asked for.
  const found = pageOf(rows, page, pageSize);
  return { ...found, rows: found.rows.map((d) => rowOf(state, d)) };
}

/** A decision's page on `today`: its conditions, contracts, lineage, cited papers and meeting. */
export function getDecision(state: State, id: string, today: string): DecisionDetail {
  const decision = mustGet(state, 'decisions', id, 'decision');
  const conditions = conditionsOf(state, id);
  const meeting = decision.meetingId ? state.meetings.get(decision.meetingId) : undefined;
  const item = meeting?.agenda.find((i) => i.id === decision.itemId);
  return {
    decision,
    confidential: decisionIsConfidential(state, decision),
    declarations: declarationsOnDecision(state, decision),
    exercisableOptions: decision.contractIds.flatMap((cid) => {
      const c = state.contracts.get(cid);
      if (!c || !c.termEnd) return [];
      const currentEnd = currentTermEnd(c);
      return c.extensionOptions
        .filter((o) => !o.exercised && o.id)
        .map((o) => ({
          contractId: c.id,
          contractReference: c.reference,
          optionId: o.id,
          months: o.months,
          currentEnd,
          newEnd: addMonths(currentEnd, o.months),
        }));
    }),
    conditions: conditionRowsOf(state, id, today),
    conditionSummary: summariseConditions(conditions),
    contracts: decision.contractIds.flatMap((cid) => {
      const c = state.contracts.get(cid);
      return c
        ? [{ id: c.id, reference: c.reference, title: c.title, route: c.route, flags: procurementFlags(c, { today }) }]
        : [];
    }),
    ...lineage(state, decision),
    reliedOn: reliedOnViews(state, decision),
    meeting: meeting
      ? {
          id: meeting.id,
          title: meeting.title,
          date: meeting.date,
          itemNumber: item?.number ?? '',
          itemTitle: item?.title ?? '',
        }
      : null,
  };
}

/**
 * The reference the board's pattern proposes for a decision dated `date`: one
 * past the highest number of that year already on record (the board's own
 * references included), never from the day it is typed.
 */
export function proposedReference(state: State, date: string): string {
  return nextReference(
    state.settings.decisionReferencePattern,
    Number(date.slice(0, 4)),
    state.decisions.values().map((d) => d.reference),
  );
}

/** Refuses a reference another decision already has (compared without case or surrounding spaces). */
export function refuseDuplicateReference(state: State, reference: string, exceptId?: string): void {
  const key = reference.trim().toLowerCase();
  const clash = state.decisions.values().find((d) => d.id !== exceptId && d.reference.trim().toLowerCase() === key);
  if (clash) {
    const message = `${reference.trim()} is already the reference of the decision “${clash.title}” (${longDate(clash.date)}); each decision needs its own reference`;
    throw new AppFailure('invalid_input', `Reference: ${message}`, { issues: [{ field: 'reference', message }] });
  }
}

/** The agenda item a decision was taken under, when it names one. */
function itemOf(state: State, d: Pick<Decision, 'meetingId' | 'itemId'>) {
  const meeting = d.meetingId ? state.meetings.get(d.meetingId) : undefined;
  return meeting?.agenda.find((i) => i.id === d.itemId);
}

/**
 * Records a draft decision under the board's own reference when given (it
 * must be unique), else the next reference of the board's pattern for its year.
 */
export function createDecision(ctx: ServiceContext, input: ParsedInputOf<'decisions:create'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    checkLinks(state, input);
    const id = newId('dec_');
    const reference = input.reference.trim() || proposedReference(state, input.date);
    refuseDuplicateReference(state, reference);
    const decision: Decision = {
      id,
      createdAt: now,
      updatedAt: now,
      ...input,
      // Taken under an item in private: confidential unless the board says otherwise later.
      confidential: input.confidential || itemOf(state, input)?.confidential === true,
      reference,
      status: 'draft',
      signedBy: '',
      signedAt: null,
      signatory: '',
      signatoryMemberId: null,
      signedOn: '',
      callInEnds: callInEndsOf(state, input),
      amendments: [],
    };
    return {
      changes: [{ target: 'decisions', id, after: decision }],
      id,
      summary: `Recorded decision ${reference} ${decision.title}`,
    };
  });
}

/** Edits a draft decision (a signed one is refused: amend it instead). */
export function updateDecision(
  ctx: ServiceContext,
  { id, ...patch }: ParsedInputOf<'decisions:update'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'decisions', id, 'decision');
    if (current.status === 'signed') throw signedRefusal(current);
    const reference = patch.reference?.trim() || current.reference;
    if (reference !== current.reference) refuseDuplicateReference(state, reference, id);
    const next: Decision = { ...current, ...patch, reference, updatedAt: now };
    checkLinks(state, next, id);
    const withCallIn = { ...next, callInEnds: callInEndsOf(state, next) };
    return {
      changes: [{ target: 'decisions', id, after: withCallIn }],
      id,
      summary: `Edited decision ${current.reference}`,
    };
  });
}

/**
 * Records the signature of a draft decision: who signed it (a member or free
 * text) and on what day (any past day, not before the decision's). The
 * audit trail keeps who recorded it. It needs its wording and decision maker,
 * and is read-only from then on.
 */
export function signDecision(
  ctx: ServiceContext,
  { id, signatory, signatoryMemberId, signedOn }: ParsedInputOf<'decisions:sign'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'decisions', id, 'decision');
    if (current.status === 'signed') throw signedRefusal(current);
    const issues: FieldIssue[] = [];
    if (current.wording.trim() === '')
      issues.push({ field: 'wording', message: 'is required before signing: say what was decided' });
    if (current.decisionMaker.trim() === '')
      issues.push({ field: 'decisionMaker', message: 'is required before signing' });
    if (signatoryMemberId && !state.members.has(signatoryMemberId))
      issues.push({ field: 'signatoryMemberId', message: 'is not a member on record' });
    if (signedOn < current.date)
      issues.push({
        field: 'signedOn',
        message: `must not be before the decision's date (${longDate(current.date)})`,
      });
    if (issues.length > 0)
      throw new AppFailure('invalid_input', issues.map((x) => `${x.field}: ${x.message}`).join('; '), { issues });
    const signed: Decision = {
      ...current,
      status: 'signed',
      signedBy: actorOf(state),
      signedAt: now,
      signatory,
      signatoryMemberId,
      signedOn,
      updatedAt: now,
    };
    return {
      changes: [{ target: 'decisions', id, after: signed }],
      id,
      summary: `Recorded the signature of decision ${current.reference}: ${signatory}, ${longDate(signedOn)}`,
    };
  });
}

/** Records an amendment (what is corrected, and why) on a signed decision. */
export function amendDecision(
  ctx: ServiceContext,
  { id, what, why }: ParsedInputOf<'decisions:amend'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'decisions', id, 'decision');
    if (current.status !== 'signed') {
      throw new AppFailure(
        'conflict',
        `${current.reference} is still a draft: edit it directly; amendments are for signed decisions.`,
      );
    }
    const amendment = { id: newId('amd_'), what, why, by: actorOf(state), at: now };
    const next: Decision = { ...current, amendments: [...current.amendments, amendment], updatedAt: now };
    return {
      changes: [{ target: 'decisions', id, after: next }],
      id,
      summary: `Amended decision ${current.reference}: ${what}`,
    };
  });
}
