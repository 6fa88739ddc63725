/**
 * The backend's resident memory with the ten-year body open as the app holds
 * it: the backend from the bundle the desktop app uses (dist/web/cli.cjs,
 * built by scripts/build-electron.mjs with main's options; not through tsx),
 * started on a working copy of the body, with the store, the search index
 * (read back from disk), the reminder scheduler (its catch-up done) and the
 * record history's index all up, then a full garbage collection. The figure is the whole process's
 * resident set. The floor is the same bundle on an empty data folder, all
 * of it up the same way: what Node and the backend's code hold without data.
 *
 * The memory is read by tests/bench/rssProbe.mjs, preloaded into the
 * backend's process (`node --expose-gc --import`): on a message it collects the
 * garbage and answers with process.memoryUsage(), V8's heap spaces and the
 * kernel's account of the resident pages (/proc/self/smaps_rollup), from which
 * the notes say where the resident set is. The full body is measured three
 * times (the median is the figure): what the C library's allocator keeps after
 * the open's big reads varies by some tens of MB from run to run.
 *
 * Read twice per run: "just up", the moment everything is up (V8's young
 * generation still at the 32 MB it grew to for the open's parse), and "at
 * rest", once the backend has been left alone until V8's own memory reducer
 * has run (it shrinks the young generation and compacts, after some seconds
 * of little allocation: seen as the young generation's size falling, read
 * without forcing a collection, which would put the reducer off), at most
 * {@link REST_WAIT_MS}; the background checks that start after the start-up
 * work run meanwhile. A board's app spends its hours at rest: the target is
 * judged on that figure, and the row's notes give the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitForUrlLine } from '../../helpers/webHostProcess.ts';
import { REPO_ROOT } from '../generate.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, type Measure, type Row } from '../measure.ts';
import { buildBackendBundle } from '../webApp.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_RSS_MB = 400;
const MB = 1e6;
/** Runs on the full body. */
const RUNS = 3;
/** How long a run waits for the backend to be at rest (V8's memory reducer seen to have run). */
const REST_WAIT_MS = 180_000;
/** The young generation's size once the memory reducer has shrunk it (it grows to 32 MB under load). */
const YOUNG_AT_REST_BYTES = 4 * MB;

/** What the probe answers. */
interface Memory {
  readonly usage: NodeJS.MemoryUsage;
  /** Bytes used per V8 heap space, after the collection. */
  readonly spaces: Record<string, number>;
  /** Bytes of memory V8 holds per heap space (used or not). */
  readonly committed: Record<string, number>;
  /** /proc/self/smaps_rollup's figures in bytes (Rss, Anonymous, ...); empty off Linux. */
  readonly rollup: Record<string, number>;
}

/**
 * What holds the V8 heap, from a heap snapshot of the ten-year body with everything up (taken as
 * this measure runs the backend, grouped by what retains each object; not re-measured per run:
 * writing the snapshot takes minutes). Update it when the caches change.
 */
const WHAT_THE_HEAP_HOLDS =
  'What the V8 heap holds (a heap snapshot of the ten-year body with everything up, 7 December 2026 before this stop\u2019s changes, Node 20, each object counted once, under what retains it; 243 MB used then): ' +
  'the records as JS objects 114 MB (conditions 39 MB, decisions 30 MB, the reminder ledger 22 MB, deadlines 6.6 MB, the rest 17 MB; 78 MB of it their strings, about 17 MB of which repeat a value held by another record: ids, times, names); ' +
  'the reminder plans per deadline (shared/caches/reminderPlans.ts) about 41 MB, and the derived deadline objects they share with the register about 17 MB; the search index 33 MB (21 MB of it the postings, outside the heap); ' +
  'the deadline derivation\u2019s entries per source record 13 MB; the record history\u2019s index 14 MB; ' +
  'the reminder ledger\u2019s read index (services/deadlines.ts) 10 MB; the condition rows 5 MB; the answered dates per condition 1 MB; ' +
  'the bundle\u2019s source 6 MB; code, modules and schemas about 13 MB. ' +
  'Since (measured as heap used after a forced collection, everything up, 7 December 2026): a plan lets its past occurrences go once the ledger holds the latest (243 \u2192 228 MB); the records\u2019 repeated strings of 11 to 400 characters shared after the open (shared/caches/sharedStrings.ts; V8\u2019s JSON.parse keeps one copy only of strings up to ten characters: 228 \u2192 205 MB). ' +
  'The desktop app runs the same backend in Electron\u2019s main process (not in a process of its own), whose V8 compresses pointers (Electron 14 on), so the fields of its objects take half the room they take here (strings do not shrink); Electron cannot be run here, so plain Node, the larger case, is what this row measures.';

