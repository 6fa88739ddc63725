/**
 * UK bank holidays: the published lists as data, and the rules that compute
 * later years (marked provisional: a one-off holiday, such as a coronation,
 * is only known when announced, and can be added in Settings).
 */
import { addDays, dateOf, weekdayOf } from './calendarDates.ts';

export const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: { [R in Region]: string } = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** The years the published lists below cover. */
export const PUBLISHED_YEARS = { from: 2025, to: 2027 } as const;

/** Bank holidays as published for 2025-2027 (GOV.UK). */
const PUBLISHED: { [R in Region]: readonly string[] } = {
  'england-and-wales': [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
  scotland: [
    '2025-01-01',
    '2025-01-02',
    '2025-04-18',
    '2025-05-05',
    '2025-05-26',
    '2025-08-04',
    '2025-12-01',
    '2025-12-25',
    '2025-12-26',
    '2026-01-01',
    '2026-01-02',
    '2026-04-03',
    '2026-05-04',
    '2026-05-25',
    '2026-08-03',
    '2026-11-30',
    '2026-12-25',
    '2026-12-28',
    '2027-01-01',
    '2027-01-04',
    '2027-03-26',
    '2027-05-03',
    '2027-05-31',
    '2027-08-02',
    '2027-11-30',
    '2027-12-27',
    '2027-12-28',
  ],
  'northern-ireland': [
    '2025-01-01',
    '2025-03-17',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-07-14',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    '2026-01-01',
    '2026-03-17',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-07-13',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    '2027-01-01',
    '2027-03-17',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-07-12',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
};

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

function firstMonday(year: number, month: number): string {
  let date = dateOf(year, month, 1);
  while (weekdayOf(date) !== 1) date = addDays(date, 1);
  return date;
}

function lastMonday(year: number, month: number): string {
  let date = addDays(dateOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  while (weekdayOf(date) !== 1) date = addDays(date, -1);
  return date;
}

/** A fixed-date holiday moved to the next free weekday when it falls on a weekend or on another holiday. */
function substitute(date: string, taken: Set<string>): string {
  let d = date;
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6 || taken.has(d)) d = addDays(d, 1);
  taken.add(d);
  return d;
}

/** Bank holidays of a year by rule (the usual pattern, without one-off holidays). */
export function ruleHolidays(year: number, region: Region): string[] {
  const easter = easterSunday(year);
  const taken = new Set<string>();
  const out: string[] = [substitute(dateOf(year, 1, 1), taken)];
  if (region === 'scotland') out.push(substitute(dateOf(year, 1, 2), taken));
  if (region === 'northern-ireland') out.push(substitute(dateOf(year, 3, 17), taken));
  out.push(addDays(easter, -2));
  if (region !== 'scotland') out.push(addDays(easter, 1));
  out.push(firstMonday(year, 5), lastMonday(year, 5));
  if (region === 'northern-ireland') out.push(substitute(dateOf(year, 7, 12), taken));
  out.push(region === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8));
  if (region === 'scotland') out.push(substitute(dateOf(year, 11, 30), new Set()));
  const christmas = new Set<string>();
  out.push(substitute(dateOf(year, 12, 25), christmas), substitute(dateOf(year, 12, 26), christmas));
  return out.sort();
}

/** A year's bank holidays, and whether they are published or computed by rule (provisional). */
export function bankHolidaysOf(year: number, region: Region): { dates: string[]; provisional: boolean } {
  if (year >= PUBLISHED_YEARS.from && year <= PUBLISHED_YEARS.to) {
    return { dates: PUBLISHED[region].filter((d) => d.startsWith(`${year}-`)), provisional: false };
  }
  return { dates: ruleHolidays(year, region), provisional: true };
}

const holidaySets = new Map<string, ReadonlySet<string>>();

/**
 * A year's bank holidays as a set, computed once per year and region:
 * counting working days asks for every day it steps over, and computing a
 * year by rule each time made a register of a few hundred meetings take
 * hundreds of milliseconds.
 */
export function bankHolidaySet(year: number, region: Region): ReadonlySet<string> {
  const key = `${region}:${year}`;
  let set = holidaySets.get(key);
  if (set === undefined) {
    set = new Set(bankHolidaysOf(year, region).dates);
    holidaySets.set(key, set);
  }
  return set;
}
