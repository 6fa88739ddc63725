import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/backend/backend.ts';
import {
  acquireLock,
  BOOT_TIME_TOLERANCE_MS,
  currentBoot,
  fromAnotherBoot,
  LOCK_FILE,
} from '../../electron/backend/store/lock.ts';
import { tempDir } from '../helpers/tempDir.ts';

const platform = { openPath: async () => false, quit: () => undefined };

/** Starts a real second process that opens the backend on `dir` and holds it until stdin closes. */
function holdInChildProcess(dir: string): Promise<{ stop: () => Promise<void> }> {
  const script = `
    import { openBackend } from ${JSON.stringify(join(process.cwd(), 'electron/backend/backend.ts'))};
    const backend = await openBackend({ dataDir: ${JSON.stringify(dir)}, holder: 'a web host', platform: { openPath: async () => false, quit() {} } });
    process.stdout.write('ready\\n');
    process.stdin.on('end', async () => { await backend.close(); process.exit(0); });
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    child.stdout.on('data', (data: Buffer) => {
      if (!data.toString().includes('ready')) return;
      child.removeAllListeners('exit');
      resolve({
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin.end();
          }),
      });
    });
  });
}

describe('the data folder lock', () => {
  it('refuses a second process on the same data folder, naming the holder', async () => {
    const dir = await tempDir();
    const holder = await holdInChildProcess(dir);
    try {
      const second = openBackend({ dataDir: dir, platform });
      await expect(second).rejects.toMatchObject({ code: 'conflict' });
      await expect(second).rejects.toThrow(/already open in a web host \(process \d+ on /);
    } finally {
      await holder.stop();
    }
    // Once the holder has gone, the folder opens.
    const backend = await openBackend({ dataDir: dir, platform });
    expect(backend.status().status).toBe('ready');
    await backend.close();
  }, 30_000);

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: hostname(),
        holder: 'a crashed app',
        since: '2026-01-01T00:00:00.000Z',
      }),
    );
    const lock = await acquireLock(dir, 'the test');
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'the test',
    });
    await lock.release();
  });

  it('refuses while the lock is held in this process too, and releases on close', async () => {
    const dir = await tempDir();
    const first = await openBackend({ dataDir: dir, platform, holder: 'the Boardkeeper app' });
    await expect(openBackend({ dataDir: dir, platform })).rejects.toThrow(/already open in the Boardkeeper app/);
    await first.close();
    const again = await openBackend({ dataDir: dir, platform });
    await again.close();
  });

  it('takes over a lock from before a reboot even when its process id is alive again (recycled)', async () => {
    const dir = await tempDir();
    const dayBefore = new Date(Date.parse(currentBoot().bootTime) - 86_400_000).toISOString();
    // process.pid is alive: only the boot tells that this lock's holder is gone.
    const leftBehind = { pid: process.pid, host: hostname(), holder: 'the Boardkeeper app', since: dayBefore };
    for (const boot of [{ bootId: 'a-boot-before-the-reboot', bootTime: dayBefore }, { bootTime: dayBefore }]) {
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ ...leftBehind, ...boot }));
      const lock = await acquireLock(dir, 'the test');
      const taken: unknown = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
      expect(taken).toMatchObject({ holder: 'the test', bootTime: expect.any(String) });
      expect(fromAnotherBoot(Object(taken), currentBoot())).toBe(false);
      await lock.release();
    }
  });

  it('still refuses a live holder of this boot, and a lock with no boot recorded whose process runs', async () => {
    const dir = await tempDir();
    const since = new Date().toISOString();
    for (const boot of [currentBoot(), {}]) {
      await writeFile(
        join(dir, LOCK_FILE),
        JSON.stringify({ pid: process.pid, host: hostname(), holder: 'a web host', since, ...boot }),
      );
      await expect(acquireLock(dir, 'the test')).rejects.toMatchObject({ code: 'conflict' });
    }
  });

  it('tells boots apart by boot id, else by boot time beyond the tolerance', () => {
    const at = '2026-03-01T08:00:00.000Z';
    const shifted = (ms: number) => new Date(Date.parse(at) + ms).toISOString();
    expect(fromAnotherBoot({ bootId: 'a', bootTime: at }, { bootId: 'b', bootTime: at })).toBe(true);
    expect(fromAnotherBoot({ bootId: 'a', bootTime: at }, { bootId: 'a', bootTime: shifted(86_400_000) })).toBe(false);
    expect(fromAnotherBoot({ bootTime: at }, { bootTime: shifted(BOOT_TIME_TOLERANCE_MS + 1) })).toBe(true);
    expect(fromAnotherBoot({ bootTime: at }, { bootTime: shifted(-BOOT_TIME_TOLERANCE_MS) })).toBe(false);
    expect(fromAnotherBoot({}, { bootTime: at })).toBe(false);
  });
});
