// Reminder rules: exactly once, none lost, no burst; weekly when overdue; snooze, dismiss, close.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/calendarDates.ts';
import { OccurrenceLedger } from '../../../shared/caches/occurrenceLedger.ts';
import { nextOccurrenceAt, remindersDue } from '../../../shared/caches/reminderColumns.ts';
import { upcomingOccurrences } from '../../../shared/caches/reminderPlans.ts';
import {
  arrivalsLook,
  arrivalKey,
  occurrenceKey,
  overdueOnArrival,
  settledKey,
  type Occurrence,
  type RemindedDeadline,
  type ReminderSettings,
} from '../../../shared/rules/reminders.ts';
import { dateInZone, instantOfLocal } from '../../../shared/dates/time.ts';

const LONDON: ReminderSettings = { timeZone: 'Europe/London', reminderTime: '09:00' };
const DAY = 86_400_000;

function deadline(over: Partial<RemindedDeadline> = {}): RemindedDeadline {
  return {
    key: 'cnd:cnd_1:2027-06-24',
    title: 'Award a new contract',
    due: '2027-06-24',
    status: 'open',
    since: '2027-01-01T00:00:00.000Z',
    leadDays: [90, 30, 7, 1, 0],
    snoozedUntil: '',
    ...over,
  };
}

describe('remindersDue', () => {
  it('fires the lead reminders at the reminder time in the board’s zone, each once', () => {
    const d = deadline();
    const ledger = new Set<string>();
    expect(remindersDue([d], ledger, LONDON, new Date('2027-05-25T07:59:59Z')).due.map((o) => o.offset)).toEqual([90]);
    const at = remindersDue([d], ledger, LONDON, new Date('2027-05-25T08:00:00Z'));
    expect(at.due).toEqual([
      {
        key: occurrenceKey(d.key, 'lead', '2027-06-24', 30),
        deadlineKey: d.key,
        kind: 'lead',
        due: '2027-06-24',
        offset: 30,
        at: '2027-05-25T08:00:00.000Z',
        title: 'Award a new contract',
      },
    ]);
    // The 90-day one (26 March) came too and was never recorded: superseded, not fired.
    expect(at.superseded.map((o) => o.offset)).toEqual([90]);
    for (const o of [...at.due, ...at.superseded]) ledger.add(o.key);
    expect(remindersDue([d], ledger, LONDON, new Date('2027-05-26T08:00:00Z')).due).toEqual([]);
  });

  it('reminds weekly while overdue, and stops when closed', () => {
    const d = deadline({ due: '2027-01-10' });
    const ledger = new Set<string>();
    const week2 = remindersDue([d], ledger, LONDON, new Date('2027-01-24T09:00:00Z'));
    expect(week2.due.map((o) => [o.kind, o.offset, o.at])).toEqual([['overdue', 2, '2027-01-24T09:00:00.000Z']]);
    for (const o of [...week2.due, ...week2.superseded]) ledger.add(o.key);
    expect(remindersDue([d], ledger, LONDON, new Date('2027-01-30T09:00:00Z')).due).toEqual([]);
    expect(remindersDue([d], ledger, LONDON, new Date('2027-01-31T09:00:00Z')).due.map((o) => o.offset)).toEqual([3]);
    expect(remindersDue([{ ...d, status: 'closed' }], ledger, LONDON, new Date('2027-01-31T09:00:00Z')).due).toEqual(
      [],
    );
  });

  it('never fires what came due before the deadline existed', () => {
    const d = deadline({ since: '2027-05-25T08:00:01.000Z' });
    const r = remindersDue([d], new Set(), LONDON, new Date('2027-05-25T10:00:00Z'));
    expect(r).toEqual({ due: [], superseded: [] });
    expect(nextOccurrenceAt([d], new Set(), LONDON, new Date('2027-05-25T10:00:00Z'))?.toISOString()).toBe(
      '2027-06-17T08:00:00.000Z',
    );
  });

  it('snoozes: nothing inside the snooze, one reminder at its end', () => {
    const d = deadline({ since: '2027-05-25T08:10:00.000Z', snoozedUntil: '2027-06-18T08:00:00.000Z' });
    const ledger = new Set<string>();
    expect(remindersDue([d], ledger, LONDON, new Date('2027-06-17T08:30:00Z')).due).toEqual([]);
    const end = remindersDue([d], ledger, LONDON, new Date('2027-06-18T08:00:00Z'));
    expect(end.due.map((o) => [o.kind, o.key])).toEqual([
      ['snooze', occurrenceKey(d.key, 'snooze', d.due, '2027-06-18T08:00:00.000Z')],
    ]);
    expect(nextOccurrenceAt([d], ledger, LONDON, new Date('2027-06-17T08:30:00Z'))?.toISOString()).toBe(
      '2027-06-18T08:00:00.000Z',
    );
  });

  it('skips an occurrence dismissed ahead of time (the ledger holds it), and moves on to the next', () => {
    const d = deadline();
    const seven = occurrenceKey(d.key, 'lead', d.due, 7);
    const ledger = new Set([occurrenceKey(d.key, 'lead', d.due, 90), occurrenceKey(d.key, 'lead', d.due, 30), seven]);
    expect(remindersDue([d], ledger, LONDON, new Date('2027-06-17T09:00:00Z')).due).toEqual([]);
    expect(remindersDue([d], ledger, LONDON, new Date('2027-06-23T08:00:00Z')).due.map((o) => o.offset)).toEqual([1]);
  });

  it('makes fresh occurrences when the due date moves, and lists what is coming', () => {
    const before = deadline();
    const after = deadline({ due: '2027-07-24', since: '2027-05-26T10:00:00.000Z' });
    const keys = (d: RemindedDeadline) =>
      upcomingOccurrences(d, LONDON, new Date('2027-05-26T10:00:00Z')).map((o) => o.key);
    expect(keys(before).some((k) => keys(after).includes(k))).toBe(false);
    expect(
      upcomingOccurrences(after, LONDON, new Date('2027-05-26T10:00:00Z'), 5).map((o) => [o.kind, o.offset]),
    ).toEqual([
      ['lead', 30],
      ['lead', 7],
      ['lead', 1],
      ['lead', 0],
      ['overdue', 1],
    ]);
  });
});

