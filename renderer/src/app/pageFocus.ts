/**
 * Where the keyboard focus goes when the page changes under it, for every
 * screen at once (WCAG 2.4.3, 4.1.3). Three rules:
 *
 * - A new page (area or record) puts the focus on its h1 ({@link PageHeading}),
 *   even when the heading arrives later than the address (the record still
 *   loading): the request waits for it, unless the person moves on first.
 * - When the focused element disappears (a form that closes on save, a
 *   button replaced by its result, a row re-drawn), the focus goes to the
 *   same control drawn again if there is one (same id, or same tag and
 *   text), else to the heading of the nearest part of the page that is still
 *   there (the section's h2, else the page's h1), never to the page body.
 * - Each page's document title is its h1 (or a shorter form it gives, such as
 *   a reference), then the area, the board and the app:
 *   "PCD 2026-117 · Decisions · Policing Oversight Board · Boardkeeper".
 *
 * The shell installs the keeper once ({@link useFocusKeeper}); pages only use
 * PageHeading and, for a page inside an area, useFocusHeadingOnPageChange.
 */
import { createContext, useEffect } from 'react';

/** The heading of the page shown in the main region. */
const PAGE_HEADING = 'main [data-page-heading]';

/** A wait for the page heading: set on a page change, until it is focused or the person focuses something else. */
let pending: { readonly from: Element | null } | undefined;

/** The element that had the focus last, and its ancestors then (nearest first), to find what is left of them. */
let lastFocused: { readonly element: Element; readonly ancestors: readonly Element[] } | undefined;

function focusPageHeading(): boolean {
  for (const heading of document.querySelectorAll<HTMLElement>(PAGE_HEADING)) {
    heading.focus();
    // The last page's heading, kept hidden while the next page's code loads (React Suspense), cannot
    // take the focus: the wait goes on until the new page's heading is drawn.
    if (document.activeElement !== heading) continue;
    pending = undefined;
    return true;
  }
  return false;
}

/**
 * Puts the focus on the page's h1 now, or as soon as it is drawn (a record
 * still loading), unless the focus moves elsewhere meanwhile.
 */
export function requestPageHeadingFocus(): void {
  pending = { from: document.activeElement };
  focusPageHeading();
}

function isLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/** A heading to land on inside `part`, made focusable by script (not by Tab) if it is not already. */
function headingIn(part: Element): HTMLElement | null {
  const heading = part.matches('main')
    ? part.querySelector<HTMLElement>('[data-page-heading]')
    : part.querySelector<HTMLElement>('h1, h2, h3, h4, [role="heading"]');
  if (heading === null) return null;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading;
}

/** What names a control for finding it again after a redraw: its id, else its tag, label and text. */
function identityOf(element: Element): string | undefined {
  if (element.id !== '') return `#${element.id}`;
  if (!element.matches('button, a[href], summary')) return undefined;
  const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : `${element.tagName}:${text}`;
}

/** The same control drawn again inside `part` (a form re-mounted with fresh state), if there is exactly one. */
function redrawnIn(part: Element, identity: string): HTMLElement | null {
  if (identity.startsWith('#')) {
    const found = document.getElementById(identity.slice(1));
    return found !== null && part.contains(found) ? found : null;
  }
  const matches = [...part.querySelectorAll<HTMLElement>('button, a[href], summary')].filter(
    (e) => identityOf(e) === identity,
  );
  return matches.length === 1 ? matches[0]! : null;
}

/** The same control drawn again (same id, or the one control with its tag and text) after `element` went; else null. */
export function redrawnControl(element: Element): HTMLElement | null {
  const identity = identityOf(element);
  return identity === undefined ? null : redrawnIn(document.body, identity);
}

/** The focus fell to the page body because its element went: where should it go? */
function rescueTarget(): HTMLElement | null {
  const identity = lastFocused === undefined ? undefined : identityOf(lastFocused.element);
  for (const ancestor of lastFocused?.ancestors ?? []) {
    if (!ancestor.isConnected) continue;
    // The same control, drawn again (e.g. a form keyed by the record's state): the focus stays on it.
    const again = identity === undefined ? null : redrawnIn(ancestor, identity);
    if (again !== null) return again;
    // The nearest part still on the page that has a heading of its own: a section, a region, a dialog, the main region.
    if (!ancestor.matches('section, [role="region"], article, aside, dialog, main, nav')) continue;
    const heading = headingIn(ancestor);
    if (heading !== null) return heading;
    if (ancestor.matches('main')) return null;
  }
  return document.querySelector<HTMLElement>(PAGE_HEADING);
}

function ancestorsOf(element: Element): Element[] {
  const list: Element[] = [];
  for (let e = element.parentElement; e !== null && e !== document.body; e = e.parentElement) list.push(e);
  return list;
}

/**
 * Installs the focus keeper on the document (the shell does, once): it
 * follows where the focus is, and when the focused element is taken out of
 * the page, or a page heading is awaited, puts the focus where it belongs.
 */
export function useFocusKeeper(): void {
  useEffect(() => {
    const onFocusIn = (event: FocusEvent): void => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      lastFocused = { element: target, ancestors: ancestorsOf(target) };
      if (pending !== undefined && target !== pending.from && !target.matches('[data-page-heading]'))
        pending = undefined;
    };
    let scheduled = false;
    const check = (): void => {
      scheduled = false;
      if (pending !== undefined) {
        const active = document.activeElement;
        if (isLost() || active === pending.from) focusPageHeading();
        return;
      }
      if (!isLost() || lastFocused === undefined || lastFocused.element.isConnected) return;
      const target = rescueTarget();
      if (target === null) {
        // The page is being redrawn (e.g. loading): wait for its heading.
        pending = { from: null };
        return;
      }
      target.focus();
    };
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(check);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);
}

/** What the shell knows for the document title: the area's label and the board's name. */
export interface PageTitleParts {
  readonly area: string;
  readonly board: string | undefined;
}

/** Given by the shell to every {@link PageHeading}. */
export const PageTitleContext = createContext<PageTitleParts | undefined>(undefined);

/** The document title of a page: its own name (left out when it is the area's), the area, the board, the app. */
export function documentTitleOf(pageName: string, parts: PageTitleParts): string {
  const name = pageName.trim().replace(/\s+/g, ' ');
  return [name === parts.area ? '' : name, parts.area, parts.board ?? '', 'Boardkeeper'].filter(Boolean).join(' · ');
}
