/**
 * Answers a repeated request with the first one's result. A page whose reply
 * was lost (the connection dropped after the backend had saved) sends the
 * same create again with the same request id; without this, the board would
 * get a second record.
 *
 * Kept in memory, bounded: the {@link REMEMBERED_REQUESTS} most recent ids,
 * each for {@link REMEMBER_MS}. That is enough because a retry cannot outlive
 * the process that answered first: the web host's token is per run, so a page
 * left open across a restart is refused (401) before it could create anything,
 * and in Electron the renderer goes with the app. (Journaling the id with the
 * entry would cover a restart, but would change the journal's envelope, which
 * never changes across versions, for a case that cannot arrive.)
 */
import { createHash } from 'node:crypto';
import type { Result } from '../../shared/contract/result.ts';

/** How many recent request ids are remembered. */
export const REMEMBERED_REQUESTS = 500;
/** How long a request id is remembered, in ms. */
export const REMEMBER_MS = 10 * 60_000;

/** A request id as the page makes one: 16 to 100 letters, digits, `-` or `_`. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,100}$/.test(value);
}

/** Runs each request once per id; see the module comment. */
export interface RepeatGuard {
  /**
   * The result of `run` for this channel, request id and body: the first
   * one's (while it is still running, too) when the same were seen recently
   * and it succeeded; a failed one is run again.
   */
  once(channel: string, requestId: string, body: string, run: () => Promise<Result<unknown>>): Promise<Result<unknown>>;
}

/** A guard that remembers `limit` requests for `rememberMs` each; `now` is the clock in ms. */
export function createRepeatGuard(
  limit = REMEMBERED_REQUESTS,
  rememberMs = REMEMBER_MS,
  now: () => number = Date.now,
): RepeatGuard {
  // A Map keeps insertion order: the first key is the oldest.
  const seen = new Map<string, { readonly at: number; readonly result: Promise<Result<unknown>> }>();
  return {
    once(channel, requestId, body, run) {
      const key = `${channel}\n${requestId}\n${createHash('sha256').update(body).digest('hex')}`;
      const at = now();
      for (const [k, entry] of seen) {
        if (seen.size <= limit && at - entry.at <= rememberMs) break;
        seen.delete(k);
      }
      const earlier = seen.get(key);
      if (earlier !== undefined && at - earlier.at <= rememberMs) return earlier.result;
      const result = run();
      seen.set(key, { at, result });
      // Only a success is kept: a failure (the folder was busy, the input was wrong) may be tried again.
      void result.then((r) => {
        if (!r.ok) seen.delete(key);
      });
      return result;
    },
  };
}
