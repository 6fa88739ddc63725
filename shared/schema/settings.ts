/**
 * The board's settings: a single record in the state.
 */
import { z } from 'zod';
import { isTimeZone } from './common.ts';

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
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What `settings:update` accepts: any subset of the fields, nothing else. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Settings of a new installation. */
export const DEFAULT_SETTINGS: Settings = {
  boardName: 'My board',
  timeZone: 'Europe/London',
  localUserName: 'Secretariat',
  quorum: 3,
};
