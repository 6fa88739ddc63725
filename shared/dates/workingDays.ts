/**
 * Working days: weekdays that are not bank holidays of the board's region,
 * with the days Settings adds or removes.
 */
import { bankHolidaySet, REGIONS, type Region } from './bankHolidays.ts';
import { addDays, partsOf, weekdayOf } from './calendarDates.ts';

/** The holiday rules a board uses. */
export interface HolidayRules {
  readonly region: Region;
  /**
   * Further regions whose bank holidays also count: a day that is a bank
   * holiday in any of them is not a working day (the Procurement Act 2023's
   * working days, see {@link anyPartOfTheUk}).
   */
  readonly alsoRegions?: readonly Region[];
  /** Days Settings adds as holidays (e.g. a one-off bank holiday). */
  readonly extra: readonly string[];
  /** Days Settings removes from the list. */
  readonly removed: readonly string[];
}

/** Whether `date` is a bank holiday under `rules`. */
export function isHoliday(date: string, rules: HolidayRules): boolean {
  if (rules.removed.includes(date)) return false;
  if (rules.extra.includes(date)) return true;
  const year = partsOf(date).y;
  if (bankHolidaySet(year, rules.region).has(date)) return true;
  return rules.alsoRegions?.some((r) => bankHolidaySet(year, r).has(date)) ?? false;
}

/**
 * Holiday rules where a bank holiday in any part of the United Kingdom is not
 * a working day (the Procurement Act 2023's definition), keeping the board's
 * own added and removed days.
 */
export function anyPartOfTheUk(rules: Pick<HolidayRules, 'extra' | 'removed'>): HolidayRules {
  return { region: REGIONS[0], alsoRegions: REGIONS.slice(1), extra: rules.extra, removed: rules.removed };
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
