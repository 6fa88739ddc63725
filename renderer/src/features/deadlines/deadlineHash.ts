/**
 * The Deadlines view's state in the address (`#/deadlines?window=30&group=owner`),
 * so Back, Forward and a reload keep the filters, and a notification can link
 * to one deadline (`key=`) or to the notification centre (`centre=open`).
 */
import { useSyncExternalStore } from 'react';

/** What the view shows. */
export interface DeadlineViewState {
  readonly view: 'list' | 'calendar';
  readonly window: 'overdue' | 'week' | '30' | '90' | 'all';
  readonly group: 'none' | 'owner' | 'contract';
  readonly owner: string;
  readonly contract: string;
  readonly source: '' | 'condition' | 'contract' | 'meeting' | 'decision' | 'manual';
  /** Open deadlines (the default), lapsed rights, closed ones, or all. */
  readonly status: 'open' | 'lapsed' | 'closed' | 'all';
  /** `YYYY-MM` of the calendar; '' for the current month. */
  readonly month: string;
  /** The deadline whose details are open. */
  readonly key: string;
  readonly page: number;
}

const WINDOWS = ['overdue', 'week', '30', '90', 'all'] as const;
const GROUPS = ['none', 'owner', 'contract'] as const;
const SOURCES = ['', 'condition', 'contract', 'meeting', 'decision', 'manual'] as const;
const STATUSES = ['open', 'lapsed', 'closed', 'all'] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

/** Reads the view's state from a hash such as `#/deadlines?window=30`. */
export function parseDeadlineHash(hash: string): DeadlineViewState {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const month = query.get('month') ?? '';
  return {
    view: query.get('view') === 'calendar' ? 'calendar' : 'list',
    window: oneOf(query.get('window'), WINDOWS, 'all'),
    group: oneOf(query.get('group'), GROUPS, 'none'),
    owner: query.get('owner') ?? '',
    contract: query.get('contract') ?? '',
    source: oneOf(query.get('source') ?? '', SOURCES, ''),
    status: oneOf(query.get('status'), STATUSES, 'open'),
    month: /^\d{4}-\d{2}$/.test(month) ? month : '',
    key: query.get('key') ?? '',
    page: Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0),
  };
}

const DEFAULTS = parseDeadlineHash('');

/** The hash for a view state; values at their default are left out. */
export function deadlineHash(state: DeadlineViewState): string {
  const query = new URLSearchParams();
  for (const name of Object.keys(DEFAULTS) as Array<keyof DeadlineViewState>) {
    const value = String(state[name]);
    if (value !== String(DEFAULTS[name])) query.set(name, value);
  }
  const text = query.toString();
  return `#/deadlines${text ? `?${text}` : ''}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The view's state, re-rendered when the address changes, and a way to change it (a new history entry). */
export function useDeadlineView(): [DeadlineViewState, (patch: Partial<DeadlineViewState>) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const state = parseDeadlineHash(hash);
  const change = (patch: Partial<DeadlineViewState>): void => {
    window.location.hash = deadlineHash({ ...state, ...patch });
  };
  return [state, change];
}
