import { describe, expect, it } from 'vitest';
import { actWorkingDays } from '../../../shared/rules/procurementAct.ts';
import { scheduleRetender, withPlanMilestones } from '../../../shared/rules/retenderPlan.ts';
import { RetenderPlanSchema, type Milestone, type RetenderPlan } from '../../../shared/schema/contracts.ts';
import { MeetingSchema, type Meeting } from '../../../shared/schema/meetings.ts';

const UK = actWorkingDays({ extra: [], removed: [] });

function meeting(id: string, date: string, status: Meeting['status'] = 'planned'): Meeting {
  return MeetingSchema.parse({
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    title: 'Oversight board',
    date,
    status,
  });
}

function plan(over: Partial<RetenderPlan> = {}): RetenderPlan {
  return RetenderPlanSchema.parse({ requiredStart: '2027-06-24', ...over });
}

const dates = (s: ReturnType<typeof scheduleRetender>) => Object.fromEntries(s.steps.map((x) => [x.step, x.date]));

describe('a re-tender plan scheduled backwards from the start', () => {
  const meetings = [
    meeting('mtg_may', '2027-05-20'),
    meeting('mtg_jun', '2027-06-17'),
    meeting('mtg_mar', '2027-03-18'),
  ];

  it('lays out standstill, award meeting, evaluation, tender period, engagement and business case', () => {
    const s = scheduleRetender(plan(), [], meetings, UK, '2026-07-01');
    expect(dates(s)).toEqual({
      contract_start: '2027-06-24',
      // 8 working days before the start.
      award_notice: '2027-06-14',
      // The last meeting on or before the award notice: 20 May (17 June is too late).
      award_decision: '2027-05-20',
      tender_close: '2027-04-08', // 6 weeks of evaluation
      tender_notice: '2027-03-09', // 30 days
      market_engagement: '2027-01-12', // 8 weeks
      business_case: '2026-12-15', // 4 weeks
    });
    expect(s.steps.find((x) => x.step === 'award_decision')).toMatchObject({ basis: 'meeting', meetingId: 'mtg_may' });
    expect(s).toMatchObject({ warnings: [], onTrack: true });
  });

  it('warns when the tender period is shorter than the law allows: 24 days is short, 25 is not', () => {
    expect(scheduleRetender(plan({ tenderDays: 24 }), [], meetings, UK, '2026-07-01').warnings).toEqual([
      'Tender period 24 days: the minimum is 25 (s.54).',
    ]);
    expect(scheduleRetender(plan({ tenderDays: 25 }), [], meetings, UK, '2026-07-01').warnings).toEqual([]);
    // A planned procurement notice 40 days to a year before the tender notice allows 10.
    expect(
      scheduleRetender(plan({ tenderDays: 10, plannedProcurementNotice: '2026-12-01' }), [], meetings, UK, '2026-07-01')
        .warnings,
    ).toEqual([]);
  });

  it('warns when a step not done is already past, and moves with the award meeting', () => {
    const late = plan({ requiredStart: '2026-10-01', awardMeetingId: 'mtg_sep' });
    const before = scheduleRetender(late, [], [meeting('mtg_sep', '2026-09-10')], UK, '2026-07-01');
    expect(before.onTrack).toBe(false);
    expect(before.warnings).toEqual([
      'Specification and business case to the board: 7 April 2026 is already past.',
      'Preliminary market engagement (UK2 notice): 5 May 2026 is already past.',
      'Publish the tender notice (UK4): 30 June 2026 is already past.',
    ]);
    // The meeting moves a week later: the steps not done move with it.
    const after = scheduleRetender(late, [], [meeting('mtg_sep', '2026-09-17')], UK, '2026-07-01');
    expect(dates(after).award_decision).toBe('2026-09-17');
    expect(dates(after).tender_close).toBe('2026-08-06');
    expect(dates(after).tender_notice).toBe('2026-07-07');
    expect(dates(after).business_case).toBe('2026-04-14');
    expect(after.warnings).toHaveLength(2);
  });

  it('keeps a step done at its date, and a date a person fixed', () => {
    const done: Milestone[] = [
      { id: 'mst_1', title: 'x', due: '2027-01-05', done: true, planStep: 'market_engagement' },
    ];
    const s = scheduleRetender(plan({ fixed: { tender_notice: '2027-03-01' } }), done, meetings, UK, '2026-07-01');
    expect(dates(s).market_engagement).toBe('2027-01-05');
    expect(dates(s).tender_notice).toBe('2027-03-01');
    expect(s.steps.find((x) => x.step === 'market_engagement')!.basis).toBe('done');
  });

  it('warns when the award meeting is too late for the standstill, or when there is none', () => {
    const tooLate = scheduleRetender(
      plan({ awardMeetingId: 'mtg_jun', fixed: { award_notice: '2027-06-18' } }),
      [],
      meetings,
      UK,
      '2026-07-01',
    );
    expect(tooLate.warnings.join(' ')).toMatch(/less than the 8-working-day standstill .* publish it by 14 June 2027/);
    const none = scheduleRetender(plan(), [], [], UK, '2026-07-01');
    expect(none.warnings[0]).toMatch(/No board meeting in the calendar on or before 14 June 2027/);
    const cancelled = scheduleRetender(
      plan({ awardMeetingId: 'mtg_x' }),
      [],
      [meeting('mtg_x', '2027-05-20', 'cancelled')],
      UK,
      '2026-07-01',
    );
    expect(cancelled.warnings[0]).toMatch(/not in the calendar/);
  });

  it('keeps its steps as milestones: moved when not done, kept when done, removed with the plan', () => {
    let n = 0;
    const id = () => `mst_${++n}`;
    const other: Milestone = { id: 'mst_own', title: 'Own', due: '2027-01-01', done: false, planStep: null };
    const first = withPlanMilestones({ milestones: [other], retenderPlan: plan() }, meetings, UK, '2026-07-01', id);
    expect(first).toHaveLength(8);
    expect(first[0]).toEqual(other);
    const decision = first.find((m) => m.planStep === 'award_decision')!;
    expect(decision).toMatchObject({ title: 'Board award decision', due: '2027-05-20' });
    // The May meeting moves to 27 May: the decision moves, keeping its milestone id.
    const moved = withPlanMilestones(
      { milestones: first, retenderPlan: plan() },
      [meeting('mtg_may', '2027-05-27')],
      UK,
      '2026-07-01',
      id,
    );
    expect(moved.find((m) => m.planStep === 'award_decision')).toMatchObject({ id: decision.id, due: '2027-05-27' });
    const withDone = first.map((m) => (m.planStep === 'business_case' ? { ...m, done: true } : m));
    expect(withPlanMilestones({ milestones: withDone, retenderPlan: null }, meetings, UK, '2026-07-01', id)).toEqual([
      other,
      withDone.find((m) => m.planStep === 'business_case'),
    ]);
  });
});
