/**
 * Conditions attached to decisions: an owner, a due date or a recurrence,
 * the evidence required, and a status tracked to its end with a dated trail.
 */
import { z } from 'zod';
import { CalendarDate, Instant, RecordBase } from './common.ts';

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

export const StatusChangeSchema = z
  .object({
    status: z.enum(CONDITION_STATUSES),
    at: Instant,
    by: z.string(),
    note: Text(5000).default(''),
    evidencePaperId: z.string().startsWith('pap_').nullable().default(null),
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
  })
  .strict();

export const ConditionSchema = RecordBase.extend({
  ...ConditionFieldsSchema.shape,
  status: z.enum(CONDITION_STATUSES),
  history: z.array(StatusChangeSchema),
}).strict();
export type Condition = z.infer<typeof ConditionSchema>;
