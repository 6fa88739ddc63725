// The register's columns are set up step by step by a stepwise look (reminderLook, nextOccurrenceSearch): it
// pauses before they are complete, other looks may run between its steps, and it answers as a look made at once
// over fresh objects (which no cache has seen) does.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/calendarDates.ts';
import {
  columnsSetUp,
  nextOccurrenceAt,
  nextOccurrenceSearch,
  reminderLook,
  remindersDue,
} from '../../../shared/caches/reminderColumns.ts';
import { OccurrenceLedger } from '../../../shared/caches/occurrenceLedger.ts';
import type { RecordedOccurrences, RemindedDeadline, ReminderSettings } from '../../../shared/rules/reminders.ts';

const SIZE = 20_000;
const settings: ReminderSettings = { timeZone: 'Europe/London', reminderTime: '09:00' };
const NOW = new Date('2027-03-01T12:00:00.000Z');
const LEADS = [[90, 30, 14, 7, 1, 0], [30, 7], [14], []];

/** A register of `n` deadlines due from two years before NOW to a year after, from a fixed seed. */
function register(n: number, seed: number): RemindedDeadline[] {
  let s = seed;
  const next = (m: number): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % m;
  };
  const out: RemindedDeadline[] = [];
  for (let i = 0; i < n; i++) {
    const due = addDays('2027-03-01', next(1095) - 730);
    out.push({
      key: `cnd:cnd_${i}:${due}`,
      title: `Condition ${i}`,
      due,
      status: next(10) < 6 ? 'open' : 'closed',
      since: `${addDays(due, -next(400))}T08:00:00.000Z`,
      leadDays: LEADS[next(LEADS.length)]!,
      snoozedUntil: next(20) === 0 ? new Date(NOW.getTime() + (next(240) - 120) * 3_600_000).toISOString() : '',
    });
  }
  return out;
}

/** The same deadlines as new objects, which no cache has seen. */
function fresh(list: readonly RemindedDeadline[]): RemindedDeadline[] {
  return list.map((d) => ({ ...d }));
}

/** A ledger read through a plain object: no look remembers what it answered. */
function plainOf(ledger: OccurrenceLedger): RecordedOccurrences {
  return { has: (key) => ledger.has(key), settledThrough: (key) => ledger.settledThrough(key) };
}

/** Runs a stepwise look to its end, with `between(step)` after each pause; the columns set up after each step. */
function run<T>(steps: Generator<void, T, void>, list: readonly RemindedDeadline[], between?: (step: number) => void) {
  const setUp: number[] = [];
  for (let step = 0; ; step++) {
    const next = steps.next();
    if (next.done) return { value: next.value, setUp };
    setUp.push(columnsSetUp(list) ?? -1);
    between?.(step);
  }
}

