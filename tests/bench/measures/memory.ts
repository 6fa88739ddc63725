/**
 * Backend memory with the full body open: the growth of the V8 heap (after
 * full garbage collections) from before `openStore` to after it, against the
 * size of the state as JSON. Runs in the measure's own fresh process, so
 * nothing else lives in the heap; needs --expose-gc (the runner passes it).
 */
import { join } from 'node:path';
import { toDocument } from '../../../shared/schema/state.ts';
import { formatValue, judge, spreadOf, type Measure, type MeasureContext, type Row } from '../measure.ts';
import { openReadyStore } from '../readyStore.ts';
import { collectGarbage, summarise } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_RATIO = 2;
const MB = 1e6;

/** Heap, resident and off-heap growth of one open, in MB, plus the state's JSON size. In its own function, so nothing of it stays on the stack after. */
async function openOnce(
  ctx: MeasureContext,
  run: number,
): Promise<{ heap: number; rss: number; external: number; json: number }> {
  const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, `memory-${run}`));
  try {
    collectGarbage();
    const before = process.memoryUsage();
    const store = await openReadyStore(copy.dataDir);
    collectGarbage();
    const after = process.memoryUsage();
    const json = Buffer.byteLength(JSON.stringify(toDocument(store.state())), 'utf8') / MB;
    await store.close();
    return {
      heap: (after.heapUsed - before.heapUsed) / MB,
      rss: (after.rss - before.rss) / MB,
      external: (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / MB,
      json,
    };
  } finally {
    await copy.remove();
  }
}

export const memoryMeasure: Measure = {
  id: 'memory',
  title: 'Backend memory with the full body open',
  async run(ctx) {
    if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
      throw new Error('the memory measure needs node --expose-gc (run it through npm run bench)');
    }
    // A first open, not counted: compiles the code and fills the schema caches, which are not the state.
    const warm = await openOnce(ctx, -1);
    const runs = 3;
    const results: Array<Awaited<ReturnType<typeof openOnce>>> = [];
    for (let run = 0; run < runs; run++) {
      results.push(await openOnce(ctx, run));
      ctx.log(`  memory run ${run + 1}/${runs}: heap +${formatValue(results.at(-1)!.heap, 'MB')}`);
    }
    const h = summarise(results.map((r) => r.heap));
    const json = results[0]!.json;
    const ratio = h.median / json;
    const row: Row = {
      operation: 'Backend memory with the full body open (V8 heap growth after gc)',
      size: `${formatValue(json, 'MB')} state as JSON`,
      unit: 'MB',
      median: h.median,
      spread: spreadOf(h),
      runs,
      floor: { what: 'size of the state as JSON', median: json, unit: 'MB' },
      ratio,
      target: `≤ ${MAX_RATIO}× JSON size`,
      verdict: judge(
        [{ label: 'ratio', value: ratio, max: MAX_RATIO, unit: '×' }],
        () =>
          `every record is a separate JS object with its own strings (each field name and value), kept in RecordMap buckets; V8 objects and one-byte strings take more room than their JSON text.`,
      ),
      notes: [
        `Heap growth of an open after a first, uncounted open (that one, with the code compiled on first use, grew the heap by ${formatValue(warm.heap, 'MB')}). Resident set grew by ${formatValue(summarise(results.map((r) => r.rss)).median, 'MB')} and off-heap buffers by ${formatValue(summarise(results.map((r) => r.external)).median, 'MB')} (medians). The search index is reported on its own row.`,
      ],
    };
    return [row];
  },
};
