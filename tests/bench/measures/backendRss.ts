/**
 * The backend's resident memory with the ten-year body open as the app holds
 * it: the store, the search index (read back from disk) and the reminder
 * scheduler (its catch-up done) all up, then a full garbage collection. Taken
 * in this measure's own fresh process (openBackend, as the app and the web
 * host call it); the figure is the whole process's resident set, so it
 * includes Node, the tsx loader that runs the benchmark and the compiled
 * code: an upper bound of the app's backend.
 */
import { join } from 'node:path';
import { openBackend } from '../../../electron/backend/backend.ts';
import { call } from '../../../electron/backend/dispatch.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, type Measure, type Row } from '../measure.ts';
import { collectGarbage } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_RSS_MB = 400;
const MB = 1e6;

export const backendRssMeasure: Measure = {
  id: 'backend-rss',
  title: 'Backend resident memory, everything up',
  async run(ctx) {
    if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
      throw new Error('the backend-rss measure needs node --expose-gc (run it through npm run bench)');
    }
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'rss'));
    try {
      collectGarbage();
      const before = process.memoryUsage();
      const backend = await openBackend({
        dataDir: copy.dataDir,
        platform: { openPath: async () => false, quit: () => undefined },
        clock: () => BODY_NOW,
        checkpointQuietMs: 3_600_000,
        // The catch-up and the index start at once here: no page to wait for.
        startupWork: 'at-open',
      });
      try {
        const t0 = performance.now();
        for (;;) {
          const answer = await call(backend.handlers, 'search:query', { q: 'contract', perGroup: 1 });
          if (answer.ok && answer.value.source === 'index') break;
          if (performance.now() - t0 > 600_000) throw new Error('the search index was not ready after 600 s');
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        // The backend reads the record history's index ahead once the index is ready: held for the run, so counted.
        const history = await call(backend.handlers, 'history:ofRecord', { target: 'members', id: 'any' });
        if (!history.ok) throw new Error(`history:ofRecord failed: ${history.error.message}`);
        collectGarbage();
        const after = process.memoryUsage();
        const rss = after.rss / MB;
        ctx.log(`  backend resident ${formatValue(rss, 'MB')}`);
        const row: Row = {
          operation: 'Backend resident memory: store, search index and scheduler up, after gc (whole process)',
          size: 'ten-year body',
          unit: 'MB',
          median: rss,
          runs: 1,
          floor: { what: 'the same process before opening', median: before.rss / MB, unit: 'MB' },
          target: `≤ ${MAX_RSS_MB} MB resident`,
          verdict: judge(
            [{ label: 'resident', value: rss, max: MAX_RSS_MB, unit: 'MB' }],
            () => 'see the heap and search-index rows: records as JS objects, the postings as typed arrays.',
          ),
          notes: [
            `Resident ${formatValue(rss, 'MB')} (before opening: ${formatValue(before.rss / MB, 'MB')}, Node with the benchmark's tsx loader); V8 heap used ${formatValue(after.heapUsed / MB, 'MB')}, off-heap buffers ${formatValue((after.external + after.arrayBuffers) / MB, 'MB')}. The reminder catch-up at the body's "now" ran inside openBackend (startupWork 'at-open'); the record history's index (journal entries by record), which the backend reads ahead once the search index is ready, is in.`,
          ],
        };
        return [row];
      } finally {
        await backend.close();
      }
    } finally {
      await copy.remove();
    }
  },
};
