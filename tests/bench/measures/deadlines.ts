/**
 * The deadline register and the reminder rules (shared/deadlines.ts,
 * shared/reminders.ts): deriving every deadline from conditions, contracts,
 * meetings and decisions, and `remindersDue` over all of them with the
 * body's ledger, against the floor of one pass over the deadlines array.
 */
import { join } from 'node:path';
import { openStore } from '../../../electron/backend/store/store.ts';
import { deriveDeadlines } from '../../../shared/deadlines.ts';
import { remindersDue } from '../../../shared/reminders.ts';
import { dateInZone } from '../../../shared/time.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { collectGarbage, pairedRatio, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const DERIVE_MAX_MS = 50;
const REMINDERS_MAX_MS = 10;

export const deadlinesMeasure: Measure = {
  id: 'deadlines',
  title: 'Deadline register and reminders',
  async run(ctx) {
    const runs = ctx.size.name === 'quick' ? 21 : 7;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'deadlines'));
    try {
      const store = await openStore({
        dataDir: copy.dataDir,
        checkpointQuietMs: 3_600_000,
        backupOnFirstChange: false,
      });
      if (store.status().status !== 'ready') throw new Error(store.status().problem?.message ?? 'store not ready');
      const state = store.state();
      const now = BODY_NOW;
      const today = dateInZone(now, state.settings.timeZone);
      const ledger = new Set(state.reminderLedger.values().map((r) => r.key));
      // Warm-up.
      const deadlines = deriveDeadlines(state, today);
      remindersDue(deadlines, ledger, state.settings, now);

      const derive: number[] = [];
      const reminders: number[] = [];
      const floors: number[] = [];
      let due = 0;
      for (let run = 0; run < runs; run++) {
        collectGarbage();
        derive.push((await timed(() => deriveDeadlines(state, today))).ms);
        const floor = await timed(() => {
          let n = 0;
          for (const d of deadlines) if (d.status === 'open' && d.due !== '' && d.due <= today) n++;
          return n;
        });
        const result = await timed(() => remindersDue(deadlines, ledger, state.settings, now));
        floors.push(floor.ms);
        reminders.push(result.ms);
        due = result.value.due.length;
      }
      await store.close();

      const open = deadlines.filter((d) => d.status === 'open').length;
      const size = `${deadlines.length.toLocaleString('en-GB')} deadlines (${open.toLocaleString('en-GB')} open)`;
      const d = summarise(derive);
      const r = summarise(reminders);
      const f = summarise(floors);
      const rows: Row[] = [
        {
          operation: 'remindersDue over all deadlines (with the ledger)',
          size,
          unit: 'ms',
          median: r.median,
          spread: spreadOf(r),
          runs,
          floor: { what: 'one pass over the array', median: f.median },
          ratio: pairedRatio(reminders, floors).median,
          target: `< ${REMINDERS_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'median', value: r.median, max: REMINDERS_MAX_MS, unit: 'ms' }],
            () =>
              `${open.toLocaleString('en-GB')} open deadlines each have their lead, overdue and snooze occurrences worked out before the ledger is asked; ${due.toLocaleString('en-GB')} came due at the body's "now". npx tsx --expose-gc tests/bench/profile.ts reminders shows where the time goes.`,
          ),
          notes: [
            `At ${now.toISOString()}, with a ledger of ${ledger.size.toLocaleString('en-GB')} recorded occurrences: ${due.toLocaleString('en-GB')} due.`,
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
