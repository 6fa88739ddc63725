/**
 * Adds a paper or edits one: reference, title, author, date, classification,
 * the text in Markdown (with a preview through the one Markdown helper), and
 * attached files of any type, read on this computer and sent in base64. A
 * change to the text or the files makes a new version; the old ones are kept.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { MAX_ATTACHMENT_BYTES, type Classification } from '../../../../shared/schema/papers.ts';
import type { PaperDetail } from '../../../../shared/contract/views.ts';
import { transportKind } from '../../api.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { DateField, ErrorSummary, Field, InputField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatBytes } from '../../format.ts';
import { isExecutable, readFileAsBase64, tooLargeMessage } from './attachmentFiles.ts';
import { leaveUnreadOnOpen } from './readMarks.ts';
import { WEB_UPLOAD_LIMIT_BYTES } from './uploadLimits.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormSection } from '../../components/FormSection.tsx';

interface NewFile {
  readonly key: number;
  readonly name: string;
  readonly type: string;
  readonly bytes: number;
  readonly dataBase64: string;
}

interface Draft {
  readonly reference: string;
  readonly title: string;
  readonly author: string;
  readonly date: string;
  readonly classification: Classification;
  readonly body: string;
}

const LABELS = { reference: 'Reference', title: 'Title', author: 'Author', date: 'Date', body: 'Text' } as const;

let nextKey = 1;

/** Props of {@link PaperForm}. */
export interface PaperFormProps {
  /** The paper being edited; a new one when left out. */
  readonly paper?: PaperDetail;
}

