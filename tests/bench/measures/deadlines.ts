/**
 * The deadline register and the reminder rules (shared/rules/deadlines.ts,
 * shared/rules/reminders.ts): deriving every deadline from conditions, contracts,
 * meetings and decisions, and `remindersDue` over all of them with the
 * body's ledger, against the floor of one pass over the deadlines array.
 */
import { join } from 'node:path';
import { deriveDeadlines } from '../../../shared/caches/deadlineDerivation.ts';
import { OccurrenceLedger } from '../../../shared/caches/occurrenceLedger.ts';
import { reminderLook, remindersDue } from '../../../shared/caches/reminderColumns.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { openReadyStore } from '../readyStore.ts';
import { collectGarbage, pairedRatio, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const DERIVE_MAX_MS = 50;
const REMINDERS_MAX_MS = 10;
const HOUR_MS = 3_600_000;

export const deadlinesMeasure: Measure = {
  id: 'deadlines',
  title: 'Deadline register and reminders',
  async run(ctx) {
    const runs = ctx.size.name === 'quick' ? 21 : 7;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'deadlines'));
    try {
      const store = await openReadyStore(copy.dataDir);
      const state = store.state();
      const now = BODY_NOW;
      const today = dateInZone(now, state.settings.timeZone);
      const recorded = state.reminderLedger.values();
      const deadlines = deriveDeadlines(state, today);
      const pass = (at: string): number => {
        let n = 0;
        for (const d of deadlines) if (d.status === 'open' && d.due !== '' && d.due <= at) n++;
        return n;
      };

      // 1. The first look over a register no look has seen, with a ledger read afresh (after a long absence,
      //    or the first look after the app starts): each deadline planned, every unrecorded occurrence listed.
      collectGarbage();
      const planning = await timed(() =>
        remindersDue(deadlines.slice(), OccurrenceLedger.of(recorded), state.settings, now),
      );
      const cold: number[] = [];
      const coldFloors: number[] = [];
      const warm: number[] = [];
      const steps: number[] = [];
      let due = 0;
      let superseded = 0;
      for (let run = 0; run < runs; run++) {
        const list = deadlines.slice();
        const ledger = OccurrenceLedger.of(recorded);
        collectGarbage();
        const floor = await timed(() => pass(today));
        const result = await timed(() => remindersDue(list, ledger, state.settings, now));
        coldFloors.push(floor.ms);
        cold.push(result.ms);
        due = result.value.due.length;
        superseded = result.value.superseded.length;
        // The same look again at once (its memory still in the caches, no collection between): what the
        // first look costs beyond the work itself is reading cold memory after a full garbage collection.
        const again = deadlines.slice();
        const againLedger = OccurrenceLedger.of(recorded);
        warm.push((await timed(() => remindersDue(again, againLedger, state.settings, now))).ms);
        // As the scheduler makes it: in steps (reminderLook), the longest step between two pauses.
        const stepwise = reminderLook(deadlines.slice(), OccurrenceLedger.of(recorded), state.settings, now);
        collectGarbage();
        for (;;) {
          const t0 = performance.now();
          const step = stepwise.next();
          steps.push(performance.now() - t0);
          if (step.done) break;
        }
      }

      // 2. The looks the scheduler makes while the app runs: every hour (and at each wake), over the same
      //    register, with the ledger that recorded what the look before found.
      const ledger = OccurrenceLedger.of(recorded);
      const first = remindersDue(deadlines, ledger, state.settings, now);
      ledger.recordFound(first);
      const derive: number[] = [];
      const reminders: number[] = [];
      const floors: number[] = [];
      const dueEach: number[] = [];
      const hours: string[] = [];
      for (let run = 0; run < runs * 3; run++) {
        const at = new Date(now.getTime() + (run + 1) * HOUR_MS);
        const atDay = dateInZone(at, state.settings.timeZone);
        collectGarbage();
        derive.push((await timed(() => deriveDeadlines(state, atDay))).ms);
        const floor = await timed(() => pass(atDay));
        const result = await timed(() => remindersDue(deadlines, ledger, state.settings, at));
        floors.push(floor.ms);
        reminders.push(result.ms);
        dueEach.push(result.value.due.length);
        hours.push(at.toISOString().slice(11, 16));
        ledger.recordFound(result.value);
      }
      await store.close();

      const open = deadlines.filter((d) => d.status === 'open').length;
      const size = `${deadlines.length.toLocaleString('en-GB')} deadlines (${open.toLocaleString('en-GB')} open)`;
      const d = summarise(derive);
      const r = summarise(reminders);
      const f = summarise(floors);
      const c = summarise(cold);
      const cf = summarise(coldFloors);
      const w = summarise(warm);
      const longestStep = Math.max(...steps);
      const rows: Row[] = [
        {
          operation:
            'remindersDue over all deadlines, as the scheduler looks while the app runs (hourly, the same register, the ledger up to date)',
          size,
          unit: 'ms',
          median: r.median,
          spread: spreadOf(r),
          runs: reminders.length,
          floor: { what: 'one pass over the array', median: f.median },
          ratio: pairedRatio(reminders, floors).median,
          target: `< ${REMINDERS_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'median', value: r.median, max: REMINDERS_MAX_MS, unit: 'ms' }],
            () =>
              `each look reads every open deadline's span and asks the ledger where it moved on. npx tsx --expose-gc tests/bench/profile.ts reminders shows where the time goes.`,
          ),
          notes: [
            `Looks an hour apart from ${now.toISOString()}, each recording what it found (as the scheduler does) before the next; due per look: ${[...new Set(dueEach)].join(', ')}. The slowest looks: ${reminders
              .map((ms, i) => ({ ms, hour: hours[i] }))
              .sort((a, b) => b.ms - a.ms)
              .slice(0, 3)
              .map((x) => `${x.hour} UTC ${formatValue(x.ms, 'ms')}`)
              .join(
                ', ',
              )} (at the board's midnight the overdue deadlines whose week turns are planned again; at an hour when occurrences come due, those deadlines are). The rules keep, per register array, each deadline's plan and the span it holds for in typed arrays, and what a growth-only ledger (OccurrenceLedger) already answered, so a look reads a few numbers per deadline unless its occurrences moved on; a new array of the same deadline objects (after an edit) starts from the old one's columns.`,
          ],
        },
        {
          operation: `remindersDue, first look over a new register array and a ledger read afresh, after a long absence (${due.toLocaleString('en-GB')} due and ${superseded.toLocaleString('en-GB')} superseded, none recorded)`,
          size,
          unit: 'ms',
          median: c.median,
          spread: spreadOf(c),
          runs,
          floor: {
            what: 'the same look at once again, its memory still in the caches (no garbage collection between)',
            median: w.median,
          },
          ratio: pairedRatio(cold, warm).median,
          target: `< ${REMINDERS_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'median', value: c.median, max: REMINDERS_MAX_MS, unit: 'ms' }],
            () =>
              `${due.toLocaleString('en-GB')} occurrences came due at the body's "now" and ${superseded.toLocaleString('en-GB')} older ones are superseded by them, none recorded: for each of the ${due.toLocaleString('en-GB')} deadlines the look reads its kept plan and its occurrences (objects spread over a heap of hundreds of megabytes) and lists ${(due + superseded).toLocaleString('en-GB')} occurrences. The floor column is that same work with its memory still in the caches (${formatValue(w.median, 'ms')}); the rest is reading memory a full garbage collection left cold, which no change to the look's arithmetic removes: 10 ms is out of reach for a look that must list this many. It happens once after an absence (then they are recorded); the scheduler runs it in steps of 256 deadlines (reminderLook; the longest step here ${formatValue(longestStep, 'ms')}), so it never holds the event loop for long, and the first screen never waits for it: the catch-up begins only once the first screen's requests are answered (electron/backend/firstScreen.ts; see the cold-start rows, whose first start after 60 days away owes this look).`,
          ),
          notes: [
            `At ${now.toISOString()}, with a ledger of ${recorded.length.toLocaleString('en-GB')} recorded occurrences read into a new OccurrenceLedger and a copy of the register array each run (as after an undo or an import, when the scheduler reads the ledger again); the deadlines' plans, kept by deadline object, are made by the first of these looks, which took ${formatValue(planning.ms, 'ms')} and is not counted. Each run: a full garbage collection, one pass over the array (${formatValue(cf.median, 'ms')}, median), the look timed, then the same look again at once (the floor), then the look in steps as the scheduler makes it (reminderLook, after another collection): its longest step between two pauses ${formatValue(longestStep, 'ms')} over ${runs} runs. What the look reads per deadline: a few typed-array columns (its plan's span, the hashes of its latest key and of its settled key, asked of the ledger's bits), then, for a deadline with something due, its plan's keys and occurrences.`,
          ],
        },
        {
          operation: 'Derive all deadlines from conditions, contracts, meetings and decisions (deriveDeadlines)',
          size,
          unit: 'ms',
          median: d.median,
          spread: spreadOf(d),
          runs,
          target: `< ${DERIVE_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'median', value: d.median, max: DERIVE_MAX_MS, unit: 'ms' }],
            () =>
              `it makes ${deadlines.length.toLocaleString('en-GB')} deadline objects (recurring conditions give one per date) from ${state.conditions.size.toLocaleString('en-GB')} conditions and ${state.contracts.size.toLocaleString('en-GB')} contracts; worst run ${formatValue(d.max, 'ms')}. npx tsx --expose-gc tests/bench/profile.ts reminders shows where the time goes.`,
          ),
        },
      ];
      return rows;
    } finally {
      await copy.remove();
    }
  },
};
