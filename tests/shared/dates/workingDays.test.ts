import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidaysOf, easterSunday, ruleHolidays, REGIONS } from '../../../shared/dates/bankHolidays.ts';
import { weekdayOf } from '../../../shared/dates/calendarDates.ts';
import { addWorkingDays, isWorkingDay, type HolidayRules } from '../../../shared/dates/workingDays.ts';

const ew: HolidayRules = { region: 'england-and-wales', extra: [], removed: [] };
const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

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
