/**
 * What the Procurement Act 2023 requires of a contract, as data and pure
 * rules: the one rules table (every threshold, period and notice of the Act
 * the app uses, each with its source), the regime a procurement falls under,
 * the Act's working days and minimum periods, and the flags a contract
 * raises. No number of the Act appears anywhere else in the code: read it
 * from {@link PROCUREMENT_RULES}. docs/procurement-rules.md explains each rule.
 * Pure: `today` is passed in, never read from a clock.
 */
import { addDays, addMonths, daysBetween, longDate } from '../dates/calendarDates.ts';
import { addWorkingDays, anyPartOfTheUk, type HolidayRules } from '../dates/workingDays.ts';
import { formatGbp } from '../text/money.ts';
import type {
  Contract,
  DirectAwardGround,
  Modification,
  NoticeKind,
  Regime,
  Route,
  SupplyType,
} from '../schema/contracts.ts';
import { currentTermEnd, maxExtentWarning } from './contractTerms.ts';

/** One notice the Act names: its code on Find a Tender, its name and section. */
export interface NoticeRule {
  readonly code: string;
  readonly name: string;
  readonly source: string;
}

/**
 * The rules table. Sources: the Procurement Act 2023 (c. 54) ("s." is a
 * section, "Sch." a schedule); commencement by SI 2024/1197; notice codes
 * as Find a Tender lists them (find-tender.service.gov.uk, "Notice types").
 */
export const PROCUREMENT_RULES = {
  /** Procurements begun on or after this day are under the Act; earlier ones under the 2015 Regulations. */
  commencement: {
    value: '2025-02-24',
    source: 'The Procurement Act 2023 (Commencement No. 3 and Transitional and Saving Provisions) Regulations 2024',
  },
  /** Working days exclude bank holidays in any part of the United Kingdom. */
  workingDays: { value: 'any part of the United Kingdom', source: 's.123 (meaning of “working day”)' },
  /** The mandatory standstill after a contract award notice, in working days. */
  standstillWorkingDays: { value: 8, source: 's.51' },
  /** The minimum tendering period, in calendar days. */
  tenderPeriodDays: { value: 25, source: 's.54' },
  /** The shorter minimum when a qualifying planned procurement notice was published. */
  tenderPeriodWithPlannedNoticeDays: { value: 10, source: 's.54' },
  /** A planned procurement notice qualifies when published this long before the tender notice. */
  plannedNoticeWindow: { value: { minDays: 40, maxMonths: 12 }, source: 's.54' },
  /** A change notice is not needed for a change of value of this share or less (per cent). */
  changeNoticeValuePercent: {
    value: { goods_services: 10, works: 15 } satisfies { [T in SupplyType]: number },
    source: 's.75(2)(a)',
  },
  /** ... nor for a change of term of this share or less of the maximum term provided for on award (per cent). */
  changeNoticeTermPercent: { value: 10, source: 's.75(2)(b)' },
  /** Modifications that could reasonably have been made together are judged together. */
  changeNoticeAggregation: { value: 'earlier modifications without a change notice', source: 's.75(4)-(5), s.74' },
  /** Contracts above this estimated value need key performance indicators. */
  kpiValueGbp: { value: 5_000_000, source: 's.52' },
  /** How many KPIs at least. */
  kpiCount: { value: 3, source: 's.52' },
  /** Performance against the KPIs is assessed at least this often (months). */
  assessmentMonths: { value: 12, source: 's.52' },
  /** The app's horizon for "ends soon with no re-tender plan" (months): the pipeline notice's horizon. */
  endingHorizonMonths: { value: 18, source: 'Board practice, after the 18-month pipeline of s.93' },
  notices: {
    market_engagement: { code: 'UK2', name: 'Preliminary market engagement notice', source: 's.17' },
    planned_procurement: { code: 'UK3', name: 'Planned procurement notice', source: 's.15' },
    tender: { code: 'UK4', name: 'Tender notice', source: 's.21' },
    transparency: { code: 'UK5', name: 'Transparency notice', source: 's.44' },
    contract_award: { code: 'UK6', name: 'Contract award notice', source: 's.50' },
    contract_details: { code: 'UK7', name: 'Contract details notice', source: 's.53' },
    contract_change: { code: 'UK10', name: 'Contract change notice', source: 's.75' },
    contract_termination: { code: 'UK11', name: 'Contract termination notice', source: 's.80' },
  } satisfies { [K in NoticeKind]: NoticeRule },
  routes: {
    open: 's.20 (open procedure)',
    competitive_flexible: 's.20 (competitive flexible procedure)',
    framework_call_off: 'ss.45-47 (frameworks)',
    direct_award: 's.41 and Sch. 5; s.43 (switching to direct award)',
    below_threshold: 'Part 6 (below-threshold contracts)',
  } satisfies { [R in Route]: string },
  directAwardGrounds: {
    '': { label: 'Not recorded', source: '' },
    prototype: { label: 'Prototypes and development', source: 'Sch. 5, paras 2-3' },
    work_of_art: { label: 'Single supplier: a unique work of art or artistic performance', source: 'Sch. 5, para 4' },
    exclusive_rights: {
      label: 'Single supplier: intellectual property or other exclusive rights',
      source: 'Sch. 5, para 5',
    },
    technical_reasons: {
      label: 'Single supplier: absence of competition for technical reasons',
      source: 'Sch. 5, para 6',
    },
    additional_goods: {
      label: 'Additional or repeat goods, services or works (compatibility)',
      source: 'Sch. 5, para 7',
    },
    repeat_award: { label: 'Repeat award provided for in the original tender', source: 'Sch. 5, para 8' },
    commodities: { label: 'Purchase of commodities', source: 'Sch. 5' },
    insolvency_terms: { label: 'Advantageous terms on insolvency', source: 'Sch. 5' },
    urgency: { label: 'Extreme and unavoidable urgency', source: 'Sch. 5' },
    protection_of_life: { label: 'Protection of life', source: 'Sch. 5' },
    user_choice: { label: 'User choice contracts', source: 'Sch. 5' },
    switch_to_direct: { label: 'Switch to direct award after a failed competition', source: 's.43' },
  } satisfies { [G in DirectAwardGround]: { label: string; source: string } },
} as const;

