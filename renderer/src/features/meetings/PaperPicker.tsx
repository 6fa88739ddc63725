/**
 * Finds a paper in the library to put on an agenda item: a search box and
 * the best matches (the newest papers while nothing is typed), each with an
 * Add button. Only a small page of rows is asked for, however big the library.
 */
import { useId, useState, type ReactNode } from 'react';
import type { PaperRow } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatCalendarDate } from '../../format.ts';

/** Props of {@link PaperPicker}. */
export interface PaperPickerProps {
  /** Which item it adds to, for labels ("item 2"). */
  readonly itemLabel: string;
  /** Papers already on the item: not offered again. */
  readonly exclude: readonly string[];
  readonly onPick: (paper: PaperRow) => void;
  readonly onClose: () => void;
}

/** The picker, open under an agenda item. */
export function PaperPicker({ itemLabel, exclude, onPick, onClose }: PaperPickerProps): ReactNode {
  const [search, setSearch] = useState('');
  const id = useId();
  const results = useQuery('papers:list', { search, pageSize: 8, sort: 'date', direction: 'desc' });
  const rows = results.status === 'ok' ? results.value.rows.filter((row) => !exclude.includes(row.id)) : [];
  return (
    <div className="picker">
      <label htmlFor={id}>Find a paper for {itemLabel}</label>
      <div className="picker-search">
        <input
          id={id}
          type="search"
          className="input input-wide"
          placeholder="Reference, title or author"
          autoFocus
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          Done
        </button>
      </div>
      {results.status === 'error' && (
        <ErrorMessage>The library could not be searched: {results.error.message}</ErrorMessage>
      )}
      {results.status === 'ok' && rows.length === 0 && (
        <p className="muted">
          {results.value.rows.length > 0
            ? `Every ${search === '' ? 'recent' : 'matching'} paper is already on ${itemLabel}.`
            : search === ''
              ? 'There are no papers in the library yet. Add them in Papers first, then attach them here.'
              : 'No paper matches. Papers must be in the library (Papers) before they can go on the agenda.'}
        </p>
      )}
      {rows.length > 0 && (
        <ul className="picker-results" aria-label={search === '' ? 'Newest papers' : 'Matching papers'}>
          {rows.map((row) => (
            <li key={row.id}>
              <span className="picker-result-text">
                <span className="reference">{row.reference}</span> {row.title}
                <span className="cell-note">
                  {formatCalendarDate(row.date)}
                  {row.classification === 'confidential' ? ' · Confidential' : ''}
                  {row.author ? ` · ${row.author}` : ''}
                </span>
              </span>
              <button type="button" className="button button-small button-secondary" onClick={() => onPick(row)}>
                Add
                <span className="visually-hidden">
                  {' '}
                  {row.reference} to {itemLabel}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
