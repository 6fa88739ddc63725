/**
 * The member's notes on passages of a paper: each quotes its passage, follows
 * it into a new version (shown with the words around it now), or says "the
 * passage you noted changed" with the text it was on. A new note quotes a
 * passage word for word (typed, pasted, or taken from the text selected in
 * the reader); when the words appear more than once, the member says which.
 * Text selected in the reader (a PDF's page, a Markdown or Word paper's
 * text) is offered to highlight and note, the appearance being the one
 * selected. Each note can be shown in the text (scrolled to, its highlight
 * marked); the one shown now is marked here too. Kept on this computer,
 * never sent anywhere.
 */
import { useId, useState, type ReactNode } from 'react';
import type { PaperNoteView } from '../../../../shared/contract/packViews.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { busyButtonProps } from '../../components/busyButton.ts';
import { saveAs } from './attachmentFiles.ts';

/**
 * Text selected in the reader, offered to highlight and note: the words as
 * the page shows them, the passage quoted (the plain text's words; the same
 * in a PDF), its page in a PDF, and which appearance of the passage it is
 * (on that page, in a PDF; in the whole text otherwise).
 */
export interface PassageSelection {
  readonly text: string;
  readonly passage: string;
  readonly page?: number | undefined;
  readonly occurrence: number;
}

/** The noted passage shown now: the note, and a key that changes each time it is asked for (to scroll again). */
export interface ShownNote {
  readonly note: string;
  readonly key: string;
}

