/**
 * Stored deadline records and the reminder ledger. Most deadlines are derived
 * from their sources (conditions, contracts, meetings, decisions) and are not
 * stored; what is stored is (a) manual deadlines, (b) a person's settings for
 * a derived deadline (its own lead times, a snooze), keyed by the derived
 * deadline's key, and (c) the ledger of reminder occurrences already handled,
 * so each fires exactly once across restarts.
 */
import { z } from 'zod';
import { CalendarDate, Instant, RecordBase } from './common.ts';

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });

/** Lead times in days before the due date (0 = on the day), largest first. */
export const LeadDays = z
  .array(z.number().int().min(0, { message: 'must not be negative' }).max(730, { message: 'must be at most 730 days' }))
  .max(10, { message: 'at most 10 reminders' });

export const DeadlineOwnerSchema = z
  .object({
    memberId: z.string().startsWith('mem_').nullable().default(null),
    name: Text(300).default(''),
    email: z.union([z.literal(''), z.email({ message: 'is not an e-mail address' })]).default(''),
  })
  .strict();

/** A manual deadline, or the settings a person gave a derived one. */
export const DeadlineSchema = RecordBase.extend({
  /** `manual`: a deadline of its own. `derived`: settings for the derived deadline named by `key`. */
  source: z.enum(['manual', 'derived']),
  /** The deadline's key: its own id when manual; the derived deadline's key otherwise. */
  key: z.string().min(1),
  title: Text(300).default(''),
  due: z.union([z.literal(''), CalendarDate]).default(''),
  owner: DeadlineOwnerSchema.default({ memberId: null, name: '', email: '' }),
  notes: z.string().max(10_000).default(''),
  /** Links a manual deadline to what it is about. */
  contractId: z.string().startsWith('ctr_').nullable().default(null),
  decisionId: z.string().startsWith('dec_').nullable().default(null),
  status: z.enum(['open', 'done', 'cancelled']).default('open'),
  /** Overrides the lead times in Settings for this deadline. */
  leadDays: LeadDays.nullable().default(null),
  /** No reminder for this deadline before this instant. */
  snoozedUntil: z.union([z.literal(''), Instant]).default(''),
}).strict();
export type Deadline = z.infer<typeof DeadlineSchema>;

/**
 * One reminder occurrence the app has dealt with (fired, dismissed, or an
 * arrival summarised), one entry each; or, kind `settled`, the occurrences of
 * one deadline plan (deadline key + due date) superseded without firing, as
 * one entry per plan: every occurrence of that plan whose time is at or
 * before `at` is dealt with. A catch-up after an absence supersedes tens of
 * thousands of occurrences; they move that one entry on instead of adding one
 * each. Its id is {@link settledEntryId} (one per plan, changed in place).
 */
export const LedgerEntrySchema = RecordBase.extend({
  /** The occurrence key: deadline key + kind + due date + lead days, overdue week or snooze end (`settled`: + 0). */
  key: z.string().min(1),
  deadlineKey: z.string().min(1),
  /**
   * `arrival`: already overdue when this copy learned of it, told once in the in-app summary.
   * `settled`: the plan's occurrences superseded up to `at` (outcome `superseded`).
   */
  kind: z.enum(['lead', 'overdue', 'snooze', 'arrival', 'settled']),
  due: CalendarDate,
  /** Days before due (lead), or weeks after due (overdue); for `settled`, how many occurrences it stands for. */
  offset: z.number().int().min(0),
  outcome: z.enum(['fired', 'superseded', 'dismissed', 'summarised']),
  /** When the occurrence came (or comes) due; for `settled`, the latest occurrence it stands for. */
  at: Instant,
}).strict();
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The id of a plan's `settled` entry: one per deadline key and due date, so a later catch-up moves the same entry on. */
export function settledEntryId(deadlineKey: string, due: string): string {
  return `rem_settled|${deadlineKey}|${due}`;
}
