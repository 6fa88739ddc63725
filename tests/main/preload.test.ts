import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { bindContract, forwardEvents } from '../../electron/main/ipcBinding.ts';
// Importing the preload runs it against the fake electron: it exposes window.board.
import { createBoardBridge } from '../../electron/preload/preload.ts';
import type { BoardBridge } from '../../shared/contract/api.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { APP_FRAME, contextBridge, FakeWebContents, ipcMain, ipcRenderer } from './fakeElectron.ts';

vi.mock('electron', () => import('./fakeElectron.ts'));

function isBridge(value: unknown): value is BoardBridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    'invoke' in value &&
    typeof value.invoke === 'function' &&
    'on' in value &&
    typeof value.on === 'function'
  );
}

/** What the page gets as window.board, as the preload exposed it. */
function exposedBoard(): BoardBridge {
  const board = contextBridge.exposed.get('board');
  if (!isBridge(board)) throw new Error('window.board was not exposed');
  return board;
}

// Compile-time: the preload's bridge satisfies the contract's BoardBridge, so
// the renderer's view of window.board is derived from the contract.
const typed = createBoardBridge(ipcRenderer) satisfies BoardBridge;
void typed;

const open: Backend[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(open.splice(0).map((backend) => backend.close()));
  ipcRenderer.frame = APP_FRAME;
  ipcRenderer.invoked.length = 0;
});

describe('the preload', () => {
  it('exposes exactly window.board, with exactly invoke and on', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['board']);
    const board = exposedBoard();
    expect(Object.keys(board).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(board)).toBe(true);
    // Never ipcRenderer itself, nor anything reaching it.
    expect(Object.values(board).every((value) => typeof value === 'function')).toBe(true);
  });

  it('refuses a channel outside the contract with a result, sending nothing', async () => {
    const board = exposedBoard();
    // A page that ignores the types, as a compromised one would.
    const invoke = board.invoke as (channel: string, input: unknown) => Promise<unknown>;
    for (const channel of ['fs:readFile', 'settings:get ', '__proto__', 'constructor']) {
      await expect(invoke(channel, {})).resolves.toEqual({
        ok: false,
        error: { code: 'unknown_channel', message: `There is no channel named ${JSON.stringify(channel)}.` },
      });
    }
    await expect((board.invoke as (channel: unknown) => Promise<unknown>)(42)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(ipcRenderer.invoked).toEqual([]);
  });

  it('refuses an event outside the contract, and a listener that is not a function', () => {
    const board = exposedBoard();
    // A page that ignores the types, as a compromised one would.
    const on = board.on as (event: string, callback: unknown) => () => void;
    expect(() => on('ipc:anything', () => undefined)).toThrow(/no event named "ipc:anything"/);
    expect(() => on('data:changed', 'not a function')).toThrow(/must be a function/);
    expect(ipcRenderer.listenerCount('ipc:anything')).toBe(0);
  });

  it('hands the callback only the payload, and unsubscribes', () => {
    const board = exposedBoard();
    const payloads: unknown[] = [];
    const unsubscribe = board.on('data:changed', (...args: unknown[]) => payloads.push(args));
    ipcRenderer.emit('data:changed', { sender: 'ipc event' }, { seq: 3, targets: ['settings'] });
    expect(payloads).toEqual([[{ seq: 3, targets: ['settings'] }]]);
    unsubscribe();
    unsubscribe();
    ipcRenderer.emit('data:changed', { sender: 'ipc event' }, { seq: 4, targets: [] });
    expect(payloads).toHaveLength(1);
    expect(ipcRenderer.listenerCount('data:changed')).toBe(0);
  });

  it('carries a call from the page to a real backend and an event back, end to end', async () => {
    const backend = await openBackend({
      dataDir: await tempDir('bk-preload-'),
      platform: { openPath: async () => false, quit: () => undefined },
      checkpointQuietMs: 60_000,
      logError: () => undefined,
    });
    open.push(backend);
    const contents = new FakeWebContents();
    cleanups.push(bindContract(ipcMain, backend));
    cleanups.push(forwardEvents(backend, (event, payload) => contents.send(event, payload)));

    const board = exposedBoard();
    const events: unknown[] = [];
    cleanups.push(board.on('data:changed', (payload) => events.push(payload)));
    const result = await board.invoke('settings:update', { boardName: 'Through the bridge' });
    expect(result).toMatchObject({ ok: true, value: { boardName: 'Through the bridge' } });
    expect(events).toEqual([{ seq: 1, targets: ['settings'] }]);

    const bad = await board.invoke('settings:update', { boardName: '' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ field: 'boardName' }] } },
    });

    // The same page, once navigated somewhere foreign, is refused by main.
    ipcRenderer.frame = { url: 'https://evil.example/', parent: null };
    expect(await board.invoke('settings:get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
