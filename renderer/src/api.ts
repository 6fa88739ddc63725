/**
 * The renderer's one client of the backend. In Electron it goes through
 * `window.board` (the preload bridge); in a browser, through the web host's
 * transport (POST /rpc/<channel>, and server-sent events at /events). Both are
 * typed from the contract in shared/contract/api.ts, so a wrong channel or input fails
 * to compile. Components never call this directly: they use the hooks in
 * apiHooks.ts.
 */
import type { BoardBridge, Channel, EventPayloads, InputOf, OutputOf } from '../../shared/contract/api.ts';
import { isEvent, type EventName } from '../../shared/contract/channels.ts';
import type { AppError, Result } from '../../shared/contract/result.ts';

declare global {
  interface Window {
    /** Present in Electron, put there by the preload script; absent in a browser. */
    readonly board?: BoardBridge;
  }
}

/** Which transport this page talks through. */
export type TransportKind = 'electron' | 'web';

function failure(error: AppError): { readonly ok: false; readonly error: AppError } {
  return { ok: false, error };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

/** The web host's transport: the same `invoke` and `on` as the preload bridge, over HTTP. */
export function createWebTransport(base = ''): BoardBridge {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | undefined;

  function connect(): void {
    if (source !== undefined) return;
    source = new EventSource(`${base}/events`, { withCredentials: true });
    for (const name of listeners.keys()) attach(name);
  }

  const attached = new Set<EventName>();
  function attach(name: EventName): void {
    if (source === undefined || attached.has(name)) return;
    attached.add(name);
    source.addEventListener(name, (message: MessageEvent<string>) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data) as unknown;
      } catch {
        return;
      }
      for (const listener of listeners.get(name) ?? []) listener(payload);
    });
  }

  return {
    async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
      let response: Response;
      try {
        response = await fetch(`${base}/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
      } catch {
        return failure({
          code: 'io_error',
          message: 'Boardkeeper could not reach its web host. Is `npm run web` still running?',
        });
      }
      if (response.status !== 200) {
        const text = (await response.text().catch(() => '')).trim();
        return failure({
          code: response.status === 401 || response.status === 403 ? 'forbidden' : 'internal',
          message: text || `The web host answered ${response.status}.`,
        });
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!isResult(body)) {
        return failure({ code: 'internal', message: 'The web host answered with something that is not a result.' });
      }
      // The host answers with the Result of this very channel (dispatch over the same contract).
      return body as Result<OutputOf<C>>;
    },

    on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void {
      if (!isEvent(event)) throw new Error(`There is no event named ${JSON.stringify(event)}.`);
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      // The payload arrives as JSON from our own host, sent for this very event name.
      const listener: Listener = (payload) => callback(payload as EventPayloads[E]);
      set.add(listener);
      connect();
      attach(event);
      return () => {
        set.delete(listener);
      };
    },
  };
}

let bridge: BoardBridge | undefined;

function currentBridge(): BoardBridge {
  bridge ??= window.board ?? createWebTransport();
  return bridge;
}

/** Which transport is in use: the preload bridge in Electron, or the web host's. */
export function transportKind(): TransportKind {
  return window.board === undefined ? 'web' : 'electron';
}

/** Calls a channel of the contract. Never throws: failures come back as `ok: false`. */
export function invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return currentBridge().invoke(channel, input);
}

/** Listens to an event pushed by the backend; returns the function that stops listening. */
export function on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void {
  return currentBridge().on(event, callback);
}

/** For tests: talk through the given bridge instead of the page's own. */
export function setBridgeForTests(replacement: BoardBridge | undefined): void {
  bridge = replacement;
}
