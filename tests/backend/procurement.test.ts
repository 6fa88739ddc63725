// Procurement law over the contract: the sample pilot's flags and plan, a modification that crosses the
// threshold, a plan that follows its award meeting, on a real data folder.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.ts';

describe('procurement law on a real backend', () => {
  it('shows the sample pilot’s flags and its re-tender plan, on the contract, its decision and the dashboard', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    await t.ok('sample:load', {});
    const pilotRow = (await t.ok('contracts:list', { search: 'Misconduct analytics pilot' })).rows[0]!;
    expect(pilotRow.flags.map((f) => f.code)).toEqual(['direct-award-without-transparency']);
    const pilot = await t.ok('contracts:get', { id: pilotRow.id });
    expect(pilot.flags[0]).toMatchObject({
      title: 'Direct award with no transparency notice (UK5)',
      source: 's.44',
    });
    expect(pilot.flags[0]!.why).toMatch(/before the award on 24 June 2025/);
    expect(pilot.retender!.steps.map((s) => [s.step, s.date, s.basis])).toEqual([
      ['business_case', '2026-06-24', 'done'],
      ['market_engagement', '2026-10-20', 'done'],
      ['tender_notice', '2026-12-15', 'fixed'],
      ['tender_close', '2027-02-26', 'fixed'],
      ['award_decision', '2027-05-20', 'fixed'],
      ['award_notice', '2027-06-14', 'schedule'],
      ['contract_start', '2027-06-24', 'schedule'],
    ]);
    expect(pilot.retender!.onTrack).toBe(true);
    // The steps are milestones, so they are deadlines with reminders.
    const deadlines = await t.ok('deadlines:list', { contractId: pilotRow.id, pageSize: 50 });
    expect(deadlines.rows.map((d) => [d.title, d.due])).toContainEqual([
      'Publish the contract award notice (UK6): Misconduct analytics pilot',
      '2027-06-14',
    ]);
    const dashboard = await t.ok('dashboard:get', {});
    expect(dashboard.procurementFlags.rows.map((r) => [r.reference, r.flag.code])).toEqual([
      ['CTR-2025-019', 'direct-award-without-transparency'],
    ]);
    expect(dashboard.retenderPlans.rows).toMatchObject([
      { reference: 'CTR-2025-019', onTrack: true, nextStep: { date: '2026-12-15' } },
    ]);
    const decision = (await t.ok('decisions:list', { search: 'PCD 2026-117' })).rows[0]!;
    const onDecision = await t.ok('decisions:get', { id: decision.id });
    expect(onDecision.contracts[0]!.flags.map((f) => f.code)).toEqual(['direct-award-without-transparency']);
    // The watched national contract, let in 2023, is under the 2015 Regulations: no Act flag.
    const health = (await t.ok('contracts:list', { search: 'National health' })).rows[0]!;
    expect(health.flags).toEqual([]);
  });

  it('flags a modification above 10% on the dashboard until its change notice is recorded', async () => {
    const t = await testBackend(new Date('2026-07-01T09:00:00.000Z'));
    const { id } = await t.ok('contracts:create', {
      reference: 'CTR-9',
      title: 'Custody cleaning',
      suppliers: ['Brightclean Ltd'],
      route: 'open',
      initialValueGbp: 1_000_000,
      valueWithOptionsGbp: 1_000_000,
      termStart: '2025-04-01',
      termEnd: '2029-03-31',
    });
    expect((await t.ok('dashboard:get', {})).procurementFlags.total).toBe(0);
    await t.ok('contracts:update', {
      id,
      modifications: [{ date: '2026-06-01', description: 'Two more sites', valueChangeGbp: 120_000 }],
    });
    const flagged = await t.ok('dashboard:get', {});
    expect(flagged.procurementFlags.rows[0]!.flag).toMatchObject({ code: 'modification-without-change-notice' });
    expect(flagged.procurementFlags.rows[0]!.flag.why).toMatch(/£120,000, 12% of £1,000,000: above 10%/);
    const contract = (await t.ok('contracts:get', { id })).contract;
    expect(contract.modifications[0]!.id).toMatch(/^mod_/);
    await t.ok('contracts:update', {
      id,
      notices: [
        {
          kind: 'contract_change',
          published: '2026-05-20',
          noticeId: '012345-2026',
          modificationId: contract.modifications[0]!.id,
        },
      ],
    });
    expect((await t.ok('dashboard:get', {})).procurementFlags.total).toBe(0);
  });

  it('moves the steps not done when the award meeting moves, and warns about a step already past', async () => {
    const t = await testBackend(new Date('2026-07-01T09:00:00.000Z'));
    const meeting = await t.ok('meetings:create', { title: 'Oversight board', date: '2026-09-10' });
    const { id } = await t.ok('contracts:create', {
      reference: 'CTR-10',
      title: 'Forensic services',
      suppliers: ['Lab Ltd'],
      route: 'open',
      termStart: '2023-10-01',
      termEnd: '2026-10-01',
      retenderPlan: { requiredStart: '2026-10-01', awardMeetingId: meeting.id },
    });
    const before = await t.ok('contracts:get', { id });
    expect(before.retender!.onTrack).toBe(false);
    expect(before.retender!.warnings[0]).toBe(
      'Specification and business case to the board: 7 April 2026 is already past.',
    );
    expect(before.contract.milestones.find((m) => m.planStep === 'award_decision')!.due).toBe('2026-09-10');
    const saved = await t.ok('meetings:update', { id: meeting.id, date: '2026-09-17' });
    expect(saved.summary).toMatch(/moved the re-tender plan of 1 contract/);
    const after = await t.ok('contracts:get', { id });
    expect(after.contract.milestones.find((m) => m.planStep === 'award_decision')!.due).toBe('2026-09-17');
    expect(after.contract.milestones.find((m) => m.planStep === 'tender_close')!.due).toBe('2026-08-06');
  });

  it('lists the forward plan by month and meeting, adds an event to an agenda and prompts the member with a matching interest', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    await t.ok('sample:load', {});
    const plan = await t.ok('contracts:forwardPlan', {});
    expect(plan.events.map((e) => [e.date, e.title, e.needs])).toEqual([
      ['2026-12-15', 'Publish the tender notice (UK4): Misconduct analytics pilot', 'notice'],
      ['2027-02-26', 'Tender period closes: Misconduct analytics pilot', 'decision'],
      ['2027-05-20', 'Board award decision: Misconduct analytics pilot', 'decision'],
      ['2027-06-14', 'Publish the contract award notice (UK6): Misconduct analytics pilot', 'notice'],
      ['2027-06-24', 'Term ends: Misconduct analytics pilot', 'decision'],
      ['2027-06-24', 'New contract starts: Misconduct analytics pilot', 'decision'],
    ]);
    expect(plan.months.map((m) => m.label)).toEqual(['December 2026', 'February 2027', 'May 2027', 'June 2027']);
    const next = plan.events[0]!.meeting!;
    expect(next.date).toBe('2026-12-11');
    expect(plan.meetings).toHaveLength(1);

    const saved = await t.ok('meetings:addContractItem', {
      id: next.id,
      contractId: plan.events[0]!.contractId,
      title: 'CTR-2025-019: tender notice',
    });
    expect(saved.summary).toBe('Added CTR-2025-019 to the agenda of the Oversight board of 11 December 2026 as item 3');
    const meeting = await t.ok('meetings:get', { id: next.id });
    const item = meeting.meeting.agenda.at(-1)!;
    expect(item.contractIds).toEqual([plan.events[0]!.contractId]);
    // The papers the pilot's decisions relied on come with it.
    expect(item.paperIds.length).toBeGreaterThan(0);
    expect(meeting.declarationPrompts[item.id]).toEqual([
      expect.objectContaining({
        memberName: 'Independent member for ethics',
        interest: 'Former adviser to the software supplier (ended 2023)',
        supplier: 'The software supplier',
        declared: false,
        quorumEffect: 'If Independent member for ethics withdraws, 4 of 5 remain: quorate (quorum 3).',
      }),
    ]);
    // Other items link no contract: no prompt.
    expect(meeting.declarationPrompts[meeting.meeting.agenda[0]!.id]).toEqual([]);

    const doc = await t.ok('documents:forwardPlan', { format: 'md' });
    expect(doc.fileName).toBe('FP-2026-11-27-forward-plan.md');
    expect(doc.content).toContain('## December 2026');
    expect(doc.content).toContain(
      '| 15 December 2026 | Publish the tender notice (UK4): Misconduct analytics pilot | CTR-2025-019 | A notice | Oversight board, 11 December 2026 |',
    );
  });

  it('groups contracts by supplier across names, and joins two names the board says are one supplier', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    await t.ok('sample:load', {});
    const [software] = await t.ok('contracts:suppliers', {});
    expect(software).toMatchObject({
      names: ['The software supplier'],
      heldContracts: 2,
      totalValueGbp: 50_100_000,
      undisclosed: 1,
      directAwards: 2,
      earliestEnd: '2027-06-24',
    });
    expect(software!.contracts.map((c) => c.reference).sort()).toEqual(['CTR-2025-019', 'CTR-2026-007', 'EXT-NHS-330']);
    expect(software!.decisions.map((d) => d.reference)).toContain('PCD 2026-117');
    await t.ok('contracts:create', {
      reference: 'CTR-2027-001',
      title: 'Analytics licences',
      suppliers: ['Software Supplier Ltd.'],
      route: 'open',
      valueWithOptionsGbp: 1_000,
      termStart: '2026-01-01',
      termEnd: '2028-01-01',
    });
    // Company form and "the" do not count: the same supplier without any alias.
    expect((await t.ok('contracts:suppliers', {}))[0]!.heldContracts).toBe(3);
    await t.ok('contracts:create', {
      reference: 'CTR-2027-002',
      title: 'Support',
      suppliers: ['SSL Analytics'],
      route: 'open',
      termStart: '2026-01-01',
      termEnd: '2028-01-01',
    });
    expect(await t.ok('contracts:suppliers', {})).toHaveLength(2);
    await t.ok('settings:update', { supplierAliases: [['SSL Analytics', 'The software supplier']] });
    const joined = await t.ok('contracts:suppliers', {});
    expect(joined).toHaveLength(1);
    expect(joined[0]!.heldContracts).toBe(4);
  });
});
