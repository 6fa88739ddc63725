/** A real backend on a temp folder, with typed helpers to call channels as the renderer would. */
import { afterEach } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import type { Platform } from '../../electron/backend/platform.ts';
import { call, dispatch } from '../../electron/backend/dispatch.ts';
import type { Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { AppError } from '../../shared/contract/result.ts';
import { tempDir } from './tempDir.ts';

const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

/** A test backend: `ok` expects success, `refused` expects failure and returns the error. */
export interface TestBackend {
  readonly backend: Backend;
  readonly dataDir: string;
  ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  refused(channel: Channel, input: unknown): Promise<AppError>;
}

/**
 * Opens a backend on a new temp folder with a fixed clock (default 20 June
 * 2026, 09:00 UTC); `platform` adds what a test needs (a PDF printer, a save dialog);
 * `dataDir` opens a folder the test has prepared instead.
 */
export async function testBackend(
  now: Date | (() => Date) = new Date('2026-06-20T09:00:00.000Z'),
  platform: Partial<Platform> = {},
  dataDir?: string,
): Promise<TestBackend> {
  dataDir ??= await tempDir();
  const backend = await openBackend({
    dataDir,
    platform: { openPath: async () => false, quit: () => undefined, ...platform },
    clock: typeof now === 'function' ? now : () => now,
    checkpointQuietMs: 60_000,
  });
  open.push(backend);
  return {
    backend,
    dataDir,
    async ok(channel, input) {
      const result = await call(backend.handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    },
    async refused(channel, input) {
      const result = await dispatch(backend.handlers, channel, input);
      if (result.ok) throw new Error(`${channel} should have been refused`);
      return result.error;
    },
  };
}
