// The real backend on a real data folder with a fake clock, fake timers, a fake power monitor and a
// fake notifier: what the reminder scheduler's tests drive.
import { EventEmitter } from 'node:events';
import { expect, vi } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { call } from '../../electron/backend/dispatch.ts';
import type { ReminderNotice, TimerApi } from '../../electron/backend/reminders/scheduler.ts';
import type { Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';

/** Timers that fire only when the test lets time pass while the machine is awake. */
export class FakeTimers implements TimerApi {
  private next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  readonly delays: number[] = [];
  constructor(private readonly clock: { now: number }) {}
  setTimeout(callback: () => void, ms: number): number {
    this.delays.push(ms);
    const id = this.next++;
    this.pending.set(id, { at: this.clock.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** The machine is awake for `ms`: timers fire at their time, one after the other. */
  async run(ms: number): Promise<void> {
    const until = this.clock.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined || due[1].at > until) break;
      this.pending.delete(due[0]);
      this.clock.now = Math.max(this.clock.now, due[1].at);
      const armedBefore = this.next;
      due[1].callback();
      // A look (or a re-arm) is asynchronous; it ends by arming the next timer.
      await vi.waitFor(() => expect(this.next).toBeGreaterThan(armedBefore));
    }
    this.clock.now = until;
  }
}

export interface Harness {
  backend: Backend;
  clock: { now: number };
  timers: FakeTimers;
  power: EventEmitter;
  notices: ReminderNotice[];
  events: ReminderNotice[];
  ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

export async function openWithFakeTime(
  dataDir: string,
  clock: { now: number },
  notices: ReminderNotice[] = [],
  startupWork: 'at-open' | 'after-first-screen' = 'at-open',
): Promise<Harness> {
  const timers = new FakeTimers(clock);
  const power = new EventEmitter();
  const events: ReminderNotice[] = [];
  const backend = await openBackend({
    dataDir,
    platform: { openPath: async () => false, quit: () => undefined },
    clock: () => new Date(clock.now),
    checkpointQuietMs: 60_000,
    timers,
    powerEvents: power,
    notifier: (notice) => notices.push(notice),
    startupWork,
  });
  backend.on('reminder:due', (payload) => events.push(payload));
  return {
    backend,
    clock,
    timers,
    power,
    notices,
    events,
    async ok(channel, input) {
      const result = await call(backend.handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    },
  };
}
