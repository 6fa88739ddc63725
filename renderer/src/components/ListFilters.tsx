/**
 * The filter bar of a list, and the address it keeps: each list declares
 * its filters (words, choices, dates) with their values from the address,
 * and this draws them, writes a change into the address and says whether
 * the list is narrowed. Typed words replace the address once typing pauses
 * (a word should not take ten presses of Back to undo); a chosen filter or
 * page is a step Back can undo.
 */
import type { ReactNode } from 'react';
import { goTo, linkTo, replaceAddress, type QueryValues } from '../app/location.ts';
import { SearchBox } from './SearchBox.tsx';

/** The archive states a list can show; `active` is the default, left out of the address. */
export const ARCHIVE_STATES = ['active', 'archived', 'all'] as const;

/** One option of a choice filter. */
export interface FilterChoice {
  readonly value: string;
  readonly label: string;
}

interface FilterBase {
  /** The filter's name in the address (and, after the list's area, its control's id). */
  readonly key: string;
  readonly label: string;
}

/** Words searched for: a search box that waits for a pause in typing. */
export interface WordsFilter extends FilterBase {
  readonly kind: 'words';
  readonly value: string;
  readonly placeholder: string;
}

/** One choice among several, as a select. */
export interface ChoiceFilter extends FilterBase {
  readonly kind: 'choice';
  /** The option shown as chosen. */
  readonly value: string;
  readonly choices: readonly FilterChoice[];
  /** The choice the address leaves out (the list's default); empty is always left out. */
  readonly fallback?: string;
  /** The address values of a choice, when one option stands for more than `key` (a sort with its direction). */
  readonly address?: (value: string) => QueryValues;
  /** True when the choice orders the list rather than narrows it (a sort). */
  readonly orders?: boolean;
  /** The select's class, default `input`. */
  readonly inputClassName?: string;
}

/** A calendar date bounding the list. */
export interface DateFilter extends FilterBase {
  readonly kind: 'date';
  readonly value: string | undefined;
}

/** One control of a list's filter bar. */
export type ListFilter = WordsFilter | ChoiceFilter | DateFilter;

/** A list's filters with what follows from them: the address, whether they narrow the list, and its moves. */
export interface FilteredList {
  /** The list's area, e.g. `members`: its address and the prefix of its controls' ids. */
  readonly area: string;
  readonly filters: readonly ListFilter[];
  /** True when any filter leaves rows out (a sort alone does not). */
  readonly narrowed: boolean;
  /** The address of the list with its filters changed by `values`, back on the first page. */
  href(values: QueryValues): string;
  /** Goes to the list with `values` changed, as a step Back can undo. */
  choose(values: QueryValues): void;
  /** Goes to page `page` (0-based) of the list, as a step Back can undo. */
  toPage(page: number): void;
}

function addressOf(filter: ListFilter, value: string | undefined): QueryValues {
  if (filter.kind === 'choice') {
    if (filter.address !== undefined) return filter.address(value ?? '');
    return { [filter.key]: value === filter.fallback ? undefined : value };
  }
  return { [filter.key]: value };
}

function isEmpty(value: QueryValues[string]): boolean {
  return value === undefined || value === null || value === '' || value === false;
}

/** The filters of the list in `area`, with the address they stand for and the moves between its states. */
export function filteredList(area: string, filters: readonly ListFilter[]): FilteredList {
  const address = filters.reduce<QueryValues>((all, f) => ({ ...all, ...addressOf(f, f.value) }), {});
  const narrowed = filters.some(
    (f) => !(f.kind === 'choice' && f.orders === true) && Object.values(addressOf(f, f.value)).some((v) => !isEmpty(v)),
  );
  const href = (values: QueryValues): string => linkTo([area], { ...address, page: undefined, ...values });
  return {
    area,
    filters,
    narrowed,
    href,
    choose: (values) => goTo(href(values)),
    toPage: (page) => goTo(href({ page: page === 0 ? undefined : page + 1 })),
  };
}

/** A choice filter whose empty choice (the first, "any") narrows nothing: `value` is undefined until one is chosen. */
export function choiceFilter(
  key: string,
  label: string,
  value: string | undefined,
  choices: readonly FilterChoice[],
): ChoiceFilter {
  return { kind: 'choice', key, label, value: value ?? '', choices };
}

/** A date filter, e.g. "Dated from". */
export function dateFilter(key: string, label: string, value: string | undefined): DateFilter {
  return { kind: 'date', key, label, value };
}