// A model of the app over time: the scheduler checks at start, on wake, and
// at each occurrence's time while awake; imports and edits stamp `since`.
type Step =
  | { readonly t: 'run'; readonly ms: number }
  | { readonly t: 'sleep'; readonly ms: number }
  | { readonly t: 'jump'; readonly ms: number }
  | { readonly t: 'restart'; readonly ms: number }
  | { readonly t: 'import'; readonly dueIn: number; readonly leads: readonly number[] }
  | { readonly t: 'edit'; readonly which: number; readonly dueIn: number }
  | { readonly t: 'close'; readonly which: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('run' as const), ms: fc.integer({ min: 0, max: 12 * DAY }) }),
  fc.record({ t: fc.constant('sleep' as const), ms: fc.integer({ min: 0, max: 25 * DAY }) }),
  fc.record({ t: fc.constant('jump' as const), ms: fc.integer({ min: 0, max: 40 * DAY }) }),
  fc.record({ t: fc.constant('restart' as const), ms: fc.integer({ min: 0, max: 30 * DAY }) }),
  fc.record({
    t: fc.constant('import' as const),
    dueIn: fc.integer({ min: -90, max: 120 }),
    leads: fc.subarray([90, 30, 14, 7, 1, 0], { minLength: 1 }),
  }),
  fc.record({ t: fc.constant('edit' as const), which: fc.nat(), dueIn: fc.integer({ min: -60, max: 100 }) }),
  fc.record({ t: fc.constant('close' as const), which: fc.nat() }),
);

