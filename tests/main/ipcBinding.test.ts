import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { bindContract, forwardEvents, isTrustedFrame } from '../../electron/main/ipcBinding.ts';
import type { EventPayloads } from '../../shared/contract/api.ts';
import { CHANNELS } from '../../shared/contract/channels.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { APP_FRAME, ipcMain, type FakeFrame } from './fakeElectron.ts';

const open: Backend[] = [];
const unbinds: Array<() => void> = [];
afterEach(async () => {
  for (const unbind of unbinds.splice(0)) unbind();
  await Promise.all(open.splice(0).map((backend) => backend.close()));
});

/** A real backend on a temp folder, bound to the fake ipcMain. */
async function boundBackend(): Promise<Backend> {
  const backend = await openBackend({
    dataDir: await tempDir('bk-ipc-'),
    platform: { openPath: async () => false, quit: () => undefined },
    checkpointQuietMs: 60_000,
    logError: () => undefined,
  });
  open.push(backend);
  unbinds.push(bindContract(ipcMain, backend, isTrustedFrame, () => undefined));
  return backend;
}

const foreignFrames: Array<[string, FakeFrame | null]> = [
  ['a remote page', { url: 'https://evil.example/', parent: null }],
  ['a file: page', { url: 'file:///home/user/Downloads/evil.html', parent: null }],
  ['another app: host', { url: 'app://evil/index.html', parent: null }],
  ['a look-alike host', { url: 'app://bundle.evil/index.html', parent: null }],
  ['a data: URL', { url: 'data:text/html,<script></script>', parent: null }],
  ['about:blank', { url: 'about:blank', parent: null }],
  ['a subframe of the app', { url: 'app://bundle/index.html', parent: APP_FRAME }],
  ['a missing frame (navigated away or destroyed)', null],
];

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'This page may not use the app.' } };

describe('bindContract', () => {
  it('binds every channel of the contract, and unbinding removes them all', async () => {
    await boundBackend();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    unbinds.pop()?.();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('reaches the backend for good input from the app page', async () => {
    const backend = await boundBackend();
    const result = await ipcMain.invoke('settings:update', { boardName: 'Harbour Oversight Board' });
    expect(result).toMatchObject({ ok: true, value: { boardName: 'Harbour Oversight Board' } });
    expect(backend.status().seq).toBe(1);
    expect(await ipcMain.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { boardName: 'Harbour Oversight Board' },
    });
  });

  it('answers bad input with ok: false naming the field, and changes nothing', async () => {
    const backend = await boundBackend();
    const result = await ipcMain.invoke('settings:update', { boardName: '' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ field: 'boardName' }] } },
    });
    expect(await ipcMain.invoke('settings:update', { nonsense: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(backend.status().seq).toBe(0);
  });

  it.each(foreignFrames)('drops a message from %s without touching the backend', async (_name, frame) => {
    const backend = await boundBackend();
    const result = await ipcMain.invoke('settings:update', { boardName: 'Taken over' }, frame);
    expect(result).toEqual(FORBIDDEN);
    expect(backend.status().seq).toBe(0);
    expect(await ipcMain.invoke('settings:get', {})).toMatchObject({ ok: true, value: { boardName: 'My board' } });
  });

  it('uses the handlers the backend has at call time', async () => {
    const backend = await boundBackend();
    const source = { handlers: backend.handlers };
    unbinds.pop()?.();
    unbinds.push(bindContract(ipcMain, source, isTrustedFrame));
    let called = false;
    Object.assign(source, {
      handlers: {
        ...backend.handlers,
        'store:status': async () => {
          called = true;
          return backend.status();
        },
      },
    });
    await ipcMain.invoke('store:status', {});
    expect(called).toBe(true);
  });
});

describe('isTrustedFrame', () => {
  it('trusts only the top frame of app://bundle', () => {
    expect(isTrustedFrame(APP_FRAME)).toBe(true);
    expect(isTrustedFrame({ url: 'app://bundle/index.html#/settings', parent: null })).toBe(true);
    for (const [, frame] of foreignFrames) expect(isTrustedFrame(frame)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });
});

describe('forwardEvents', () => {
  it('forwards the backend events to the page, until unsubscribed', async () => {
    const backend = await boundBackend();
    const sent: Array<{ event: string; payload: unknown }> = [];
    const stop = forwardEvents(backend, (event, payload) => sent.push({ event, payload }));
    await ipcMain.invoke('settings:update', { boardName: 'Forwarded' });
    const changed: EventPayloads['data:changed'] = { seq: 1, targets: ['settings'] };
    expect(sent).toEqual([{ event: 'data:changed', payload: changed }]);
    stop();
    await ipcMain.invoke('settings:update', { boardName: 'Not forwarded' });
    expect(sent).toHaveLength(1);
  });
});