/** Text selected in a paper, offered to highlight and note. */
function SelectionNote({
  paperId,
  selection,
}: {
  readonly paperId: string;
  readonly selection: PassageSelection;
}): ReactNode {
  const add = useChange('notes:addPassage');
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | undefined>(undefined);
  const id = useId();
  const save = (note: string) =>
    void add
      .run({
        paperId,
        passage: selection.passage,
        occurrence: selection.occurrence,
        text: note,
        ...(selection.page === undefined ? {} : { page: selection.page }),
      })
      .then((result) => {
        if (result.ok) {
          setText('');
          setDone(note === '' ? 'Highlighted.' : 'Highlighted, with your note.');
        }
      });
  return (
    <form
      noValidate
      className="selection-note"
      aria-label="Note the selected passage"
      onSubmit={(event) => {
        event.preventDefault();
        save(text);
      }}
    >
      <p className="field-hint">
        {selection.page === undefined ? 'Selected' : `Selected on page ${selection.page}`}:{' '}
        <q className="passage-quote">{selection.text}</q>
      </p>
      <label htmlFor={`${id}-text`} className="field-label">
        Your note on it (optional)
      </label>
      <textarea
        id={`${id}-text`}
        className="input textarea"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {add.error !== undefined && (
        <p role="alert" className="field-error">
          The highlight was not saved: {add.error.message}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-small button-primary" {...busyButtonProps(add.pending)}>
          {text.trim() === '' ? 'Highlight' : 'Highlight and save the note'}
        </button>
        <p role="status" className="inline-status">
          {done}
        </p>
      </div>
    </form>
  );
}

/** "Export my notes": the paper's notes as a Markdown file, with quotes and pages. */
function ExportNotes({ paperId }: { readonly paperId: string }): ReactNode {
  const exporter = useMutation('notes:export');
  return (
    <>
      <button
        type="button"
        className="button button-small button-secondary"
        {...busyButtonProps(exporter.pending)}
        onClick={() =>
          void exporter.run({ paperId }).then((result) => {
            if (result.ok) {
              const bytes = new TextEncoder().encode(result.value.markdown);
              let binary = '';
              for (const b of bytes) binary += String.fromCharCode(b);
              saveAs(result.value.name, 'text/markdown', btoa(binary));
            }
          })
        }
      >
        Export my notes
      </button>
      {exporter.error !== undefined && <p role="alert">The notes could not be exported: {exporter.error.message}</p>}
    </>
  );
}

function NoteItem({
  note,
  paperId,
  current,
  onShow,
}: {
  readonly note: Extract<PaperNoteView, { kind: 'passage' }>;
  readonly paperId: string;
  readonly current: boolean;
  readonly onShow: (() => void) | undefined;
}): ReactNode {
  const remove = useChange('notes:delete');
  return (
    <li
      className={[
        'passage-note',
        note.place === null ? 'passage-note-changed' : '',
        current ? 'passage-note-current' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-current={current ? 'true' : undefined}
    >
      {note.place === null ? (
        <p className="message message-warning">
          The passage you noted changed. You noted, in version {note.quotedFromVersion}:{' '}
          <q className="passage-quote">{note.exact}</q>
        </p>
      ) : (
        <p className="passage-context">
          {note.place.page !== null && (
            <a className="passage-page" href={linkTo(['papers', paperId], { page: note.place.page })}>
              Page {note.place.page}
            </a>
          )}{' '}
          <span className="muted">…{note.place.before}</span>
          <mark className="passage-quote">{note.exact}</mark>
          <span className="muted">{note.place.after}…</span>
        </p>
      )}
      {note.text !== '' && <p className="passage-note-text">{note.text}</p>}
      {current && <p className="passage-note-shown">Shown in the text, highlighted.</p>}
      <div className="button-row">
        {note.place !== null && onShow !== undefined && (
          <button type="button" className="button button-small button-secondary" onClick={onShow}>
            Show in the text<span className="visually-hidden">: “{note.exact}”</span>
          </button>
        )}
        <button
          type="button"
          className="button button-small button-quiet"
          {...busyButtonProps(remove.pending)}
          onClick={() => void remove.run({ id: note.id })}
        >
          Remove<span className="visually-hidden"> the note on “{note.exact}”</span>
        </button>
      </div>
    </li>
  );
}

/** The passage notes panel of the reader. */
export function PassageNotes({
  paperId,
  selection = null,
  shown = null,
  onShow,
}: {
  readonly paperId: string;
  /** Text selected in the paper's reader, offered to highlight and note. */
  readonly selection?: PassageSelection | null;
  /** The noted passage shown in the text now, marked in the list. */
  readonly shown?: ShownNote | null;
  /** Shows a note's passage in the text (none: the text cannot show it). */
  readonly onShow?: (noteId: string) => void;
}): ReactNode {
  const notes = useQuery('notes:list', { paperId });
  const add = useChange('notes:addPassage');
  const [passage, setPassage] = useState('');
  const [occurrence, setOccurrence] = useState('1');
  const [text, setText] = useState('');
  const id = useId();
  const passages =
    notes.status === 'ok'
      ? notes.value.filter((n): n is Extract<PaperNoteView, { kind: 'passage' }> => n.kind === 'passage')
      : [];

  return (
    <section className="panel panel-side notes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title-small">
        Notes on passages
      </h2>
      {notes.status === 'error' && <p role="alert">The notes could not be read: {notes.error.message}</p>}
      {selection !== null && (
        <SelectionNote
          key={`${selection.page ?? ''}:${selection.occurrence}:${selection.passage}`}
          paperId={paperId}
          selection={selection}
        />
      )}
      {passages.length > 0 && (
        <ul className="plain-list passage-notes" aria-label="Your notes on passages">
          {passages.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              paperId={paperId}
              current={shown?.note === note.id}
              onShow={onShow === undefined ? undefined : () => onShow(note.id)}
            />
          ))}
        </ul>
      )}
      <form
        noValidate
        aria-label="Note a passage"
        onSubmit={(event) => {
          event.preventDefault();
          void add.run({ paperId, passage, occurrence: Number(occurrence) || 1, text }).then((result) => {
            if (result.ok) {
              setPassage('');
              setOccurrence('1');
              setText('');
            }
          });
        }}
      >
        <label htmlFor={`${id}-passage`} className="field-label">
          Passage
        </label>
        <p id={`${id}-passage-hint`} className="field-hint">
          Quote it word for word, or select it in the text and choose “Use the selected text”.
        </p>
        <textarea
          id={`${id}-passage`}
          className="input textarea"
          rows={2}
          aria-describedby={`${id}-passage-hint`}
          aria-invalid={add.error?.code === 'invalid_input'}
          value={passage}
          onChange={(e) => setPassage(e.target.value)}
        />
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => setPassage(window.getSelection()?.toString().trim() ?? '')}
        >
          Use the selected text
        </button>
        <label htmlFor={`${id}-occurrence`} className="field-label">
          Which appearance
        </label>
        <p id={`${id}-occurrence-hint`} className="field-hint">
          When the words appear more than once: 1 for the first, 2 for the second…
        </p>
        <input
          id={`${id}-occurrence`}
          className="input input-narrow"
          type="number"
          min={1}
          aria-describedby={`${id}-occurrence-hint`}
          value={occurrence}
          onChange={(e) => setOccurrence(e.target.value)}
        />
        <label htmlFor={`${id}-text`} className="field-label">
          Your note on the passage
        </label>
        <textarea
          id={`${id}-text`}
          className="input textarea"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {add.error !== undefined && (
          <p role="alert" className="field-error">
            The note was not saved: {add.error.message}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button button-small button-primary"
            disabled={passage === ''}
            {...busyButtonProps(add.pending)}
          >
            {add.pending ? 'Saving…' : 'Save the note on this passage'}
          </button>
        </div>
      </form>
      <ExportNotes paperId={paperId} />
    </section>
  );
}
