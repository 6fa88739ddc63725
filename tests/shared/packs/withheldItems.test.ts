// Who gets which items in a confidential pack: withheld for a declaration on the item, or for a registered
// interest naming the supplier of a contract linked to the item (through a decision under it), matched by the
// one supplier-matching module (case, punctuation and company form do not count; aliases join names).
import { describe, expect, it } from 'vitest';
import { withheldItemsByMember, withheldLine } from '../../../shared/packs/withheldItems.ts';
import type { Member } from '../../../shared/schema/members.ts';
import { sampleState } from '../sampleState.ts';

const state = sampleState('2026-06-01T09:00:00.000Z');
const byName = (name: string) => state.members.values().find((m) => m.name === name)!;
/** The meeting whose item is linked (through a decision) to the software supplier's contract, and that item. */
const linked = state.decisions.values().find((d) => d.contractIds.length > 0 && d.itemId !== null && d.meetingId)!;
const meeting = state.meetings.get(linked.meetingId!)!;
const item = meeting.agenda.find((i) => i.id === linked.itemId)!;
const supplier = state.contracts.get(linked.contractIds[0]!)!.suppliers[0]!;

function member(interests: string[], id = 'mem_test'): Member {
  return { ...byName('Deputy chair'), id, interests };
}

describe('withheld items', () => {
  it('withholds an item from a member who declared an interest on it, and from no one else', () => {
    const declaring = state.meetings
      .values()
      .find((m) => m.agenda.some((i) => i.declarations.length > 0 && !i.withdrawn))!;
    const declared = declaring.agenda.find((i) => i.declarations.length > 0)!;
    const who = state.members.get(declared.declarations[0]!.memberId)!;
    const result = withheldItemsByMember(state, declaring, [who, byName('Deputy chair')], []);
    expect(result.get(who.id)!.filter((w) => w.itemId === declared.id)).toEqual([
      {
        itemId: declared.id,
        number: declared.number,
        title: declared.title,
        reason: { kind: 'declared_interest' },
        line: `Item ${declared.number} is withheld from you: declared interest`,
      },
    ]);
    expect(result.get(byName('Deputy chair').id)).toEqual([]);
  });

  it('withholds an item whose linked contract’s supplier a registered interest names, however it is written', () => {
    expect(supplier).toBe('The software supplier');
    for (const interest of ['Shareholder in SOFTWARE SUPPLIER Ltd.', 'Adviser to the software-supplier']) {
      const withheld = withheldItemsByMember(state, meeting, [member([interest])], []).get('mem_test')!;
      expect(withheld.map((w) => [w.number, w.line])).toEqual([
        [
          item.number,
          `Item ${item.number} is withheld from you: your registered interest names its supplier ${supplier}`,
        ],
      ]);
      expect(withheld[0]!.reason).toEqual({ kind: 'supplier_interest', supplier, interest });
    }
    // A name that only contains the supplier's words as part of another word is not it.
    expect(
      withheldItemsByMember(state, meeting, [member(['Softwaresupplierville council'])], []).get('mem_test'),
    ).toEqual([]);
  });

  it('takes the board’s aliases: an interest naming another name of the same supplier', () => {
    const interest = ['Director of Northgate Systems plc'];
    expect(withheldItemsByMember(state, meeting, [member(interest)], []).get('mem_test')).toEqual([]);
    const aliases = [['The software supplier', 'Northgate Systems']];
    expect(
      withheldItemsByMember(state, meeting, [member(interest)], aliases)
        .get('mem_test')!
        .map((w) => w.number),
    ).toEqual([item.number]);
  });

  it('says why in the member’s words', () => {
    expect(withheldLine('4', { kind: 'declared_interest' })).toBe('Item 4 is withheld from you: declared interest');
  });
});
