// Decisions, conditions and contracts through the contract, on a real data folder.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.ts';

async function pilotCase() {
  const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
  const pilot = await t.ok('contracts:create', {
    reference: 'CTR-PILOT',
    title: 'Misconduct analytics pilot',
    suppliers: ['The software supplier'],
    route: 'direct_award',
    directAwardRationale: 'Proof-of-concept pilot awarded directly in 2025.',
    termStart: '2025-06-24',
    termEnd: '2026-06-24',
    maxExtentDate: '2027-06-24',
    extensionOptions: [{ months: 12, noticeBy: '2026-05-24' }],
  });
  const decision = await t.ok('decisions:create', {
    title: 'Extension of the misconduct analytics pilot',
    date: '2026-06-24',
    outcome: 'approved_with_conditions',
    wording:
      'The board approves a 12-month extension of the pilot, on condition that the force runs a new competitive procurement.',
    decisionMaker: 'The oversight board',
    publishedOn: '2026-06-25',
    contractIds: [pilot.id],
  });
  const retender = await t.ok('conditions:create', {
    decisionId: decision.id,
    wording: 'Run a new competitive procurement for a long-term provider',
    owner: { name: "The police force's commercial director" },
    due: '2027-06-24',
  });
  const exportPlan = await t.ok('conditions:create', {
    decisionId: decision.id,
    wording: 'Produce a data-export plan so another provider can take over',
    owner: { name: "The police force's chief information officer", email: 'cio@force.example' },
    due: '2026-10-31',
  });
  const reports = await t.ok('conditions:create', {
    decisionId: decision.id,
    wording: 'Report progress on the re-tender to the board each quarter',
    owner: { name: "The police force's commercial director" },
    recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-06-24' },
  });
  return { ...t, pilot, decision, retender, exportPlan, reports };
}