/** A notice's name for the screen: "Transparency notice (UK5)". */
export function noticeLabel(kind: NoticeKind): string {
  const n = PROCUREMENT_RULES.notices[kind];
  return `${n.name} (${n.code})`;
}

/** A notice's name within a sentence: "transparency notice (UK5)". */
export function noticePhrase(kind: NoticeKind): string {
  const n = PROCUREMENT_RULES.notices[kind];
  return `${n.name.charAt(0).toLowerCase()}${n.name.slice(1)} (${n.code})`;
}

/** The regime a procurement begun on `begun` falls under ('' = not known: the Act, today's law). */
export function regimeFor(begun: string): Regime {
  if (begun === '' || begun >= PROCUREMENT_RULES.commencement.value) return 'pa2023';
  return 'pcr2015';
}

/** The Act's working days: the board's added and removed days, and a bank holiday anywhere in the UK. */
export function actWorkingDays(board: Pick<HolidayRules, 'extra' | 'removed'>): HolidayRules {
  return anyPartOfTheUk(board);
}

/**
 * The last day of the standstill after a contract award notice published on
 * `published`: the period is counted in working days beginning with the day
 * of publication (a non-working day of publication does not count).
 */
export function standstillLastDay(published: string, rules: HolidayRules): string {
  return addWorkingDays(addDays(published, -1), PROCUREMENT_RULES.standstillWorkingDays.value, rules);
}

/** The first day the contract may be entered into after an award notice published on `published`. */
export function earliestContractDay(published: string, rules: HolidayRules): string {
  return addDays(standstillLastDay(published, rules), 1);
}

/** The latest day the award notice can be published for the contract to be entered into on `start`. */
export function latestAwardNotice(start: string, rules: HolidayRules): string {
  return addWorkingDays(start, -PROCUREMENT_RULES.standstillWorkingDays.value, rules);
}

/**
 * The minimum tendering period in calendar days for a tender notice
 * published on `tenderNotice`: shorter when a planned procurement notice was
 * published between 40 days and a year before it.
 */
export function minimumTenderDays(tenderNotice: string, plannedProcurementNotice: string): number {
  const window = PROCUREMENT_RULES.plannedNoticeWindow.value;
  if (plannedProcurementNotice !== '' && tenderNotice !== '') {
    const before = daysBetween(plannedProcurementNotice, tenderNotice);
    const earliest = addMonths(tenderNotice, -window.maxMonths);
    if (before >= window.minDays && plannedProcurementNotice >= earliest) {
      return PROCUREMENT_RULES.tenderPeriodWithPlannedNoticeDays.value;
    }
  }
  return PROCUREMENT_RULES.tenderPeriodDays.value;
}

/** What a flag is about. */
export type FlagCode =
  | 'direct-award-without-transparency'
  | 'modification-without-change-notice'
  | 'past-maximum-extent'
  | 'kpis-missing'
  | 'assessment-missing'
  | 'ending-without-plan';

/** One flag on a contract: what, why, and the section it comes from. */
export interface ProcurementFlag {
  readonly code: FlagCode;
  readonly title: string;
  readonly why: string;
  readonly source: string;
}

/** The estimated value of the contract as awarded: with its options when known. */
function estimatedValue(c: Pick<Contract, 'valueWithOptionsGbp' | 'initialValueGbp'>): number | null {
  return c.valueWithOptionsGbp ?? c.initialValueGbp;
}

