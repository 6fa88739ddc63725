/**
 * A board with confidential items for confidential packs (real temp folders):
 * the secretariat's copy (tests/helpers/packs.ts) plus two members, each with
 * a copy of their own whose public identity the secretariat imported. Alice
 * declared an interest in item 4 (a confidential paper with a marker phrase
 * and an attachment); Bob's registered interest names the supplier of the
 * contract linked to item 6 (through the decision taken under it), written
 * differently ("ACME Digital Ltd." against "Acme Digital Limited").
 */
import { testBackend, type TestBackend } from './backend.ts';
import { secretariatCopy, type Secretariat } from './packs.ts';

/** A phrase only item 4's paper carries. */
export const ITEM4_MARKER = 'heliotrope settlement figure';
/** A phrase only item 4's attachment carries. */
export const ITEM4_ATTACHMENT_MARKER = 'quince annex schedule';
/** A phrase only item 6's paper carries. */
export const ITEM6_MARKER = 'marmalade tender scores';

export interface ConfidentialBoard {
  readonly sec: Secretariat;
  readonly alice: { readonly id: string; readonly copy: TestBackend };
  readonly bob: { readonly id: string; readonly copy: TestBackend };
  readonly item4: string;
  readonly item6: string;
}

/** A member's copy exports its public identity, and the secretariat imports it onto the member's record. */
export async function importIdentityOf(sec: Secretariat, memberId: string, copy: TestBackend): Promise<void> {
  await copy.ok('settings:update', { localUserName: (await sec.copy.ok('members:get', { id: memberId })).member.name });
  const file = await copy.ok('identity:export', {});
  await sec.copy.ok('members:importIdentity', { id: memberId, fileName: file.fileName, dataBase64: file.dataBase64 });
}

/** Builds the board: the secretariat's meeting gains items 4 and 6; Alice and Bob get copies and keys. */
export async function confidentialBoard(): Promise<ConfidentialBoard> {
  const sec = await secretariatCopy();
  const alice = await sec.copy.ok('members:create', { name: 'Alice Ahmed', role: 'member' });
  const bob = await sec.copy.ok('members:create', {
    name: 'Bob Brown',
    role: 'independent_member',
    interests: ['Non-executive director of ACME Digital Ltd.'],
  });
  const d = await sec.copy.ok('papers:create', {
    reference: 'PCB 44',
    title: 'Settlement offer',
    date: '2026-06-10',
    classification: 'confidential',
    body: `The proposed ${ITEM4_MARKER} is within the delegated limit.`,
    attachments: [
      {
        name: 'annex.txt',
        type: 'text/plain',
        dataBase64: Buffer.from(`Annex: the ${ITEM4_ATTACHMENT_MARKER}.`).toString('base64'),
      },
    ],
  });
  const e = await sec.copy.ok('papers:create', {
    reference: 'PCB 46',
    title: 'Tender evaluation',
    date: '2026-06-10',
    classification: 'confidential',
    body: `The ${ITEM6_MARKER} put the incumbent first.`,
  });
  const detail = await sec.copy.ok('meetings:get', { id: sec.meetingId });
  await sec.copy.ok('meetings:update', {
    id: sec.meetingId,
    agenda: [
      ...detail.meeting.agenda,
      {
        number: '4',
        title: 'Settlement of the claim',
        confidential: true,
        paperIds: [d.id],
        declarations: [{ memberId: alice.id, interest: 'Related to the claimant' }],
      },
      { number: '6', title: 'Award of the digital contract', confidential: true, paperIds: [e.id] },
    ],
  });
  const agenda = (await sec.copy.ok('meetings:get', { id: sec.meetingId })).meeting.agenda;
  const item4 = agenda.find((i) => i.number === '4')!.id;
  const item6 = agenda.find((i) => i.number === '6')!.id;
  const contract = await sec.copy.ok('contracts:create', {
    reference: 'CTR 9',
    title: 'Digital case system',
    suppliers: ['Acme Digital Limited'],
    route: 'open',
    termStart: '2026-08-01',
    termEnd: '2029-07-31',
  });
  const decision4 = await sec.copy.ok('decisions:create', {
    title: 'Settle the claim',
    date: '2026-06-24',
    meetingId: sec.meetingId,
    itemId: item4,
    outcome: 'approved_with_conditions',
    wording: `Settle at the ${ITEM4_MARKER}.`,
  });
  await sec.copy.ok('conditions:create', {
    decisionId: decision4.id,
    wording: `Pay the ${ITEM4_MARKER} by July`,
    owner: { memberId: null, name: 'Legal', email: '' },
    due: '2026-07-31',
  });
  await sec.copy.ok('decisions:create', {
    title: 'Award the digital contract',
    date: '2026-06-24',
    meetingId: sec.meetingId,
    itemId: item6,
    outcome: 'approved',
    wording: 'Award to the highest scoring bidder.',
    contractIds: [contract.id],
  });
  const aliceCopy = await testBackend();
  const bobCopy = await testBackend();
  await importIdentityOf(sec, alice.id, aliceCopy);
  await importIdentityOf(sec, bob.id, bobCopy);
  return {
    sec,
    alice: { id: alice.id, copy: aliceCopy },
    bob: { id: bob.id, copy: bobCopy },
    item4,
    item6,
  };
}