/** Every occurrence of `d` whose time is in [since, now], by brute force: the oracle. */
function oracle(d: RemindedDeadline, settings: ReminderSettings, now: number): Array<{ key: string; at: number }> {
  if (d.status !== 'open') return [];
  const out: Array<{ key: string; at: number }> = [];
  const at = (date: string) => instantOfLocal(date, settings.reminderTime, settings.timeZone).getTime();
  for (const lead of d.leadDays)
    out.push({ key: occurrenceKey(d.key, 'lead', d.due, lead), at: at(addDays(d.due, -lead)) });
  for (let k = 1; at(addDays(d.due, 7 * k)) <= now; k++) {
    out.push({ key: occurrenceKey(d.key, 'overdue', d.due, k), at: at(addDays(d.due, 7 * k)) });
  }
  const since = Date.parse(d.since);
  return out.filter((o) => o.at >= since && o.at <= now).sort((a, b) => a.at - b.at);
}

describe('looks over the same register (what the rules remember between looks)', () => {
  const at = new Date('2027-05-25T08:00:00Z'); // the 30-day reminder of 24 June 2027

  it('asks a plain ledger again every time: a key it loses is due again', () => {
    const list = [deadline()];
    const ledger = new Set<string>();
    const [first] = remindersDue(list, ledger, LONDON, at).due;
    ledger.add(first!.key);
    expect(remindersDue(list, ledger, LONDON, at).due).toEqual([]);
    ledger.delete(first!.key);
    expect(remindersDue(list, ledger, LONDON, at).due.map((o) => o.key)).toEqual([first!.key]);
  });

  it('remembers what a growth-only ledger answered, and forgets it for another ledger object', () => {
    const list = [deadline(), deadline({ key: 'cnd:cnd_2:2027-06-24' })];
    const ledger = new OccurrenceLedger();
    const found = remindersDue(list, ledger, LONDON, at);
    expect(found.due).toHaveLength(2);
    for (const o of [...found.due, ...found.superseded]) ledger.add(o.key);
    expect(remindersDue(list, ledger, LONDON, at).due).toEqual([]);
    // Read afresh without one key (as after an undo): a new object, asked again.
    const reread = new OccurrenceLedger([...found.due, ...found.superseded].map((o) => o.key).slice(1));
    expect(remindersDue(list, reread, LONDON, at).due.map((o) => o.key)).toEqual([found.due[0]!.key]);
  });

  it('answers as a plain ledger when it holds more keys than its first bits can tell apart', () => {
    const list = [
      deadline(),
      deadline({ key: 'cnd:cnd_2:2027-06-24' }),
      deadline({ key: 'cnd:cnd_3:2027-06-24', leadDays: [30] }),
    ];
    const later = new Date('2027-06-24T08:00:00Z'); // due day: every lead has come
    // Some of these deadlines' occurrences recorded first, then enough others that the bits are made again.
    const recorded = [
      occurrenceKey(list[0]!.key, 'lead', '2027-06-24', 0),
      occurrenceKey(list[1]!.key, 'lead', '2027-06-24', 30),
    ];
    const filler = Array.from({ length: 150_000 }, (_, i) => occurrenceKey(`cnd:other_${i}`, 'lead', '2027-06-24', 7));
    const plain = new Set([...recorded, ...filler]);
    const growing = new OccurrenceLedger(recorded);
    for (const key of filler) growing.add(key);
    const expected = remindersDue(list, plain, LONDON, later);
    expect(expected.due.map((o) => o.deadlineKey)).toEqual(['cnd:cnd_2:2027-06-24', 'cnd:cnd_3:2027-06-24']);
    expect(remindersDue(list, growing, LONDON, later)).toEqual(expected);
    expect(growing.size).toBe(plain.size);
  });

  it('notices a deadline replaced in the same array, and an array that grew', () => {
    const list = [deadline()];
    const ledger = new OccurrenceLedger();
    for (const o of remindersDue(list, ledger, LONDON, at).due) ledger.add(o.key);
    list[0] = { ...list[0]!, due: '2027-06-01', since: '2027-05-24T00:00:00.000Z' }; // moved: 7 days before is 25 May
    expect(remindersDue(list, ledger, LONDON, at).due.map((o) => [o.due, o.offset])).toEqual([['2027-06-01', 7]]);
    list[0] = { ...list[0]!, status: 'closed' };
    expect(remindersDue(list, ledger, LONDON, at).due).toEqual([]);
    list.push(deadline({ key: 'cnd:cnd_3:2027-06-24' }));
    expect(remindersDue(list, ledger, LONDON, at).due.map((o) => o.deadlineKey)).toEqual(['cnd:cnd_3:2027-06-24']);
    expect(nextOccurrenceAt(list, ledger, LONDON, at)?.toISOString()).toBe('2027-06-17T08:00:00.000Z');
  });
});

