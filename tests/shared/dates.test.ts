import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidaysOf, easterSunday, ruleHolidays, REGIONS } from '../../shared/dates/bankHolidays.ts';
import { addDays, addMonths, daysBetween, daysInMonth, weekdayOf } from '../../shared/dates/calendarDates.ts';
import { addWorkingDays, isWorkingDay, type HolidayRules } from '../../shared/dates/workingDays.ts';
import { dateInZone } from '../../shared/dates/time.ts';
import { CalendarDate } from '../../shared/schema/common.ts';

const ew: HolidayRules = { region: 'england-and-wales', extra: [], removed: [] };
const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('calendar arithmetic', () => {
  it('follows the calendar for months', () => {
    expect(addMonths('2026-06-24', 12)).toBe('2027-06-24');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('adding months never lands past the month’s end, and keeps the day when it can', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const out = addMonths(d, n);
        const [y, m, day] = out.split('-').map(Number) as [number, number, number];
        const inDay = Number(d.slice(8));
        expect(day).toBe(Math.min(inDay, daysInMonth(y, m)));
      }),
    );
  });

  it('adding and subtracting days round-trips', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('knows the date in the board’s time zone across the clock changes', () => {
    // 29 March 2026 01:00 UTC is 02:00 BST; 25 October 2026 00:30 UTC is 01:30 BST.
    expect(dateInZone(new Date('2026-03-28T23:30:00Z'), 'Europe/London')).toBe('2026-03-28');
    expect(dateInZone(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
    expect(dateInZone(new Date('2026-10-24T23:30:00Z'), 'Europe/London')).toBe('2026-10-25');
    expect(dateInZone(new Date('2026-12-31T23:30:00Z'), 'Europe/London')).toBe('2026-12-31');
  });
});

describe('calendar dates in records', () => {
  it('accepts exactly the real dates, leap years included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const t = new Date(Date.UTC(y, m - 1, d));
          const real = m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
          expect(CalendarDate.safeParse(text).success).toBe(real);
        },
      ),
    );
    expect(CalendarDate.safeParse('2028-02-29').success).toBe(true);
    expect(CalendarDate.safeParse('2100-02-29').success).toBe(false);
    expect(CalendarDate.safeParse('24/06/2026').success).toBe(false);
  });
});

describe('bank holidays and working days', () => {
  it('computes the published years by rule exactly, in every region (so later years are trustworthy)', () => {
    for (const region of REGIONS) {
      for (const year of [2025, 2026, 2027]) {
        const published = bankHolidaysOf(year, region);
        expect(published.provisional).toBe(false);
        expect(ruleHolidays(year, region)).toEqual(published.dates);
      }
    }
  });

  it('marks years beyond the published list provisional', () => {
    const y2030 = bankHolidaysOf(2030, 'england-and-wales');
    expect(y2030.provisional).toBe(true);
    expect(y2030.dates).toContain('2030-04-19'); // Good Friday 2030
    expect(easterSunday(2030)).toBe('2030-04-21');
  });

  it('never counts a weekend or a holiday as a working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40, max: 40 }), (d, n) => {
        const out = addWorkingDays(d, n, ew);
        if (n !== 0) expect(isWorkingDay(out, ew)).toBe(true);
        expect(weekdayOf(out) === 0 || weekdayOf(out) === 6).toBe(
          n !== 0 ? false : weekdayOf(d) === 0 || weekdayOf(d) === 6,
        );
      }),
    );
  });

  it('skips Easter and Christmas in England and Wales, and honours Settings', () => {
    // Thursday 2 April 2026 + 1 working day skips Good Friday and Easter Monday.
    expect(addWorkingDays('2026-04-02', 1, ew)).toBe('2026-04-07');
    // Thursday 24 December 2026 + 1 skips Christmas, the weekend and the substitute Boxing Day.
    expect(addWorkingDays('2026-12-24', 1, ew)).toBe('2026-12-29');
    // Scotland keeps Easter Monday as a working day.
    expect(addWorkingDays('2026-04-02', 1, { ...ew, region: 'scotland' })).toBe('2026-04-06');
    expect(addWorkingDays('2026-06-24', 5, { ...ew, extra: ['2026-06-26'] })).toBe('2026-07-02');
    expect(isWorkingDay('2026-04-03', { ...ew, removed: ['2026-04-03'] })).toBe(true);
  });
});
