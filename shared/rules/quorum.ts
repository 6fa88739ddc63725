/**
 * The quorum rule: how many voting members are present for a meeting, and for
 * each agenda item once those who declared an interest in it are left out.
 */
import type { Meeting } from '../schema/meetings.ts';
import { VOTING_ROLES, type Member } from '../schema/members.ts';

/** The quorum check of a meeting or an item. */
export interface QuorumCheck {
  readonly required: number;
  readonly present: number;
  readonly quorate: boolean;
}

/** An item's check, with who was left out for declaring an interest. */
export interface ItemQuorumCheck extends QuorumCheck {
  readonly itemId: string;
  readonly excluded: readonly string[];
}

/** Voting members marked present at the meeting. */
export function votingPresent(
  meeting: Pick<Meeting, 'attendance'>,
  memberById: (id: string) => Member | undefined,
): string[] {
  return meeting.attendance
    .filter((a) => a.status === 'present')
    .map((a) => a.memberId)
    .filter((id) => {
      const member = memberById(id);
      return member !== undefined && VOTING_ROLES.includes(member.role);
    });
}

/** The meeting's quorum, and each item's (members who declared an interest do not count for that item). */
export function quorumOf(
  meeting: Pick<Meeting, 'attendance' | 'agenda'>,
  memberById: (id: string) => Member | undefined,
  required: number,
): { meeting: QuorumCheck; items: ItemQuorumCheck[] } {
  const present = votingPresent(meeting, memberById);
  return {
    meeting: { required, present: present.length, quorate: present.length >= required },
    items: meeting.agenda.map((item) => {
      const declared = new Set(item.declarations.map((d) => d.memberId));
      const counted = present.filter((id) => !declared.has(id));
      return {
        itemId: item.id,
        required,
        present: counted.length,
        quorate: counted.length >= required,
        excluded: present.filter((id) => declared.has(id)),
      };
    }),
  };
}
