// Members' interests name organisations, and agenda items link contracts through the meeting's update: the
// links are checked (an unknown or archived contract refused), kept on disk, and drive the declaration prompt.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.ts';

const NOW = new Date('2026-11-27T09:00:00.000Z');

async function board(dataDir?: string) {
  const t = await testBackend(NOW, {}, dataDir);
  const contract = await t.ok('contracts:create', {
    reference: 'CTR-9',
    title: 'Custody cleaning',
    suppliers: ['Brightclean Ltd'],
    route: 'open',
    initialValueGbp: 1_000_000,
    valueWithOptionsGbp: 1_000_000,
    termStart: '2025-04-01',
    termEnd: '2029-03-31',
  });
  const member = await t.ok('members:create', {
    name: 'Ada Byron',
    role: 'member',
    interests: ['Governor of a school', 'Non-executive director'],
    interestOrganisations: ['', 'Brightclean Ltd'],
  });
  return { t, contractId: contract.id, memberId: member.id };
}

describe('registered interests’ organisations', () => {
  it('keeps each organisation with its interest, on disk, and drops them when interests come without them', async () => {
    const { t, memberId } = await board();
    expect((await t.ok('members:get', { id: memberId })).member).toMatchObject({
      interests: ['Governor of a school', 'Non-executive director'],
      interestOrganisations: ['', 'Brightclean Ltd'],
    });
    // Reordered by the form: both arrays sent in the new order.
    await t.ok('members:update', {
      id: memberId,
      interests: ['Non-executive director', 'Governor of a school'],
      interestOrganisations: ['Brightclean Ltd'],
    });
    await t.backend.close();
    const again = await testBackend(NOW, {}, t.dataDir);
    expect((await again.ok('members:get', { id: memberId })).member).toMatchObject({
      interests: ['Non-executive director', 'Governor of a school'],
      interestOrganisations: ['Brightclean Ltd'],
    });
    // Interests sent alone: the old organisations would name the wrong ones, so they go.
    await again.ok('members:update', { id: memberId, interests: ['Trustee of a charity'] });
    expect((await again.ok('members:get', { id: memberId })).member.interestOrganisations).toBeUndefined();
    // More organisations than interests: refused, naming the field.
    const refused = await again.refused('members:update', {
      id: memberId,
      interests: ['Trustee of a charity'],
      interestOrganisations: ['A', 'B'],
    });
    expect(refused.message).toMatch(/interestOrganisations: names more organisations than there are interests/);
  });
});

describe('contracts linked to agenda items', () => {
  it('links and unlinks a contract, journaled, and prompts the member whose interest’s organisation is the supplier', async () => {
    const { t, contractId, memberId } = await board();
    const { id } = await t.ok('meetings:create', {
      title: 'Oversight board',
      date: '2026-12-11',
      attendance: [{ memberId, status: 'present' }],
      agenda: [{ number: '1', title: 'Custody cleaning' }],
    });
    const before = await t.ok('meetings:get', { id });
    const item = before.meeting.agenda[0]!;
    expect(before.declarationPrompts[item.id]).toEqual([]);

    await t.ok('meetings:update', { id, agenda: [{ ...item, contractIds: [contractId] }] });
    await t.backend.close();
    const again = await testBackend(NOW, {}, t.dataDir);
    const linked = await again.ok('meetings:get', { id });
    expect(linked.meeting.agenda[0]!.contractIds).toEqual([contractId]);
    expect(linked.contracts[contractId]).toMatchObject({ reference: 'CTR-9', title: 'Custody cleaning' });
    expect(linked.declarationPrompts[item.id]).toEqual([
      expect.objectContaining({ memberName: 'Ada Byron', supplier: 'Brightclean Ltd', declared: false }),
    ]);
    const audit = await again.ok('audit:list', { pageSize: 5 });
    expect(audit.entries.map((e) => e.summary)).toContain('Edited meeting Oversight board (11 December 2026)');

    await again.ok('meetings:update', { id, agenda: [{ ...item, contractIds: [] }] });
    const unlinked = await again.ok('meetings:get', { id });
    expect(unlinked.meeting.agenda[0]!.contractIds).toEqual([]);
    expect(unlinked.declarationPrompts[item.id]).toEqual([]);
  });

  it('refuses an unknown or archived contract, naming the item’s link, and keeps a link made before archiving', async () => {
    const { t, contractId } = await board();
    const { id } = await t.ok('meetings:create', {
      title: 'Oversight board',
      date: '2026-12-11',
      agenda: [{ number: '1', title: 'Custody cleaning' }],
    });
    const item = (await t.ok('meetings:get', { id })).meeting.agenda[0]!;

    const unknown = await t.refused('meetings:update', { id, agenda: [{ ...item, contractIds: ['ctr_nope'] }] });
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.details?.issues).toEqual([
      { field: 'agenda.0.contractIds.0', message: 'there is no contract ctr_nope' },
    ]);

    const other = await t.ok('contracts:create', {
      reference: 'CTR-10',
      title: 'Custody catering',
      suppliers: ['Foodco Ltd'],
      route: 'open',
      termStart: '2025-04-01',
      termEnd: '2029-03-31',
    });
    await t.ok('contracts:archive', { id: other.id });
    const archived = await t.refused('meetings:update', { id, agenda: [{ ...item, contractIds: [other.id] }] });
    expect(archived.details?.issues).toEqual([
      { field: 'agenda.0.contractIds.0', message: 'contract CTR-10 is archived: restore it before linking it' },
    ]);
    // Nothing was saved by the refusals.
    expect((await t.ok('meetings:get', { id })).meeting.agenda[0]!.contractIds).toBeUndefined();

    // Linked first, archived after: the agenda can still be saved with the link.
    await t.ok('meetings:update', { id, agenda: [{ ...item, contractIds: [contractId] }] });
    await t.ok('contracts:archive', { id: contractId });
    await t.ok('meetings:update', {
      id,
      agenda: [{ ...item, title: 'Custody cleaning contract', contractIds: [contractId] }],
    });
    expect((await t.ok('meetings:get', { id })).meeting.agenda[0]).toMatchObject({
      title: 'Custody cleaning contract',
      contractIds: [contractId],
    });
  });
});