describe('decisions', () => {
  it('takes its reference from the pattern, never reusing one', async () => {
    const { ok, decision } = await pilotCase();
    const first = await ok('decisions:get', { id: decision.id });
    expect(first.decision.reference).toBe('PCD 2026-001');
    const second = await ok('decisions:create', {
      title: 'Noted the finance report',
      date: '2026-07-01',
      outcome: 'noted',
    });
    expect((await ok('decisions:get', { id: second.id })).decision.reference).toBe('PCD 2026-002');
    await ok('decisions:archive', { id: second.id });
    const third = await ok('decisions:create', { title: 'Another', date: '2026-07-02', outcome: 'noted' });
    expect((await ok('decisions:get', { id: third.id })).decision.reference).toBe('PCD 2026-003');
    await ok('settings:update', { decisionReferencePattern: 'OB/{yyyy}/{seq}' });
    const fourth = await ok('decisions:create', { title: 'Next year', date: '2027-01-10', outcome: 'noted' });
    expect((await ok('decisions:get', { id: fourth.id })).decision.reference).toBe('OB/2027/1');
  });

  it('computes the call-in end in working days from publication', async () => {
    const { ok, decision } = await pilotCase();
    // Thursday 25 June 2026 + 5 working days = Thursday 2 July 2026.
    expect((await ok('decisions:get', { id: decision.id })).decision.callInEnds).toBe('2026-07-02');
  });

  it('shows its conditions, contract and summary; the contract shows the decision', async () => {
    const { ok, decision, pilot } = await pilotCase();
    const detail = await ok('decisions:get', { id: decision.id });
    expect(detail.conditionSummary).toBe('outstanding');
    expect(detail.conditions.map((c) => [c.wording.slice(0, 20), c.due, c.overdue])).toEqual([
      // Recorded on 27 November, the quarterly report's 24 September date still counts: no report, so late.
      ['Report progress on t', '2026-09-24', true],
      ['Produce a data-expor', '2026-10-31', true],
      ['Run a new competitiv', '2027-06-24', false],
    ]);
    expect(detail.contracts).toEqual([
      {
        id: pilot.id,
        reference: 'CTR-PILOT',
        title: 'Misconduct analytics pilot',
        route: 'direct_award',
        // A direct award let after 24 February 2025 with no transparency notice: flagged on the decision too.
        flags: [expect.objectContaining({ code: 'direct-award-without-transparency', source: 's.44' })],
      },
    ]);
    const contract = await ok('contracts:get', { id: pilot.id });
    expect(contract.decisions.map((d) => d.id)).toEqual([decision.id]);
    expect(contract.warnings[0]).toMatch(/^Direct award to a single supplier/);
    const list = await ok('decisions:list', { search: 'competitive procurement' });
    expect(list.rows.map((r) => r.reference)).toEqual(['PCD 2026-001']);
  });

  it('is read-only once signed: edits are refused and the amendment path is offered', async () => {
    const { ok, refused, decision } = await pilotCase();
    const signed = await ok('decisions:sign', {
      id: decision.id,
      signatory: 'Chair of the board',
      signedOn: '2026-06-25',
    });
    expect(signed.summary).toBe('Recorded the signature of decision PCD 2026-001: Chair of the board, 25 June 2026');
    const error = await refused('decisions:update', { id: decision.id, title: 'Changed' });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/cannot be edited\. Record an amendment instead/);
    expect(error.details).toMatchObject({ amend: { channel: 'decisions:amend', id: decision.id } });
    await ok('decisions:amend', {
      id: decision.id,
      what: 'The publication date was 26 June, not 25 June',
      why: 'Clerical error',
    });
    const detail = await ok('decisions:get', { id: decision.id });
    expect(detail.decision.amendments).toMatchObject([
      { what: 'The publication date was 26 June, not 25 June', why: 'Clerical error', by: 'Secretariat' },
    ]);
    expect(detail.decision.title).toBe('Extension of the misconduct analytics pilot');
    // Undo cannot reverse a signature either.
    const { seq } = await ok('decisions:amend', { id: decision.id, what: 'x', why: 'y' });
    expect((await refused('history:undo', { seq })).message).toMatch(/signed/);
  });

  it('pins relied-on papers to a version and notices a change after signing', async () => {
    const { ok, decision } = await pilotCase();
    const paper = await ok('papers:create', {
      reference: 'PAP-041',
      title: 'Extension',
      date: '2026-06-10',
      body: 'v1',
    });
    await ok('decisions:update', { id: decision.id, reliedOn: [{ paperId: paper.id, version: 1 }] });
    await ok('decisions:sign', { id: decision.id, signatory: 'Chair of the board', signedOn: '2026-06-25' });
    await ok('papers:update', { id: paper.id, body: 'v2' });
    const detail = await ok('decisions:get', { id: decision.id });
    expect(detail.reliedOn).toEqual([
      {
        paperId: paper.id,
        reference: 'PAP-041',
        title: 'Extension',
        version: 1,
        currentVersion: 2,
        changedSinceSigning: false,
      },
    ]);
  });

  it('shows lineage both ways', async () => {
    const { ok, decision } = await pilotCase();
    const later = await ok('decisions:create', {
      title: 'Award of the long-term contract',
      date: '2027-05-20',
      outcome: 'approved',
      links: [{ decisionId: decision.id, kind: 'implements' }],
    });
    expect((await ok('decisions:get', { id: later.id })).earlier).toMatchObject([
      { id: decision.id, kind: 'implements' },
    ]);
    expect((await ok('decisions:get', { id: decision.id })).later).toMatchObject([
      { id: later.id, kind: 'implements' },
    ]);
  });
});

