// Records as the board made them: its own references and signatories,
// confidential decisions kept out of public registers, options that move the term.
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { testBackend } from '../helpers/backend.ts';

/** A board on 6 December 2026, after the events, with the pilot and two meetings (the second item in private). */
async function board() {
  const t = await testBackend(new Date('2026-12-06T10:00:00.000Z'));
  const chair = await t.ok('members:create', { name: 'Sam Chair', role: 'chair', jobTitle: 'Deputy Mayor' });
  const pilot = await t.ok('contracts:create', {
    reference: 'CTR-2025-019',
    title: 'Misconduct analytics pilot',
    suppliers: ['The software supplier'],
    route: 'direct_award',
    directAwardRationale: 'Proof-of-concept pilot.',
    termStart: '2025-06-24',
    termEnd: '2026-06-24',
    maxExtentDate: '2027-06-24',
    extensionOptions: [{ months: 12, noticeBy: '2026-05-24' }],
    breakClauses: [{ earliest: '2026-11-04', noticeDays: 91 }],
  });
  const meeting = await t.ok('meetings:create', {
    title: 'Oversight board',
    date: '2026-06-24',
    agenda: [
      { number: '3', title: 'Pilot extension' },
      { number: '4', title: 'Legal advice on the pre-action letter', confidential: true },
    ],
  });
  const items = (await t.ok('meetings:get', { id: meeting.id })).meeting.agenda;
  return { ...t, chair, pilot, meeting, items };
}

describe('decision references', () => {
  it('keeps the board’s own reference, refuses one already used, and proposes the next after the highest', async () => {
    const { ok, refused } = await board();
    await ok('decisions:create', {
      reference: 'PCD 2026-094',
      title: 'Platform blocked',
      date: '2026-05-14',
      outcome: 'blocked',
    });
    const june = await ok('decisions:create', {
      reference: 'PCD 2026-117',
      title: 'Pilot extended',
      date: '2026-06-24',
      outcome: 'approved_with_conditions',
    });
    expect((await ok('decisions:get', { id: june.id })).decision.reference).toBe('PCD 2026-117');
    expect(await ok('decisions:proposeReference', { date: '2026-07-01' })).toEqual({ reference: 'PCD 2026-118' });
    const error = await refused('decisions:create', {
      reference: ' pcd 2026-117 ',
      title: 'Another',
      date: '2026-07-01',
      outcome: 'noted',
    });
    expect(error.code).toBe('invalid_input');
    expect(error.details).toMatchObject({
      issues: [
        {
          field: 'reference',
          message: expect.stringMatching(/is already the reference of the decision “Pilot extended” \(24 June 2026\)/),
        },
      ],
    });
    // Without a reference, the pattern proposes one.
    const next = await ok('decisions:create', { title: 'Noted', date: '2026-07-01', outcome: 'noted' });
    expect((await ok('decisions:get', { id: next.id })).decision.reference).toBe('PCD 2026-118');
  });
});

describe('signatures', () => {
  it('records who signed and when, apart from who entered it; the notice prints the signatory', async () => {
    const { ok, refused, chair } = await board();
    const d = await ok('decisions:create', {
      reference: 'PCD 2026-117',
      title: 'Pilot extended',
      date: '2026-06-24',
      outcome: 'approved',
      wording: 'Approved.',
      decisionMaker: 'Deputy Mayor',
    });
    const early = await refused('decisions:sign', { id: d.id, signatory: 'Sam Chair', signedOn: '2026-06-23' });
    expect(early.details).toMatchObject({
      issues: [{ field: 'signedOn', message: "must not be before the decision's date (24 June 2026)" }],
    });
    await ok('decisions:sign', {
      id: d.id,
      signatory: 'Sam Chair (Deputy Mayor)',
      signatoryMemberId: chair.id,
      signedOn: '2026-06-25',
    });
    const signed = (await ok('decisions:get', { id: d.id })).decision;
    expect(signed).toMatchObject({
      signatory: 'Sam Chair (Deputy Mayor)',
      signedOn: '2026-06-25',
      signedBy: 'Secretariat',
      signedAt: '2026-12-06T10:00:00.000Z',
    });
    const notice = await ok('documents:notice', { decisionId: d.id, format: 'md' });
    expect(notice.content).toContain('Signed by Sam Chair (Deputy Mayor) on 25 June 2026.');
    // The day the sign-off was typed appears only as the document's generation time, never as the signature.
    expect(notice.content).not.toMatch(/Signed by[^\n]*6 December 2026/);
  });
});