/** The maximum term provided for on award, in days: start to the end as let plus every option. */
function maxTermDays(c: Pick<Contract, 'termStart' | 'termEnd' | 'extensionOptions'>): number | null {
  if (!c.termStart || !c.termEnd) return null;
  const months = c.extensionOptions.reduce((sum, o) => sum + o.months, 0);
  return daysBetween(c.termStart, addMonths(c.termEnd, months));
}

/** Whether a change notice is recorded for a modification. */
function hasChangeNotice(c: Pick<Contract, 'notices'>, m: Modification): boolean {
  return c.notices.some((n) => n.kind === 'contract_change' && n.modificationId === m.id);
}

/** Share `part / whole` as a percentage for text, one decimal at most. */
function percent(part: number, whole: number): string {
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('en-GB')}%`;
}

/**
 * The modifications that need a change notice and have none: each judged
 * with every earlier modification that had no change notice of its own (the
 * app cannot tell whether they "could reasonably have been made together",
 * so it assumes they could: record a change notice to clear it). Value
 * changes are summed as sizes (an increase and a decrease both count) and
 * compared with the estimated value as awarded; term changes likewise with
 * the maximum term provided for on award.
 */
export function modificationsNeedingNotice(
  c: Pick<
    Contract,
    | 'modifications'
    | 'notices'
    | 'supplyType'
    | 'valueWithOptionsGbp'
    | 'initialValueGbp'
    | 'termStart'
    | 'termEnd'
    | 'extensionOptions'
  >,
): readonly { modification: Modification; why: string }[] {
  const valuePercent = PROCUREMENT_RULES.changeNoticeValuePercent.value[c.supplyType];
  const termPercent = PROCUREMENT_RULES.changeNoticeTermPercent.value;
  const value = estimatedValue(c);
  const term = maxTermDays(c);
  const out: { modification: Modification; why: string }[] = [];
  let valueSum = 0;
  let termSum = 0;
  let count = 0;
  const ordered = [...c.modifications].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const m of ordered) {
    if (hasChangeNotice(c, m)) continue;
    valueSum += Math.abs(m.valueChangeGbp);
    const base = c.termEnd || c.termStart;
    termSum += base ? Math.abs(daysBetween(base, addMonths(base, m.termChangeMonths))) : 0;
    count++;
    const together =
      count > 1 ? ` with ${count - 1} earlier modification${count > 2 ? 's' : ''} without a change notice` : '';
    // Whole-number comparison: exactly the threshold needs no notice.
    if (valueSum > 0 && value === null) {
      out.push({
        modification: m,
        why: `“${m.description}” changes the value by ${formatGbp(m.valueChangeGbp)}, but the contract's value is not recorded, so the app cannot tell whether it exceeds ${valuePercent}%: record the value or the change notice.`,
      });
    } else if (value !== null && value > 0 && valueSum * 100 > value * valuePercent) {
      out.push({
        modification: m,
        why: `“${m.description}” (${longDate(m.date)})${together} changes the value by ${formatGbp(valueSum)}, ${percent(valueSum, value)} of ${formatGbp(value)}: above ${valuePercent}% for ${c.supplyType === 'works' ? 'works' : 'goods or services'}, and no contract change notice is recorded.`,
      });
    } else if (term !== null && term > 0 && termSum * 100 > term * termPercent) {
      out.push({
        modification: m,
        why: `“${m.description}” (${longDate(m.date)})${together} changes the term by ${percent(termSum, term)} of the maximum term provided for on award: above ${termPercent}%, and no contract change notice is recorded.`,
      });
    }
  }
  return out;
}

/** The end after every exercised option and every term modification. */
export function endAfterModifications(c: Pick<Contract, 'termEnd' | 'extensionOptions' | 'modifications'>): string {
  const end = currentTermEnd(c);
  if (!end) return '';
  return addMonths(
    end,
    c.modifications.reduce((sum, m) => sum + m.termChangeMonths, 0),
  );
}

/**
 * When the next performance assessment against the KPIs is due: a year after
 * the last one recorded (or the start), for a running contract under the Act
 * worth more than the KPI threshold; null for any other.
 */
export function nextAssessmentDue(
  c: Pick<
    Contract,
    'regime' | 'status' | 'termStart' | 'performanceAssessments' | 'valueWithOptionsGbp' | 'initialValueGbp'
  >,
): string | null {
  const value = estimatedValue(c);
  if (c.regime !== 'pa2023' || value === null || value <= PROCUREMENT_RULES.kpiValueGbp.value) return null;
  if ((c.status !== 'active' && c.status !== 'extended') || !c.termStart) return null;
  const last = [...c.performanceAssessments].sort().at(-1) ?? c.termStart;
  return addMonths(last, PROCUREMENT_RULES.assessmentMonths.value);
}

