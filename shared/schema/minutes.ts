/**
 * Minutes of a meeting: the secretariat's record per agenda item, from draft
 * to approved (at a later meeting); approved minutes are locked, and
 * corrections are amendments, as for signed decisions.
 */
import { z } from 'zod';
import { CalendarDate, RecordBase } from './common.ts';
import { AmendmentSchema } from './decisions.ts';

export const MinutesSchema = RecordBase.extend({
  meetingId: z.string().startsWith('mtg_'),
  status: z.enum(['draft', 'approved']),
  /** Opening remarks, chair's announcements (Markdown). */
  opening: z.string().max(200_000).default(''),
  /** The discussion summary per agenda item id (Markdown). */
  discussion: z.record(z.string().startsWith('itm_'), z.string().max(200_000)).default({}),
  approvedAtMeetingId: z.string().startsWith('mtg_').nullable().default(null),
  approvedOn: z.union([z.literal(''), CalendarDate]).default(''),
  approvedBy: z.string().default(''),
  amendments: z.array(AmendmentSchema).default([]),
}).strict();
export type Minutes = z.infer<typeof MinutesSchema>;

/** The id of a meeting's minutes record. */
export function minutesIdOf(meetingId: string): string {
  return `min_${meetingId.slice('mtg_'.length)}`;
}
