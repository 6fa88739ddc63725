/**
 * "Add papers from files": PDF, Word (.docx), Markdown or text files, chosen
 * with the file picker or dropped (several at once) on the papers library
 * or on a meeting's agenda item. Each file is added on its own: one that is
 * refused (damaged, protected, too large, not what its name says) says why
 * and the others go on. A protected PDF asks for its password, which is used
 * for that file once and never kept.
 */
import { useId, useState, type DragEvent, type ReactNode } from 'react';
import type { PaperFromFile } from '../../../../shared/contract/views.ts';
import { MAX_PAPER_FILE_BYTES } from '../../../../shared/rules/paperFiles.ts';
import { useMutation } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { readFileAsBase64 } from './attachmentFiles.ts';

type Outcome =
  | { readonly state: 'working'; readonly name: string }
  | { readonly state: 'added'; readonly name: string; readonly added: PaperFromFile; readonly version: number }
  | { readonly state: 'refused'; readonly name: string; readonly message: string }
  | { readonly state: 'password'; readonly name: string; readonly message: string; readonly file: File };

const KIND_WORDS = { pdf: 'PDF', docx: 'Word', markdown: 'Markdown', text: 'text' } as const;

/** Where the added papers go: a meeting's agenda item (dated as the meeting) or the library (a date asked). */
export interface PaperFilesTarget {
  readonly meetingId?: string;
  readonly itemId?: string;
  /** A new version of this paper (one file). */
  readonly paperId?: string;
  /** The date new papers get (the meeting's date, or a date the person gives). */
  readonly date?: string;
  /** For the label: "Add papers to item 3". */
  readonly label: string;
  /** The level of its heading where it stands (2 on a page, 4 inside an agenda item). */
  readonly headingLevel?: 2 | 3 | 4;
}

function filesOf(list: FileList | null): File[] {
  return list ? Array.from(list) : [];
}

/** The picker, the drop zone and the outcome of each file. */
export function AddPaperFiles({ target }: { readonly target: PaperFilesTarget }): ReactNode {
  const id = useId();
  const add = useMutation('papers:addFromFile');
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [date, setDate] = useState(target.date ?? '');
  const [over, setOver] = useState(false);
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const Heading = `h${target.headingLevel ?? 2}` as const;
  const needsDate = target.date === undefined && target.paperId === undefined;

  function settle(index: number, outcome: Outcome): void {
    setOutcomes((all) => all.map((o, i) => (i === index ? outcome : o)));
  }

  async function addOne(file: File, index: number, password?: string): Promise<void> {
    settle(index, { state: 'working', name: file.name });
    if (file.size > MAX_PAPER_FILE_BYTES) {
      settle(index, {
        state: 'refused',
        name: file.name,
        message: `${file.name} was not added: it is ${(file.size / 1024 / 1024).toFixed(1)} MB; a paper's file may be at most ${MAX_PAPER_FILE_BYTES / 1024 / 1024} MB. Nothing was added.`,
      });
      return;
    }
    const result = await add.run({
      fileName: file.name,
      dataBase64: await readFileAsBase64(file),
      ...(target.meetingId && target.itemId ? { meetingId: target.meetingId, itemId: target.itemId } : {}),
      ...(target.paperId ? { paperId: target.paperId } : date ? { date } : {}),
      ...(password !== undefined ? { password } : {}),
    });
    if (result.ok)
      settle(index, { state: 'added', name: file.name, added: result.value, version: result.value.version });
    else if (result.error.details?.['needsPassword'] === true) {
      settle(index, { state: 'password', name: file.name, message: result.error.message, file });
    } else settle(index, { state: 'refused', name: file.name, message: result.error.message });
  }

  async function addAll(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    if (needsDate && date === '') {
      setOutcomes(
        files.map((f) => ({
          state: 'refused',
          name: f.name,
          message: `${f.name} was not added: give the papers’ date first.`,
        })),
      );
      return;
    }
    const start = outcomes.length;
    setOutcomes((all) => [
      ...all,
      ...(target.paperId === undefined ? files : files.slice(0, 1)).map((f): Outcome => ({
        state: 'working',
        name: f.name,
      })),
    ]);
    // One at a time: each is its own save, so a refused file never stops the others.
    const chosen = target.paperId === undefined ? files : files.slice(0, 1);
    for (const [i, file] of chosen.entries()) await addOne(file, start + i);
  }

  function onDrop(event: DragEvent<HTMLElement>): void {
    event.preventDefault();
    setOver(false);
    void addAll(filesOf(event.dataTransfer.files));
  }

  return (
    <section
      className={over ? 'paper-files paper-files-over' : 'paper-files'}
      aria-labelledby={`${id}-title`}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-drop-target={target.itemId ?? 'library'}
    >
      <Heading id={`${id}-title`} className="paper-files-title">
        {target.label}
      </Heading>
      <p className="field-hint" id={`${id}-hint`}>
        {target.paperId === undefined
          ? 'PDF, Word (.docx), Markdown or text files: choose them, or drop them here, several at once.'
          : 'A PDF, Word (.docx), Markdown or text file: choose it, or drop it here. Notes follow their passages.'}
      </p>
      <div className="paper-files-fields">
        {needsDate && (
          <span>
            <label htmlFor={`${id}-date`} className="field-label">
              Date of the papers
            </label>
            <input
              id={`${id}-date`}
              className="input"
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </span>
        )}
        <span>
          <label htmlFor={`${id}-files`} className="field-label">
            {target.paperId === undefined ? 'Add papers from files' : 'New version from a file'}
          </label>
          <input
            id={`${id}-files`}
            type="file"
            multiple={target.paperId === undefined}
            accept=".pdf,.docx,.md,.markdown,.txt,application/pdf,text/plain,text/markdown"
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              const files = filesOf(event.target.files);
              event.target.value = '';
              void addAll(files);
            }}
          />
        </span>
      </div>
      {outcomes.length > 0 && (
        <ul className="plain-list paper-files-outcomes" aria-label="Files added" aria-live="polite">
          {outcomes.map((o, i) => (
            <li key={`${o.name}:${i}`}>
              {o.state === 'working' && <span className="muted">Reading {o.name}…</span>}
              {o.state === 'added' && (
                <span className="message-success">
                  Added {o.version > 1 ? `version ${o.version} of ` : ''}
                  <a href={linkTo(['papers', o.added.id])}>{o.added.reference}</a> from {o.name} (
                  {KIND_WORDS[o.added.kind]}
                  {o.added.pages !== null && `, ${o.added.pages} ${o.added.pages === 1 ? 'page' : 'pages'}`})
                  {o.added.notes.length > 0 && `: ${o.added.notes.join('; ')}`}.
                </span>
              )}
              {o.state === 'refused' && (
                <span role="alert" className="field-error">
                  {o.message}
                </span>
              )}
              {o.state === 'password' && (
                <form
                  className="paper-files-password"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const password = passwords[`${i}`] ?? '';
                    setPasswords((p) => ({ ...p, [`${i}`]: '' }));
                    void addOne(o.file, i, password);
                  }}
                >
                  <span role="alert" className="field-error">
                    {o.message}
                  </span>
                  <label htmlFor={`${id}-pw-${i}`} className="field-label">
                    Password of {o.name}
                  </label>
                  <input
                    id={`${id}-pw-${i}`}
                    className="input"
                    type="password"
                    autoComplete="off"
                    value={passwords[`${i}`] ?? ''}
                    onChange={(e) => setPasswords((p) => ({ ...p, [`${i}`]: e.target.value }))}
                  />
                  <button type="submit" className="button button-small button-secondary">
                    Read it with this password
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
