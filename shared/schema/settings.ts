/**
 * The board's settings: a single record in the state.
 */
import { z } from 'zod';
import { REGIONS } from '../dates/bankHolidays.ts';
import { CalendarDate, Instant, isTimeZone } from './common.ts';
import { LeadDays } from './deadlines.ts';

/** Checks a decision reference pattern: `{yyyy}` and `{seq}` or `{seq:N}` with fixed text around them. */
export function referencePatternProblem(pattern: string): string | null {
  if (!/\{seq(:\d)?\}/.test(pattern)) return 'must contain {seq} (or {seq:3} for three digits)';
  const rest = pattern.replace(/\{yyyy\}|\{seq(:\d)?\}/g, '');
  if (/[{}]/.test(rest)) return 'may only use {yyyy} and {seq} or {seq:N}';
  return null;
}

const TimeZone = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .refine(isTimeZone, { message: 'is not a known time zone (for example Europe/London)' });

export const SettingsSchema = z.object({
  /** The board's name, shown in the title bar and on every document. */
  boardName: z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(200, { message: 'must be at most 200 characters' }),
  /** The board's time zone: due dates are calendar dates in this zone. */
  timeZone: TimeZone,
  /** Who uses this installation: the actor named in the audit trail. */
  localUserName: z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(100, { message: 'must be at most 100 characters' }),
  /** How many voting members (chair, members, independent members) must be present for decisions to be valid. */
  quorum: z
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(100, { message: 'must be at most 100' }),
  /** How decision references are made, e.g. `PCD {yyyy}-{seq:3}` gives `PCD 2026-117`. */
  decisionReferencePattern: z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(60)
    .superRefine((p, ctx) => {
      const problem = referencePatternProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** The call-in period: working days after publication during which a decision can be challenged. */
  callInWorkingDays: z.number().int({ message: 'must be a whole number' }).min(0).max(60),
  /** Whose bank holidays count when working days are counted. */
  holidayRegion: z.enum(REGIONS, { message: `must be one of: ${REGIONS.join(', ')}` }),
  /** Extra holidays (e.g. a one-off bank holiday) and published ones to ignore. */
  extraHolidays: z.array(CalendarDate).max(200),
  removedHolidays: z.array(CalendarDate).max(200),
  /** Days before a deadline when a reminder fires (0 = on the day). */
  reminderLeadDays: LeadDays,
  /** Time of day reminders fire, in the board's time zone. */
  reminderTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 09:00' }),
  /** Papers are due this many working days before a meeting. */
  papersDueWorkingDays: z.number().int({ message: 'must be a whole number' }).min(0).max(60),
  /**
   * When the rule that places papers-due dates (papers-due working days, the
   * bank holiday region, extra or removed holidays) last changed; '' when it
   * never has. Kept by the backend, not edited: a papers-due deadline is
   * known, with its date, from then, so moving the dates sets off no
   * reminder whose time had already passed.
   */
  papersDueRuleChangedAt: z.union([z.literal(''), Instant]).default(''),
  /** When `reminderLeadDays` last changed ('' when it never has), kept as `papersDueRuleChangedAt` is. */
  leadDaysChangedAt: z.union([z.literal(''), Instant]).default(''),
  /**
   * The prefix of the ocids the OCDS export builds for contracts without a
   * published notice: a registered one (`ocds-` and six letters or digits,
   * from the Open Contracting Partnership) or the board's own (never one that
   * only looks registered). Empty: asked for at export.
   */
  ocdsPrefix: z
    .string()
    .trim()
    .max(40, { message: 'must be at most 40 characters' })
    .regex(/^$|^ocds-[a-z0-9]{6}$|^(?!ocds-)[A-Za-z0-9][A-Za-z0-9-]*$/, {
      message: 'must be a registered prefix (ocds- and six letters or digits) or your own letters, digits and hyphens',
    }),
  /**
   * Supplier names the board says are the same supplier: groups of two or
   * more names (read by shared/rules/supplierMatching.ts through
   * `boardSupplierAliases`).
   */
  supplierAliases: z
    .array(
      z
        .array(z.string().trim().min(1, { message: 'must not be empty' }).max(300))
        .min(2, { message: 'needs at least two names' })
        .max(50),
    )
    .max(500)
    .default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The settings the backend keeps itself (when rules changed): in the state, never in a patch. */
export type KeptSetting = 'papersDueRuleChangedAt' | 'leadDaysChangedAt';
/** The settings a person edits. */
export type EditableSetting = Exclude<keyof Settings, KeptSetting>;

/** What `settings:update` accepts: any subset of the editable fields, nothing else. */
export const SettingsPatchSchema = SettingsSchema.omit({ papersDueRuleChangedAt: true, leadDaysChangedAt: true })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** The settings that place papers-due dates. */
const PAPERS_DUE_RULE = ['papersDueWorkingDays', 'holidayRegion', 'extraHolidays', 'removedHolidays'] as const;

/**
 * `next` with its change times brought up to `now` for the rules it changes
 * from `current`: the papers-due rule, the board's lead times. Unchanged
 * rules keep their times, so settings that change nothing stay equal.
 */
export function withRuleChangeTimes(current: Settings, next: Settings, now: string): Settings {
  const differs = (k: EditableSetting): boolean => JSON.stringify(current[k]) !== JSON.stringify(next[k]);
  const papersDue = PAPERS_DUE_RULE.some(differs);
  const leadDays = differs('reminderLeadDays');
  if (!papersDue && !leadDays) return next;
  return {
    ...next,
    ...(papersDue ? { papersDueRuleChangedAt: now } : {}),
    ...(leadDays ? { leadDaysChangedAt: now } : {}),
  };
}

/** Settings of a new installation. */
export const DEFAULT_SETTINGS: Settings = {
  boardName: 'My board',
  timeZone: 'Europe/London',
  localUserName: 'Secretariat',
  quorum: 3,
  decisionReferencePattern: 'PCD {yyyy}-{seq:3}',
  callInWorkingDays: 5,
  holidayRegion: 'england-and-wales',
  extraHolidays: [],
  removedHolidays: [],
  reminderLeadDays: [90, 30, 7, 1, 0],
  reminderTime: '09:00',
  papersDueWorkingDays: 5,
  papersDueRuleChangedAt: '',
  leadDaysChangedAt: '',
  ocdsPrefix: '',
  supplierAliases: [],
};
