/**
 * Finds a record to link in a form: a search box and the best matches (the
 * newest while nothing is typed), each with a button to choose it. Only a
 * small page of rows is asked for, however many records there are.
 */
import { useId, useState, type ReactNode } from 'react';
import type { DecisionRow, PaperRow } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatCalendarDate } from '../../format.ts';

interface Choice {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly note: string;
}

interface FinderListProps {
  readonly label: string;
  readonly placeholder: string;
  readonly search: string;
  readonly onSearch: (search: string) => void;
  readonly choices: readonly Choice[] | undefined;
  readonly problem: string | undefined;
  readonly empty: string;
  readonly chooseLabel: string;
  readonly onChoose: (id: string) => void;
  readonly onClose: () => void;
}

function FinderList(props: FinderListProps): ReactNode {
  const { label, placeholder, search, onSearch, choices, problem, empty, chooseLabel, onChoose, onClose } = props;
  const id = useId();
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <div className="picker-search">
        <input
          id={id}
          type="search"
          className="input input-wide"
          placeholder={placeholder}
          autoFocus
          value={search}
          onChange={(e) => onSearch(e.target.value)}
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
      {problem !== undefined && <ErrorMessage>{problem}</ErrorMessage>}
      {choices !== undefined && choices.length === 0 && <p className="muted">{empty}</p>}
      {choices !== undefined && choices.length > 0 && (
        <ul className="picker-results" aria-label={search === '' ? 'Newest first' : 'Matches'}>
          {choices.map((choice) => (
            <li key={choice.id}>
              <span className="picker-result-text">
                <span className="reference">{choice.reference}</span> {choice.title}
                <span className="cell-note">{choice.note}</span>
              </span>
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => onChoose(choice.id)}
              >
                {chooseLabel}
                <span className="visually-hidden"> {choice.reference}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Props of {@link PaperFinder}. */
export interface PaperFinderProps {
  readonly label: string;
  /** Papers already chosen: not offered again. */
  readonly exclude: readonly string[];
  readonly onPick: (paper: PaperRow) => void;
  readonly onClose: () => void;
}

/** Finds a paper in the library. */
export function PaperFinder({ label, exclude, onPick, onClose }: PaperFinderProps): ReactNode {
  const [search, setSearch] = useState('');
  const results = useQuery('papers:list', { search, pageSize: 8, sort: 'date', direction: 'desc' });
  const rows = results.status === 'ok' ? results.value.rows.filter((row) => !exclude.includes(row.id)) : undefined;
  return (
    <FinderList
      label={label}
      placeholder="Reference, title or author"
      search={search}
      onSearch={setSearch}
      choices={rows?.map((row) => ({
        id: row.id,
        reference: row.reference,
        title: row.title,
        note: `${formatCalendarDate(row.date)} · version ${row.version}${row.classification === 'confidential' ? ' · Confidential' : ''}`,
      }))}
      problem={results.status === 'error' ? `The papers could not be searched: ${results.error.message}` : undefined}
      empty={
        search === ''
          ? 'There are no papers to choose. Add papers under Papers first.'
          : 'No paper matches. Try a reference or another word of the title.'
      }
      chooseLabel="Choose"
      onChoose={(id) => {
        const row = rows?.find((r) => r.id === id);
        if (row !== undefined) onPick(row);
      }}
      onClose={onClose}
    />
  );
}

/** Props of {@link DecisionFinder}. */
export interface DecisionFinderProps {
  readonly label: string;
  /** Decisions not to offer (this one, and those already linked). */
  readonly exclude: readonly string[];
  readonly onPick: (decision: DecisionRow) => void;
  readonly onClose: () => void;
}

/** Finds a decision in the register. */
export function DecisionFinder({ label, exclude, onPick, onClose }: DecisionFinderProps): ReactNode {
  const [search, setSearch] = useState('');
  const results = useQuery('decisions:list', { search, pageSize: 8, sort: 'date', direction: 'desc' });
  const rows = results.status === 'ok' ? results.value.rows.filter((row) => !exclude.includes(row.id)) : undefined;
  return (
    <FinderList
      label={label}
      placeholder="Reference, title or wording"
      search={search}
      onSearch={setSearch}
      choices={rows?.map((row) => ({
        id: row.id,
        reference: row.reference,
        title: row.title,
        note: formatCalendarDate(row.date),
      }))}
      problem={results.status === 'error' ? `The register could not be searched: ${results.error.message}` : undefined}
      empty={search === '' ? 'There are no other decisions to link.' : 'No decision matches.'}
      chooseLabel="Link"
      onChoose={(id) => {
        const row = rows?.find((r) => r.id === id);
        if (row !== undefined) onPick(row);
      }}
      onClose={onClose}
    />
  );
}