const mb = (bytes: number): string => formatValue(bytes / MB, 'MB');

/** Where the resident set is: V8's heap, buffers outside it, the program's files, and what the allocators keep. */
function whereItIs(m: Memory): string {
  const spaces = Object.entries(m.spaces)
    .filter(([, bytes]) => bytes >= MB)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${mb(bytes)}`)
    .join(', ');
  const committed = Object.values(m.committed).reduce((a, b) => a + b, 0);
  const heap = `V8 heap ${mb(m.usage.heapUsed)} used (${spaces}), ${mb(committed)} held by V8 with its free pages (the young generation ${mb(m.committed['new_space'] ?? 0)} of it)`;
  const buffers = `buffers outside the heap ${mb(m.usage.external)} (the search index's postings, Node's Buffers)`;
  const rss = m.rollup['Rss'];
  const anonymous = m.rollup['Anonymous'];
  if (rss === undefined || anonymous === undefined) return `${heap}; ${buffers}`;
  return `${heap}; ${buffers}; the program's files ${mb(rss - anonymous)} (node and its libraries, shared with other processes); the rest ${mb(Math.max(0, anonymous - committed - m.usage.external))} (what the C library's allocator keeps after the open's big reads for reuse, and V8's and the threads' memory outside the heap)`;
}

