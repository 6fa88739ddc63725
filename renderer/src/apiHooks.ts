/**
 * React hooks over the client in api.ts: how components get data and make
 * changes. Answers are kept in one query cache (@tanstack/react-query), keyed
 * by channel and input. Each read channel names the collections it reads
 * (shared/contract/reads.ts); a `data:changed` event re-reads only the answers
 * whose collections it names, once, however many components show them. A
 * change made from this page is re-read through that same event (it follows
 * every journaled change), never a second time on its own.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import {
  keepPreviousData,
  QueryClient,
  useQuery as useCachedQuery,
  type Query as CachedQuery,
} from '@tanstack/react-query';
import type { Channel, EventPayloads, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { EventName } from '../../shared/contract/channels.ts';
import { changeTouches, REFRESHED_AFTER, READS, type ReadChannel } from '../../shared/contract/reads.ts';
import type { AppError, Result } from '../../shared/contract/result.ts';
import { invoke, on } from './api.ts';

/** What a query shows: loading at first, then the latest value or error. */
export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: AppError };

/** A query's state with a way to ask again. */
export type Query<T> = QueryState<T> & { readonly refetch: () => void };

/** A failed answer, as the query cache carries it (it expects a thrown Error). */
class QueryFailure extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/**
 * The page's one cache of answers. An answer is kept until a change touches
 * what it reads; one older than a minute is also read again when a screen
 * showing it opens, since what is due or overdue moves with the clock.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

function channelOf(query: CachedQuery): ReadChannel | undefined {
  const channel = query.queryKey[0];
  return typeof channel === 'string' && channel in READS ? (channel as ReadChannel) : undefined;
}

/** Targets named by `data:changed` events not yet acted on, and the timer that will. */
const pendingTargets = new Set<string>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * How long events are gathered before the answers they touch are re-read: a
 * burst (the reminder catch-up records its ledger in many changes) re-reads once.
 */
const GATHER_MS = 20;
/** How long to wait before looking again at an answer still being read when a change touched it. */
const BUSY_RETRY_MS = 50;

function flushChanges(): void {
  flushTimer = undefined;
  const targets = [...pendingTargets];
  pendingTargets.clear();
  let busy = false;
  void queryClient.invalidateQueries({
    predicate: (query) => {
      const channel = channelOf(query);
      if (channel === undefined || !changeTouches(channel, targets)) return false;
      // An answer on its way may predate the change: read it again once that one is in.
      if (query.state.fetchStatus === 'fetching') {
        busy = true;
        return false;
      }
      return true;
    },
  });
  if (busy) {
    for (const t of targets) pendingTargets.add(t);
    flushTimer = setTimeout(flushChanges, BUSY_RETRY_MS);
  }
}

/** Notes a change of `targets`; the answers it touches are re-read once, a moment later. */
export function noteChange(targets: readonly string[]): void {
  for (const t of targets) pendingTargets.add(t);
  flushTimer ??= setTimeout(flushChanges, GATHER_MS);
}

/** Re-reads every kept answer of `channel` that a screen shows, and marks the others stale. */
export function invalidateChannel(channel: ReadChannel): void {
  void queryClient.invalidateQueries({ queryKey: [channel] });
}

/**
 * False on the first render, true once the screen it is on has sent its own
 * requests: for what the header shows beside a screen (the reminders count),
 * so the backend, which answers one request at a time, answers the screen first.
 */
export function useAfterScreenRequests(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // Effects run in the order of the tree, children first; a task later every query of this commit has been sent.
    const timer = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(timer);
  }, []);
  return ready;
}

/** Listens to a backend event for as long as the component is mounted. */
export function useEvent<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): void {
  const onEvent = useEffectEvent(callback);
  useEffect(() => on(event, (payload) => onEvent(payload)), [event]);
}

/**
 * Keeps the kept answers in step with the backend: re-reads those a change
 * touched, and takes the store's new status as it is pushed. Every query
 * hook listens (whichever component mounts first); a change is acted on once.
 */
function useChangeListener(): void {
  useEvent('data:changed', ({ targets }) => noteChange(targets));
  useEvent('store:status', (status) => queryClient.setQueryData(['store:status', {}], status));
}

/** The answer of a read channel, or a QueryFailure carrying its error (as the query cache expects). */
async function answerOf<C extends ReadChannel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result: Result<OutputOf<C>> = await invoke(channel, input);
  if (!result.ok) throw new QueryFailure(result.error);
  return result.value;
}

/**
 * Asks for an answer before any screen shows it (the first screen's, while
 * the page's frame is still being drawn); the screen's useQuery with the same
 * channel and input then takes it from the cache, or waits for it in flight.
 */
export function prefetchQuery<C extends ReadChannel>(channel: C, input: InputOf<C>): void {
  void queryClient.prefetchQuery({ queryKey: [channel, input], queryFn: () => answerOf(channel, input) });
}

/** How often an answer that `pollWhile` holds to be passing is asked again (ms). */
const POLL_MS = 500;

/**
 * Calls `channel` with `input` and keeps the answer, read again when a change
 * touches what the channel reads. While it is read again, or while the
 * answer for a new input is on its way, the previous answer stays on screen.
 * With `enabled: false` it asks nothing yet (and shows loading). While
 * `pollWhile` says so of the answer (a state that passes on its own, such as
 * the store opening), it is asked again every half second: an event saying
 * it passed may have come before the page listened.
 */
export function useQuery<C extends ReadChannel>(
  channel: C,
  input: InputOf<C>,
  options: { readonly enabled?: boolean; readonly pollWhile?: (value: OutputOf<C>) => boolean } = {},
): Query<OutputOf<C>> {
  useChangeListener();
  const { pollWhile } = options;
  const query = useCachedQuery(
    {
      enabled: options.enabled ?? true,
      refetchInterval: (cached) =>
        pollWhile !== undefined && cached.state.data !== undefined && pollWhile(cached.state.data as OutputOf<C>)
          ? POLL_MS
          : false,
      queryKey: [channel, input],
      queryFn: () => answerOf(channel, input),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
  const { refetch: refetchQuery } = query;
  const refetch = useCallback(() => void refetchQuery(), [refetchQuery]);
  if (query.status === 'error') {
    const error = query.error instanceof QueryFailure ? query.error.appError : undefined;
    return {
      status: 'error',
      error: error ?? { code: 'internal', message: query.error.message },
      refetch,
    };
  }
  if (query.status === 'pending') return { status: 'loading', refetch };
  return { status: 'ok', value: query.data, refetch };
}

/** A change in flight and its outcome. */
export interface Mutation<C extends Channel> {
  /** Calls the channel; the answers it changes are read again (through `data:changed`). Never throws. */
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
  useChangeListener();

  const run = useCallback(
    async (input: InputOf<C>): Promise<Result<OutputOf<C>>> => {
      setPending(true);
      setError(undefined);
      try {
        const result = await invoke(channel, input);
        if (result.ok) {
          // A journaled change announces itself with data:changed; these few are not journaled.
          for (const read of REFRESHED_AFTER[channel] ?? []) invalidateChannel(read);
        } else setError(result.error);
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
