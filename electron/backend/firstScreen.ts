/**
 * When the first screen has its answers: the moment the backend's start-up
 * work (the reminder catch-up, the search index read-back) may begin. Until
 * then the event loop is the first screen's: that work, though sliced, would
 * otherwise stretch every answer the page waits for (docs/benchmarks.md,
 * "Cold start").
 */

/** How long no request may be in flight, after one was answered, for the first screen to count as answered (ms). */
export const FIRST_SCREEN_QUIET_MS = 250;

/** The longest start-up work waits for a page (ms): with no page (a web host nobody opened), it starts anyway. */
export const FIRST_SCREEN_MAX_WAIT_MS = 5_000;

/** Timers the gate uses (Node's own by default). */
export interface GateTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: GateTimers = {
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // Waiting for a page never keeps the process alive on its own.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Watches the requests the backend answers and says when the first screen's
 * are answered: at least one answered and none in flight for
 * {@link FIRST_SCREEN_QUIET_MS}, or {@link FIRST_SCREEN_MAX_WAIT_MS} after it
 * began watching, whichever comes first. Once open, it stays open.
 */
export class FirstScreenGate {
  private inFlight = 0;
  private answered = 0;
  private quiet: unknown = null;
  private readonly deadline: unknown;
  private open = false;
  private readonly waiters: Array<() => void> = [];

  constructor(
    private readonly quietMs = FIRST_SCREEN_QUIET_MS,
    maxWaitMs = FIRST_SCREEN_MAX_WAIT_MS,
    private readonly timers: GateTimers = nodeTimers,
  ) {
    this.deadline = timers.setTimeout(() => this.release(), maxWaitMs);
  }

  /** True once the first screen's requests are answered (or the wait ran out). */
  get passed(): boolean {
    return this.open;
  }

  /** Resolves once the first screen's requests are answered (or the wait ran out). */
  passedPromise(): Promise<void> {
    if (this.open) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A request came in. */
  started(): void {
    if (this.open) return;
    this.inFlight++;
    this.clearQuiet();
  }

  /** A request was answered (or failed). */
  ended(): void {
    if (this.open) return;
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.answered++;
    if (this.inFlight === 0) {
      this.clearQuiet();
      this.quiet = this.timers.setTimeout(() => this.release(), this.quietMs);
    }
  }

  /** Opens the gate now (closing the backend, tests). */
  release(): void {
    if (this.open) return;
    this.open = true;
    this.clearQuiet();
    this.timers.clearTimeout(this.deadline);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private clearQuiet(): void {
    if (this.quiet !== null) this.timers.clearTimeout(this.quiet);
    this.quiet = null;
  }
}
