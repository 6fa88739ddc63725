/**
 * Declarations of interest on a decision: those recorded on the agenda item it
 * was taken under (typed once, on the item) and any recorded on the decision
 * itself, without repeats.
 */
import type { Decision } from '../schema/decisions.ts';
import type { State } from '../schema/state.ts';

/** One declaration as a decision shows it: who, and the interest. */
export interface DeclarationOnDecision {
  readonly who: string;
  readonly interest: string;
  /** Where it was recorded: on the agenda item, or on the decision. */
  readonly from: 'item' | 'decision';
}

/** The declarations that apply to `d`: the agenda item's first, then the decision's own not already listed. */
export function declarationsOnDecision(
  state: Pick<State, 'meetings' | 'members'>,
  d: Pick<Decision, 'meetingId' | 'itemId' | 'declarations'>,
): readonly DeclarationOnDecision[] {
  const meeting = d.meetingId ? state.meetings.get(d.meetingId) : undefined;
  const item = meeting?.agenda.find((i) => i.id === d.itemId);
  const out: DeclarationOnDecision[] = (item?.declarations ?? []).map((x) => {
    const member = state.members.get(x.memberId);
    return { who: member?.name ?? 'A former member', interest: x.interest, from: 'item' };
  });
  const key = (x: { who: string; interest: string }) =>
    `${x.who.trim().toLowerCase()}\n${x.interest.trim().toLowerCase()}`;
  const seen = new Set(out.map(key));
  for (const x of d.declarations) {
    if (!seen.has(key(x))) out.push({ who: x.who, interest: x.interest, from: 'decision' });
  }
  return out;
}
