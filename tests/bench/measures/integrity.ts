/**
 * The record's integrity at ten-year scale (issue 15): Verify (the journal's
 * chain from entry 1, db.json against the state the journal produces, every
 * blob) and the recovery path, opening with an untrusted db.json so the state
 * is rebuilt from the journal. Both are sliced: the longest event-loop stall
 * each causes is measured (`perf_hooks.monitorEventLoopDelay`), the target
 * being 50 ms. The open targets apply to a verified checkpoint (the `open` row).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { CHECKPOINT_FILE } from '../../../electron/backend/store/checkpoint.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { formatValue, judge, spreadOf, type Measure, type MeasureContext, type Row } from '../measure.ts';
import { collectGarbage, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_DELAY_MS = 50;
const RESOLUTION_MS = 2;

interface Watched<T> {
  readonly ms: number;
  /** The longest stall from the moment `fn` began (or from `restart`, when called), and over the whole of `fn`. */
  readonly maxDelayMs: number;
  readonly wholeMaxDelayMs: number;
  /**
   * The longest gap between two ticks of a 1 ms timer over the reported part, and the CPU time the
   * process used in it (all its threads): well under the gap, the process was waiting for a CPU.
   */
  readonly longestGap: { readonly ms: number; readonly cpuMs: number };
  /** The longest gap in which the process ran for at least 80% of it (working, not waiting). */
  readonly longestWorkingGapMs: number;
  readonly value: T;
}

/** Runs `fn` with the event-loop delay watched; `restart` (given to `fn`) starts the reported part anew. */
async function watched<T>(fn: (restart: () => void) => Promise<T>): Promise<Watched<T>> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let wholeMax = 0;
  let longestGap = { ms: 0, cpuMs: 0 };
  let longestWorkingGapMs = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const gap = { ms: now - last, cpuMs: (cpu.user + cpu.system) / 1000 };
    if (gap.ms > longestGap.ms) longestGap = gap;
    if (gap.cpuMs >= 0.8 * gap.ms) longestWorkingGapMs = Math.max(longestWorkingGapMs, gap.ms);
    last = now;
    lastCpu = process.cpuUsage();
  }, 1);
  const restart = (): void => {
    if (histogram.count > 0) wholeMax = Math.max(wholeMax, histogram.max / 1e6);
    histogram.reset();
    longestGap = { ms: 0, cpuMs: 0 };
    longestWorkingGapMs = 0;
  };
  histogram.enable();
  const { ms, value } = await timed(() => fn(restart));
  await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 3));
  histogram.disable();
  clearInterval(ticker);
  const maxDelayMs = histogram.count > 0 ? histogram.max / 1e6 : ms;
  return {
    ms,
    value,
    maxDelayMs,
    wholeMaxDelayMs: Math.max(wholeMax, maxDelayMs),
    longestGap,
    longestWorkingGapMs,
  };
}

async function verifyOnce(ctx: MeasureContext, run: number): Promise<Watched<unknown>> {
  const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, `verify-${run}`));
  try {
    const store = await openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
    collectGarbage();
    const result = await watched(() => store.verify());
    if (!result.value.ok) throw new Error(`Verify failed on the body: ${JSON.stringify(result.value.firstBad)}`);
    if (!result.value.checkpointChecked) throw new Error('Verify did not compare the checkpoint with the journal');
    await store.close();
    return result;
  } finally {
    await copy.remove();
  }
}

/**
 * One changed character in db.json's state: its hash no longer matches, so the journal rebuilds it.
 * In a function of its own, so the file's text (84 MB at full size) is not held by the measuring
 * code while the rebuild runs (it was: an async function's locals live while it waits).
 */
export async function damageCheckpoint(path: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const at = text.indexOf('"name":"') + 8;
  // db.json is a hard link to the cached body's: replace the link, never write through it.
  await rm(path);
  await writeFile(path, `${text.slice(0, at)}${text[at] === 'X' ? 'Y' : 'X'}${text.slice(at + 1)}`);
}

async function rebuildOnce(ctx: MeasureContext, run: number): Promise<Watched<unknown>> {
  const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, `rebuild-${run}`));
  try {
    await damageCheckpoint(join(copy.dataDir, CHECKPOINT_FILE));
    collectGarbage();
    // The stall that counts is the rebuild's: from its first progress report (the journal about to
    // be replayed). Before it the open reads db.json as every open does (one JSON.parse), reported apart.
    let started = false;
    const result = await watched((restart) =>
      openStore({
        dataDir: copy.dataDir,
        checkpointQuietMs: 3_600_000,
        backupOnFirstChange: false,
        onRebuildProgress: () => {
          if (!started) restart();
          started = true;
        },
      }),
    );
    const status = result.value.status();
    if (status.status !== 'ready') throw new Error(`the rebuild failed: ${status.problem?.message ?? '?'}`);
    if (!status.warnings.some((w) => w.code === 'checkpoint_rebuilt')) throw new Error('the store did not rebuild');
    if (status.seq !== ctx.body.manifest.head.seq) throw new Error(`rebuilt to ${status.seq}`);
    await result.value.close();
    return result;
  } finally {
    await copy.remove();
  }
}

