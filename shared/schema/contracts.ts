/**
 * Contracts: supplier, value, term, extension options, break clauses,
 * procurement route (a direct award must carry its rationale), re-tender
 * milestones. Decisions link to contracts; the link is kept on the decision.
 */
import { z } from 'zod';
import { CalendarDate, RecordBase } from './common.ts';

/**
 * Procurement routes as the Procurement Act 2023 names them. Before schema
 * version 11 a route was `competitive_restricted` ("Competitive
 * (restricted)"); it became `competitive_flexible` and the old label is kept
 * in `formerRouteLabel`.
 */
export const ROUTES = [
  'open',
  'competitive_flexible',
  'framework_call_off',
  'direct_award',
  'below_threshold',
] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_LABELS: { [R in Route]: string } = {
  open: 'Open procedure',
  competitive_flexible: 'Competitive flexible procedure',
  framework_call_off: 'Framework call-off',
  direct_award: 'Direct award / single supplier',
  below_threshold: 'Below-threshold procurement',
};

/** The law a contract was procured under (see shared/rules/procurementAct.ts for when each applies). */
export const REGIMES = ['pa2023', 'pcr2015', 'other'] as const;
export type Regime = (typeof REGIMES)[number];
export const REGIME_LABELS: { [R in Regime]: string } = {
  pa2023: 'Procurement Act 2023',
  pcr2015: 'Public Contracts Regulations 2015',
  other: 'Other / below threshold',
};

/** What the contract buys: the Act's modification thresholds differ for works. */
export const SUPPLY_TYPES = ['goods_services', 'works'] as const;
export type SupplyType = (typeof SUPPLY_TYPES)[number];
export const SUPPLY_TYPE_LABELS: { [T in SupplyType]: string } = {
  goods_services: 'Goods or services',
  works: 'Works',
};

/**
 * Why a direct award was allowed: a Schedule 5 justification, or the switch
 * to direct award after a failed competition. The sections and paragraphs
 * are in the rules table (shared/rules/procurementAct.ts), not here.
 */
export const DIRECT_AWARD_GROUNDS = [
  '',
  'prototype',
  'work_of_art',
  'exclusive_rights',
  'technical_reasons',
  'additional_goods',
  'repeat_award',
  'commodities',
  'insolvency_terms',
  'urgency',
  'protection_of_life',
  'user_choice',
  'switch_to_direct',
] as const;
export type DirectAwardGround = (typeof DIRECT_AWARD_GROUNDS)[number];

/** The notices a contract records (their codes and sections are in the rules table). */
export const NOTICE_KINDS = [
  'market_engagement',
  'planned_procurement',
  'tender',
  'transparency',
  'contract_award',
  'contract_details',
  'contract_change',
  'contract_termination',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const CONTRACT_STATUSES = ['proposed', 'blocked', 'active', 'extended', 'ended', 'terminated'] as const;
/** Statuses of a contract not (yet) let: its term may be a planned duration only. */
export const UNLET_STATUSES: readonly string[] = ['proposed', 'blocked'];

/** A contract the board holds, or one it only follows ("watched"): kept out of the board's totals. */
export const CONTRACT_KINDS = ['held', 'watched'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_KIND_LABELS: { [K in ContractKind]: string } = {
  held: 'Held by the board',
  watched: 'Watched (not this board’s)',
};
const OptionalDate = z.union([z.literal(''), CalendarDate]).default('');

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });
/** Whole pounds, or null when the value is undisclosed. */
const Gbp = z
  .number({ message: 'must be a number of pounds' })
  .int({ message: 'must be whole pounds' })
  .min(0, { message: 'must not be negative' })
  .nullable();

export const ExtensionOptionSchema = z
  .object({
    id: z
      .string()
      .regex(/^(opt_\w+)?$/, { message: 'is not an option id' })
      .default(''),
    months: z.number().int().min(1, { message: 'must be at least 1 month' }).max(240),
    noticeBy: z.union([z.literal(''), CalendarDate]).default(''),
    valueGbp: Gbp.default(null),
    exercised: z.boolean().default(false),
    exercisedByDecisionId: z.string().startsWith('dec_').nullable().default(null),
    /** The day the option was exercised ('' when not, or not recorded). */
    exercisedOn: OptionalDate,
  })
  .strict();
export type ExtensionOption = z.infer<typeof ExtensionOptionSchema>;

export const BreakClauseSchema = z
  .object({
    id: z
      .string()
      .regex(/^(brk_\w+)?$/, { message: 'is not a break clause id' })
      .default(''),
    earliest: CalendarDate,
    noticeDays: z.number().int().min(0, { message: 'must not be negative' }).max(3650),
    note: Text(1000).default(''),
  })
  .strict();
