/**
 * Pages below an area and list filters, kept in the hash like the area
 * itself (`#/papers/pap_1`, `#/papers?classification=confidential`), so Back,
 * Forward and reload work. routes.ts says which area shows; this says what
 * the area shows inside it.
 */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { requestPageHeadingFocus } from './pageFocus.ts';

/** The address below the area: `#/papers/pap_1/versions/2?x=1` -> path `['pap_1', 'versions', '2']`. */
export interface Place {
  readonly area: string;
  readonly path: readonly string[];
  readonly query: URLSearchParams;
}

/** What a query value may be given as; empty ones are left out of the address. */
export type QueryValues = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Reads a hash such as `#/papers/pap_1?read=unread`. */
export function placeOf(hash: string): Place {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const pathPart = q === -1 ? body : body.slice(0, q);
  const segments = pathPart
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return {
    area: segments[0] ?? '',
    path: segments.slice(1),
    query: new URLSearchParams(q === -1 ? '' : body.slice(q + 1)),
  };
}

/** The hash of a page: `linkTo(['papers', id])` -> `#/papers/pap_1`; empty query values are left out. */
export function linkTo(path: readonly string[], query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current place; re-renders when the hash changes. */
export function usePlace(): Place {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => placeOf(hash), [hash]);
}

/** Goes to a page, as following a link would (a new history entry). */
export function goTo(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

/**
 * Changes the current address without a new history entry (a filter being
 * typed should not take ten presses of Back to undo), and tells the app.
 */
export function replaceAddress(href: string): void {
  if (href === window.location.hash) return;
  window.history.replaceState(window.history.state, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/**
 * {@link replaceAddress}, only while the address is still `href`'s page (its
 * path, whatever its query): a page's own late change of its query (the page
 * in view of a reader, as the window is resized) must not pull the person
 * back from where they have just gone.
 */
export function replaceOwnAddress(href: string): void {
  const path = (address: string): string => address.split('?')[0] ?? '';
  if (path(window.location.hash) !== path(href)) return;
  replaceAddress(href);
}

/** How long a page's own address must stay the same before it is written (ms). */
const QUIET_ADDRESS_MS = 300;

/**
 * {@link replaceOwnAddress} once the page's own address has stayed the same
 * for a moment: a reader names the page in view in its address, and writing
 * it at every page passed while scrolling made the whole app draw again
 * (every screen listens to the address) in the frames of the scroll. The
 * last one asked for is written; none is written after the page has gone.
 */
export function useQuietOwnAddress(): (href: string) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback((href: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => replaceOwnAddress(href), QUIET_ADDRESS_MS);
  }, []);
}

/**
 * Puts the focus on the page heading when the page inside an area changes
 * (the shell does it when the area changes), as a new page would; when the
 * record is still loading, as soon as its heading is drawn.
 */
export function useFocusHeadingOnPageChange(pageKey: string): void {
  const shown = useRef(pageKey);
  useEffect(() => {
    if (shown.current === pageKey) return;
    shown.current = pageKey;
    requestPageHeadingFocus();
  }, [pageKey]);
}

/** A query value that must be one of `allowed`, else `fallback`. */
export function queryChoice<T extends string>(
  query: URLSearchParams,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = query.get(key);
  return allowed.find((a) => a === value) ?? fallback;
}

/** A query value that may be one of `allowed`, or nothing. */
export function queryOptional<T extends string>(
  query: URLSearchParams,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = query.get(key);
  return allowed.find((a) => a === value);
}

/** A page number from the query (0-based in code, 1-based in the address). */
export function queryPage(query: URLSearchParams): number {
  const value = Number(query.get('page'));
  return Number.isInteger(value) && value > 1 ? value - 1 : 0;
}
