/**
 * Working days: weekdays that are not bank holidays of the board's region,
 * with the days Settings adds or removes.
 */
import { bankHolidaySet, type Region } from './bankHolidays.ts';
import { addDays, partsOf, weekdayOf } from './calendarDates.ts';

/** The holiday rules a board uses. */
export interface HolidayRules {
  readonly region: Region;
  /** Days Settings adds as holidays (e.g. a one-off bank holiday). */
  readonly extra: readonly string[];
  /** Days Settings removes from the list. */
  readonly removed: readonly string[];
}

/** Whether `date` is a bank holiday under `rules`. */
export function isHoliday(date: string, rules: HolidayRules): boolean {
  if (rules.removed.includes(date)) return false;
  if (rules.extra.includes(date)) return true;
  return bankHolidaySet(partsOf(date).y, rules.region).has(date);
}

/** Whether `date` is a working day. */
export function isWorkingDay(date: string, rules: HolidayRules): boolean {
  const day = weekdayOf(date);
  return day !== 0 && day !== 6 && !isHoliday(date, rules);
}

/** The date `n` working days after `date` (n may be negative: before). */
export function addWorkingDays(date: string, n: number, rules: HolidayRules): string {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d, rules)) left--;
  }
  return d;
}
