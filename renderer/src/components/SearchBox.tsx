/**
 * The words box of a list's filters: what is typed shows at once, and the
 * list is asked again once typing pauses (a quarter of a second), not at
 * every key.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** How long typing must pause before the list is asked again, in milliseconds. */
export const SEARCH_PAUSE_MS = 250;

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  /** The words the list is filtered by now (from the address). */
  readonly value: string;
  /** Called with the words once typing pauses. */
  readonly onSearch: (value: string) => void;
}

/** A labelled search box that waits for a pause in typing. */
export function SearchBox({ id, label, placeholder, value, onSearch }: SearchBoxProps): ReactNode {
  const [text, setText] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });

  // The address changed from elsewhere (Back, a link): show its words.
  if (value !== shownValue) {
    setShownValue(value);
    setText(value);
  }

  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => latest.current(text), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="filter filter-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        className="input"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
