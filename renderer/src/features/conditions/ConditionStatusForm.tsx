/**
 * Records an update of a condition: a note (a chase, a reminder sent), a
 * report received for one of its due dates, or a change of status (met,
 * partially met, breached, waived, superseded, or open again). The user says
 * which due date it answers, if any (a note answers none), and the day it
 * happened (default today, never in the future); evidence is a paper from
 * the library and/or a file attached to the update. The entry time is kept
 * for the audit trail.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CONDITION_STATUS_LABELS,
  CONDITION_STATUSES,
  type ConditionStatus,
} from '../../../../shared/schema/conditions.ts';
import type { PaperRow } from '../../../../shared/contract/views.ts';
import { longDate } from '../../../../shared/dates/calendarDates.ts';
import { useChange } from '../../changes.ts';
import { DateField, ErrorSummary, Field, TextAreaField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { PaperFinder } from '../search/RecordFinder.tsx';
import { readFileAsBase64, tooLargeMessage } from '../papers/attachmentFiles.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

const LABELS: Readonly<Record<string, string>> = {
  status: 'Status',
  answers: 'Answers',
  on: 'Date it happened',
  note: 'Note',
  evidencePaperId: 'Evidence',
  evidenceFile: 'Evidence file',
};

function isStatus(value: string): value is ConditionStatus {
  return (CONDITION_STATUSES as readonly string[]).includes(value);
}

/** Props of {@link ConditionStatusForm}. */
export interface ConditionStatusFormProps {
  readonly conditionId: string;
  readonly current: ConditionStatus;
  /** The due dates an update may answer (unanswered ones up to a year ahead). */
  readonly answerable: readonly string[];
  /** The backend's today: the default, and the latest, day an update happened on. */
  readonly today: string;
}

/** The update form on a condition's page. */
export function ConditionStatusForm({ conditionId, current, answerable, today }: ConditionStatusFormProps): ReactNode {
  // It opens at the current status: a note or a report received changes nothing else.
  const [status, setStatus] = useState<ConditionStatus>(current);
  const [answers, setAnswers] = useState('');
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<PaperRow | undefined>(undefined);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [fileProblem, setFileProblem] = useState<string | undefined>(undefined);
  const [finding, setFinding] = useState(false);
  const setStatusChange = useChange('conditions:setStatus');
  const form = useRef<HTMLFormElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const errors = fieldErrorsOf(setStatusChange.error);
  useFocusFirstInvalid(form, setStatusChange.error);
  const problems = Object.entries(errors).map(([field, message]) => `${LABELS[field] ?? field} ${message}`);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const evidenceFile =
      file === undefined
        ? null
        : { name: file.name, type: file.type || 'application/octet-stream', dataBase64: await readFileAsBase64(file) };
    const result = await setStatusChange.run({
      id: conditionId,
      status,
      answers,
      on,
      note,
      evidencePaperId: evidence?.id ?? null,
      evidenceFile,
    });
    if (result.ok) {
      setNote('');
      setAnswers('');
      setOn(today);
      setEvidence(undefined);
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      setFinding(false);
    }
  }

  return (
    <section className="panel panel-form" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        Record an update
      </h2>
      <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          title="The update was not recorded"
          problems={problems}
          message={
            setStatusChange.error !== undefined && setStatusChange.error.code !== 'invalid_input'
              ? setStatusChange.error.message
              : undefined
          }
        />
        {answerable.length > 0 && (
          <Field
            label="This update answers"
            hint="Say which due date it answers, e.g. the report for 24 September 2026 received. A note or a chase answers none."
            error={errors['answers']}
          >
            {(control) => (
              <select {...control} className="input" value={answers} onChange={(e) => setAnswers(e.target.value)}>
                <option value="">No due date (a note, a chase or a change of status)</option>
                {answerable.map((date) => (
                  <option key={date} value={date}>
                    The date due {longDate(date)}
                    {date < today ? ' (overdue)' : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <DateField
          label="Date it happened"
          hint="When the report came, the breach was found or the chase was sent; not when you type it in."
          error={errors['on']}
          value={on}
          onChange={(value) => setOn(value)}
        />
        <Field label="Status" hint={`Now: ${CONDITION_STATUS_LABELS[current]}.`} error={errors['status']}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={status}
              onChange={(e) => {
                if (isStatus(e.target.value)) setStatus(e.target.value);
              }}
            >
              {CONDITION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {CONDITION_STATUS_LABELS[s]}
                  {s === current ? ' (unchanged)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextAreaField
          label="Note"
          optional
          hint="What happened, e.g. “The September report has not been received”."
          error={errors['note']}
          rows={3}
          value={note}
          onChange={(value) => setNote(value)}
        />
        <div
          className={errors['evidencePaperId'] !== undefined ? 'field field-invalid' : 'field'}
          role="group"
          aria-labelledby={`${titleId}-evidence`}
        >
          <p className="field-label" id={`${titleId}-evidence`}>
            Evidence paper <span className="field-optional">(optional)</span>
          </p>
          {errors['evidencePaperId'] !== undefined && (
            <p className="field-error">Evidence {errors['evidencePaperId']}</p>
          )}
          {evidence !== undefined ? (
            <p className="chosen">
              <span>
                <span className="reference">{evidence.reference}</span> {evidence.title}{' '}
                <span className="muted">(version {evidence.version})</span>
              </span>
              <button type="button" className="button button-small button-quiet" onClick={() => setEvidence(undefined)}>
                Remove<span className="visually-hidden"> the evidence {evidence.reference}</span>
              </button>
            </p>
          ) : finding ? (
            <PaperFinder
              label="Find the paper that shows it"
              exclude={[]}
              onPick={(paper) => {
                setEvidence(paper);
                setFinding(false);
              }}
              onClose={() => setFinding(false)}
            />
          ) : (
            <button type="button" className="button button-small button-secondary" onClick={() => setFinding(true)}>
              Choose an evidence paper
            </button>
          )}
        </div>
        <Field
          label="Evidence file"
          optional
          hint="A file attached to this update (a letter, the report itself)."
          error={fileProblem ?? errors['evidenceFile']}
        >
          {(control) => (
            <input
              {...control}
              ref={fileInput}
              type="file"
              className="input"
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                const tooLarge = chosen ? tooLargeMessage(chosen.name, chosen.size) : undefined;
                setFileProblem(tooLarge);
                setFile(tooLarge === undefined ? chosen : undefined);
              }}
            />
          )}
        </Field>
        <div className="button-row form-actions">
          <button type="submit" className="button button-primary" {...busyButtonProps(setStatusChange.pending)}>
            {setStatusChange.pending ? 'Recording…' : 'Record the update'}
          </button>
        </div>
      </form>
    </section>
  );
}
