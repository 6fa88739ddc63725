/**
 * How records read in a formal document: a member's name, a condition's due
 * date or recurrence, a decision's votes, a paper with its version. Shared by
 * the minutes, the decision notice and the conditions report, so each says a
 * thing the same way.
 */
import { conditionsOfDecision as groupedConditions } from '../rules/conditionRules.ts';
import { dateInZone } from '../dates/time.ts';
import type { Condition } from '../schema/conditions.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { Paper } from '../schema/papers.ts';
import type { State } from '../schema/state.ts';
import { count, longDate } from './markdownText.ts';

/** A member's name, or a plain statement that the record names someone no longer on file. */
export function memberName(state: State, memberId: string): string {
  return state.members.get(memberId)?.name ?? `a member no longer on record (${memberId})`;
}

/** "3 for, 0 against, 1 abstention", or "Not recorded". */
export function votesText(votes: Decision['votes']): string {
  if (votes === null) return 'Not recorded';
  return `${votes.for} for, ${votes.against} against, ${count(votes.abstain, 'abstention')}`;
}

const EVERY: { [K in NonNullable<Condition['recurrence']>['every']]: string } = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annually: 'Annually',
};

/** When a condition is due: "31 March 2027", "Quarterly from 24 September 2026 until 24 June 2027", or "No date set". */
export function dueText(condition: Pick<Condition, 'due' | 'recurrence'>): string {
  const r = condition.recurrence;
  if (r) return `${EVERY[r.every]} from ${longDate(r.from)}${r.until ? ` until ${longDate(r.until)}` : ''}`;
  return condition.due ? longDate(condition.due) : 'No date set';
}

/** A decision's conditions in the order the register shows them: by first due date, then as recorded. */
export function conditionsOfDecision(state: State, decisionId: string): readonly Condition[] {
  return groupedConditions(state, decisionId);
}

/** Decisions in reference order (numeric parts compared as numbers). */
export function byReference(a: Decision, b: Decision): number {
  return a.reference.localeCompare(b.reference, 'en-GB', { numeric: true }) || a.id.localeCompare(b.id);
}

/**
 * The version of a paper a meeting considered: the version a decision on the
 * item pinned, else the newest version made by the end of the meeting day (in
 * the board's zone), else the first version on record (a paper entered
 * after the meeting).
 */
export function versionConsidered(
  state: State,
  paper: Paper,
  meeting: Pick<Meeting, 'date'>,
  pinned: ReadonlyArray<Decision['reliedOn'][number]>,
): number {
  const pin = pinned.find((r) => r.paperId === paper.id);
  if (pin) return pin.version;
  const made = paper.versions.filter((v) => dateInZone(new Date(v.createdAt), state.settings.timeZone) <= meeting.date);
  return (made.at(-1) ?? paper.versions[0])?.version ?? 1;
}