export type BreakClause = z.infer<typeof BreakClauseSchema>;

/** The steps of a re-tender plan, from the first to the new contract's start. */
export const RETENDER_STEPS = [
  'business_case',
  'market_engagement',
  'tender_notice',
  'tender_close',
  'award_decision',
  'award_notice',
  'contract_start',
] as const;
export type RetenderStep = (typeof RETENDER_STEPS)[number];

export const MilestoneSchema = z
  .object({
    id: z
      .string()
      .regex(/^(mst_\w+)?$/, { message: 'is not a milestone id' })
      .default(''),
    title: Text(300).min(1, { message: 'is required' }),
    due: CalendarDate,
    done: z.boolean().default(false),
    /** The re-tender plan step this milestone is (its date follows the plan until done); null for others. */
    planStep: z.enum(RETENDER_STEPS).nullable().default(null),
  })
  .strict();
export type Milestone = z.infer<typeof MilestoneSchema>;

/** A notice published (or due) under the Act, with its Find a Tender id or ocid. */
export const NoticeSchema = z
  .object({
    id: z
      .string()
      .regex(/^(ntc_\w+)?$/, { message: 'is not a notice id' })
      .default(''),
    kind: z.enum(NOTICE_KINDS, { message: `must be one of: ${NOTICE_KINDS.join(', ')}` }),
    published: OptionalDate,
    /** The notice's identifier on Find a Tender (e.g. 012345-2026) or its ocid. */
    noticeId: Text(120).default(''),
    /** For a contract change notice: the modification it announces ('' when none). */
    modificationId: z
      .string()
      .regex(/^(mod_\w+)?$/, { message: 'is not a modification id' })
      .default(''),
    note: Text(1000).default(''),
  })
  .strict();
export type Notice = z.infer<typeof NoticeSchema>;

/** A change to a contract not provided for when it was let: value or term, or both. */
export const ModificationSchema = z
  .object({
    id: z
      .string()
      .regex(/^(mod_\w+)?$/, { message: 'is not a modification id' })
      .default(''),
    date: CalendarDate,
    description: Text(1000).min(1, { message: 'is required: say what changes' }),
    /** The change of the contract's value in pounds (negative for a decrease). */
    valueChangeGbp: z
      .number({ message: 'must be a number of pounds' })
      .int({ message: 'must be whole pounds' })
      .default(0),
    /** The change of the contract's term in months (negative for a shortening). */
    termChangeMonths: z.number().int({ message: 'must be whole months' }).min(-600).max(600).default(0),
  })
  .strict();
export type Modification = z.infer<typeof ModificationSchema>;

/** A re-tender plan: scheduled backwards from the day the new contract must start. */
export const RetenderPlanSchema = z
  .object({
    requiredStart: CalendarDate,
    /** The meeting that takes the award decision ('' to let the plan pick the last one in time). */
    awardMeetingId: z
      .string()
      .regex(/^(mtg_\w+)?$/, { message: 'is not a meeting id' })
      .default(''),
    evaluationWeeks: z.number().int().min(0).max(104).default(6),
    tenderDays: z.number().int().min(1, { message: 'must be at least 1 day' }).max(730).default(30),
    marketEngagementWeeks: z.number().int().min(0).max(104).default(8),
    businessCaseWeeks: z.number().int().min(0).max(104).default(4),
    /** The day a planned procurement notice was (or will be) published ('' when none). */
    plannedProcurementNotice: OptionalDate,
    /** Dates a person set for a step, kept over the schedule's. */
    fixed: z.partialRecord(z.enum(RETENDER_STEPS), CalendarDate).default({}),
  })
  .strict();
export type RetenderPlan = z.infer<typeof RetenderPlanSchema>;

