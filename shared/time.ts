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
