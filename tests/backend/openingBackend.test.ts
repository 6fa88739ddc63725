// The hosts serve once the folder's lock is held, while the store opens (issue 16), and a rebuild
// from the journal shows its progress (issue 15): while the store rebuilds a state whose
// checkpoint cannot be trusted, the backend already serves the page, `store:status` says `opening`
// with how far the journal has been read (pushed as events), every other channel waits for the
// open, and the page then gets the ready status with the warning saying what happened.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend.ts';
import { call } from '../../electron/backend/dispatch.ts';
import { openBackendShowingProgress } from '../../electron/backend/openingBackend.ts';
import type { StoreStatus } from '../../shared/contract/storeTypes.ts';
import { testBackend } from '../helpers/backend.ts';

const now = new Date('2026-06-20T09:00:00.000Z');
const platform = { openPath: async () => false, quit: () => undefined };
const opened: Backend[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

/** A data folder holding the sample board, closed. */
async function sampleFolder(): Promise<string> {
  const t = await testBackend(now);
  await t.ok('sample:load', {});
  for (let n = 0; n < 30; n++) await t.ok('members:create', { name: `Member ${n}`, role: 'member' });
  await t.backend.close();
  return t.dataDir;
}

describe('opening with the progress of a rebuild shown', () => {
  it('serves opening with progress while the journal is replayed, then the ready status and its warning', async () => {
    const dataDir = await sampleFolder();
    // One changed character in the checkpoint's state: its hash no longer matches.
    const path = join(dataDir, 'db.json');
    const text = await readFile(path, 'utf8');
    const at = text.indexOf('"name":"Member 7"') + 8;
    await writeFile(path, `${text.slice(0, at)}N${text.slice(at + 1)}`);

    const opening = openBackendShowingProgress({ dataDir, platform, clock: () => now, checkpointQuietMs: 60_000 });
    const pushed: StoreStatus[] = [];
    opening.backend.on('store:status', (status) => pushed.push(status));
    const first = await Promise.race([
      opening.rebuilding.then(() => 'rebuilding'),
      opening.opened.then(() => 'opened'),
    ]);
    expect(first).toBe('rebuilding');
    const during = await call(opening.backend.handlers, 'store:status', {});
    expect(during.ok && during.value.status).toBe('opening');
    // Asked while opening, answered once open, from the rebuilt state.
    const members = call(opening.backend.handlers, 'members:list', {});
    const backend = await opening.opened;
    opened.push(opening.backend);
    const list = await members;
    expect(list.ok && list.value.rows.map((m) => m.name)).toContain('Member 7');

    const progress = pushed.filter((s) => s.status === 'opening').map((s) => s.progress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(progress.at(-1)!.total).toBeGreaterThan(0);
    const last = pushed.at(-1)!;
    expect(last.status).toBe('ready');
    expect(last.warnings.map((w) => w.code)).toContain('checkpoint_rebuilt');
    expect(opening.backend.status()).toEqual(backend.status());
  });

  it('an ordinary open is not held up and never says opening', async () => {
    const dataDir = await sampleFolder();
    const opening = openBackendShowingProgress({ dataDir, platform, clock: () => now, checkpointQuietMs: 60_000 });
    const pushed: StoreStatus[] = [];
    opening.backend.on('store:status', (status) => pushed.push(status));
    const first = await Promise.race([
      opening.rebuilding.then(() => 'rebuilding'),
      opening.opened.then(() => 'opened'),
    ]);
    expect(first).toBe('opened');
    opened.push(opening.backend);
    expect(pushed.map((s) => s.status)).toEqual(['ready']);
    expect(opening.backend.status().warnings).toEqual([]);
  });

  it('is locked before it is open: a host serves then, the status says opening without progress and other channels wait', async () => {
    const dataDir = await sampleFolder();
    const opening = openBackendShowingProgress({ dataDir, platform, clock: () => now, checkpointQuietMs: 60_000 });
    const order: string[] = [];
    void opening.opened.then(() => order.push('opened'));
    await opening.locked;
    order.push('locked');
    const during = await call(opening.backend.handlers, 'store:status', {});
    expect(during.ok && during.value.status).toBe('opening');
    expect(during.ok && during.value.progress).toBeUndefined();
    // Asked while the store opens, answered once it is open, from the opened state.
    const dashboard = call(opening.backend.handlers, 'dashboard:get', {});
    const members = call(opening.backend.handlers, 'members:list', {});
    await opening.opened;
    opened.push(opening.backend);
    expect(order).toEqual(['locked', 'opened']);
    expect((await dashboard).ok).toBe(true);
    const list = await members;
    expect(list.ok && list.value.rows.map((m) => m.name)).toContain('Member 7');
    const after = await call(opening.backend.handlers, 'store:status', {});
    expect(after.ok && after.value.status).toBe('ready');
  });

  it('a new, empty folder opens at once, with nothing to rebuild', async () => {
    const { tempDir } = await import('../helpers/tempDir.ts');
    const opening = openBackendShowingProgress({ dataDir: await tempDir(), platform, clock: () => now });
    const first = await Promise.race([
      opening.rebuilding.then(() => 'rebuilding'),
      opening.opened.then(() => 'opened'),
    ]);
    expect(first).toBe('opened');
    opened.push(opening.backend);
    expect(opening.backend.status().status).toBe('ready');
  });

  it('a folder another process holds fails the open as before, and says so to a page already asking', async () => {
    const dataDir = await sampleFolder();
    const holder = openBackendShowingProgress({ dataDir, platform, clock: () => now });
    opened.push(await holder.opened);
    const second = openBackendShowingProgress({ dataDir, platform, clock: () => now });
    // A host waits for the lock before it serves: it learns of the conflict there, and serves nothing.
    await expect(second.locked).rejects.toThrow(/in use|lock|held/i);
    await expect(second.opened).rejects.toThrow(/in use|lock|held/i);
    const status = await call(second.backend.handlers, 'store:status', {});
    expect(status.ok && status.value.status).toBe('failed');
    const members = await call(second.backend.handlers, 'members:list', {});
    expect(members.ok).toBe(false);
  });
});
