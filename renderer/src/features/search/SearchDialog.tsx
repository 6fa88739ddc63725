/**
 * Global search: Ctrl+K (Cmd+K on a Mac), or the Search button in the
 * header, opens a dialog that searches references, titles, wording and paper
 * text as you type (after a short pause), with the results grouped by type;
 * the member's own notes on papers are found too, marked "Private note".
 * Arrow keys move through the results, Enter opens one, Escape closes; the
 * focus stays in the dialog while it is open and goes back where it was.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { SearchHit } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { goTo, linkTo } from '../../app/location.ts';

/** How long typing must pause before the search runs, in milliseconds. */
const PAUSE_MS = 200;

const GROUP_LABELS: { readonly [K in SearchHit['kind']]: string } = {
  decision: 'Decisions',
  condition: 'Conditions',
  contract: 'Contracts',
  paper: 'Papers',
  meeting: 'Meetings',
  member: 'Members',
  note: 'My notes',
};

const AREA_OF: { readonly [K in SearchHit['kind']]: string } = {
  decision: 'decisions',
  condition: 'conditions',
  contract: 'contracts',
  paper: 'papers',
  meeting: 'meetings',
  member: 'members',
  note: 'papers',
};

/** The page a search hit opens. */
export function hrefOfHit(hit: Pick<SearchHit, 'kind' | 'id' | 'page' | 'paperId'>): string {
  // A note opens its paper at the note (its passage shown in the text); a hit inside a PDF paper (or a note on a
  // passage of one) opens the reader at its page.
  const id = hit.kind === 'note' ? (hit.paperId ?? hit.id) : hit.id;
  return linkTo([AREA_OF[hit.kind], id], {
    page: hit.page,
    note: hit.kind === 'note' && hit.paperId !== undefined ? hit.id : undefined,
  });
}

/** Whether a key press is the search shortcut: Ctrl+K, or Cmd+K on a Mac. */
export function isSearchShortcut(
  event: Pick<globalThis.KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  return event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/** The words of the query found in a snippet, marked. */
function Highlighted({ text, query }: { readonly text: string; readonly query: string }): ReactNode {
  const words = query
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length > 1);
  if (words.length === 0) return text;
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  const parts = text.split(pattern);
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}

