/**
 * Contracts: supplier, value, term, extension options, break clauses,
 * procurement route (a direct award must carry its rationale), re-tender
 * milestones. Decisions link to contracts; the link is kept on the decision.
 */
import { z } from 'zod';
import { CalendarDate, RecordBase } from './common.ts';

export const ROUTES = ['open', 'competitive_restricted', 'framework_call_off', 'direct_award'] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_LABELS: { [R in Route]: string } = {
  open: 'Open competition',
  competitive_restricted: 'Competitive (restricted)',
  framework_call_off: 'Framework call-off',
  direct_award: 'Direct award / single supplier',
};

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

export const MilestoneSchema = z
  .object({
    id: z
      .string()
      .regex(/^(mst_\w+)?$/, { message: 'is not a milestone id' })
      .default(''),
    title: Text(300).min(1, { message: 'is required' }),
    due: CalendarDate,
    done: z.boolean().default(false),
  })
  .strict();
export type Milestone = z.infer<typeof MilestoneSchema>;

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
  })
  .strict();

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