describe('conditions', () => {
  it('tracks status to its end with who, when, a note and evidence', async () => {
    const { ok, exportPlan, decision } = await pilotCase();
    const evidence = await ok('papers:create', {
      reference: 'PAP-EXPORT',
      title: 'Data-export plan',
      date: '2026-11-20',
    });
    await ok('conditions:setStatus', {
      id: exportPlan.id,
      status: 'met',
      note: 'Plan received',
      evidencePaperId: evidence.id,
    });
    const detail = await ok('conditions:get', { id: exportPlan.id });
    expect(detail.condition.status).toBe('met');
    expect(detail.condition.history.map((h) => h.status)).toEqual(['open', 'met']);
    expect(detail.condition.history[1]).toMatchObject({
      by: 'Secretariat',
      at: '2026-11-27T09:00:00.000Z',
      note: 'Plan received',
    });
    expect(detail.evidence).toEqual([{ paperId: evidence.id, reference: 'PAP-EXPORT', title: 'Data-export plan' }]);
    const overdue = await ok('conditions:list', { due: 'overdue' });
    expect(overdue.rows.map((r) => r.wording)).toEqual(['Report progress on the re-tender to the board each quarter']);
    expect((await ok('decisions:list', {})).rows[0]!.conditions).toBe('outstanding');
    void decision;
  });

  it('shows a recurring condition’s next dates', async () => {
    const { ok, reports } = await pilotCase();
    const detail = await ok('conditions:get', { id: reports.id });
    // Recorded on 27 November: 24 September is owed until an update says its report came.
    expect(detail).toMatchObject({ nextDue: '2026-09-24', overdue: true, answered: [] });
    expect(detail.answerable).toEqual(['2026-09-24', '2026-12-24', '2027-03-24', '2027-06-24']);
    expect(detail.upcoming).toEqual(['2026-12-24', '2027-03-24', '2027-06-24']);
    await ok('conditions:setStatus', { id: reports.id, status: 'open', answers: '2026-09-24', on: '2026-10-02' });
    const after = await ok('conditions:get', { id: reports.id });
    expect(after).toMatchObject({ nextDue: '2026-12-24', overdue: false, answered: ['2026-09-24'] });
    expect(after.condition.history.at(-1)).toMatchObject({
      on: '2026-10-02',
      at: '2026-11-27T09:00:00.000Z',
      answers: '2026-09-24',
    });
  });

  it('records the day an update happened, never in the future or before the decision, answering a real date once', async () => {
    const { ok, refused, reports, exportPlan } = await pilotCase();
    expect(await refused('conditions:setStatus', { id: reports.id, status: 'open', on: '2026-11-28' })).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ field: 'on', message: 'must not be in the future (today is 27 November 2026)' }] },
    });
    expect(await refused('conditions:setStatus', { id: reports.id, status: 'open', on: '2026-06-01' })).toMatchObject({
      details: { issues: [{ field: 'on', message: expect.stringMatching(/^must not be before its decision/) }] },
    });
    expect(
      await refused('conditions:setStatus', { id: reports.id, status: 'open', answers: '2026-10-24' }),
    ).toMatchObject({
      details: { issues: [{ field: 'answers', message: '24 October 2026 is not a due date of this condition' }] },
    });
    await ok('conditions:setStatus', { id: reports.id, status: 'open', answers: '2026-09-24' });
    expect(
      await refused('conditions:setStatus', { id: reports.id, status: 'open', answers: '2026-09-24' }),
    ).toMatchObject({
      details: {
        issues: [{ field: 'answers', message: '24 September 2026 is already answered by an earlier update' }],
      },
    });
    // Evidence as a file attached to the update itself, kept as a blob and read back.
    await ok('conditions:setStatus', {
      id: exportPlan.id,
      status: 'met',
      on: '2026-11-20',
      evidenceFile: {
        name: 'export-plan.txt',
        type: 'text/plain',
        dataBase64: Buffer.from('The plan').toString('base64'),
      },
    });
    const file = (await ok('conditions:get', { id: exportPlan.id })).condition.history.at(-1)!.evidenceFile!;
    expect(file).toMatchObject({ name: 'export-plan.txt', type: 'text/plain', bytes: 8 });
    const read = await ok('conditions:evidenceFile', { id: exportPlan.id, blob: file.blob });
    expect(Buffer.from(read.dataBase64, 'base64').toString()).toBe('The plan');
  });

  it('lists by due window and owner', async () => {
    const { ok, reports } = await pilotCase();
    expect((await ok('conditions:list', { due: 'overdue' })).rows.map((r) => r.due)).toEqual([
      '2026-09-24',
      '2026-10-31',
    ]);
    // One row per condition, at the date to chase: the missed one, until a report answers it.
    expect((await ok('conditions:list', { due: 'next30' })).rows.map((r) => r.due)).toEqual([]);
    await ok('conditions:setStatus', { id: reports.id, status: 'open', answers: '2026-09-24', on: '2026-10-02' });
    expect((await ok('conditions:list', { due: 'next30' })).rows.map((r) => r.due)).toEqual(['2026-12-24']);
    expect((await ok('conditions:list', { owner: 'information officer' })).rows).toHaveLength(1);
  });
});

