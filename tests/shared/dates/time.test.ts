// The board's time zone: the instant of a local time, and the date of an instant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInZone, instantOfLocal } from '../../../shared/dates/time.ts';

const LONDON = 'Europe/London';

describe('the instant of a local time in the board’s zone', () => {
  it('follows the clock changes at the end of March and October in Europe/London', () => {
    expect(instantOfLocal('2026-03-28', '09:00', LONDON).toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(instantOfLocal('2026-03-29', '09:00', LONDON).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(instantOfLocal('2026-10-24', '09:00', LONDON).toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(instantOfLocal('2026-10-25', '09:00', LONDON).toISOString()).toBe('2026-10-25T09:00:00.000Z');
    // 01:30 does not exist on 29 March 2026 (01:00 GMT jumps to 02:00 BST): it is taken as 02:30 BST.
    expect(instantOfLocal('2026-03-29', '01:30', LONDON).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 happens twice on 25 October 2026: the first (BST) is taken.
    expect(instantOfLocal('2026-10-25', '01:30', LONDON).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOfLocal('2027-03-28', '09:00', LONDON).toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(instantOfLocal('2026-07-01', '00:00', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('lands on the same date and clock reading, for any date and time (outside the skipped hour)', () => {
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: LONDON,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2080-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, h, m) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const at = instantOfLocal(date, time, LONDON);
          expect(dateInZone(at, LONDON)).toBe(date);
          if (h !== 1) expect(wall.format(at)).toBe(time);
        },
      ),
    );
  });
});
