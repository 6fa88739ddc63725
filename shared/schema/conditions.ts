/**
 * Conditions attached to decisions: an owner, a due date or a recurrence,
 * the evidence required, and a status tracked to its end with a dated trail.
 */
import { z } from 'zod';
import { CalendarDate, Instant, RecordBase } from './common.ts';
import { AttachmentSchema } from './papers.ts';

export const CONDITION_STATUSES = ['open', 'met', 'partially_met', 'breached', 'waived', 'superseded'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];
export const CONDITION_STATUS_LABELS: { [S in ConditionStatus]: string } = {
  open: 'Open',
  met: 'Met',
  partially_met: 'Partially met',
  breached: 'Breached',
  waived: 'Waived',
  superseded: 'Superseded',
};
/** Statuses that end a condition: no more reminders. */
export const CLOSED_CONDITION_STATUSES: readonly ConditionStatus[] = ['met', 'waived', 'superseded'];

export const RECURRENCES = ['monthly', 'quarterly', 'annually'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });

export const OwnerSchema = z
  .object({
    memberId: z.string().startsWith('mem_').nullable().default(null),
    name: Text(300).min(1, { message: 'is required: a member or an outside body' }),
    email: z.union([z.literal(''), z.email({ message: 'is not an e-mail address' })]).default(''),
  })
  .strict();

export const RecurrenceSchema = z
  .object({
    every: z.enum(RECURRENCES, { message: 'must be monthly, quarterly or annually' }),
    from: CalendarDate,
    until: z.union([z.literal(''), CalendarDate]).default(''),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.until && r.until < r.from)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before the first date' });
  });

/**
 * One update of a condition: a status (the same one for a note), when it
 * happened (`on`, a date the user gives) and when it was entered (`at`, for
 * the audit trail), who, a note, evidence (a paper of the library and/or a
 * file attached to the update), and the due date of a recurring condition it
 * answers, only when the user said so ('' for none).
 */
export const StatusChangeSchema = z
  .object({
    status: z.enum(CONDITION_STATUSES),
    /** When the update was entered (the audit trail's time). */
    at: Instant,
    /** The day it happened in the board's time zone (a report received, a breach found). */
    on: CalendarDate,
    by: z.string(),
    note: Text(5000).default(''),
    evidencePaperId: z.string().startsWith('pap_').nullable().default(null),
    /** Evidence attached to the update itself, stored as a blob like a paper's attachment. */
    evidenceFile: AttachmentSchema.nullable().default(null),
    /** The due date of the recurring condition this update answers; '' when it answers none. */
    answers: z.union([z.literal(''), CalendarDate]).default(''),
  })
  .strict();
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const ConditionFieldsSchema = z
  .object({
    decisionId: z.string().startsWith('dec_', { message: 'is required: a condition belongs to a decision' }),
    wording: Text(5000).min(1, { message: 'is required' }),
    owner: OwnerSchema,
    due: z.union([z.literal(''), CalendarDate]).default(''),
    recurrence: RecurrenceSchema.nullable().default(null),
    evidenceRequired: Text(5000).default(''),
    /**
     * An ongoing obligation ("keep internal tools apart from the supplier's
     * platform"): no due date of its own; `due` is then an optional review
     * date and `recurrence` an optional recurring review.
     */
    ongoing: z.boolean().default(false),
  })
  .strict();

export const ConditionSchema = RecordBase.extend({
  ...ConditionFieldsSchema.shape,
  /**
   * When this copy learned of the condition: created, imported or restored
   * here. Not `updatedAt`, which an import carries over from elsewhere. No
   * reminder whose time fell before it is sent as a notification.
   */
  learnedAt: Instant,
  status: z.enum(CONDITION_STATUSES),
  history: z.array(StatusChangeSchema),
}).strict();
export type Condition = z.infer<typeof ConditionSchema>;