/** A channel called over the host's HTTP contract, with its token; the answer's value. */
async function hostRpc(url: string, channel: string, input: unknown): Promise<unknown> {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${searchParams.get('token') ?? ''}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'refused'}`);
  return result.value;
}

/** Asks the probe in `child` (`memory`: after a full garbage collection; `peek`: without one). */
function ask<T>(child: ChildProcess, what: 'memory' | 'peek'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the memory probe did not answer within 60 s')), 60_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.send(what);
  });
}

const memoryOf = (child: ChildProcess): Promise<Memory> => ask<Memory>(child, 'memory');

/** Waits until V8's memory reducer has shrunk the young generation (or REST_WAIT_MS): how long it took, or null. */
async function restOf(child: ChildProcess): Promise<number | null> {
  const t0 = performance.now();
  while (performance.now() - t0 < REST_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { youngCommitted } = await ask<{ youngCommitted: number }>(child, 'peek');
    if (youngCommitted <= YOUNG_AT_REST_BYTES) return performance.now() - t0;
  }
  return null;
}

/** One run's readings. */
interface Readings {
  /** The store open and the dashboard answered, before the start-up work. */
  readonly opened: Memory;
  /** Everything up, at once. */
  readonly up: Memory;
  /** Everything up and left alone (see the file's comment). */
  readonly rest: Memory;
  /** How long the rest took to come (ms after `up`), or null when it had not come within REST_WAIT_MS. */
  readonly restAfterMs: number | null;
}

/**
 * Starts the bundled backend on `dataDir`, waits until everything is up (the search index answering,
 * the reminder catch-up recorded: the notification centre's count holds still), and reads its memory.
 */
async function memoryWithEverythingUp(cli: string, dataDir: string, log: (line: string) => void): Promise<Readings> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      pathToFileURL(join(REPO_ROOT, 'tests', 'bench', 'rssProbe.mjs')).href,
      cli,
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--renderer-dir',
      join(REPO_ROOT, 'dist', 'renderer'),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, BOARD_DATA_DIR: '', BOARD_FAKE_NOW: BODY_NOW.toISOString() },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const { url, exited } = await waitForUrlLine(child, 600_000);
  try {
    // The store open and the first screen answered (the start-up work waits for the first screen).
    await hostRpc(url, 'dashboard:get', {});
    const opened = await memoryOf(child);
    const t0 = performance.now();
    for (;;) {
      const answer = (await hostRpc(url, 'search:query', { q: 'contract', perGroup: 1 })) as { source: string };
      if (answer.source === 'index') break;
      if (performance.now() - t0 > 600_000) throw new Error('the search index was not ready after 600 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    let last = -1;
    for (let i = 0; i < 240; i++) {
      const list = (await hostRpc(url, 'reminders:list', { pageSize: 1 })) as { total: number };
      if (list.total === last) break;
      last = list.total;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // The backend reads the record history's index ahead once the start-up work is done: held for
    // the run, so counted (a history request waits for the read-ahead).
    await hostRpc(url, 'history:ofRecord', { target: 'members', id: 'any' });
    log(`  everything up after ${formatValue(performance.now() - t0, 'ms')} (from the URL line)`);
    const up = await memoryOf(child);
    const restAfterMs = await restOf(child);
    return { opened, up, rest: await memoryOf(child), restAfterMs };
  } finally {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    await exited;
    clearTimeout(timer);
  }
}

export const backendRssMeasure: Measure = {
  id: 'backend-rss',
  title: 'Backend resident memory, everything up',
  async run(ctx) {
    const cli = await buildBackendBundle(ctx.scratch);
    const empty = join(ctx.scratch, 'rss-empty');
    await mkdir(empty, { recursive: true });
    const floor = (await memoryWithEverythingUp(cli, empty, ctx.log)).rest;
    const runs: Readings[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh working copy each time: a run writes (its catch-up, a last checkpoint).
      const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'rss'));
      try {
        runs.push(await memoryWithEverythingUp(cli, copy.dataDir, ctx.log));
      } finally {
        await copy.remove();
      }
      const run = runs.at(-1)!;
      ctx.log(
        `  backend resident ${mb(run.up.usage.rss)} just up, ${mb(run.rest.usage.rss)} at rest (${run.restAfterMs === null ? `not seen within ${formatValue(REST_WAIT_MS, 'ms')}` : `${formatValue(run.restAfterMs, 'ms')} later`}; empty folder ${mb(floor.usage.rss)})`,
      );
    }
    const rssOf = (m: Memory): number => m.usage.rss / MB;
    const upSorted = runs.map((r) => rssOf(r.up)).sort((a, b) => a - b);
    runs.sort((a, b) => a.rest.usage.rss - b.rest.usage.rss);
    const median = runs[Math.floor(runs.length / 2)]!;
    const { opened, up, rest: full } = median;
    const rss = rssOf(full);
    const restTimes = runs
      .map((r) => (r.restAfterMs === null ? 'not seen' : formatValue(r.restAfterMs, 'ms')))
      .join(', ');
    const row: Row = {
      operation: 'Backend resident memory: store, search index and scheduler up, after gc, at rest (whole process)',
      size: 'ten-year body',
      unit: 'MB',
      median: rss,
      spread: { lo: rssOf(runs[0]!.rest), hi: rssOf(runs.at(-1)!.rest), kind: 'min–max' },
      runs: runs.length,
      floor: { what: 'the same bundle on an empty data folder, at rest', median: floor.usage.rss / MB, unit: 'MB' },
      target: `≤ ${MAX_RSS_MB} MB resident`,
      verdict: judge(
        [{ label: 'resident at rest', value: rss, max: MAX_RSS_MB, unit: 'MB' }],
        () =>
          `V8 heap used ${mb(full.usage.heapUsed)} (records as JS objects, the reminder plans, the search index, the deadline caches), buffers outside it ${mb(full.usage.external)}; see the notes.`,
      ),
      notes: [
        `The backend from dist/web/cli.cjs (esbuild, main's options), Node ${process.version}, with the body's "now" (BOARD_FAKE_NOW), each run on a fresh copy. **At rest** (the figure; V8's memory reducer seen to have run ${restTimes} after everything was up, the background checks running meanwhile): ${mb(full.usage.rss)} resident, the median of ${runs.length} runs: ${whereItIs(full)}. **Just up** (the moment the search index answered, the reminder catch-up was recorded and the record history's index was read, then a forced collection): ${upSorted.map((v) => formatValue(v, 'MB')).join(', ')} (median ${formatValue(upSorted[Math.floor(upSorted.length / 2)]!, 'MB')}; the at-rest median's run: ${whereItIs(up)}); the difference is mostly V8's young generation, grown to 32 MB for the open's parse and shrunk by its memory reducer after some seconds of little allocation. With the store open and the dashboard answered, before the start-up work (the records' strings shared, search index, reminder catch-up, every deadline derived, the record history's index): ${mb(opened.usage.rss)} resident, ${mb(opened.usage.heapUsed)} of V8 heap. On an empty data folder the same bundle holds ${mb(floor.usage.rss)} resident at rest: ${whereItIs(floor)}.`,
        WHAT_THE_HEAP_HOLDS,
      ],
    };
    return [row];
  },
};
