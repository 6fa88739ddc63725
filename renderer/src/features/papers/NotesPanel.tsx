/**
 * The local user's private notes on a paper: kept on this computer with the
 * read marks, never sent with a board pack nor shared with anyone.
 */
import { useId, useState, type ReactNode } from 'react';
import { useChange } from '../../changes.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The notes panel of the reader. */
export function NotesPanel({ paperId, stored }: { readonly paperId: string; readonly stored: string }): ReactNode {
  const [base, setBase] = useState(stored);
  const [note, setNote] = useState(stored);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const save = useChange('papers:saveNote');
  const id = useId();

  if (base !== stored) {
    // Saved elsewhere, or undone: follow the stored note unless it is being edited.
    setBase(stored);
    if (note === base) setNote(stored);
  }
  const dirty = note !== stored;

  return (
    <section className="panel panel-side notes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title-small">
        Your private notes
      </h2>
      <p id={`${id}-hint`} className="field-hint">
        These notes stay on this computer. They are never sent with a board pack or shared with anyone.
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setNotice(undefined);
          void save.run({ id: paperId, note }).then((result) => {
            if (result.ok) setNotice('Note saved.');
          });
        }}
      >
        <label htmlFor={`${id}-note`} className="visually-hidden">
          Your private notes
        </label>
        <textarea
          id={`${id}-note`}
          className="input textarea"
          rows={7}
          aria-describedby={`${id}-hint`}
          aria-invalid={save.error?.code === 'invalid_input'}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setNotice(undefined);
          }}
        />
        {save.error !== undefined && (
          <p role="alert" className="field-error">
            The note was not saved: {save.error.message}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button button-small button-primary"
            disabled={!dirty}
            {...busyButtonProps(save.pending)}
          >
            {save.pending ? 'Saving…' : 'Save note'}
          </button>
          <p role="status" className="inline-status">
            {dirty ? 'Not saved yet' : notice}
          </p>
        </div>
      </form>
    </section>
  );
}
