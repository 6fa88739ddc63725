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
});
