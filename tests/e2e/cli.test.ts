/**
 * `npm run web` as a process: one line on stdout, a second host on the same
 * folder refused with the holder named, a clean stop on SIGINT/SIGTERM that
 * releases the lock, a start on corrupt data, and its usage errors.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../electron/backend/store/lock.ts';
import { tempDir as tempDirWithPrefix } from '../helpers/tempDir.ts';
import { finished, spawnCli, startWebHostProcess, type WebHostProcess } from '../helpers/webHostProcess.ts';

const hosts: WebHostProcess[] = [];

/** A data folder, removed after the test (tests/helpers/tempDir.ts), once the hosts on it have stopped. */
function tempDir(): Promise<string> {
  return tempDirWithPrefix('boardkeeper-cli-');
}

async function started(dataDir: string): Promise<WebHostProcess> {
  const host = await startWebHostProcess(dataDir);
  hosts.push(host);
  return host;
}

// Runs before tempDir.ts's own afterEach (registered first, so run last), which removes the folders.
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop('SIGKILL')));
});

describe('npm run web', () => {
  it('prints exactly one line on stdout: the URL with its token, which lets a browser in', async () => {
    const host = await started(await tempDir());
    const response = await fetch(host.url, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    const origin = new URL(host.url).origin;
    const call = await fetch(`${origin}/rpc/store:status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(await call.json()).toMatchObject({ ok: true });
    expect(host.stdout()).toBe(`Boardkeeper is running at ${host.url}\n`);
    expect(await host.stop('SIGINT')).toBe(0);
    expect(host.stdout().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses a second host on the same data folder, naming the holder, and exits 1', async () => {
    const dataDir = await tempDir();
    await started(dataDir);
    const second = await finished(spawnCli(['--data-dir', dataDir, '--port', '0']));
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('a Boardkeeper web host (npm run web)');
    expect(second.stderr).toContain(dataDir);
  });

  it('stops on SIGTERM with exit code 0 and releases the lock, so the folder opens again', async () => {
    const dataDir = await tempDir();
    const first = await started(dataDir);
    await stat(path.join(dataDir, LOCK_FILE));
    expect(await first.stop('SIGTERM')).toBe(0);
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow();
    const again = await started(dataDir);
    expect(again.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(again.url).not.toBe(first.url);
  });

  it('stops with exit code 0 when the page asks it to quit (app:quit), after answering', async () => {
    const dataDir = await tempDir();
    const host = await started(dataDir);
    const exited = new Promise<number | null>((resolve) => host.child.once('exit', (code) => resolve(code)));
    const origin = new URL(host.url).origin;
    const reply = await fetch(`${origin}/rpc/app:quit`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', Origin: origin },
      body: '{}',
    });
    expect(await reply.json()).toEqual({ ok: true, value: { quitting: true } });
    expect(await exited).toBe(0);
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow();
  });

  it('starts on corrupt data, so the page can offer recovery, and says so on stderr', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'db.json'), 'this is not JSON');
    const host = await started(dataDir);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    // The URL comes once the folder is locked, while the store opens: the message follows the open.
    for (let i = 0; i < 600 && !host.stderr().includes('The data could not be opened'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(host.stderr()).toContain('The data could not be opened');
  });

  it('explains its options with --help', async () => {
    const help = await finished(spawnCli(['--help']));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--data-dir DIR');
    expect(help.stdout).toContain('--port N');
  });

  it('refuses a bad port or an unknown option with exit code 2 and the usage', async () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--colour']]) {
      const run = await finished(spawnCli(args));
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain('Usage: npm run web');
      expect(run.stdout).toBe('');
    }
  });
});
