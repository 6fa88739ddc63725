/**
 * Summaries of repeated timings: median and spread, so one figure from a
 * noisy machine is never mistaken for the truth.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** A set of samples, summarised. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p10: number;
  readonly p90: number;
  readonly p95: number;
}

/** The value at quantile `q` (0..1) of sorted samples, interpolated. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Summarises samples (at least one). */
export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0]!,
    max: sorted.at(-1)!,
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
  };
}

/** Milliseconds since some fixed point, high resolution. */
export function now(): number {
  return performance.now();
}

/** Runs `fn` and returns how long it took, in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Collects garbage twice when the process was started with --expose-gc (the runner does so), so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/**
 * The ratio of an operation to its floor as the median of the per-run ratios
 * (each operation divided by the floor taken next to it), so noise that hits
 * both halves of a run cancels out.
 */
export function pairedRatio(operation: readonly number[], floor: readonly number[]): Summary {
  if (operation.length !== floor.length) throw new Error('paired samples must have the same length');
  return summarise(operation.map((ms, i) => ms / floor[i]!));
}

/**
 * Runs `first` then `second` on an even run, `second` then `first` on an odd
 * one: neither side always runs second (on a warm cache, after the other's garbage).
 */
export async function alternately(run: number, first: () => Promise<void>, second: () => Promise<void>): Promise<void> {
  if (run % 2 === 0) {
    await first();
    await second();
  } else {
    await second();
    await first();
  }
}

/**
 * Runs `fn` while watching the event loop (`perf_hooks.monitorEventLoopDelay`
 * at `resolutionMs`): its time and the longest delay seen, which is what a
 * window sharing the process would feel.
 */
export async function watchedEventLoop(
  fn: () => Promise<void>,
  resolutionMs: number,
): Promise<{ ms: number; maxDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const { ms } = await timed(fn);
  // Let the monitor's timer fire once more, so a stall at the very end is recorded.
  await new Promise((resolve) => setTimeout(resolve, resolutionMs * 3));
  histogram.disable();
  return { ms, maxDelayMs: histogram.count > 0 ? histogram.max / 1e6 : ms };
}