function Results(props: {
  readonly query: string;
  readonly listboxId: string;
  readonly active: number;
  readonly onHits: (hits: readonly SearchHit[]) => void;
  readonly onOpen: (hit: SearchHit) => void;
  readonly onHover: (index: number) => void;
}): ReactNode {
  const { query, listboxId, active, onHits, onOpen, onHover } = props;
  const results = useQuery('search:query', { q: query, perGroup: 6 });
  // While a new query runs, the answer to the one before stays: it is shown, but not reported as this query's.
  const fresh = results.status === 'ok' && results.value.query === query;
  const groups = results.status === 'ok' ? results.value.groups : [];
  const hits = groups.flatMap((g) => g.hits);
  const hitsKey = `${fresh ? 'fresh' : 'stale'}:${hits.map((h) => `${h.kind}:${h.id}`).join('|')}`;
  const reportHits = useRef(onHits);
  useEffect(() => {
    reportHits.current = onHits;
  });
  // The dialog needs the flat list for the arrow keys and Enter; tell it when this query's results are in.
  useEffect(() => {
    if (fresh) reportHits.current(hits);
    // hitsKey names the hits: the array itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hitsKey]);

  // Where each group starts in the flat list the arrow keys move through.
  const starts = groups.map((_, g) => groups.slice(0, g).reduce((n, group) => n + group.hits.length, 0));
  return (
    <>
      <p className="search-status" role="status">
        {results.status !== 'error' && !fresh && 'Searching…'}
        {results.status === 'error' && `The search could not run: ${results.error.message}`}
        {fresh &&
          results.status === 'ok' &&
          (results.value.total === 0
            ? `Nothing found for “${query}”. Try a reference such as PCD 2026-117, or another word.`
            : `${results.value.total === 1 ? 'One result' : `${results.value.total} results`} for “${query}”${
                results.value.total > hits.length ? `, the best ${hits.length} shown` : ''
              }.`)}
      </p>
      {hits.length > 0 && (
        <div role="listbox" id={listboxId} aria-label="Search results" className="search-results">
          {groups.map((group, g) => (
            <div key={group.kind} role="group" aria-labelledby={`${listboxId}-${group.kind}`} className="search-group">
              <div role="presentation" id={`${listboxId}-${group.kind}`} className="search-group-title">
                {GROUP_LABELS[group.kind]}
              </div>
              {group.hits.map((hit, h) => {
                const mine = (starts[g] ?? 0) + h;
                return (
                  <div
                    key={`${hit.kind}:${hit.id}`}
                    id={`${listboxId}-option-${mine}`}
                    role="option"
                    aria-selected={mine === active}
                    className={mine === active ? 'search-hit search-hit-active' : 'search-hit'}
                    onMouseMove={() => onHover(mine)}
                    onClick={() => onOpen(hit)}
                  >
                    <span className="search-hit-head">
                      {hit.reference && <span className="reference">{hit.reference}</span>}{' '}
                      <span className="search-hit-title">{hit.title}</span>
                      {hit.private && <span className="search-hit-private"> Private note</span>}
                      {hit.confidential && <span className="search-hit-confidential"> (confidential)</span>}
                    </span>
                    {hit.snippet && hit.snippet !== hit.title && (
                      <span className="search-hit-snippet">
                        <Highlighted text={hit.snippet} query={query} />
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </>
  );
}

/** The Search button for the header, and the dialog it opens (also on Ctrl+K / Cmd+K anywhere). */
export function GlobalSearch(): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [hits, setHits] = useState<readonly SearchHit[]>([]);
  const openFirstWhenReady = useRef(false);
  const titleId = useId();
  const listboxId = useId();
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The dialog is in the page only while open (nothing labelled "Search…" lingers hidden in the page).
  useEffect(() => {
    if (open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.current?.showModal();
      input.current?.focus();
      input.current?.select();
    } else {
      returnFocus.current?.focus();
      returnFocus.current = null;
    }
  }, [open]);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === query) return;
    const timer = setTimeout(() => {
      setQuery(trimmed);
      setActive(0);
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, query]);

  function close(): void {
    openFirstWhenReady.current = false;
    setOpen(false);
  }

  function openHit(hit: SearchHit): void {
    setOpen(false);
    // Going to the page moves the focus to its heading (not back to where it was).
    returnFocus.current = null;
    goTo(hrefOfHit(hit));
  }

  const showResults = query !== '';
  const liveHits = showResults ? hits : [];
  const expanded = liveHits.length > 0;

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void {
    if (event.key === 'Escape') {
      // A search box would only clear itself on the first Escape: close the dialog at once instead.
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (liveHits.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + liveHits.length) % liveHits.length);
    } else if (event.key === 'Enter' && event.target === input.current) {
      event.preventDefault();
      if (query !== text.trim()) {
        // Enter before the pause: search now, and open the best result when it comes.
        openFirstWhenReady.current = true;
        setQuery(text.trim());
        setActive(0);
        return;
      }
      const hit = liveHits[active];
      if (hit !== undefined) openHit(hit);
    } else if (event.key === 'Tab') {
      // Keep the focus inside the dialog: from the last control back to the first, and the other way.
      const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('input, button') ?? [])];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (first === undefined || last === undefined) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  // The active result stays in view as the arrows move it.
  useEffect(() => {
    document.getElementById(`${listboxId}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listboxId]);

  return (
    <>
      {/* Named "Search" once; the shortcut is told by aria-keyshortcuts, and shown (not read) as a badge. */}
      <button
        type="button"
        className="header-search"
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        onClick={() => setOpen(true)}
      >
        <span>Search</span>
        <kbd className="header-search-key" aria-hidden="true">
          {isMac ? '⌘K' : 'Ctrl+K'}
        </kbd>
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="dialog search-dialog"
          aria-labelledby={titleId}
          onCancel={(event) => {
            event.preventDefault();
            close();
          }}
          onClose={() => setOpen(false)}
          onKeyDown={onKeyDown}
          onClick={(event) => {
            // A click on the backdrop (outside the box) closes it, as Escape does.
            if (event.target === dialog.current) close();
          }}
        >
          <div className="search-head">
            <h2 id={titleId} className="dialog-title">
              Search
            </h2>
            <button type="button" className="button button-small button-quiet" onClick={close}>
              Close<span className="visually-hidden"> search</span>
            </button>
          </div>
          <label htmlFor={`${titleId}-input`} className="visually-hidden">
            Search references, titles, wording and paper text
          </label>
          <input
            ref={input}
            id={`${titleId}-input`}
            type="search"
            className="input search-input"
            placeholder="References, titles, wording, paper text…"
            role="combobox"
            aria-expanded={expanded}
            aria-controls={expanded ? listboxId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={expanded ? `${listboxId}-option-${active}` : undefined}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {showResults ? (
            <Results
              query={query}
              listboxId={listboxId}
              active={active}
              onHits={(found) => {
                setHits(found);
                const first = found[0];
                if (openFirstWhenReady.current && first !== undefined) openHit(first);
                openFirstWhenReady.current = false;
              }}
              onOpen={openHit}
              onHover={setActive}
            />
          ) : (
            <p className="search-status muted">
              Type a reference (such as PCD 2026-117), a title, or words from a decision’s wording or a paper’s text.
              Use the arrow keys to choose a result and Enter to open it.
            </p>
          )}
        </dialog>
      )}
    </>
  );
}
