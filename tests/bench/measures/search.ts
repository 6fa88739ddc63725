/**
 * Search (electron/backend/search/searchIndex.ts, wired as backend.ts wires
 * it): how long the index takes to be ready after the store is open, the
 * event loop's longest stall while it builds, what a query costs while it
 * builds (answered by a scan) and once it is ready (p50 / p95 over a mixed
 * query set), and the index's own memory. The floor for queries is a naive
 * case-insensitive scan of all paper text.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SearchIndex } from '../../../electron/backend/search/searchIndex.ts';
import { openStore, type Store } from '../../../electron/backend/store/store.ts';
import { formatValue, judge, spreadOf, type Measure, type MeasureContext, type Row } from '../measure.ts';
import { collectGarbage, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

/** A mixed query set: common words, rare words, two words, prefixes, references. */
export const QUERIES: ReadonlyArray<{ readonly kind: string; readonly text: string }> = [
  { kind: 'common', text: 'contract' },
  { kind: 'common', text: 'budget' },
  { kind: 'common', text: 'procurement' },
  { kind: 'rare', text: 'yellowhammer' },
  { kind: 'rare', text: 'escrow' },
  { kind: 'rare', text: 'neurodivergent' },
  { kind: 'two words', text: 'break clause' },
  { kind: 'two words', text: 'funding shortfall' },
  { kind: 'two words', text: 'roster abuse' },
  { kind: 'prefix', text: 'retend' },
  { kind: 'prefix', text: 'misconduc' },
  { kind: 'prefix', text: 'vett' },
  { kind: 'reference', text: 'PCD 2024-117' },
  { kind: 'reference', text: 'PAP-2019-044' },
];

const P95_MAX_MS = 10;
const READY_MAX_MS = 2000;
const DELAY_MAX_MS = 50;
const MEMORY_MAX_MB = 250;
const RESOLUTION_MS = 2;
const MB = 1e6;
const PROFILE_HINT = 'npx tsx --expose-gc tests/bench/profile.ts';

/** The index as backend.ts makes it: paper text read from the paper's newest blob. */
function indexOf(store: Store): SearchIndex {
  return new SearchIndex(
    () => store.state(),
    async (paperId) => {
      const body = store.state().papers.get(paperId)?.versions.at(-1)?.body;
      return body ? (await store.blobs.get(body)).toString('utf8') : '';
    },
  );
}

/** All papers' text, lower-cased, for the naive-scan floor. */
async function paperTexts(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const paper of store.state().papers) {
    const body = paper.versions.at(-1)?.body;
    if (body) out.push((await store.blobs.get(body)).toString('utf8').toLowerCase());
  }
  return out;
}

interface BuildRun {
  readonly buildMs: number;
  readonly maxDelayMs: number;
  readonly heapMb: number;
  readonly scanMs: number[];
  readonly scanSources: string[];
}

/** Builds an index from scratch while timing scan-answered queries and watching the event loop. */
async function buildOnce(store: Store): Promise<{ run: BuildRun; index: SearchIndex }> {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = indexOf(store);
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const t0 = performance.now();
  const building = index.build();
  // Queries while it builds are answered by a scan: time a few, spread over the build.
  const scanMs: number[] = [];
  const scanSources: string[] = [];
  for (const q of ['procurement', 'break clause', 'PCD 2024-117']) {
    if (index.isReady) break;
    const { ms, value } = await timed(() => index.query(q, 10));
    scanMs.push(ms);
    scanSources.push(value.source);
  }
  await building;
  const buildMs = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 3));
  histogram.disable();
  collectGarbage();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / MB;
  return { run: { buildMs, maxDelayMs: histogram.max / 1e6, heapMb, scanMs, scanSources }, index };
}