describe('recurring conditions', () => {
  it('are late when a date passes with no update answering it, and on time again once one says so (a note answers nothing)', async () => {
    let now = new Date('2026-07-01T09:00:00.000Z');
    const t = await testBackend(() => now);
    const decision = await t.ok('decisions:create', {
      title: 'Extension',
      date: '2026-06-24',
      outcome: 'approved_with_conditions',
    });
    const reports = await t.ok('conditions:create', {
      decisionId: decision.id,
      wording: 'Report progress every quarter',
      owner: { name: 'The force' },
      recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-06-24' },
    });
    now = new Date('2026-10-01T09:00:00.000Z');
    expect(await t.ok('conditions:get', { id: reports.id })).toMatchObject({ overdue: true, nextDue: '2026-09-24' });
    expect((await t.ok('conditions:list', { due: 'overdue' })).rows.map((r) => r.due)).toEqual(['2026-09-24']);
    await t.ok('conditions:setStatus', { id: reports.id, status: 'open', note: 'The September report has not come' });
    expect(await t.ok('conditions:get', { id: reports.id })).toMatchObject({ overdue: true, nextDue: '2026-09-24' });
    await t.ok('conditions:setStatus', { id: reports.id, status: 'open', note: 'Received', answers: '2026-09-24' });
    expect(await t.ok('conditions:get', { id: reports.id })).toMatchObject({ overdue: false, nextDue: '2026-12-24' });
    // The next date passes with nothing new: late again.
    now = new Date('2027-01-05T09:00:00.000Z');
    expect((await t.ok('conditions:list', { due: 'overdue' })).rows.map((r) => r.due)).toEqual(['2026-12-24']);
  });

  it('a breached condition is neither overdue nor due soon: it has its own status', async () => {
    const t = await testBackend(new Date('2026-07-01T09:00:00.000Z'));
    const decision = await t.ok('decisions:create', {
      title: 'D',
      date: '2026-06-24',
      outcome: 'approved_with_conditions',
    });
    const c = await t.ok('conditions:create', {
      decisionId: decision.id,
      wording: 'W',
      owner: { name: 'O' },
      due: '2026-07-10',
    });
    await t.ok('conditions:setStatus', { id: c.id, status: 'breached', note: 'Refused' });
    expect((await t.ok('conditions:list', { due: 'next30' })).rows).toEqual([]);
    expect((await t.ok('dashboard:get', {})).dueSoon).toEqual({ rows: [], total: 0 });
    expect((await t.ok('decisions:get', { id: decision.id })).conditionSummary).toBe('breached');
  });
});

