// The reminder caches (plans per deadline, columns per register): whatever was asked before, an
// answer equals the one worked out from scratch (from fresh objects, which no cache has seen).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/calendarDates.ts';
import { nextOccurrenceAt, remindersDue } from '../../../shared/caches/reminderColumns.ts';
import { upcomingOccurrences } from '../../../shared/caches/reminderPlans.ts';
import { OccurrenceLedger } from '../../../shared/caches/occurrenceLedger.ts';
import {
  occurrenceKey,
  settledKey,
  type RecordedOccurrences,
  type RemindedDeadline,
  type ReminderSettings,
} from '../../../shared/rules/reminders.ts';

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Auckland'];

const remindedDeadline: fc.Arbitrary<RemindedDeadline> = fc
  .record({
    key: fc.constantFrom('a', 'b', 'c', 'd'),
    title: fc.constant('A deadline'),
    due: fc.integer({ min: -120, max: 200 }).map((n) => addDays('2027-03-01', n)),
    status: fc.constantFrom('open', 'open', 'open', 'closed' as const),
    since: fc.integer({ min: -200 * 24, max: 60 * 24 }).map((h) => new Date(Date.parse('2027-03-01') + h * 3_600_000)),
    leadDays: fc.subarray([90, 30, 14, 7, 1, 0]),
    snoozedUntil: fc.option(
      fc.integer({ min: -60 * 24, max: 120 * 24 }).map((h) => new Date(Date.parse('2027-03-01') + h * 3_600_000)),
      { nil: null },
    ),
  })
  .map((d) => ({
    ...d,
    since: d.since.toISOString(),
    snoozedUntil: d.snoozedUntil === null ? '' : d.snoozedUntil.toISOString(),
  }));

describe('reminder plans, kept per deadline', () => {
  it('answer as plans made from scratch would, at any instant (the clock may go back) and with any ledger', () => {
    fc.assert(
      fc.property(
        fc.array(remindedDeadline, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom('09:00', '00:00', '02:30', '23:45'),
        fc.array(fc.integer({ min: -20 * 24 * 60, max: 9 * 24 * 60 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (deadlines, timeZone, reminderTime, steps, recordedPicks) => {
          const settings: ReminderSettings = { timeZone, reminderTime };
          let now = Date.parse('2027-01-20T00:00:00.000Z');
          const ledger = new Set<string>();
          for (const [i, minutes] of steps.entries()) {
            now += minutes * 60_000;
            const at = new Date(now);
            const copies = deadlines.map((d) => ({ ...d }));
            const due = remindersDue(deadlines, ledger, settings, at);
            expect(due).toEqual(remindersDue(copies, ledger, settings, at));
            expect(nextOccurrenceAt(deadlines, ledger, settings, at)).toEqual(
              nextOccurrenceAt(copies, ledger, settings, at),
            );
            for (const [j, d] of deadlines.entries()) {
              expect(upcomingOccurrences(d, settings, at, 4)).toEqual(upcomingOccurrences(copies[j]!, settings, at, 4));
            }
            // Record some of what was found, and dismiss one ahead now and then.
            for (const o of [...due.due, ...due.superseded]) if ((recordedPicks[i] ?? 0) % 3 !== 0) ledger.add(o.key);
            const ahead = upcomingOccurrences(deadlines[0]!, settings, at, 2)[1];
            if (ahead && (recordedPicks[i] ?? 0) % 2 === 0) ledger.add(ahead.key);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answer with a growth-only ledger (its bits, settled plans, a first look with a ledger read afresh) as with a plain one', () => {
    fc.assert(
      fc.property(
        fc.array(remindedDeadline, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom('09:00', '00:00', '23:45'),
        fc.array(fc.integer({ min: 0, max: 20 * 24 * 60 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (deadlines, timeZone, reminderTime, steps, picks) => {
          const settings: ReminderSettings = { timeZone, reminderTime };
          let now = Date.parse('2027-01-20T00:00:00.000Z');
          // The straightforward ledger: keys in a set, settled plans in a map, asked every time.
          const keys = new Set<string>();
          const through = new Map<string, number>();
          const plain: RecordedOccurrences = {
            has: (key) => keys.has(key),
            settledThrough: (key) => through.get(key) ?? -Infinity,
          };
          let growing = new OccurrenceLedger();
          // What was recorded since the last undo: its new keys, and each plan's settled instant before it.
          let recordedLast: { keys: string[]; through: Map<string, number | undefined> } = {
            keys: [],
            through: new Map(),
          };
          for (const [i, minutes] of steps.entries()) {
            now += minutes * 60_000;
            const at = new Date(now);
            const pick = picks[i] ?? 0;
            // Now and then the ledger is read afresh (after an undo or an import), as is the register array;
            // an undo takes back what was recorded since the last one (plans settled under the old ledger,
            // whose past occurrences were let go, must list them again).
            const list = pick % 4 === 0 ? deadlines.slice() : deadlines;
            if (pick % 8 === 4) {
              for (const key of recordedLast.keys) keys.delete(key);
              for (const [key, ms] of recordedLast.through) {
                if (ms === undefined) through.delete(key);
                else through.set(key, ms);
              }
              recordedLast = { keys: [], through: new Map() };
            }
            if (pick % 4 === 0)
              growing = OccurrenceLedger.of([...keys].map((key) => ({ key, kind: 'lead' as const, at: '' })));
            if (pick % 4 === 0)
              for (const [key, ms] of through)
                growing.record({ key, kind: 'settled' as const, at: new Date(ms).toISOString() });
            const expected = remindersDue(
              deadlines.map((d) => ({ ...d })),
              plain,
              settings,
              at,
            );
            const found = remindersDue(list, growing, settings, at);
            expect(found).toEqual(expected);
            expect(nextOccurrenceAt(list, growing, settings, at)).toEqual(
              nextOccurrenceAt(
                deadlines.map((d) => ({ ...d })),
                plain,
                settings,
                at,
              ),
            );
            if (pick % 3 === 0) continue;
            // Recorded as the scheduler records them: due ones by key, superseded ones settled per plan.
            growing.recordFound(found);
            for (const o of found.due) {
              if (!keys.has(o.key)) recordedLast.keys.push(o.key);
              keys.add(o.key);
            }
            for (const o of found.superseded) {
              const key = settledKey(o.deadlineKey, o.due);
              if (!recordedLast.through.has(key)) recordedLast.through.set(key, through.get(key));
              through.set(key, Math.max(through.get(key) ?? -Infinity, Date.parse(o.at)));
            }
            // Dismissed ahead: the next one is then found past it.
            const ahead = upcomingOccurrences(deadlines[pick % deadlines.length]!, settings, at, 1)[0];
            if (ahead && pick % 2 === 0) {
              keys.add(ahead.key);
              growing.add(ahead.key);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keys occurrences as they always were', () => {
    expect(occurrenceKey('cnd:cnd_1:2027-06-24', 'lead', '2027-06-24', 30)).toBe(
      'cnd:cnd_1:2027-06-24|lead|2027-06-24|30',
    );
  });
});
