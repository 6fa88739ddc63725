/**
 * Who gets which agenda items in a confidential pack. An item is withheld
 * from a member who declared an interest on it (every declaration on an item
 * is treated as prejudicial, as the quorum check does: the member leaves the
 * room), or whose registered interests name the supplier of a contract linked
 * to the item (linked by the item itself or through a decision taken under
 * it). The supplier matching is
 * shared/rules/supplierMatching.ts, the one module the conflict check uses
 * too. Pure: the caller passes the board's supplier aliases.
 */
import { contractsOfItem } from '../rules/supplierConflicts.ts';
import {
  interestNamesSupplier,
  memberInterestTexts,
  supplierIndex,
  type SupplierAliases,
  type SupplierIndex,
} from '../rules/supplierMatching.ts';
import type { AgendaItem, Meeting } from '../schema/meetings.ts';
import type { Member } from '../schema/members.ts';
import type { State } from '../schema/state.ts';

/** Why an item is withheld from a member. */
export type WithheldReason =
  | { readonly kind: 'declared_interest' }
  | { readonly kind: 'supplier_interest'; readonly supplier: string; readonly interest: string };

/** An item withheld from a member, with the line their pack carries. */
export interface WithheldItem {
  readonly itemId: string;
  readonly number: string;
  readonly title: string;
  readonly reason: WithheldReason;
  /** "Item 4 is withheld from you: declared interest". */
  readonly line: string;
}

/**
 * The suppliers of the contracts linked to an item (the item's own links and
 * those of the decisions taken under it: the conflict check's rule).
 */
export function suppliersOfItem(
  state: Pick<State, 'decisions' | 'contracts'>,
  meetingId: string,
  item: Pick<AgendaItem, 'id' | 'contractIds'>,
): readonly string[] {
  const suppliers: string[] = [];
  for (const contract of contractsOfItem(state, meetingId, item)) {
    for (const s of contract.suppliers) if (!suppliers.includes(s)) suppliers.push(s);
  }
  return suppliers;
}

/** Why, in words: "declared interest", or "registered interest names its supplier Acme Ltd". */
export function withheldWhy(reason: WithheldReason): string {
  return reason.kind === 'declared_interest'
    ? 'declared interest'
    : `registered interest names its supplier ${reason.supplier}`;
}

/** The line a withheld item leaves in the member's pack. */
export function withheldLine(number: string, reason: WithheldReason): string {
  return reason.kind === 'declared_interest'
    ? `Item ${number} is withheld from you: ${withheldWhy(reason)}`
    : `Item ${number} is withheld from you: your ${withheldWhy(reason)}`;
}

/** Why `item` is withheld from `member`, or null when it is not. */
export function withheldReasonOf(
  item: Pick<AgendaItem, 'declarations'>,
  suppliers: readonly string[],
  member: Pick<Member, 'id' | 'interests' | 'interestOrganisations'>,
  index: SupplierIndex,
): WithheldReason | null {
  if (item.declarations.some((d) => d.memberId === member.id)) return { kind: 'declared_interest' };
  for (const interest of memberInterestTexts(member)) {
    const supplier = suppliers.find((s) => interestNamesSupplier(interest, s, index));
    if (supplier !== undefined) {
      return {
        kind: 'supplier_interest',
        supplier,
        interest: interest.text,
      };
    }
  }
  return null;
}

/** The items of `meeting` withheld from each of `members` (by member id), in agenda order. */
export function withheldItemsByMember(
  state: Pick<State, 'decisions' | 'contracts'>,
  meeting: Pick<Meeting, 'id' | 'agenda'>,
  members: readonly Pick<Member, 'id' | 'interests' | 'interestOrganisations'>[],
  aliases: SupplierAliases,
): ReadonlyMap<string, readonly WithheldItem[]> {
  const index = supplierIndex(aliases);
  const items = meeting.agenda.filter((i) => !i.withdrawn);
  const suppliers = new Map(items.map((i) => [i.id, suppliersOfItem(state, meeting.id, i)]));
  const out = new Map<string, WithheldItem[]>();
  for (const member of members) {
    const withheld: WithheldItem[] = [];
    for (const item of items) {
      const reason = withheldReasonOf(item, suppliers.get(item.id)!, member, index);
      if (reason !== null) {
        withheld.push({
          itemId: item.id,
          number: item.number,
          title: item.title,
          reason,
          line: withheldLine(item.number, reason),
        });
      }
    }
    out.set(member.id, withheld);
  }
  return out;
}
