/**
 * Rows of a long list fetched page by page as they come into view: the
 * decisions register and the conditions list hold up to tens of thousands of
 * rows, but the backend only ever sends the pages the screen shows (a reply
 * stays small). The pages kept are refreshed when the backend says a
 * collection the list reads changed; a change of filters starts again from
 * the first page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../shared/contract/paging.ts';
import { changeTouches, type ReadChannel } from '../../shared/contract/reads.ts';
import type { AppError, Result } from '../../shared/contract/result.ts';
import { useEvent } from './apiHooks.ts';

/** How long the visible rows must stay put before their pages are asked for, in milliseconds. */
const SETTLE_MS = 60;

/** Fetches one page of rows (0-based) of `pageSize`. */
export type FetchPage<Row> = (page: number, pageSize: number) => Promise<Result<Page<Row>>>;

/** What a paged list shows. */
export interface PagedRows<Row> {
  /** `loading` until the first page is in; `error` when it could not be read. */
  readonly status: 'loading' | 'ok' | 'error';
  readonly error: AppError | undefined;
  /** True while the rows shown are those of the filters before (the new ones are on their way). */
  readonly stale: boolean;
  /** How many rows match, all pages together. */
  readonly total: number;
  /** The row at `index`, or undefined while its page is still on its way. */
  rowAt(index: number): Row | undefined;
  /** Asks for the pages that hold rows `first` to `last` (inclusive), as they scroll into view. */
  need(first: number, last: number): void;
}

interface Loaded<Row> {
  readonly key: string;
  readonly total: number;
  readonly pages: ReadonlyMap<number, readonly Row[]>;
  readonly status: 'loading' | 'ok' | 'error';
  readonly error: AppError | undefined;
}

function fresh<Row>(key: string): Loaded<Row> {
  return { key, total: 0, pages: new Map(), status: 'loading', error: undefined };
}

/**
 * Keeps the pages of one list, read through `channel`. `key` names the
 * filters (their JSON): when it changes, the rows start again from page 0.
 * Pages are fetched at most once each until a change touches what `channel` reads.
 */
export function usePagedRows<Row>(
  channel: ReadChannel,
  key: string,
  fetchPage: FetchPage<Row>,
  pageSize = 500,
): PagedRows<Row> {
  const [loaded, setLoaded] = useState<Loaded<Row>>(() => fresh(key));
  // The latest arguments, for fetches started from scroll events and effects.
  const latest = useRef({ key, fetchPage, pageSize });
  // Pages asked for or in flight, per key and data generation: each is fetched once.
  const requested = useRef(new Set<string>());
  const generation = useRef(0);
  const wanted = useRef<{ first: number; last: number }>({ first: 0, last: 0 });
  // Until the first page for new filters is in, the rows of the old ones stay on screen (no flicker while typing).
  const stale = loaded.key !== key;
  const current = stale && loaded.status !== 'ok' ? fresh<Row>(key) : loaded;

  const fetchWanted = useCallback(() => {
    const { key: askedKey, fetchPage: fetchIt, pageSize: size } = latest.current;
    const askedGeneration = generation.current;
    const { first, last } = wanted.current;
    const pagesWanted = new Set([0]);
    for (let page = Math.floor(Math.max(0, first) / size); page <= Math.floor(Math.max(0, last) / size); page++) {
      pagesWanted.add(page);
    }
    for (const page of pagesWanted) {
      const tag = `${askedKey}#${askedGeneration}#${page}`;
      if (requested.current.has(tag)) continue;
      requested.current.add(tag);
      void fetchIt(page, size).then((result) => {
        // An answer for filters or data no longer shown is dropped.
        if (askedGeneration !== generation.current) return;
        setLoaded((before) => {
          const base = before.key === askedKey ? before : fresh<Row>(askedKey);
          if (!result.ok) {
            requested.current.delete(tag);
            return base.status === 'ok' ? base : { ...base, status: 'error', error: result.error };
          }
          const pages = new Map(base.pages);
          pages.set(page, result.value.rows);
          return { key: askedKey, total: result.value.total, pages, status: 'ok', error: undefined };
        });
      });
    }
  }, []);

  useEffect(() => {
    latest.current = { key, fetchPage, pageSize };
  });
  // New filters: forget the pages of the old ones and start from the top.
  useEffect(() => {
    generation.current += 1;
    requested.current.clear();
    wanted.current = { first: 0, last: 0 };
    fetchWanted();
  }, [key, pageSize, fetchWanted]);

  // A change of what the list reads may move rows between pages: fetch what is on screen again, showing the old rows meanwhile.
  useEvent('data:changed', ({ targets }) => {
    if (!changeTouches(channel, targets)) return;
    generation.current += 1;
    requested.current.clear();
    const { first, last } = wanted.current;
    const size = latest.current.pageSize;
    setLoaded((before) => {
      const keep = new Map<number, readonly Row[]>();
      for (const [page, rows] of before.pages) {
        if (page * size <= last && (page + 1) * size > first) keep.set(page, rows);
      }
      return { ...before, pages: keep };
    });
    fetchWanted();
  });

  // While the list flies past (a drag of the scroll bar, End), only the rows where it settles are asked for.
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  const need = useCallback(
    (first: number, last: number) => {
      wanted.current = { first, last };
      clearTimeout(settle.current);
      settle.current = setTimeout(fetchWanted, SETTLE_MS);
    },
    [fetchWanted],
  );

  const pages = current.pages;
  const rowAt = useCallback(
    (index: number): Row | undefined => pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [pages, pageSize],
  );

  return { status: current.status, error: current.error, total: current.total, stale, rowAt, need };
}
