import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateOf,
  dayCount,
  daysBetween,
  daysInMonth,
  partsOf,
} from '../../../shared/dates/calendarDates.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import { CalendarDate } from '../../../shared/schema/common.ts';

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

describe('the short paths give what the general ones gave', () => {
  // The general forms, as they were before the short paths (split, padStart, Date.UTC, toLocaleString).
  const generalParts = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return { y, m, d };
  };
  const generalDateOf = (y: number, m: number, d: number) =>
    `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const generalDaysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

  it('partsOf, dateOf and daysInMonth, for any date and for odd shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = generalDateOf(y, m, d);
          expect(partsOf(text)).toEqual(generalParts(text));
          expect(dateOf(y, m, d)).toBe(text);
          expect(daysInMonth(y, m)).toBe(generalDaysInMonth(y, m));
        },
      ),
    );
    for (const odd of ['2026-6-5', '2026-06', '', 'x', '2026-ab-01', '12026-01-01']) {
      expect(partsOf(odd)).toEqual(generalParts(odd));
    }
    for (const [y, m, d] of [
      [12, 1, 2],
      [2026, 0, 0],
      [2026, 13, 1],
      [-5, 1, 1],
      [2026.5, 1, 1],
      [10000, 1, 1],
    ] as const) {
      expect(dateOf(y, m, d)).toBe(generalDateOf(y, m, d));
    }
    for (const [y, m] of [
      [2026, 0],
      [2026, 13],
      [2024, 2],
      [1900, 2],
      [2000, 2],
      [50, 2],
    ] as const) {
      expect(daysInMonth(y, m)).toBe(generalDaysInMonth(y, m));
    }
  });

  it('dayCount writes numbers as en-GB does', () => {
    for (const n of [0, 1, 2, 999, 1000, 12345, 1234567, -3]) {
      expect(dayCount(n)).toBe(n === 1 ? '1 day' : `${n.toLocaleString('en-GB')} days`);
    }
  });
});