describe('confidential decisions', () => {
  it('are marked when taken under a private item, and withheld (marked) from the public register only', async () => {
    const { ok, meeting, items } = await board();
    const secret = await ok('decisions:create', {
      reference: 'PCD 2026-118',
      title: 'Response to the pre-action letter',
      date: '2026-06-24',
      outcome: 'approved',
      wording: 'Instruct counsel to defend the claim.',
      meetingId: meeting.id,
      itemId: items[1]!.id,
    });
    await ok('decisions:create', {
      reference: 'PCD 2026-117',
      title: 'Pilot extended',
      date: '2026-06-24',
      outcome: 'approved',
    });
    const detail = await ok('decisions:get', { id: secret.id });
    expect(detail.confidential).toBe(true);
    const list = await ok('decisions:list', {});
    expect(list.rows.map((r) => [r.reference, r.confidential])).toEqual([
      ['PCD 2026-118', true],
      ['PCD 2026-117', false],
    ]);

    const read = async (scope?: 'public' | 'everything') => {
      const file = await ok('documents:register', { register: 'decisions', ...(scope ? { scope } : {}) });
      return parseCsv(file.content.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    };
    const publicRows = await read();
    const hidden = publicRows.find((r) => r['Reference'] === 'PCD 2026-118')!;
    expect(hidden).toMatchObject({
      Classification: 'Confidential',
      Title: '[withheld: confidential]',
      Decision: '[withheld: confidential]',
    });
    expect(JSON.stringify(publicRows)).not.toContain('pre-action');
    expect(JSON.stringify(publicRows)).not.toContain('Instruct counsel');
    expect(publicRows.find((r) => r['Reference'] === 'PCD 2026-117')).toMatchObject({
      Classification: 'Public',
      Title: 'Pilot extended',
    });
    const everything = await read('everything');
    expect(everything.find((r) => r['Reference'] === 'PCD 2026-118')).toMatchObject({
      Classification: 'Confidential',
      Title: 'Response to the pre-action letter',
      Decision: 'Instruct counsel to defend the claim.',
    });
  });
});

describe('extension options', () => {
  it('exercised by a decision, move the current end everywhere and keep the end as let in the history', async () => {
    const { ok, refused, pilot } = await board();
    const june = await ok('decisions:create', {
      reference: 'PCD 2026-117',
      title: 'Pilot extended for 12 months',
      date: '2026-06-24',
      outcome: 'approved_with_conditions',
      contractIds: [pilot.id],
    });
    const offered = await ok('decisions:get', { id: june.id });
    expect(offered.exercisableOptions).toMatchObject([
      { contractReference: 'CTR-2025-019', months: 12, currentEnd: '2026-06-24', newEnd: '2027-06-24' },
    ]);
    const optionId = offered.exercisableOptions[0]!.optionId;
    const saved = await ok('contracts:exerciseOption', { id: pilot.id, optionId, decisionId: june.id });
    expect(saved.summary).toBe(
      'Exercised the 12-month option of CTR-2025-019 by PCD 2026-117: the term now ends on 24 June 2027',
    );
    const detail = await ok('contracts:get', { id: pilot.id });
    expect(detail.currentTermEnd).toBe('2027-06-24');
    expect(detail.contract.termEnd).toBe('2026-06-24');
    expect(detail.contract.status).toBe('extended');
    expect(detail.warnings.filter((w) => /maximum extent/.test(w))).toEqual([]);
    expect(detail.termHistory).toEqual([
      { end: '2026-06-24', optionMonths: null, exercisedOn: '', decision: null },
      {
        end: '2027-06-24',
        optionMonths: 12,
        exercisedOn: '2026-06-24',
        decision: { id: june.id, reference: 'PCD 2026-117' },
      },
    ]);
    const again = await refused('contracts:exerciseOption', { id: pilot.id, optionId, decisionId: june.id });
    expect(again.message).toBe('The 12-month option of CTR-2025-019 is already exercised.');

    const deadlines = await ok('deadlines:list', { contractId: pilot.id, status: 'all' });
    const end = deadlines.rows.find((r) => r.title.startsWith('Term ends'))!;
    expect(end).toMatchObject({ due: '2027-06-24', status: 'open' });
    expect((await ok('contracts:list', {})).rows[0]).toMatchObject({ termEnd: '2027-06-24' });
    const dashboard = await ok('dashboard:get', {});
    expect(dashboard.contractsEnding.map((c) => [c.reference, c.termEnd])).toEqual([['CTR-2025-019', '2027-06-24']]);
  });

  it('exercised by hand need a date', async () => {
    const { ok, refused, pilot } = await board();
    const optionId = (await ok('contracts:get', { id: pilot.id })).contract.extensionOptions[0]!.id;
    const error = await refused('contracts:exerciseOption', { id: pilot.id, optionId });
    expect(error.details).toMatchObject({ issues: [{ field: 'exercisedOn' }] });
    await ok('contracts:exerciseOption', { id: pilot.id, optionId, exercisedOn: '2026-05-20' });
    expect((await ok('contracts:get', { id: pilot.id })).currentTermEnd).toBe('2027-06-24');
  });
});

describe('contracts the board watches, proposes or blocked', () => {
  it('need no invented dates while proposed or blocked, but a term once active', async () => {
    const { ok, refused } = await board();
    const blocked = await ok('contracts:create', {
      reference: 'CTR-2026-007',
      title: 'Enterprise analytics platform',
      suppliers: ['The software supplier'],
      route: 'direct_award',
      directAwardRationale: 'One supplier engaged.',
      status: 'blocked',
      plannedMonths: 12,
      initialValueGbp: 25_300_000,
      valueWithOptionsGbp: 50_100_000,
      extensionOptions: [{ months: 12, valueGbp: 24_800_000 }],
    });
    expect((await ok('contracts:get', { id: blocked.id })).contract).toMatchObject({
      termStart: '',
      termEnd: '',
      plannedMonths: 12,
    });
    const error = await refused('contracts:create', {
      reference: 'CTR-X',
      title: 'Active without dates',
      suppliers: ['S'],
      route: 'open',
      status: 'active',
    });
    expect(error.details).toMatchObject({
      issues: [
        { field: 'termStart', message: 'is required once the contract is active' },
        { field: 'termEnd', message: 'is required once the contract is active' },
      ],
    });
  });

  it('a watched contract is labelled, kept out of the dashboard, and its passed break notice reads as lapsed', async () => {
    const { ok } = await board();
    const nhs = await ok('contracts:create', {
      reference: 'EXT-NHS-330',
      title: 'National health data platform',
      kind: 'watched',
      suppliers: ['The software supplier'],
      route: 'open',
      termStart: '2023-11-01',
      termEnd: '2027-02-28',
      valueWithOptionsGbp: 330_000_000,
      breakClauses: [{ earliest: '2026-11-04', noticeDays: 91 }],
    });
    expect((await ok('contracts:list', { kind: 'watched' })).rows.map((r) => r.reference)).toEqual(['EXT-NHS-330']);
    const dashboard = await ok('dashboard:get', {});
    expect(dashboard.contractsEnding.map((c) => c.reference)).not.toContain('EXT-NHS-330');
    const lapsed = await ok('deadlines:list', { status: 'lapsed', contractId: nhs.id });
    expect(lapsed.rows).toMatchObject([
      { due: '2026-08-05', status: 'closed', closedReason: 'Lapsed on 5 August 2026' },
    ]);
    const open = await ok('deadlines:list', { contractId: nhs.id });
    expect(open.rows.map((r) => r.title)).toEqual(['Term ends: National health data platform']);
  });
});

describe('search', () => {
  it('finds a meeting by a word of its minutes (Ctrl+K), and marks a confidential decision in its hits', async () => {
    const { ok, meeting, items } = await board();
    await ok('decisions:create', {
      reference: 'PCD 2026-118',
      title: 'Response to the pre-action letter',
      date: '2026-06-24',
      outcome: 'approved',
      meetingId: meeting.id,
      itemId: items[1]!.id,
    });
    await ok('minutes:saveDiscussion', {
      meetingId: meeting.id,
      itemId: items[0]!.id,
      text: 'Members asked about the quokkaware licence terms.',
    });
    const deadline = Date.now() + 10_000;
    let found = await ok('search:query', { q: 'quokkaware' });
    while (found.total === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      found = await ok('search:query', { q: 'quokkaware' });
    }
    expect(found.groups.map((g) => [g.kind, g.hits.map((h) => h.title)])).toEqual([['meeting', ['Oversight board']]]);
    const secret = await ok('search:query', { q: 'pre-action' });
    const decisionHits = secret.groups.find((g) => g.kind === 'decision')!.hits;
    expect(decisionHits.map((h) => [h.reference, h.confidential])).toEqual([['PCD 2026-118', true]]);
  });
});

describe('members', () => {
  it('sort by surname (people by their last name, roles as written) or by role order, chair first', async () => {
    const { ok } = await board();
    await ok('members:create', { name: 'Alex Brown', role: 'member' });
    await ok('members:create', { name: 'Independent member for audit', role: 'independent_member' });
    await ok('members:create', { name: 'Jo Adams', role: 'secretariat' });
    const names = async (sort: 'surname' | 'role') => (await ok('members:list', { sort })).rows.map((r) => r.name);
    expect(await names('surname')).toEqual(['Jo Adams', 'Alex Brown', 'Sam Chair', 'Independent member for audit']);
    expect(await names('role')).toEqual(['Sam Chair', 'Alex Brown', 'Independent member for audit', 'Jo Adams']);
    expect((await ok('members:list', { search: 'Deputy Mayor' })).rows.map((r) => r.jobTitle)).toEqual([
      'Deputy Mayor',
    ]);
  });
});