describe('bad input is refused naming the field', () => {
  it('decisions, conditions and contracts', async () => {
    const { refused, decision } = await pilotCase();
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['decisions:create', { title: 'No date', outcome: 'approved' }, 'date', /./],
      ['decisions:create', { title: 'No outcome', date: '2026-06-24' }, 'outcome', /must be one of/],
      [
        'conditions:create',
        { wording: 'Orphan', owner: { name: 'x' }, due: '2026-07-01' },
        'decisionId',
        /is required/,
      ],
      [
        'conditions:create',
        { decisionId: decision.id, wording: 'Too early', owner: { name: 'x' }, due: '2026-06-01' },
        'due',
        /before its decision \(PCD 2026-001, 24 June 2026\)/,
      ],
      [
        'conditions:create',
        { decisionId: decision.id, wording: 'No date', owner: { name: 'x' } },
        'due',
        /due date or a recurrence/,
      ],
      [
        'contracts:create',
        {
          reference: 'C2',
          title: 'Backwards',
          suppliers: ['S'],
          route: 'open',
          termStart: '2027-01-01',
          termEnd: '2026-01-01',
        },
        'termEnd',
        /before the term start/,
      ],
      [
        'contracts:create',
        {
          reference: 'C3',
          title: 'Negative',
          suppliers: ['S'],
          route: 'open',
          termStart: '2026-01-01',
          termEnd: '2027-01-01',
          valueWithOptionsGbp: -5,
        },
        'valueWithOptionsGbp',
        /negative/,
      ],
      [
        'contracts:create',
        {
          reference: 'C4',
          title: 'Direct',
          suppliers: ['S'],
          route: 'direct_award',
          termStart: '2026-01-01',
          termEnd: '2027-01-01',
        },
        'directAwardRationale',
        /required for a direct award/,
      ],
      [
        'contracts:create',
        {
          reference: 'ctr-pilot',
          title: 'Dup',
          suppliers: ['S'],
          route: 'open',
          termStart: '2026-01-01',
          termEnd: '2027-01-01',
        },
        'reference',
        /already the reference/,
      ],
      [
        'settings:update',
        { decisionReferencePattern: 'PCD-{yyyy}' },
        'decisionReferencePattern',
        /must contain \{seq\}/,
      ],
    ];
    for (const [channel, input, field, message] of cases) {
      const error = await refused(channel as never, input);
      const issue = error.details?.issues?.find((i) => i.field === field);
      expect(issue, `${channel}: ${error.message}`).toBeDefined();
      expect(issue!.message).toMatch(message);
    }
  });

  it('warns when an extension would pass the maximum extent', async () => {
    const { ok } = await pilotCase();
    const c = await ok('contracts:create', {
      reference: 'CTR-ENT',
      title: 'Enterprise contract',
      suppliers: ['The software supplier'],
      route: 'open',
      termStart: '2026-04-01',
      termEnd: '2027-03-31',
      maxExtentDate: '2027-12-31',
      extensionOptions: [{ months: 12, valueGbp: 24_800_000 }],
      valueWithOptionsGbp: 25_300_000,
    });
    const detail = await ok('contracts:get', { id: c.id });
    expect(detail.warnings).toEqual([
      'Exercising the 12-month extension option would run the contract to 31 March 2028, past its maximum extent (31 December 2027).',
    ]);
    expect(detail.contract.extensionOptions[0]!.id).toMatch(/^opt_/);
  });
});

describe('the dashboard', () => {
  it('carries the first 20 of each list and its total, in the register’s order', async () => {
    let now = new Date('2026-07-01T09:00:00.000Z');
    const t = await testBackend(() => now);
    const decision = await t.ok('decisions:create', {
      title: 'Many conditions',
      date: '2026-06-24',
      outcome: 'approved_with_conditions',
    });
    for (let i = 0; i < 25; i++) {
      await t.ok('conditions:create', {
        decisionId: decision.id,
        wording: `Condition ${i}`,
        owner: { name: 'O' },
        due: `2026-07-${String(30 - i).padStart(2, '0')}`,
      });
    }
    now = new Date('2026-08-05T09:00:00.000Z');
    const dash = await t.ok('dashboard:get', {});
    expect(dash.overdue.total).toBe(25);
    expect(dash.overdue.rows).toHaveLength(20);
    const register = await t.ok('conditions:list', { due: 'overdue', pageSize: 20 });
    expect(dash.overdue.rows.map((r) => r.id)).toEqual(register.rows.map((r) => r.id));
    expect(dash.overdue.rows[0]?.due).toBe('2026-07-06');
    expect(dash.conditionsByStatus.open).toBe(25);
    expect(dash.dueSoon).toEqual({ rows: [], total: 0 });
  });
});
