/**
 * How a meeting is described in words: its status, when and where.
 */
import type { Meeting } from '../../../../shared/schema/meetings.ts';
import type { PackProgress } from '../../../../shared/contract/views.ts';
import { formatCalendarDate, formatCalendarDateLong } from '../../format.ts';

/** A meeting's status for a person. */
export const MEETING_STATUS_LABELS: { readonly [S in Meeting['status']]: string } = {
  planned: 'Planned',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** "Wednesday 24 June 2026, 10:00" (long) or "24 June 2026, 10:00". */
export function whenOf(meeting: Pick<Meeting, 'date' | 'time'>, long = false): string {
  const date = long ? formatCalendarDateLong(meeting.date) : formatCalendarDate(meeting.date);
  return meeting.time ? `${date}, ${meeting.time}` : date;
}

/** "City Hall, Committee Room 2 and remote", "Remote", or "". */
export function whereOf(meeting: Pick<Meeting, 'place' | 'remote'>): string {
  if (meeting.place && meeting.remote) return `${meeting.place}, and remote`;
  if (meeting.remote) return 'Remote';
  return meeting.place;
}

/** "1 of 2 papers read", or that the pack has no papers yet. */
export function packText(pack: PackProgress): string {
  if (pack.total === 0) return 'No papers yet';
  return `${pack.read} of ${pack.total} ${pack.total === 1 ? 'paper' : 'papers'} read`;
}