describe('exactly once, none lost, no burst (property)', () => {
  it('holds over any sequence of restarts, clock jumps, sleeps, imports and due-date edits', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('09:00', '01:30', '00:00', '23:45'),
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        (steps, reminderTime, start) => {
          const settings: ReminderSettings = { timeZone: 'Europe/London', reminderTime };
          let now = start.getTime();
          const today = () => dateInZone(new Date(now), settings.timeZone);
          const deadlines: RemindedDeadline[] = [
            deadline({ key: 'a', due: addDays(today(), 45), since: new Date(now).toISOString() }),
            deadline({ key: 'b', due: addDays(today(), 3), since: new Date(now).toISOString(), leadDays: [7, 0] }),
          ];
          const ledger = new Map<string, 'fired' | 'superseded'>();
          // The scheduler's way: a growth-only ledger over its own register array (the same objects), which the
          // rules may remember answers of; read afresh at a restart from the entries it stored (fired ones by key,
          // superseded ones as one settled entry per plan). It must answer exactly as the plain one.
          let growing = new OccurrenceLedger();
          const stored = new Map<string, { key: string; kind: 'lead' | 'settled'; at: string }>();
          const mirror: RemindedDeadline[] = [];
          const sync = (): void => {
            mirror.length = 0;
            mirror.push(...deadlines);
          };
          const fired: Occurrence[] = [];
          const check = (): readonly Occurrence[] => {
            sync();
            const r = remindersDue(deadlines, ledger, settings, new Date(now));
            expect(remindersDue(mirror, growing, settings, new Date(now))).toEqual(r);
            growing.recordFound(r);
            for (const o of r.due) stored.set(o.key, { key: o.key, kind: 'lead', at: o.at });
            for (const o of r.superseded) {
              const plan = settledKey(o.deadlineKey, o.due);
              const before = stored.get(plan);
              if (before === undefined || before.at < o.at) stored.set(plan, { key: plan, kind: 'settled', at: o.at });
            }
            expect(new Set(r.due.map((o) => o.deadlineKey)).size).toBe(r.due.length);
            for (const o of r.superseded) ledger.set(o.key, 'superseded');
            for (const o of r.due) {
              expect(ledger.has(o.key)).toBe(false);
              ledger.set(o.key, 'fired');
              fired.push(o);
            }
            return r.due;
          };
          let serial = 0;
          check();
          for (const s of steps) {
            switch (s.t) {
              case 'run': {
                // Awake and running: the timer fires at each occurrence's time.
                const until = now + s.ms;
                const from = now;
                for (;;) {
                  const next = nextOccurrenceAt(deadlines, ledger, settings, new Date(now));
                  sync();
                  expect(nextOccurrenceAt(mirror, growing, settings, new Date(now))).toEqual(next);
                  if (next === null || next.getTime() > until) break;
                  now = next.getTime();
                  check();
                }
                now = until;
                for (const d of deadlines) {
                  for (const o of oracle(d, settings, until)) {
                    if (o.at > from) expect(ledger.get(o.key), `${o.key} came due while running`).toBe('fired');
                  }
                }
                break;
              }
              case 'sleep':
              case 'jump':
                now += s.ms;
                check();
                break;
              case 'restart':
                now += s.ms;
                growing = OccurrenceLedger.of(stored.values());
                check();
                break;
              case 'import':
              case 'edit': {
                const stamp = new Date(now).toISOString();
                let key: string;
                if (s.t === 'import') {
                  key = `imported-${serial++}`;
                  deadlines.push(deadline({ key, due: addDays(today(), s.dueIn), since: stamp, leadDays: s.leads }));
                } else {
                  const i = s.which % deadlines.length;
                  key = deadlines[i]!.key;
                  deadlines[i] = { ...deadlines[i]!, due: addDays(today(), s.dueIn), since: stamp };
                }
                // No burst: at most the one occurrence falling at this very instant.
                const due = check().filter((o) => o.deadlineKey === key);
                expect(due.every((o) => o.at === stamp)).toBe(true);
                break;
              }
              case 'close': {
                const i = s.which % deadlines.length;
                deadlines[i] = { ...deadlines[i]!, status: 'closed' };
                expect(check().some((o) => o.deadlineKey === deadlines[i]!.key)).toBe(false);
                break;
              }
            }
            // None lost: each open deadline's latest occurrence that has come is delivered.
            for (const d of deadlines) {
              const latest = oracle(d, settings, now).at(-1);
              if (latest !== undefined) expect(ledger.get(latest.key), latest.key).toBe('fired');
            }
          }
          // Exactly once: no occurrence was delivered twice, and none before its deadline existed.
          expect(new Set(fired.map((o) => o.key)).size).toBe(fired.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('obligations already overdue when this copy learned of them', () => {
  const learnedAt = '2026-12-06T10:00:00.000Z';
  const late = { ...deadline({ key: 'cnd:cnd_q:2026-09-24', due: '2026-09-24', since: learnedAt }), learnedAt };

  it('are those open and due before the day they were learned of, in the board’s zone', () => {
    expect(overdueOnArrival({ ...late, status: 'open' }, 'Europe/London')).toBe(true);
    expect(overdueOnArrival({ ...late, status: 'closed' }, 'Europe/London')).toBe(false);
    expect(overdueOnArrival({ ...late, due: '2026-12-06' }, 'Europe/London')).toBe(false);
    // 23:30 UTC on 5 December is already 6 December in Auckland: a date of 5 December was overdue there.
    const night = { ...late, due: '2026-12-05', learnedAt: '2026-12-05T23:30:00.000Z' };
    expect(overdueOnArrival(night, 'Europe/London')).toBe(false);
    expect(overdueOnArrival(night, 'Pacific/Auckland')).toBe(true);
  });

  it('are listed until the ledger records their summary, then never again', () => {
    const coming = { ...deadline(), learnedAt };
    const look = (recorded: Set<string>) => {
      const steps = arrivalsLook([late, coming] as never, recorded, 'Europe/London');
      let step = steps.next();
      while (!step.done) step = steps.next();
      return step.value.map((d) => d.key);
    };
    expect(look(new Set())).toEqual([late.key]);
    expect(look(new Set([arrivalKey(late.key, late.due)]))).toEqual([]);
  });

  it('fire no reminder from before they were learned of; the weekly repeats count from that day', () => {
    // Learned of on Sunday 6 December: nothing is due then, whatever the ledger.
    expect(remindersDue([late], new Set(), LONDON, new Date('2026-12-06T12:00:00.000Z')).due).toEqual([]);
    // Thursday 10 December would be a week boundary of 24 September: nothing then either.
    expect(remindersDue([late], new Set(), LONDON, new Date('2026-12-10T12:00:00.000Z')).due).toEqual([]);
    // Sunday 13 December at 09:00: the first weekly repeat, a week after it was recorded.
    const [first] = upcomingOccurrences(late, LONDON, new Date(learnedAt), 1);
    expect(first).toMatchObject({ kind: 'overdue', offset: 1, at: '2026-12-13T09:00:00.000Z', due: '2026-09-24' });
    // A deadline learned of before its date keeps its weeks from the due date.
    const onTime = deadline({
      due: '2026-12-01',
      since: '2026-11-01T00:00:00.000Z',
      learnedAt: '2026-11-01T00:00:00.000Z',
    });
    const weekly = upcomingOccurrences(onTime, LONDON, new Date('2026-12-02T00:00:00.000Z'), 1);
    expect(weekly[0]).toMatchObject({ kind: 'overdue', offset: 1, at: '2026-12-08T09:00:00.000Z' });
  });
});