/** The paper form. */
export function PaperForm({ paper }: PaperFormProps): ReactNode {
  const [draft, setDraft] = useState<Draft>({
    reference: paper?.paper.reference ?? '',
    title: paper?.paper.title ?? '',
    author: paper?.paper.author ?? '',
    date: paper?.paper.date ?? '',
    classification: paper?.paper.classification ?? 'public',
    body: paper?.body ?? '',
  });
  const [files, setFiles] = useState<readonly NewFile[]>([]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [fileProblems, setFileProblems] = useState<readonly string[]>([]);
  const [reading, setReading] = useState(false);
  const [preview, setPreview] = useState(false);
  const create = useChange('papers:create');
  const update = useChange('papers:update');
  const error = paper === undefined ? create.error : update.error;
  const errors = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const classificationId = useId();
  useFocusFirstInvalid(form, error);

  const uploadField = paper === undefined ? 'attachments' : 'addAttachments';
  const fileErrors = files.map(
    (_, i) => errors[`${uploadField}.${i}.dataBase64`] ?? errors[`${uploadField}.${i}.name`],
  );
  const sendSize = files.reduce((sum, f) => sum + f.dataBase64.length, 0) + draft.body.length * 3;
  const tooMuchForWeb = transportKind() === 'web' && sendSize > WEB_UPLOAD_LIMIT_BYTES - 64 * 1024;
  const problems = [
    ...(Object.keys(LABELS) as Array<keyof typeof LABELS>)
      .filter((field) => errors[field] !== undefined)
      .map((field) => `${LABELS[field]} ${errors[field]}`),
    ...(errors['classification'] !== undefined ? [`Classification ${errors['classification']}`] : []),
    ...fileErrors.filter((m): m is string => m !== undefined),
    ...(errors['removeAttachments'] !== undefined ? [`Attachments: ${errors['removeAttachments']}`] : []),
  ];

  function set<K extends keyof Draft>(field: K, value: Draft[K]): void {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  async function addFiles(list: FileList | null): Promise<void> {
    if (list === null || list.length === 0) return;
    setReading(true);
    const problemsNow: string[] = [];
    const added: NewFile[] = [];
    for (const file of [...list]) {
      const tooLarge = tooLargeMessage(file.name, file.size);
      if (tooLarge !== undefined) {
        problemsNow.push(`${tooLarge}. It was not added.`);
        continue;
      }
      try {
        const dataBase64 = await readFileAsBase64(file);
        added.push({ key: nextKey++, name: file.name, type: file.type, bytes: file.size, dataBase64 });
      } catch (e) {
        problemsNow.push(`${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    setFileProblems(problemsNow);
    setFiles((f) => [...f, ...added]);
    setReading(false);
    if (fileInput.current !== null) fileInput.current.value = '';
    if (paper === undefined) create.reset();
    else update.reset();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (tooMuchForWeb) return;
    const uploads = files.map((f) => ({
      name: f.name,
      type: f.type || 'application/octet-stream',
      dataBase64: f.dataBase64,
    }));
    const fields = {
      reference: draft.reference,
      title: draft.title,
      author: draft.author,
      date: draft.date,
      classification: draft.classification,
    };
    const result =
      paper === undefined
        ? await create.run({ ...fields, body: draft.body, attachments: uploads })
        : await update.run({
            id: paper.paper.id,
            ...fields,
            ...(draft.body === paper.body ? {} : { body: draft.body }),
            addAttachments: uploads,
            removeAttachments: [...removed],
          });
    if (result.ok) {
      // The person who just wrote or edited it has not thereby read it as a member would.
      leaveUnreadOnOpen(result.value.id);
      goTo(linkTo(['papers', result.value.id]));
    }
  }

  const pending = create.pending || update.pending;
  const otherError = error !== undefined && error.code !== 'invalid_input' ? error.message : undefined;
  const cancelHref = paper === undefined ? linkTo(['papers']) : linkTo(['papers', paper.paper.id]);

  return (
    <form ref={form} className="form form-wide" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        title={paper === undefined ? 'The paper was not added' : 'The changes were not saved'}
        problems={problems}
        message={otherError}
      />
      <div className="field-pair">
        <InputField
          label={LABELS.reference}
          hint="Unique, e.g. PAP-2026-041."
          error={errors['reference']}
          autoComplete="off"
          value={draft.reference}
          onChange={(value) => set('reference', value)}
        />
        <DateField
          label={LABELS.date}
          hint="The date on the paper."
          error={errors['date']}
          value={draft.date}
          onChange={(value) => set('date', value)}
        />
      </div>
      <InputField
        label={LABELS.title}
        error={errors['title']}
        inputClassName="input input-wide"
        autoComplete="off"
        value={draft.title}
        onChange={(value) => set('title', value)}
      />
      <InputField
        label={LABELS.author}
        optional
        hint="A role or office, e.g. “The force’s commercial director”."
        error={errors['author']}
        inputClassName="input input-wide"
        value={draft.author}
        onChange={(value) => set('author', value)}
      />
      <fieldset className="fieldset fieldset-inline" aria-describedby={`${classificationId}-hint`}>
        <legend className="field-legend">Classification</legend>
        <p id={`${classificationId}-hint`} className="field-hint">
          A confidential paper may be left out of the pack sent to those who may not see it.
        </p>
        <div className="radio-row">
          {(['public', 'confidential'] as const).map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="classification"
                value={value}
                checked={draft.classification === value}
                onChange={() => set('classification', value)}
              />
              {value === 'public' ? 'Public' : 'Confidential'}
            </label>
          ))}
        </div>
      </fieldset>

      <Field
        label={LABELS.body}
        optional
        hint={
          <>
            Written in Markdown: <code># Heading</code>, <code>**bold**</code>, <code>- list item</code>,{' '}
            <code>[link](https://…)</code>. Pictures from the internet are never loaded.
          </>
        }
        error={errors['body']}
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea textarea-body"
            rows={16}
            spellCheck
            value={draft.body}
            onChange={(e) => set('body', e.target.value)}
          />
        )}
      </Field>
      <div className="button-row">
        <button
          type="button"
          className="button button-small button-secondary"
          aria-expanded={preview}
          onClick={() => setPreview((p) => !p)}
        >
          {preview ? 'Hide the preview' : 'Preview the text'}
        </button>
      </div>
      {preview && (
        <section className="preview" aria-label="Preview of the text">
          {draft.body.trim() === '' ? (
            <p className="muted">Nothing to preview.</p>
          ) : (
            <Markdown source={draft.body} headingOffset={1} />
          )}
        </section>
      )}

      <FormSection legend="Attachments">
        <p className="field-hint">
          Any type of file, PDF above all, up to {MAX_ATTACHMENT_BYTES / 1024 / 1024} MB each. Adding or removing a file
          makes a new version of the paper.
        </p>
        {paper !== undefined && paper.attachments.length > 0 && (
          <ul className="plain-list file-list" aria-label="Attached now">
            {paper.attachments.map((a) => {
              const gone = removed.has(a.blob);
              return (
                <li key={a.blob} className={gone ? 'file-row file-row-removed' : 'file-row'}>
                  <span>
                    <span className="file-name">{a.name}</span>{' '}
                    <span className="muted">
                      {formatBytes(a.bytes)}
                      {gone ? ' · will be removed from the new version' : ''}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() =>
                      setRemoved((r) => {
                        const next = new Set(r);
                        if (gone) next.delete(a.blob);
                        else next.add(a.blob);
                        return next;
                      })
                    }
                  >
                    {gone ? 'Keep' : 'Remove'}
                    <span className="visually-hidden"> {a.name}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {files.length > 0 && (
          <ul className="plain-list file-list" aria-label="To be added">
            {files.map((f, i) => (
              <li key={f.key} className={fileErrors[i] !== undefined ? 'file-row file-row-invalid' : 'file-row'}>
                <span>
                  <span className="file-name">{f.name}</span>{' '}
                  <span className="muted">
                    {formatBytes(f.bytes)} · to be added
                    {isExecutable(f.name, f.type) ? ' · a program: it will be saved, never opened' : ''}
                  </span>
                  {fileErrors[i] !== undefined && <span className="field-error file-error">{fileErrors[i]}</span>}
                </span>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => setFiles((list) => list.filter((x) => x.key !== f.key))}
                >
                  Remove<span className="visually-hidden"> {f.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {fileProblems.length > 0 && (
          <div role="alert" className="message message-error">
            {fileProblems.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        )}
        {tooMuchForWeb && (
          <p role="alert" className="message message-warning">
            Together these files are more than the browser preview can send in one save (
            {WEB_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB with the text). Save with fewer files, then add the rest by
            editing the paper.
          </p>
        )}
        <div className="field">
          <label htmlFor={`${classificationId}-files`}>Add files</label>
          <input
            ref={fileInput}
            id={`${classificationId}-files`}
            type="file"
            multiple
            className="file-input"
            disabled={reading}
            onChange={(e) => void addFiles(e.target.files)}
          />
          {reading && (
            <p className="muted" role="status">
              Reading the files…
            </p>
          )}
        </div>
      </FormSection>

      <FormActions
        label={paper === undefined ? 'Add the paper' : 'Save changes'}
        pending={pending}
        disabled={reading || tooMuchForWeb}
        cancel={cancelHref}
      />
    </form>
  );
}