/** What the flags need to know beyond the contract. */
export interface FlagContext {
  /** Today in the board's zone. */
  readonly today: string;
}

/**
 * The flags a contract raises, each saying why and citing its source. The
 * Act's own flags apply only to contracts under the Act; every contract gets
 * the regime-free ones (past the maximum extent, ending with no plan).
 */
export function procurementFlags(c: Contract, { today }: FlagContext): readonly ProcurementFlag[] {
  const out: ProcurementFlag[] = [];
  const R = PROCUREMENT_RULES;
  // Ended, terminated or blocked (the board refused it): nothing left to put right.
  const closed = c.status === 'ended' || c.status === 'terminated' || c.status === 'blocked';
  if (c.regime === 'pa2023' && !closed) {
    if (c.route === 'direct_award') {
      const awarded = c.awardedOn || c.termStart;
      const notice = c.notices.find((n) => n.kind === 'transparency' && n.published !== '');
      const name = noticeLabel('transparency');
      if (!notice) {
        out.push({
          code: 'direct-award-without-transparency',
          title: `Direct award with no ${noticePhrase('transparency')}`,
          why: `A direct award must be preceded by a ${R.notices.transparency.name.toLowerCase()}; none is recorded${awarded ? ` before the award on ${longDate(awarded)}` : ''}.`,
          source: R.notices.transparency.source,
        });
      } else if (awarded && notice.published > awarded) {
        out.push({
          code: 'direct-award-without-transparency',
          title: `${name} after the award`,
          why: `The ${R.notices.transparency.name.toLowerCase()} is dated ${longDate(notice.published)}, after the award on ${longDate(awarded)}: it must come before.`,
          source: R.notices.transparency.source,
        });
      }
    }
    for (const { why } of modificationsNeedingNotice(c)) {
      out.push({
        code: 'modification-without-change-notice',
        title: `Modification with no ${noticePhrase('contract_change')}`,
        why,
        source: `${R.changeNoticeValuePercent.source}; ${R.changeNoticeTermPercent.source}; ${R.changeNoticeAggregation.source}`,
      });
    }
    const value = estimatedValue(c);
    if (value !== null && value > R.kpiValueGbp.value) {
      if (c.kpis.length < R.kpiCount.value) {
        out.push({
          code: 'kpis-missing',
          title: `Fewer than ${R.kpiCount.value} KPIs`,
          why: `The contract is worth ${formatGbp(value)}, over ${formatGbp(R.kpiValueGbp.value)}: at least ${R.kpiCount.value} key performance indicators must be set (${c.kpis.length} recorded).`,
          source: R.kpiValueGbp.source,
        });
      }
      const due = nextAssessmentDue(c);
      if (due !== null && due < today) {
        const last = [...c.performanceAssessments].sort().at(-1) ?? c.termStart;
        out.push({
          code: 'assessment-missing',
          title: 'Yearly performance assessment not recorded',
          why: `Performance against the KPIs must be assessed at least every ${R.assessmentMonths.value} months; the ${c.performanceAssessments.length ? `last assessment recorded was on ${longDate(last)}` : `contract started on ${longDate(last)} and no assessment is recorded`}, so one was due by ${longDate(due)}.`,
          source: R.assessmentMonths.source,
        });
      }
    }
  }
  if (!closed) {
    const extent = maxExtentWarning(c);
    const end = endAfterModifications(c);
    if (extent) {
      out.push({
        code: 'past-maximum-extent',
        title: 'Past the maximum extent',
        why: `${extent} A longer term is likely a new award.`,
        source: 'The contract as let (its maximum extent)',
      });
    } else if (c.maxExtentDate && end > c.maxExtentDate) {
      out.push({
        code: 'past-maximum-extent',
        title: 'Past the maximum extent',
        why: `The modifications recorded run the contract to ${longDate(end)}, past its maximum extent (${longDate(c.maxExtentDate)}): likely a new award.`,
        source: 'The contract as let (its maximum extent)',
      });
    }
    const horizon = addMonths(today, R.endingHorizonMonths.value);
    if (
      c.kind === 'held' &&
      c.status !== 'proposed' &&
      c.status !== 'blocked' &&
      end &&
      end >= today &&
      end <= horizon &&
      !c.retenderPlan &&
      !c.letEndDecided
    ) {
      out.push({
        code: 'ending-without-plan',
        title: 'Ends soon with no re-tender plan',
        why: `The contract ends on ${longDate(end)}, within ${R.endingHorizonMonths.value} months, and has neither a re-tender plan nor a decision to let it end.`,
        source: R.endingHorizonMonths.source,
      });
    }
  }
  return out;
}
