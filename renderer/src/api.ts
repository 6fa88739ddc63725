/**
 * The renderer's one client of the backend. In Electron it goes through
 * `window.board` (the preload bridge); in a browser, through the web host's
 * transport (POST /rpc/<channel>, and server-sent events at /events). Both are
 * typed from the contract in shared/contract/api.ts, so a wrong channel or input fails
 * to compile. Components never call this directly: they use the hooks in
 * apiHooks.ts.
 *
 * In a browser the web host's per-run token comes in the printed address
 * (`?token=`); the page keeps it in this tab's sessionStorage (scoped to this
 * exact origin, port included) and sends it in an `Authorization` header on
 * every call and on the event stream. It is never a cookie, which the browser
 * would also send to every other server on 127.0.0.1. So the event stream is
 * read with fetch (EventSource cannot send a header).
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

/** Where the page keeps the web host's token: this tab, this origin (port included). */
export const TOKEN_STORAGE_KEY = 'boardkeeper.token';

/**
 * The web host's token for this page: taken from the address (`?token=`) on
 * the first visit and kept in sessionStorage, the address then rewritten
 * without it so it stays out of the address bar and history. Undefined when
 * the page was opened without the printed link.
 */
export function pageToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress !== null && fromAddress !== '') {
    try {
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromAddress);
    } catch {
      // Storage refused (a locked-down browser): the token still works for this page's life.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromAddress;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** One server-sent event: its name and data (the data lines joined). */
interface StreamedEvent {
  readonly name: string;
  readonly data: string;
}

/** Parses one block of a server-sent event stream (the lines between blank lines); undefined for a comment. */
function parseEventBlock(block: string): StreamedEvent | undefined {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { name, data: data.join('\n') };
}

/** How long a create waits before each new try when its reply was lost, in ms. */
const CREATE_RETRIES: readonly number[] = [300, 1000];

/** True for a channel that makes a record (`meetings:create`): it carries a request id. */
function isCreate(channel: string): boolean {
  return channel.endsWith(':create');
}

/** A random request id: 128 bits, base64url. */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** How long the event stream waits before it connects again after the host went away. */
const RECONNECT_MS = 2000;

/**
 * The web host's transport: the same `invoke` and `on` as the preload bridge,
 * over HTTP, with the token in a header. `token` is read from the page when
 * left out.
 */
export function createWebTransport(base = '', token: string | undefined = pageToken()): BoardBridge {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let streaming = false;
  const authorization: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };

  function deliver(event: StreamedEvent): void {
    if (!isEvent(event.name)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(event.data) as unknown;
    } catch {
      return;
    }
    for (const listener of listeners.get(event.name) ?? []) listener(payload);
  }

  /** Reads the event stream for the page's life, connecting again after the host went away. */
  async function stream(): Promise<void> {
    for (;;) {
      let refused = false;
      try {
        const response = await fetch(`${base}/events`, {
          headers: { ...authorization, Accept: 'text/event-stream' },
          credentials: 'omit',
          cache: 'no-store',
        });
        // A refusal (wrong token, too many pages open) does not change by asking again.
        refused = response.status === 401 || response.status === 403;
        if (response.status === 200 && response.body !== null) {
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let end = buffer.search(/\r?\n\r?\n/);
            while (end >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
              const event = parseEventBlock(block);
              if (event !== undefined) deliver(event);
              end = buffer.search(/\r?\n\r?\n/);
            }
          }
        }
      } catch {
        // The host is gone (stopped, restarting): try again shortly.
      }
      if (refused) return;
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  function connect(): void {
    if (streaming) return;
    streaming = true;
    void stream();
  }

  return {
    async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
      // A create carries a request id, and is sent again with it when the reply is lost:
      // the host answers a repeat with the first result, so a retry never makes a second record.
      const requestId = isCreate(channel) ? newRequestId() : undefined;
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        ...authorization,
        ...(requestId === undefined ? {} : { 'X-Request-Id': requestId }),
      };
      const sent = JSON.stringify(input);
      let response: Response | undefined;
      for (let attempt = 0; response === undefined; attempt++) {
        try {
          response = await fetch(`${base}/rpc/${encodeURIComponent(channel)}`, {
            method: 'POST',
            credentials: 'omit',
            headers,
            body: sent,
          });
        } catch {
          if (requestId === undefined || attempt >= CREATE_RETRIES.length) {
            return failure({
              code: 'io_error',
              message: 'Boardkeeper could not reach its web host. Is `npm run web` still running?',
            });
          }
          await new Promise((resolve) => setTimeout(resolve, CREATE_RETRIES[attempt]));
        }
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
