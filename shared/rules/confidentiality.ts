/**
 * What is confidential: a decision marked so or taken under an agenda item in
 * private, and what belongs to it (its conditions, their deadlines). Public
 * registers withhold its wording, and say so in the cell.
 */
import type { Decision } from '../schema/decisions.ts';
import type { State } from '../schema/state.ts';

/** What a public export writes in a cell it withholds: never blank, so an import cannot read it as a value. */
export const WITHHELD = '[withheld: confidential]';

/** What a register export holds: public only (the default), or everything. */
export const EXPORT_SCOPES = ['public', 'everything'] as const;
/** One export scope. */
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** A record's classification as registers show it. */
export type Classification = 'Public' | 'Confidential';

/** True when `d` is confidential: marked so, or taken under an agenda item in private. */
export function decisionIsConfidential(
  state: Pick<State, 'meetings'>,
  d: Pick<Decision, 'confidential' | 'meetingId' | 'itemId'>,
): boolean {
  if (d.confidential) return true;
  const meeting = d.meetingId ? state.meetings.get(d.meetingId) : undefined;
  return meeting?.agenda.find((i) => i.id === d.itemId)?.confidential === true;
}

/** True when the decision with `decisionId` (a condition's, a deadline's source) is confidential. */
export function decisionIdIsConfidential(state: Pick<State, 'meetings' | 'decisions'>, decisionId: string): boolean {
  const d = state.decisions.get(decisionId);
  return d !== undefined && decisionIsConfidential(state, d);
}

/** The classification column's word. */
export function classificationOf(confidential: boolean): Classification {
  return confidential ? 'Confidential' : 'Public';
}

/** True when an agenda item is taken in private: its whole content stays out of anything public. */
export function isTakenInPrivate(item: { readonly confidential: boolean }): boolean {
  return item.confidential;
}

/**
 * The agenda items a public document holds: every item not taken in private.
 * The public minutes and the public pack PDF keep nothing else of an item
 * taken in private (its title, papers, discussion, decisions) beyond, at most, its number.
 */
export function publicItemsOf<I extends { readonly confidential: boolean }>(agenda: readonly I[]): I[] {
  return agenda.filter((item) => !isTakenInPrivate(item));
}
