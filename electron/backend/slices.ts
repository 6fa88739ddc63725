/**
 * Runs a stepwise computation (a generator that yields between pieces of
 * work) to its end, letting the event loop run whenever a slice has taken
 * `sliceMs`. Null when `stop` says so at a pause (the store closed).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export function runSliced<T>(steps: Generator<unknown, T, void>, sliceMs: number): Promise<T>;
export function runSliced<T>(
  steps: Generator<unknown, T, void>,
  sliceMs: number,
  stop: () => boolean,
): Promise<T | null>;
export async function runSliced<T>(
  steps: Generator<unknown, T, void>,
  sliceMs: number,
  stop: () => boolean = () => false,
): Promise<T | null> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      if (stop()) return null;
      sliceStart = performance.now();
    }
  }
}
