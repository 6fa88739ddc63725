import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../../shared/dates/workingDays.ts';
import {
  actWorkingDays,
  earliestContractDay,
  latestAwardNotice,
  minimumTenderDays,
  modificationsNeedingNotice,
  PROCUREMENT_RULES,
  procurementFlags,
  regimeFor,
  standstillLastDay,
} from '../../../shared/rules/procurementAct.ts';
import { ContractSchema, type Contract, type Modification } from '../../../shared/schema/contracts.ts';

const UK = actWorkingDays({ extra: [], removed: [] });
const ENGLAND = { region: 'england-and-wales' as const, extra: [], removed: [] };

/** A valid contract under the Act, with `over` changed. */
function contract(over: Partial<Contract> = {}): Contract {
  return ContractSchema.parse({
    id: 'ctr_test',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    reference: 'CTR-1',
    title: 'Analytics',
    suppliers: ['Acme Ltd'],
    route: 'open',
    initialValueGbp: 1_000_000,
    valueWithOptionsGbp: 1_000_000,
    termStart: '2025-04-01',
    termEnd: '2028-03-31',
    ...over,
  });
}

function mod(id: string, date: string, valueChangeGbp: number, termChangeMonths = 0): Modification {
  return { id, date, description: `Change ${id}`, valueChangeGbp, termChangeMonths };
}

const codes = (c: Contract, today = '2026-07-01') => procurementFlags(c, { today }).map((f) => f.code);

describe('the regime of a procurement', () => {
  it('is the Act from 24 February 2025, the 2015 Regulations the day before', () => {
    expect(regimeFor('2025-02-24')).toBe('pa2023');
    expect(regimeFor('2025-02-23')).toBe('pcr2015');
    expect(regimeFor('')).toBe('pa2023');
  });
});

describe('working days and the standstill', () => {
  it('counts a bank holiday in any part of the UK: St Andrew’s Day (Scotland only) is not a working day', () => {
    expect(isWorkingDay('2026-11-30', ENGLAND)).toBe(true);
    expect(isWorkingDay('2026-11-30', UK)).toBe(false);
    // 12 July 2027 (Northern Ireland only).
    expect(isWorkingDay('2027-07-12', UK)).toBe(false);
  });

  it('runs 8 working days across Easter (Good Friday and Easter Monday 2027)', () => {
    // Published Wednesday 24 March 2027: 24, 25, 30, 31 March, 1, 2, 5, 6 April.
    expect(standstillLastDay('2027-03-24', UK)).toBe('2027-04-06');
    expect(earliestContractDay('2027-03-24', UK)).toBe('2027-04-07');
  });

  it('runs 8 working days across a Scottish-only bank holiday, which England alone would not skip', () => {
    // Published Wednesday 25 November 2026: 25, 26, 27 Nov, (30 Nov St Andrew's), 1, 2, 3, 4, 7 Dec.
    expect(standstillLastDay('2026-11-25', UK)).toBe('2026-12-07');
    expect(standstillLastDay('2026-11-25', ENGLAND)).toBe('2026-12-04');
  });

  it('begins with the first working day when the notice is published on a weekend', () => {
    // Saturday 6 June 2026: Mon 8 .. Wed 17 June.
    expect(standstillLastDay('2026-06-06', UK)).toBe('2026-06-17');
  });

  it('places the latest award notice so that the standstill ends the day before the start', () => {
    const notice = latestAwardNotice('2027-06-24', UK);
    expect(notice).toBe('2027-06-14');
    expect(earliestContractDay(notice, UK)).toBe('2027-06-24');
    // Across Easter: a start on Wednesday 7 April 2027 needs the notice by Wednesday 24 March.
    expect(latestAwardNotice('2027-04-07', UK)).toBe('2027-03-24');
  });
});

