/**
 * Conflicts of interest against suppliers: when an agenda item links a
 * contract, every member whose registered interests name one of its
 * suppliers (through the one matching module, with the board's aliases) is
 * prompted to declare, with the quorum effect of their withdrawing. Members
 * who already declared on the item are shown as declared. Pure.
 */
import type { Contract } from '../schema/contracts.ts';
import type { AgendaItem, Meeting } from '../schema/meetings.ts';
import { VOTING_ROLES } from '../schema/members.ts';
import type { State } from '../schema/state.ts';
import { votingPresent } from './quorum.ts';
import {
  boardSupplierAliases,
  matchInterestsToSuppliers,
  memberInterestTexts,
  supplierIndex,
} from './supplierMatching.ts';

/** One prompt: who, the interest, the supplier and contract it names, and the quorum if they withdraw. */
export interface DeclarationPrompt {
  readonly memberId: string;
  readonly memberName: string;
  readonly interest: string;
  readonly supplier: string;
  readonly contractId: string;
  readonly contractReference: string;
  /** Already declared on the item. */
  readonly declared: boolean;
  /** "If Member B withdraws, 3 of 4 remain: quorate (quorum 3)."; for a non-voting member, that it changes nothing. */
  readonly quorumEffect: string;
  readonly quorateIfWithdraws: boolean;
}

/**
 * The voting members counted for the item: those marked present, or (before
 * attendance is taken) every voting member active on the meeting's day.
 */
function expectedVoters(state: State, meeting: Meeting): string[] {
  const present = votingPresent(meeting, (id) => state.members.get(id));
  if (meeting.attendance.some((a) => a.status === 'present')) return present;
  return state.members
    .values()
    .filter(
      (m) =>
        !m.archivedAt &&
        VOTING_ROLES.includes(m.role) &&
        (m.activeFrom === '' || m.activeFrom <= meeting.date) &&
        (m.activeTo === '' || m.activeTo >= meeting.date),
    )
    .map((m) => m.id);
}

/**
 * The contracts linked to an agenda item: those the item links itself, then
 * those of the decisions taken under it, each once. The conflict check and
 * confidential packs (items withheld from a member) both read this.
 */
export function contractsOfItem(
  state: Pick<State, 'decisions' | 'contracts'>,
  meetingId: string,
  item: Pick<AgendaItem, 'id' | 'contractIds'>,
): Contract[] {
  const ids: string[] = [...(item.contractIds ?? [])];
  for (const d of state.decisions.values()) {
    if (d.archivedAt || d.meetingId !== meetingId || d.itemId !== item.id) continue;
    for (const id of d.contractIds) if (!ids.includes(id)) ids.push(id);
  }
  return ids.flatMap((id) => {
    const c = state.contracts.get(id);
    return c ? [c] : [];
  });
}

/** The declaration prompts of one agenda item. */
export function declarationPrompts(state: State, meeting: Meeting, item: AgendaItem): DeclarationPrompt[] {
  const contracts = contractsOfItem(state, meeting.id, item);
  if (contracts.length === 0) return [];
  const index = supplierIndex(boardSupplierAliases(state));
  const voters = expectedVoters(state, meeting);
  const declared = new Set(item.declarations.map((d) => d.memberId));
  const counted = voters.filter((id) => !declared.has(id));
  const required = state.settings.quorum;
  const out: DeclarationPrompt[] = [];
  for (const member of state.members.values()) {
    if (member.archivedAt) continue;
    for (const contract of contracts) {
      const match = matchInterestsToSuppliers(memberInterestTexts(member), contract.suppliers, index)[0];
      if (!match) continue;
      const voting = VOTING_ROLES.includes(member.role) && voters.includes(member.id);
      const remain = counted.filter((id) => id !== member.id).length;
      const quorate = remain >= required;
      out.push({
        memberId: member.id,
        memberName: member.name,
        interest: match.interest,
        supplier: match.supplier,
        contractId: contract.id,
        contractReference: contract.reference,
        declared: declared.has(member.id),
        quorateIfWithdraws: voting ? quorate : counted.length >= required,
        quorumEffect: voting
          ? `If ${member.name} withdraws, ${remain} of ${voters.length} remain: ${quorate ? 'quorate' : 'not quorate'} (quorum ${required}).`
          : `${member.name} does not count towards the quorum: withdrawing leaves it as it is.`,
      });
      break;
    }
  }
  return out;
}