export const searchMeasure: Measure = {
  id: 'search',
  title: 'Search',
  async run(ctx: MeasureContext) {
    const runs = ctx.size.name === 'quick' ? 3 : 2;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'search'));
    try {
      const store = await openStore({
        dataDir: copy.dataDir,
        checkpointQuietMs: 3_600_000,
        backupOnFirstChange: false,
      });
      if (store.status().status !== 'ready') throw new Error(store.status().problem?.message ?? 'store not ready');
      const builds: BuildRun[] = [];
      let index: SearchIndex | null = null;
      for (let run = 0; run < runs; run++) {
        index = null;
        const built = await buildOnce(store);
        builds.push(built.run);
        index = built.index;
        ctx.log(
          `  search index build ${run + 1}/${runs}: ${formatValue(built.run.buildMs, 'ms')}, longest stall ${formatValue(built.run.maxDelayMs, 'ms')}, heap +${formatValue(built.run.heapMb, 'MB')}`,
        );
      }
      const ready = index!;

      // Queries once ready, against the naive scan of the same paper text, interleaved.
      const texts = await paperTexts(store);
      const textMb = texts.reduce((n, t) => n + t.length, 0) / MB;
      const rounds = 5;
      const queryMs: number[] = [];
      const scanMs: number[] = [];
      const hits: string[] = [];
      const totals: number[] = [];
      for (const q of QUERIES) await ready.query(q.text, 10); // warm-up
      for (let round = 0; round < rounds; round++) {
        for (const q of QUERIES) {
          const { ms, value } = await timed(() => ready.query(q.text, 10));
          if (value.source !== 'index') throw new Error(`query "${q.text}" was not answered from the index`);
          queryMs.push(ms);
          const words = q.text.toLowerCase().split(/\s+/);
          scanMs.push(
            (
              await timed(() => {
                let n = 0;
                for (const text of texts) if (words.every((w) => text.includes(w))) n++;
                return n;
              })
            ).ms,
          );
          if (round === 0) {
            hits.push(`"${q.text}" (${q.kind}) ${value.total}`);
            totals.push(value.total);
          }
        }
      }
      await store.close();

      const query = summarise(queryMs);
      const scan = summarise(scanMs);
      const build = summarise(builds.map((b) => b.buildMs));
      const delay = summarise(builds.map((b) => b.maxDelayMs));
      const heap = summarise(builds.map((b) => b.heapMb));
      const whileBuilding = summarise(builds.flatMap((b) => b.scanMs));
      const size = `${textMb.toFixed(0)} MB of paper text (${texts.length.toLocaleString('en-GB')} papers) + all records`;
      const slowest = QUERIES.map((q, i) => ({
        q,
        ms: Math.max(...queryMs.filter((_, j) => j % QUERIES.length === i)),
        hits: totals[i] ?? 0,
      })).sort((a, b) => b.ms - a.ms);
      return [
        {
          operation: `Search once the index is ready: p95 over a mixed query set (${QUERIES.length} queries × ${rounds})`,
          size,
          unit: 'ms',
          median: query.p95,
          spread: { lo: query.median, hi: query.max, kind: 'min–max' },
          runs: queryMs.length,
          floor: {
            what: `naive scan of the paper text, p95 (p50 ${formatValue(scan.median, 'ms')})`,
            median: scan.p95,
          },
          ratio: query.p95 / scan.p95,
          target: `p95 < ${P95_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'p95', value: query.p95, max: P95_MAX_MS, unit: 'ms' }],
            () =>
              `the slowest queries are ${slowest
                .slice(0, 3)
                .map(
                  (x) =>
                    `"${x.q.text}" (${x.q.kind}, ${formatValue(x.ms, 'ms')}, ${x.hits.toLocaleString('en-GB')} hits)`,
                )
                .join(
                  ', ',
                )}; the fastest "${slowest.at(-1)!.q.text}" (${formatValue(slowest.at(-1)!.ms, 'ms')}, ${slowest.at(-1)!.hits.toLocaleString('en-GB')} hits). ${PROFILE_HINT} search-query shows where a query's time goes.`,
          ),
          notes: [
            `The "median" column shows p95 and the spread column p50 – max for this row. Hits per query: ${hits.join(', ')}.`,
          ],
        },
        {
          operation: 'Search index ready after the store is open (built in the background)',
          size,
          unit: 'ms',
          median: build.median,
          spread: spreadOf(build),
          runs,
          target: `≤ ${READY_MAX_MS / 1000} s; results from a scan while it builds; persisted and updated per change`,
          verdict: judge(
            [{ label: 'build', value: build.median, max: READY_MAX_MS, unit: 'ms' }],
            () =>
              `measured as backend.ts uses it: built from scratch after the store opens (nothing is read back from disk), from ${textMb.toFixed(0)} MB of paper text in ${texts.length.toLocaleString('en-GB')} blobs and every record. ${PROFILE_HINT} search-build shows where the time goes.`,
          ),
          notes: [
            `While it builds, queries are answered by a scan (source: ${[...new Set(builds.flatMap((b) => b.scanSources))].join(', ')}): median ${formatValue(whileBuilding.median, 'ms')}, worst ${formatValue(whileBuilding.max, 'ms')}. That scan covers references, titles and record text but not paper text (papers are matched by reference, title and author only until the index is ready).`,
          ],
        },
        {
          operation: 'Event-loop delay, longest, while the search index builds',
          size,
          unit: 'ms',
          median: delay.median,
          spread: spreadOf(delay),
          runs,
          target: `max < ${DELAY_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'worst run', value: delay.max, max: DELAY_MAX_MS, unit: 'ms' }],
            () =>
              `a step between two yields of the build ran that long, or the process waited that long for a CPU (see the load averages above). ${PROFILE_HINT} search-build shows the longest steps.`,
          ),
        },
        {
          operation: 'Search index memory, on its own (V8 heap growth after gc)',
          size,
          unit: 'MB',
          median: heap.median,
          spread: spreadOf(heap),
          runs,
          target: `< ${MEMORY_MAX_MB} MB`,
          verdict: judge(
            [{ label: 'heap', value: heap.median, max: MEMORY_MAX_MB, unit: 'MB' }],
            () =>
              `the index keeps every paper's whole text in its documents (for snippets) besides the postings lists.`,
          ),
        },
      ] satisfies Row[];
    } finally {
      await copy.remove();
    }
  },
};