describe('the tender period', () => {
  it('is 25 calendar days; 10 with a planned procurement notice 40 days to a year before', () => {
    expect(minimumTenderDays('2026-10-01', '')).toBe(25);
    expect(24 < minimumTenderDays('2026-10-01', '')).toBe(true);
    expect(25 < minimumTenderDays('2026-10-01', '')).toBe(false);
    expect(minimumTenderDays('2026-10-01', '2026-08-22')).toBe(10); // 40 days before
    expect(minimumTenderDays('2026-10-01', '2026-08-23')).toBe(25); // 39 days before
    expect(minimumTenderDays('2026-10-01', '2025-10-01')).toBe(10); // a year before
    expect(minimumTenderDays('2026-10-01', '2025-09-30')).toBe(25); // more than a year
  });
});

describe('modifications and the contract change notice (ss.74-75)', () => {
  it('needs no notice at exactly 10% of the value (goods or services); needs one above', () => {
    expect(modificationsNeedingNotice(contract({ modifications: [mod('mod_a', '2026-01-01', 100_000)] }))).toEqual([]);
    const over = modificationsNeedingNotice(contract({ modifications: [mod('mod_a', '2026-01-01', 100_001)] }));
    expect(over).toHaveLength(1);
    expect(over[0]!.why).toMatch(/above 10% for goods or services/);
  });

  it('counts earlier modifications without a notice together: 4% then 7% flags the second', () => {
    const c = contract({ modifications: [mod('mod_a', '2026-01-01', 40_000), mod('mod_b', '2026-03-01', 70_000)] });
    const flagged = modificationsNeedingNotice(c);
    expect(flagged.map((f) => f.modification.id)).toEqual(['mod_b']);
    expect(flagged[0]!.why).toMatch(/with 1 earlier modification.*£110,000, 11%/);
    expect(codes(c)).toContain('modification-without-change-notice');
  });

  it('does not count a modification that had its change notice', () => {
    const c = contract({
      modifications: [mod('mod_a', '2026-01-01', 40_000), mod('mod_b', '2026-03-01', 70_000)],
      notices: [
        {
          id: 'ntc_1',
          kind: 'contract_change',
          published: '2025-12-20',
          noticeId: '000123-2025',
          modificationId: 'mod_a',
          note: '',
        },
      ],
    });
    expect(modificationsNeedingNotice(c)).toEqual([]);
  });

  it('allows 15% for works: 14% passes, 16% is flagged', () => {
    expect(
      modificationsNeedingNotice(
        contract({ supplyType: 'works', modifications: [mod('mod_a', '2026-01-01', 140_000)] }),
      ),
    ).toEqual([]);
    const flagged = modificationsNeedingNotice(
      contract({ supplyType: 'works', modifications: [mod('mod_a', '2026-01-01', 160_000)] }),
    );
    expect(flagged[0]!.why).toMatch(/16% .*above 15% for works/);
  });

  it('measures a term change against the maximum term provided for on award', () => {
    // 1 April 2025 to 31 March 2028: about 36 months; 3 months is under 10%, 4 months over.
    expect(modificationsNeedingNotice(contract({ modifications: [mod('mod_a', '2026-01-01', 0, 3)] }))).toEqual([]);
    expect(modificationsNeedingNotice(contract({ modifications: [mod('mod_a', '2026-01-01', 0, 4)] }))).toHaveLength(1);
  });

  it('cannot judge a value change when the value is undisclosed, and says so', () => {
    const c = contract({
      initialValueGbp: null,
      valueWithOptionsGbp: null,
      modifications: [mod('mod_a', '2026-01-01', 5)],
    });
    expect(modificationsNeedingNotice(c)[0]!.why).toMatch(/value is not recorded/);
  });
});

