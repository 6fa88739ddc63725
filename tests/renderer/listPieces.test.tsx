// @vitest-environment jsdom
/**
 * The two pieces every list and repeatable form section share, in a DOM: a
 * list's filter bar (the address its filters stand for, when they narrow
 * the list, what a choice or a page does to the address) and the editor of
 * repeatable rows (its remove buttons say which row, the focus follows an
 * addition or a removal, each row shows its own problems).
 */
import { act, useState, type ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  archivedFilter,
  datedSortFilter,
  filteredList,
  ListFilters,
  searchFilter,
  sortFilter,
  type ListFilter,
} from '../../renderer/src/components/ListFilters.tsx';
import { RepeatableRows } from '../../renderer/src/components/RepeatableRows.tsx';
import { buttonIn, labelledControl, mountRoot, unmountRoot } from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  window.location.hash = '';
  ({ container, root } = mountRoot());
});

afterEach(async () => {
  await unmountRoot({ container, root });
});

function byLabel<T extends HTMLElement>(text: string): T {
  return labelledControl<T>(container, text);
}

function buttonNamed(name: string): HTMLButtonElement {
  return buttonIn(container, name);
}

describe('a list’s filters', () => {
  const papers = (over: Partial<Record<'search' | 'archived' | 'from', string>> = {}): ListFilter[] => [
    searchFilter(over.search ?? '', 'Reference, title or author'),
    { kind: 'date', key: 'from', label: 'Dated from', value: over.from },
    archivedFilter(over.archived === 'all' ? 'all' : 'active', 'papers'),
    datedSortFilter('title', 'asc', 'direction'),
  ];

  it('stand for an address without their defaults, and narrow the list only when a filter leaves rows out', () => {
    const plain = filteredList('papers', papers());
    expect(plain.href({})).toBe('#/papers?sort=title&direction=asc');
    expect(plain.narrowed).toBe(false);
    const narrowed = filteredList('papers', papers({ search: 'legal', archived: 'all', from: '2026-06-01' }));
    expect(narrowed.narrowed).toBe(true);
    expect(narrowed.href({ page: 3 })).toBe(
      '#/papers?search=legal&from=2026-06-01&archived=all&sort=title&direction=asc&page=3',
    );
  });

  it('draw each filter labelled, with the ids and classes of before, in a search landmark named after the list', () => {
    const list = filteredList('papers', papers({ search: 'legal' }));
    act(() => root.render(<ListFilters list={list} clearable />));
    const form = container.querySelector('form');
    expect(form?.getAttribute('role')).toBe('search');
    expect(form?.getAttribute('aria-label')).toBe('Filter papers');
    expect(byLabel('Search').id).toBe('papers-search');
    expect(byLabel<HTMLInputElement>('Search').value).toBe('legal');
    expect(byLabel('Dated from').className).toBe('input input-date');
    const show = byLabel<HTMLSelectElement>('Show');
    expect([...show.options].map((o) => o.textContent)).toEqual([
      'Current papers',
      'Archived only',
      'Current and archived',
    ]);
    expect(byLabel<HTMLSelectElement>('Sort by').value).toBe('title:asc');
    expect(container.querySelector('a[href="#/papers"]')?.textContent).toBe('Clear the filters');
  });

  it('put a choice into the address as a step Back can undo, and a page number counted from 1', () => {
    const list = filteredList('members', [
      archivedFilter('active', 'members'),
      sortFilter('role', 'name', [
        { value: 'name', label: 'Name' },
        { value: 'role', label: 'Role' },
      ]),
    ]);
    act(() => root.render(<ListFilters list={list} />));
    const show = byLabel<HTMLSelectElement>('Show');
    const steps = window.history.length;
    show.value = 'archived';
    act(() => show.dispatchEvent(new Event('change', { bubbles: true })));
    expect(window.location.hash).toBe('#/members?archived=archived&sort=role');
    expect(window.history.length).toBe(steps + 1);
    list.toPage(1);
    expect(window.location.hash).toBe('#/members?sort=role&page=2');
    list.toPage(0);
    expect(window.location.hash).toBe('#/members?sort=role');
  });
});

interface Milestone {
  readonly key: number;
  readonly title: string;
}

let nextKey = 10;

