/**
 * Calendar dates in the board's time zone. Domain code never reads the clock:
 * `now` is passed in.
 */

/** The calendar date (`YYYY-MM-DD`) that `now` falls on in `timeZone`. */
export function dateInZone(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of `instantMs` in `timeZone`, as if that reading were a UTC instant (ms). */
function wallClockMs(instantMs: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, format);
  }
  const n: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instantMs))) n[part.type] = Number(part.value);
  return Date.UTC(n.year ?? 0, (n.month ?? 1) - 1, n.day ?? 1, n.hour ?? 0, n.minute ?? 0, n.second ?? 0);
}

/**
 * The instant at which the wall clocks of `timeZone` read `time` (`HH:MM`) on
 * `date` (`YYYY-MM-DD`). Uses only Intl, so it follows the platform's zone
 * rules. A time the clocks skip (01:30 on the last Sunday of March in London)
 * gives the instant an hour on (02:30 BST), as the clocks would read had they
 * not jumped; a time they show twice (01:30 on the last Sunday of October)
 * gives the first of the two.
 */
export function instantOfLocal(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(y, m - 1, d, hh, mm);
  // A zone's offset changes at most once within a few hours: the offsets half a
  // day either side are the only candidates.
  const offsetBefore = wallClockMs(wanted - 12 * 3_600_000, timeZone) - (wanted - 12 * 3_600_000);
  const offsetAfter = wallClockMs(wanted + 12 * 3_600_000, timeZone) - (wanted + 12 * 3_600_000);
  const candidates = [wanted - offsetBefore, wanted - offsetAfter].sort((a, b) => a - b);
  const exact = candidates.find((t) => wallClockMs(t, timeZone) === wanted);
  return new Date(exact ?? wanted - offsetBefore);
}