describe('the flags of a contract', () => {
  it('flags a direct award with no transparency notice, or one published after the award', () => {
    const direct = contract({ route: 'direct_award', directAwardRationale: 'Prototype', awardedOn: '2025-06-24' });
    expect(codes(direct)).toEqual(['direct-award-without-transparency']);
    const late = contract({
      ...direct,
      notices: [
        { id: 'ntc_1', kind: 'transparency', published: '2025-06-25', noticeId: '', modificationId: '', note: '' },
      ],
    });
    expect(procurementFlags(late, { today: '2026-07-01' })[0]!.why).toMatch(/after the award on 24 June 2025/);
    const inTime = contract({
      ...direct,
      notices: [
        { id: 'ntc_1', kind: 'transparency', published: '2025-06-10', noticeId: '', modificationId: '', note: '' },
      ],
    });
    expect(codes(inTime)).toEqual([]);
  });

  it('gives a contract let before 24 February 2025 no Act flags, only the regime-free ones', () => {
    const old = contract({
      regime: 'pcr2015',
      route: 'direct_award',
      directAwardRationale: 'Urgent',
      valueWithOptionsGbp: 9_000_000,
      modifications: [mod('mod_a', '2026-01-01', 5_000_000)],
      termStart: '2024-01-01',
      termEnd: '2027-06-30',
      maxExtentDate: '2027-06-30',
    });
    // Ends within 18 months of 1 July 2026, no plan: the one flag it keeps.
    expect(codes(old)).toEqual(['ending-without-plan']);
    expect(codes({ ...old, regime: 'pa2023' })).toEqual([
      'direct-award-without-transparency',
      'modification-without-change-notice',
      'kpis-missing',
      'assessment-missing',
      'ending-without-plan',
    ]);
  });

  it('asks a contract over £5m for three KPIs and a yearly assessment', () => {
    const big = contract({ valueWithOptionsGbp: 5_000_001, kpis: ['a', 'b'] });
    const flags = procurementFlags(big, { today: '2026-07-01' });
    expect(flags.map((f) => f.code)).toEqual(['kpis-missing', 'assessment-missing']);
    expect(flags[0]!.why).toMatch(/over £5,000,000: at least 3 key performance indicators.*2 recorded/);
    expect(flags[1]!.why).toMatch(/due by 1 April 2026/);
    expect(codes({ ...big, kpis: ['a', 'b', 'c'], performanceAssessments: ['2026-03-01'] })).toEqual([]);
    // Exactly £5m is not over.
    expect(codes(contract({ valueWithOptionsGbp: 5_000_000 }))).toEqual([]);
  });

  it('flags running past the maximum extent, by options or by modifications', () => {
    const c = contract({ maxExtentDate: '2028-06-30', modifications: [mod('mod_a', '2026-01-01', 0, 6)] });
    const flags = procurementFlags(c, { today: '2026-07-01' });
    expect(flags.find((f) => f.code === 'past-maximum-extent')!.why).toMatch(
      /30 September 2028, past its maximum extent/,
    );
  });

  it('flags a contract ending within 18 months with no plan and no decision to let it end', () => {
    const ending = contract({ termEnd: '2027-12-31' });
    expect(codes(ending)).toEqual(['ending-without-plan']);
    expect(codes({ ...ending, letEndDecided: true })).toEqual([]);
    expect(
      codes({
        ...ending,
        retenderPlan: {
          requiredStart: '2028-01-01',
          awardMeetingId: '',
          evaluationWeeks: 6,
          tenderDays: 30,
          marketEngagementWeeks: 8,
          businessCaseWeeks: 4,
          plannedProcurementNotice: '',
          fixed: {},
        },
      }),
    ).toEqual([]);
    // Watched contracts are not the board's to re-tender.
    expect(codes({ ...ending, kind: 'watched' })).toEqual([]);
    // Beyond 18 months: nothing yet.
    expect(codes(contract({ termEnd: '2028-01-02' }))).toEqual([]);
  });
});

describe('the rules table', () => {
  it('gives every rule and notice a source', () => {
    for (const [name, rule] of Object.entries(PROCUREMENT_RULES)) {
      if ('source' in rule) expect(rule.source, name).not.toBe('');
    }
    for (const n of Object.values(PROCUREMENT_RULES.notices)) expect(n.source).toMatch(/^s\.\d+/);
  });

  it('is the only place the Act’s numbers appear in the rules', async () => {
    const dir = join(process.cwd(), 'shared', 'rules');
    for (const file of await readdir(dir)) {
      if (file === 'procurementAct.ts') continue;
      const text = await readFile(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/\b(2025-02-24|5_000_000|standstill.{0,20}\b8\b)/);
    }
  });
});