export const ContractFieldsSchema = z
  .object({
    reference: Text(60).min(1, { message: 'is required' }),
    title: Text(300).min(1, { message: 'is required' }),
    suppliers: z.array(Text(300).min(1)).min(1, { message: 'needs at least one supplier' }),
    buyer: Text(300).default(''),
    kind: z.enum(CONTRACT_KINDS).default('held'),
    route: z.enum(ROUTES, { message: `must be one of: ${ROUTES.join(', ')}` }),
    directAwardRationale: Text(10_000).default(''),
    annualValueGbp: Gbp.default(null),
    /** The value of the initial term, without any extension option. */
    initialValueGbp: Gbp.default(null),
    /** The value if every extension option is exercised (initial term plus options). */
    valueWithOptionsGbp: Gbp.default(null),
    termStart: OptionalDate,
    /** The end of the term as let; exercised options move the current end (see currentTermEnd). */
    termEnd: OptionalDate,
    /** The planned length of a proposed or blocked contract, in months, when it has no dates yet. */
    plannedMonths: z.number().int().min(1, { message: 'must be at least 1 month' }).max(600).nullable().default(null),
    maxExtentDate: OptionalDate,
    extensionOptions: z.array(ExtensionOptionSchema).default([]),
    breakClauses: z.array(BreakClauseSchema).default([]),
    milestones: z.array(MilestoneSchema).default([]),
    status: z.enum(CONTRACT_STATUSES).default('active'),
    notes: z.string().max(100_000).default(''),
    /**
     * The ocid of the contract's published notice (OCDS), when there is one:
     * a registered prefix (Find a Tender's is `ocds-h6vhtk-`) and the notice's
     * own id. The OCDS export reuses it; without one it builds one from the
     * prefix in Settings.
     */
    ocid: z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .max(120)
          .regex(/^ocds-[a-z0-9]{6}-\S+$/, {
            message: 'must be the ocid of the published notice (ocds-, six letters or digits, a hyphen and its id)',
          }),
      ])
      .default(''),
    /** The Schedule 5 justification or the switch to direct award ('' when not recorded). */
    directAwardGround: z.enum(DIRECT_AWARD_GROUNDS).default(''),
    /** The route's label before the routes were renamed for the Act ('' when unchanged). */
    formerRouteLabel: Text(100).default(''),
    regime: z.enum(REGIMES, { message: `must be one of: ${REGIMES.join(', ')}` }).default('pa2023'),
    supplyType: z.enum(SUPPLY_TYPES).default('goods_services'),
    /** The day the contract was awarded ('' when not yet, or not recorded: the term start stands in). */
    awardedOn: OptionalDate,
    notices: z.array(NoticeSchema).default([]),
    /** Why no preliminary market engagement was held (the tender notice must say). */
    noMarketEngagementReason: Text(2000).default(''),
    modifications: z.array(ModificationSchema).default([]),
    /** Key performance indicators set for the contract. */
    kpis: z
      .array(Text(500).min(1, { message: 'must not be empty' }))
      .max(50)
      .default([]),
    /** The days the supplier's performance was assessed against the KPIs. */
    performanceAssessments: z.array(CalendarDate).default([]),
    /** The board decided to let the contract end without replacing it (no re-tender needed). */
    letEndDecided: z.boolean().default(false),
    retenderPlan: RetenderPlanSchema.nullable().default(null),
  })
  .strict();

/**
 * A contract's procurement records when none is kept yet (the schema's own
 * defaults, spelled out for code that builds whole records: the sample, the
 * benchmark's body). The regime and the former route label vary by contract.
 */
export const NO_PROCUREMENT_RECORDS = {
  directAwardGround: '',
  supplyType: 'goods_services',
  awardedOn: '',
  notices: [],
  noMarketEngagementReason: '',
  modifications: [],
  kpis: [],
  performanceAssessments: [],
  letEndDecided: false,
  retenderPlan: null,
} as const satisfies Partial<z.infer<typeof ContractFieldsSchema>>;

/** Cross-field rules of a contract, reported against the field at fault. */
export function checkContract(
  c: Pick<
    z.infer<typeof ContractFieldsSchema>,
    'termStart' | 'termEnd' | 'maxExtentDate' | 'route' | 'directAwardRationale' | 'status'
  >,
  ctx: z.RefinementCtx,
): void {
  if (!UNLET_STATUSES.includes(c.status)) {
    for (const field of ['termStart', 'termEnd'] as const) {
      if (c[field] === '')
        ctx.addIssue({ code: 'custom', path: [field], message: 'is required once the contract is active' });
    }
  }
  if (c.termStart && c.termEnd && c.termEnd < c.termStart)
    ctx.addIssue({ code: 'custom', path: ['termEnd'], message: 'must not be before the term start' });
  if (c.maxExtentDate && c.termEnd && c.maxExtentDate < c.termEnd) {
    ctx.addIssue({ code: 'custom', path: ['maxExtentDate'], message: 'must not be before the term end' });
  }
  if (c.route === 'direct_award' && c.directAwardRationale.trim() === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['directAwardRationale'],
      message: 'is required for a direct award: record why the market was not tested',
    });
  }
}

export const ContractSchema = RecordBase.extend(ContractFieldsSchema.shape).strict().superRefine(checkContract);
export type Contract = z.infer<typeof ContractSchema>;