function rowOf(
  operation: string,
  ctx: MeasureContext,
  results: ReadonlyArray<Watched<unknown>>,
  note: string,
  wholeNote?: string,
): Row {
  const time = summarise(results.map((r) => r.ms));
  const stall = Math.max(...results.map((r) => r.maxDelayMs));
  const whole = Math.max(...results.map((r) => r.wholeMaxDelayMs));
  const gap = results.map((r) => r.longestGap).reduce((a, b) => (b.ms > a.ms ? b : a));
  const working = Math.max(...results.map((r) => r.longestWorkingGapMs));
  const cpuNote = `The longest gap a 1 ms timer saw was ${formatValue(gap.ms, 'ms')}, in which the process used ${formatValue(gap.cpuMs, 'ms')} of CPU (all its threads; the rest of it, it waited for a CPU: see the load averages above); the longest gap in which it ran for at least 80% of the time was ${formatValue(working, 'ms')}.`;
  return {
    operation,
    size: `${ctx.body.manifest.entries.toLocaleString('en-GB')} entries, ${(ctx.body.manifest.bytes.journal / 1e6).toFixed(0)} MB journal`,
    unit: 'ms',
    median: time.median,
    spread: spreadOf(time),
    runs: results.length,
    target: `report; longest stall ≤ ${MAX_DELAY_MS} ms`,
    verdict: judge(
      [{ label: 'longest stall', value: stall, max: MAX_DELAY_MS, unit: 'ms' }],
      () =>
        `a stall here is one slice of work (about 8 ms) plus a garbage collection (a scavenge of the records just parsed), zod compiling a schema on its first record (about 30 ms, once per schema), or the process waiting for a CPU on a loaded machine. ${cpuNote} The journal is streamed line by line, the records held as their JSON text while it is replayed (one string each, nothing for the garbage collector to walk), then parsed and validated a few milliseconds at a time; npx tsx --expose-gc tests/bench/stalls.ts rebuild|verify shows what ran in each stall.`,
    ),
    notes: [
      `${note} Longest event-loop stall: ${formatValue(stall, 'ms')}.${wholeNote ? ` ${wholeNote} ${formatValue(whole, 'ms')}.` : ''} ${cpuNote}`,
    ],
  };
}

export const integrityMeasure: Measure = {
  id: 'integrity',
  title: 'Verify and rebuild from the journal',
  async run(ctx) {
    const runs = ctx.size.name === 'full' ? 2 : 3;
    const verifies: Array<Watched<unknown>> = [];
    const rebuilds: Array<Watched<unknown>> = [];
    for (let run = 0; run < runs; run++) {
      verifies.push(await verifyOnce(ctx, run));
      rebuilds.push(await rebuildOnce(ctx, run));
      ctx.log(
        `  integrity run ${run + 1}/${runs}: verify ${formatValue(verifies.at(-1)!.ms, 'ms')} (stall ${formatValue(verifies.at(-1)!.maxDelayMs, 'ms')}, CPU ${formatValue(verifies.at(-1)!.longestGap.cpuMs, 'ms')} in the longest gap; working stall ${formatValue(verifies.at(-1)!.longestWorkingGapMs, 'ms')}), rebuild ${formatValue(rebuilds.at(-1)!.ms, 'ms')} (stall ${formatValue(rebuilds.at(-1)!.maxDelayMs, 'ms')}, CPU ${formatValue(rebuilds.at(-1)!.longestGap.cpuMs, 'ms')} in the longest gap; working stall ${formatValue(rebuilds.at(-1)!.longestWorkingGapMs, 'ms')}; whole open ${formatValue(rebuilds.at(-1)!.wholeMaxDelayMs, 'ms')})`,
      );
    }
    return [
      rowOf(
        'Verify: the journal chain from entry 1, db.json against the journal, every blob',
        ctx,
        verifies,
        'Verify runs in the background, sliced, while saves go on: the whole journal is replayed to the checkpoint entry and its state hashed the way a checkpoint is.',
      ),
      rowOf(
        'Open with an untrusted db.json: rebuild the state from the journal (recovery path)',
        ctx,
        rebuilds,
        "The recovery path: db.json set aside, the whole journal replayed, validated, and a new checkpoint written and sealed; the stall is counted from the rebuild's first progress report (the journal about to be replayed).",
        "Counting the open's first step too (db.json read and parsed in one JSON.parse while a worker hashes it, as every open does before it knows the file cannot be trusted), the longest stall was",
      ),
    ];
  },
};