/** The "Search" box of a list: its words, kept in the address as `search`. */
export function searchFilter(value: string, placeholder: string): WordsFilter {
  return { kind: 'words', key: 'search', label: 'Search', placeholder, value };
}

/** The "Sort by" filter of a list: one sort a choice, `fallback` (the default) left out of the address. */
export function sortFilter(value: string, fallback: string, choices: readonly FilterChoice[]): ChoiceFilter {
  return { kind: 'choice', key: 'sort', label: 'Sort by', value, fallback, orders: true, choices };
}

/** The options of a choice filter from a list's values and their labels, after `any` (the empty choice) when given. */
export function choicesOf<T extends string>(
  values: readonly T[],
  labels: { readonly [V in T]: string },
  any?: string,
): FilterChoice[] {
  const choices = values.map((value) => ({ value, label: labels[value] }));
  return any === undefined ? choices : [{ value: '', label: any }, ...choices];
}

/** The "Show" filter of a list whose records can be archived: current ones (the default), archived ones or both. */
export function archivedFilter(value: (typeof ARCHIVE_STATES)[number], noun: string): ChoiceFilter {
  return {
    kind: 'choice',
    key: 'archived',
    label: 'Show',
    value,
    fallback: 'active',
    choices: [
      { value: 'active', label: `Current ${noun}` },
      { value: 'archived', label: 'Archived only' },
      { value: 'all', label: 'Current and archived' },
    ],
  };
}

/** What a dated list sorts by; by date, newest first, is its default. */
export type DatedSort = 'date' | 'reference' | 'title';

/**
 * The "Sort by" filter of a dated list (papers, decisions): by date, reference
 * or title, each either way round, kept in the address as `sort` and
 * `directionKey`.
 */
export function datedSortFilter(sort: DatedSort, direction: 'asc' | 'desc', directionKey: string): ChoiceFilter {
  return {
    kind: 'choice',
    key: 'sort',
    label: 'Sort by',
    value: `${sort}:${direction}`,
    orders: true,
    choices: [
      { value: 'date:desc', label: 'Date, newest first' },
      { value: 'date:asc', label: 'Date, oldest first' },
      { value: 'reference:asc', label: 'Reference, A to Z' },
      { value: 'reference:desc', label: 'Reference, Z to A' },
      { value: 'title:asc', label: 'Title, A to Z' },
      { value: 'title:desc', label: 'Title, Z to A' },
    ],
    address: (value) => {
      const [by, way] = value.split(':');
      return { sort: by === 'date' ? undefined : by, [directionKey]: way === 'desc' ? undefined : way };
    },
  };
}

function FilterControl({ list, filter }: { readonly list: FilteredList; readonly filter: ListFilter }): ReactNode {
  const id = `${list.area}-${filter.key}`;
  if (filter.kind === 'words') {
    return (
      <SearchBox
        id={id}
        label={filter.label}
        placeholder={filter.placeholder}
        value={filter.value}
        onSearch={(value) => replaceAddress(list.href({ [filter.key]: value }))}
      />
    );
  }
  return (
    <div className="filter">
      <label htmlFor={id}>{filter.label}</label>
      {filter.kind === 'choice' ? (
        <select
          id={id}
          className={filter.inputClassName ?? 'input'}
          value={filter.value}
          onChange={(e) => list.choose(addressOf(filter, e.target.value))}
        >
          {filter.choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="date"
          className="input input-date"
          value={filter.value ?? ''}
          onChange={(e) => list.choose(addressOf(filter, e.target.value))}
        />
      )}
    </div>
  );
}

/** Props of {@link ListFilters}. */
export interface ListFiltersProps {
  readonly list: FilteredList;
  /** Offers "Clear the filters" in the bar while any filter narrows the list. */
  readonly clearable?: boolean;
}

/** A list's filter bar: a search landmark named "Filter <area>". */
export function ListFilters({ list, clearable = false }: ListFiltersProps): ReactNode {
  return (
    <form className="filters" role="search" aria-label={`Filter ${list.area}`} onSubmit={(e) => e.preventDefault()}>
      {list.filters.map((filter) => (
        <FilterControl key={filter.key} list={list} filter={filter} />
      ))}
      {clearable && list.narrowed && (
        <div className="filter filter-action">
          <a className="button button-small button-quiet" href={linkTo([list.area])}>
            Clear the filters
          </a>
        </div>
      )}
    </form>
  );
}
