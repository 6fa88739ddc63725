/**
 * React hooks over the client in api.ts: how components get data and make
 * changes. A query refreshes when the backend says data changed, when the
 * store's status changes, and after any successful mutation from this page.
 */
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { Channel, EventPayloads, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { EventName } from '../../shared/contract/channels.ts';
import type { AppError, Result } from '../../shared/contract/result.ts';
import { invoke, on } from './api.ts';

/** What a query shows: loading at first, then the latest value or error. */
export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: AppError };

/** A query's state with a way to ask again. */
export type Query<T> = QueryState<T> & { readonly refetch: () => void };

const refetchers = new Set<() => void>();

/** Asks every mounted query to fetch again (after a change made from this page). */
export function invalidateQueries(): void {
  for (const refetch of refetchers) refetch();
}

/** Listens to a backend event for as long as the component is mounted. */
export function useEvent<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): void {
  const onEvent = useEffectEvent(callback);
  useEffect(() => on(event, (payload) => onEvent(payload)), [event]);
}

/**
 * Calls `channel` with `input` and keeps the answer, refreshed on
 * `data:changed`, on `store:status` and after mutations. While it refreshes,
 * the previous answer stays on screen.
 */
export function useQuery<C extends Channel>(channel: C, input: InputOf<C>): Query<OutputOf<C>> {
  const [state, setState] = useState<QueryState<OutputOf<C>>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const latest = useRef(0);
  // The input is a small plain object: its JSON is a stable key for the effect.
  const key = JSON.stringify(input);

  useEffect(() => {
    const request = ++latest.current;
    const parsedInput = JSON.parse(key) as InputOf<C>;
    void invoke(channel, parsedInput).then((result: Result<OutputOf<C>>) => {
      if (request !== latest.current) return;
      setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
    });
  }, [channel, key, version]);

  const refetch = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    refetchers.add(refetch);
    return () => {
      refetchers.delete(refetch);
    };
  }, [refetch]);
  useEvent('data:changed', refetch);
  useEvent('store:status', refetch);

  return { ...state, refetch };
}

/** A change in flight and its outcome. */
export interface Mutation<C extends Channel> {
  /** Calls the channel; on success every mounted query refreshes. Never throws. */
  readonly run: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
  readonly pending: boolean;
  /** The error of the last call, if it failed. */
  readonly error: AppError | undefined;
  /** Forgets the last error. */
  readonly reset: () => void;
}

/** Makes changes through `channel`, tracking whether one is in flight and its error. */
export function useMutation<C extends Channel>(channel: C): Mutation<C> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);

  const run = useCallback(
    async (input: InputOf<C>): Promise<Result<OutputOf<C>>> => {
      setPending(true);
      setError(undefined);
      try {
        const result = await invoke(channel, input);
        if (result.ok) invalidateQueries();
        else setError(result.error);
        return result;
      } finally {
        setPending(false);
      }
    },
    [channel],
  );
  const reset = useCallback(() => setError(undefined), []);

  return { run, pending, error, reset };
}