describe('a stepwise look over a large register', () => {
  it('pauses before its columns are set up, and answers as remindersDue and nextOccurrenceAt do', () => {
    const list = register(SIZE, 7);
    const ledger = new OccurrenceLedger();
    const look = run(reminderLook(list, ledger, settings, NOW), list);
    // The first pause comes after one step's slots, long before the register's.
    expect(look.setUp[0]).toBeGreaterThan(0);
    expect(look.setUp[0]).toBeLessThan(SIZE / 10);
    expect(look.setUp.at(-1)).toBe(SIZE);
    for (let i = 1; i < look.setUp.length; i++) expect(look.setUp[i]).toBeGreaterThanOrEqual(look.setUp[i - 1]!);
    // A copy of the array (as after an edit), searched in steps: it takes the look's columns as it goes.
    const other = list.slice();
    const search = run(nextOccurrenceSearch(other, ledger, settings, NOW), other);
    expect(search.setUp[0]).toBeLessThan(SIZE / 10);

    const expected = remindersDue(fresh(list), plainOf(ledger), settings, NOW);
    expect(expected.due.length).toBeGreaterThan(1000);
    expect(expected.superseded.length).toBeGreaterThan(1000);
    expect(look.value).toEqual(expected);
    expect(search.value).toEqual(nextOccurrenceAt(fresh(list), plainOf(ledger), settings, NOW));
    expect(search.value).not.toBeNull();
  });

  it('after an edit, takes the columns of the array before step by step, while other looks run between its steps', () => {
    const base = register(SIZE, 11);
    const later = new Date(NOW.getTime() + 9 * 86_400_000);
    // A ledger as after an undo (read afresh), holding half of what is due nine days on.
    const undone = new OccurrenceLedger();
    let n = 0;
    for (const o of remindersDue(fresh(base), plainOf(new OccurrenceLedger()), settings, later).due)
      if (n++ % 2 === 0) undone.add(o.key);
    // The app as it runs: the register looked at, what was due recorded, and again nine days on (plans settled).
    const ledger = new OccurrenceLedger();
    ledger.recordFound(remindersDue(base, ledger, settings, NOW));
    ledger.recordFound(remindersDue(base, ledger, settings, later));
    expect(remindersDue(base, ledger, settings, later)).toEqual({ due: [], superseded: [] });

    // An edit: a new array of the same objects but a few (closed, moved, copied), looked at with the undone ledger.
    const edited = base.slice();
    for (let i = 0; i < SIZE; i += 997) {
      const d = edited[i]!;
      edited[i] = i % 3 === 0 ? { ...d, status: 'closed' } : i % 3 === 1 ? { ...d, due: addDays(d.due, 5) } : { ...d };
    }
    const steps = reminderLook(edited, undone, settings, later);
    let third: RemindedDeadline[] | null = null;
    const look = run(steps, edited, (step) => {
      // Between its steps: a stepwise look over a newer array, taking its columns from ours while they are being
      // set up (further than ours are)...
      if (step === 3) {
        const ours = columnsSetUp(edited)!;
        third = edited.slice();
        third[5] = { ...third[5]! };
        const partial = nextOccurrenceSearch(third, undone, settings, later);
        for (let i = 0; i < 6; i++) partial.next();
        expect(columnsSetUp(third)).toBeLessThan(SIZE);
        expect(columnsSetUp(edited)).toBeGreaterThan(ours);
      }
      // ...the old array looked at with a plain ledger holding all of it (what its columns learn then holds for
      // that one only, not for ours)...
      if (step === 10) remindersDue(base, plainOf(ledger), settings, later);
      // ...and a look over the same array as ours, at once (it sets up the rest of our columns).
      if (step === 30) expect(columnsSetUp(edited)).toBeLessThan(SIZE);
      if (step === 30) remindersDue(edited, plainOf(ledger), settings, NOW);
    });
    expect(look.setUp[0]).toBeLessThan(SIZE / 10);
    const expected = remindersDue(fresh(edited), plainOf(undone), settings, later);
    expect(expected.due.length).toBeGreaterThan(1000);
    expect(look.value).toEqual(expected);

    // The newer array, looked at to the end from columns taken in part from a register set up meanwhile.
    const newer = third!;
    expect(run(nextOccurrenceSearch(newer, undone, settings, later), newer).value).toEqual(
      nextOccurrenceAt(fresh(newer), plainOf(undone), settings, later),
    );
    expect(remindersDue(newer, ledger, settings, later)).toEqual(
      remindersDue(fresh(newer), plainOf(ledger), settings, later),
    );

    // With the ledger the array before learnt from: what it learnt is taken along, and holds.
    ledger.recordFound(remindersDue(base, ledger, settings, later));
    const again = base.slice();
    again[1] = { ...again[1]!, status: 'closed' };
    const settled = run(reminderLook(again, ledger, settings, later), again);
    expect(settled.setUp[0]).toBeLessThan(SIZE / 10);
    expect(settled.value).toEqual(remindersDue(fresh(again), plainOf(ledger), settings, later));

    // With plain ledgers (no look remembers what one answered), nothing the array before learnt is taken along.
    remindersDue(base, plainOf(ledger), settings, later);
    const plain = base.slice();
    plain[2] = { ...plain[2]! };
    expect(run(reminderLook(plain, plainOf(undone), settings, later), plain).value).toEqual(
      remindersDue(fresh(plain), plainOf(undone), settings, later),
    );
  });
});
