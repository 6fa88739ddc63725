/**
 * The preload: exposes `window.board = { invoke, on }` for the channels and
 * events of the contract, and nothing else (never `ipcRenderer` itself). It
 * runs sandboxed, so it is bundled into one CommonJS file, and imports only
 * 'electron' and the zod-free list of names to stay small.
 *
 * Its type satisfies `BoardBridge` of shared/contract/api.ts (checked in
 * tests/main/preload.test.ts): the renderer sees `window.board` as that type,
 * derived from the contract.
 */
// The one place that may touch ipcRenderer: it wraps it in the contract's bridge (eslint.config.js allows it here only).
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, isEvent } from '../../shared/contract/channels.ts';

/** The part of `ipcRenderer` the bridge uses (the real one satisfies it). */
export interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** The reply to a channel outside the contract: the Result shape of shared/contract/result.ts, never a throw. */
export function unknownChannelReply(channel: unknown): {
  readonly ok: false;
  readonly error: { readonly code: 'unknown_channel'; readonly message: string };
} {
  return {
    ok: false,
    error: { code: 'unknown_channel', message: `There is no channel named ${JSON.stringify(channel)}.` },
  };
}

/**
 * Builds the bridge over `ipc`. `invoke` answers a channel outside the
 * contract with `unknown_channel` without sending anything; `on` refuses an
 * event outside the contract, hands the callback only the payload (the IPC
 * event would leak `sender` and with it ipcRenderer), and returns an
 * unsubscribe function.
 */
export function createBoardBridge(ipc: IpcRendererLike) {
  // The reply's type is main's promise: handle() there is typed from the
  // contract and validates every input; preload has no schemas (no zod) to
  // check replies with, so it forwards them. The overload states that trust.
  function invoke<R>(channel: string, input?: unknown): Promise<R>;
  function invoke(channel: string, input?: unknown): Promise<unknown> {
    if (!isChannel(channel)) return Promise.resolve(unknownChannelReply(channel));
    return ipc.invoke(channel, input);
  }

  // Same trust for the payload: main sends only the contract's events.
  function on<P>(event: string, callback: (payload: P) => void): () => void;
  function on(event: string, callback: (payload: unknown) => void): () => void {
    if (!isEvent(event)) throw new TypeError(`There is no event named ${JSON.stringify(event)}.`);
    if (typeof callback !== 'function') throw new TypeError(`The listener for ${event} must be a function.`);
    const listener = (_event: unknown, payload: unknown): void => callback(payload);
    ipc.on(event, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(event, listener);
    };
  }

  return Object.freeze({ invoke, on });
}

contextBridge.exposeInMainWorld('board', createBoardBridge(ipcRenderer));
