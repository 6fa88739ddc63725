/**
 * Decisions: what the board resolved, with its reasons and implications, the
 * papers it relied on (pinned to a version), its links to contracts and to
 * earlier decisions, and its sign-off. A signed decision is read-only; a
 * correction is an amendment.
 */
import { z } from 'zod';
import { CalendarDate, Instant, RecordBase } from './common.ts';

export const OUTCOMES = [
  'approved',
  'approved_with_conditions',
  'rejected',
  'not_approved',
  'blocked',
  'deferred',
  'noted',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Each outcome in the board's words: "not approved" and "blocked" are kept apart from "rejected" where a board uses them. */
export const OUTCOME_LABELS: { [O in Outcome]: string } = {
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
  not_approved: 'Not approved',
  blocked: 'Blocked',
  deferred: 'Deferred',
  noted: 'Noted',
};

export const DECISION_LINK_KINDS = ['follows', 'varies', 'supersedes', 'implements', 'retenders'] as const;
export type DecisionLinkKind = (typeof DECISION_LINK_KINDS)[number];
/** How a later decision relates to an earlier one; "follows" is a later decision on the same matter (after a block, say). */
export const DECISION_LINK_LABELS: { [K in DecisionLinkKind]: string } = {
  follows: 'follows',
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

/** A decision reference as the board wrote it; '' asks for the next one of the board's pattern. */
export const DecisionReference = z.union([z.literal(''), Text(60)]).default('');

/** What a person fills in for a decision: the board's own reference, or '' for the next of its pattern. */
export const DecisionFieldsSchema = z
  .object({
    reference: DecisionReference,
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
    /** Taken in private or otherwise not for publication: kept out of public registers. */
    confidential: z.boolean().default(false),
  })
  .strict();

/** Who signed a decision and on what day, as the board records it (not who typed the sign-off). */
export const SignatureSchema = z
  .object({
    signatory: Text(300).min(1, { message: 'is required: say who signed the decision' }),
    signatoryMemberId: z.string().startsWith('mem_', { message: 'must be a member' }).nullable().default(null),
    signedOn: CalendarDate,
  })
  .strict();

export const DecisionSchema = RecordBase.extend({
  ...DecisionFieldsSchema.shape,
  reference: Text(60).min(1),
  status: z.enum(['draft', 'signed']),
  /** Who recorded the sign-off in this app (the audit trail's actor), and when. */
  signedBy: z.string().default(''),
  signedAt: Instant.nullable().default(null),
  /** Who signed the decision (a member's name and role, or free text) and on what date. */
  signatory: Text(300).default(''),
  signatoryMemberId: z.string().startsWith('mem_').nullable().default(null),
  signedOn: z.union([z.literal(''), CalendarDate]).default(''),
  /** Call-in end, computed from publishedOn and the call-in setting at save time. */
  callInEnds: z.union([z.literal(''), CalendarDate]).default(''),
  amendments: z.array(AmendmentSchema).default([]),
}).strict();
export type Decision = z.infer<typeof DecisionSchema>;