function Milestones({
  start,
  errors = {},
  saves,
}: {
  readonly start: readonly Milestone[];
  readonly errors?: Readonly<Record<string, string>>;
  readonly saves?: number;
}): ReactNode {
  const [rows, setRows] = useState(start);
  return (
    <RepeatableRows
      legend="Milestones"
      rows={rows}
      onChange={setRows}
      newRow={() => ({ key: nextKey++, title: '' })}
      addLabel="Add a milestone"
      rowName={(i) => `milestone ${i + 1}`}
      errorPath="milestones"
      errors={errors}
      saves={saves}
    >
      {({ row, index, change, error }) => (
        <label>
          {`Milestone ${index + 1}`}
          <input
            aria-invalid={error('title') !== undefined}
            value={row.title}
            onChange={(e) => change({ title: e.target.value })}
          />
          {error('title')}
        </label>
      )}
    </RepeatableRows>
  );
}

function titles(): string[] {
  return [...container.querySelectorAll('li input')].map((input) => (input as HTMLInputElement).value);
}

describe('repeatable rows', () => {
  it('name the row each remove button removes, and show each row’s own problem', () => {
    const start = [
      { key: 1, title: 'Tender out' },
      { key: 2, title: '' },
    ];
    act(() => root.render(<Milestones start={start} errors={{ 'milestones.1.title': 'is required' }} />));
    expect([...container.querySelectorAll('li button')].map((b) => b.textContent)).toEqual([
      'Remove milestone 1',
      'Remove milestone 2',
    ]);
    const items = container.querySelectorAll('li');
    expect(items[0]?.textContent).not.toContain('is required');
    expect(items[1]?.textContent).toContain('is required');
    expect(items[1]?.querySelector('input')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('put the focus in a new row, then in the row that takes a removed one’s place, then on the add button', () => {
    act(() => root.render(<Milestones start={[{ key: 1, title: 'Tender out' }]} />));
    expect(container.querySelector('p.muted')).toBeNull();
    act(() => buttonNamed('Add a milestone').click());
    expect(titles()).toEqual(['Tender out', '']);
    expect(document.activeElement).toBe(container.querySelectorAll('li input')[1]);

    act(() => buttonNamed('Remove milestone 1').click());
    expect(titles()).toEqual(['']);
    expect(document.activeElement).toBe(container.querySelector('li input'));

    act(() => buttonNamed('Remove milestone 1').click());
    expect(titles()).toEqual([]);
    expect(container.querySelector('p.muted')?.textContent).toBe('None.');
    expect(document.activeElement).toBe(buttonNamed('Add a milestone'));
  });

  it('keep each problem on its own row when a row before it is removed, and give a new row none', () => {
    const start = [
      { key: 1, title: 'Tender out' },
      { key: 2, title: '' },
      { key: 3, title: 'Award' },
    ];
    act(() => root.render(<Milestones start={start} errors={{ 'milestones.1.title': 'is required' }} />));
    act(() => buttonNamed('Remove milestone 1').click());
    const items = container.querySelectorAll('li');
    expect(titles()).toEqual(['', 'Award']);
    expect(items[0]?.textContent).toContain('is required');
    expect(items[1]?.textContent).not.toContain('is required');
    act(() => buttonNamed('Remove milestone 1').click());
    act(() => buttonNamed('Add a milestone').click());
    expect(titles()).toEqual(['Award', '']);
    expect(container.textContent).not.toContain('is required');
  });

  it('take the rows’ places at each save, so a second save with the same problems puts them on the rows it sent', () => {
    const blank = [
      { key: 1, title: '' },
      { key: 2, title: '' },
    ];
    const problems = { 'milestones.0.title': 'is required', 'milestones.1.title': 'is required' };
    act(() => root.render(<Milestones start={blank} errors={{}} saves={0} />));
    // Sent; the same problems come back for both rows (as a form's own checks find them, with no empty moment between).
    act(() => root.render(<Milestones start={blank} errors={problems} saves={1} />));
    // The first row removed and another added; sent again, the same two problems come back.
    act(() => buttonNamed('Remove milestone 1').click());
    act(() => buttonNamed('Add a milestone').click());
    act(() => root.render(<Milestones start={blank} errors={{ ...problems }} saves={2} />));
    const items = [...container.querySelectorAll('li')];
    expect(items.map((li) => li.textContent?.includes('is required'))).toEqual([true, true]);
  });

  it('keep a row’s edits to that row', () => {
    const start = [
      { key: 1, title: 'Tender out' },
      { key: 2, title: 'Award' },
    ];
    act(() => root.render(<Milestones start={start} />));
    const second = container.querySelectorAll('li input')[1] as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    act(() => {
      setValue?.call(second, 'Award the contract');
      second.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(titles()).toEqual(['Tender out', 'Award the contract']);
  });
});
