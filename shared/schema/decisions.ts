/**
 * Decisions: what the board resolved, with its reasons and implications, the
 * papers it relied on (pinned to a version), its links to contracts and to
 * earlier decisions, and its sign-off. A signed decision is read-only; a
 * correction is an amendment.
 */
import { z } from 'zod';
import { CalendarDate, Instant, RecordBase } from './common.ts';

export const OUTCOMES = ['approved', 'approved_with_conditions', 'rejected', 'deferred', 'noted'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: { [O in Outcome]: string } = {
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
  deferred: 'Deferred',
  noted: 'Noted',
};

export const DECISION_LINK_KINDS = ['varies', 'supersedes', 'implements', 'retenders'] as const;
export type DecisionLinkKind = (typeof DECISION_LINK_KINDS)[number];
export const DECISION_LINK_LABELS: { [K in DecisionLinkKind]: string } = {
  varies: 'varies',
  supersedes: 'supersedes',
  implements: 'implements',
  retenders: 're-tenders',
};

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });
const Markdown = z.string().max(200_000, { message: 'must be at most 200,000 characters' }).default('');

export const VotesSchema = z
  .object({
    for: z.number().int().min(0, { message: 'must not be negative' }),
    against: z.number().int().min(0, { message: 'must not be negative' }),
    abstain: z.number().int().min(0, { message: 'must not be negative' }),
  })
  .strict();

export const DecisionDeclarationSchema = z
  .object({
    who: Text(200).min(1, { message: 'is required' }),
    interest: Text(1000).min(1, { message: 'is required' }),
  })
  .strict();

export const ReliedOnSchema = z
  .object({ paperId: z.string().startsWith('pap_', { message: 'must be a paper' }), version: z.number().int().min(1) })
  .strict();

export const DecisionLinkSchema = z
  .object({
    decisionId: z.string().startsWith('dec_', { message: 'must be a decision' }),
    kind: z.enum(DECISION_LINK_KINDS, { message: `must be one of: ${DECISION_LINK_KINDS.join(', ')}` }),
  })
  .strict();

export const AmendmentSchema = z
  .object({
    id: z.string().startsWith('amd_'),
    what: Text(5000).min(1, { message: 'is required: say what is corrected' }),
    why: Text(5000).min(1, { message: 'is required: say why' }),
    by: z.string(),
    at: Instant,
  })
  .strict();
export type Amendment = z.infer<typeof AmendmentSchema>;

/** What a person fills in for a decision (the reference is assigned). */
export const DecisionFieldsSchema = z
  .object({
    title: Text(300).min(1, { message: 'is required' }),
    date: CalendarDate,
    meetingId: z.string().startsWith('mtg_').nullable().default(null),
    itemId: z.string().startsWith('itm_').nullable().default(null),
    outcome: z.enum(OUTCOMES, { message: `must be one of: ${OUTCOMES.join(', ')}` }),
    wording: Markdown,
    summary: Markdown,
    reasons: Markdown,
    alternatives: Markdown,
    financialImplications: Markdown,
    legalImplications: Markdown,
    equalityImplications: Markdown,
    declarations: z.array(DecisionDeclarationSchema).default([]),
    votes: VotesSchema.nullable().default(null),
    decisionMaker: Text(300).default(''),
    keyDecision: z.boolean().default(false),
    publishedOn: z.union([z.literal(''), CalendarDate]).default(''),
    effectiveDate: z.union([z.literal(''), CalendarDate]).default(''),
    reliedOn: z.array(ReliedOnSchema).default([]),
    contractIds: z.array(z.string().startsWith('ctr_', { message: 'must be a contract' })).default([]),
    links: z.array(DecisionLinkSchema).default([]),
  })
  .strict();

export const DecisionSchema = RecordBase.extend({
  ...DecisionFieldsSchema.shape,
  reference: Text(60).min(1),
  status: z.enum(['draft', 'signed']),
  signedBy: z.string().default(''),
  signedAt: Instant.nullable().default(null),
  /** Call-in end, computed from publishedOn and the call-in setting at save time. */
  callInEnds: z.union([z.literal(''), CalendarDate]).default(''),
  amendments: z.array(AmendmentSchema).default([]),
}).strict();
export type Decision = z.infer<typeof DecisionSchema>;
