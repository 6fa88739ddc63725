/**
 * Records a change of a condition's status (met, partially met, breached,
 * waived, superseded, or open again), with a note and, as evidence, a paper
 * from the library. Each change is dated and kept in the condition's trail.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CONDITION_STATUS_LABELS,
  CONDITION_STATUSES,
  type ConditionStatus,
} from '../../../../shared/schema/conditions.ts';
import type { PaperRow } from '../../../../shared/contract/views.ts';
import { useChange } from '../../changes.ts';
import { ErrorSummary, Field, TextAreaField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { PaperFinder } from '../search/RecordFinder.tsx';

const LABELS: Readonly<Record<string, string>> = { status: 'New status', note: 'Note', evidencePaperId: 'Evidence' };

function isStatus(value: string): value is ConditionStatus {
  return (CONDITION_STATUSES as readonly string[]).includes(value);
}

/** Props of {@link ConditionStatusForm}. */
export interface ConditionStatusFormProps {
  readonly conditionId: string;
  readonly current: ConditionStatus;
}

/** The status change form on a condition's page. */
export function ConditionStatusForm({ conditionId, current }: ConditionStatusFormProps): ReactNode {
  const [status, setStatus] = useState<ConditionStatus>(current === 'open' ? 'met' : current);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<PaperRow | undefined>(undefined);
  const [finding, setFinding] = useState(false);
  const setStatusChange = useChange('conditions:setStatus');
  const form = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const errors = fieldErrorsOf(setStatusChange.error);
  useFocusFirstInvalid(form, setStatusChange.error);
  const problems = Object.entries(errors).map(([field, message]) => `${LABELS[field] ?? field} ${message}`);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = await setStatusChange.run({
      id: conditionId,
      status,
      note,
      evidencePaperId: evidence?.id ?? null,
    });
    if (result.ok) {
      setNote('');
      setEvidence(undefined);
      setFinding(false);
    }
  }

  return (
    <section className="panel panel-form" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        Record a change of status
      </h2>
      <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          title="The change was not recorded"
          problems={problems}
          message={
            setStatusChange.error !== undefined && setStatusChange.error.code !== 'invalid_input'
              ? setStatusChange.error.message
              : undefined
          }
        />
        <Field label="New status" hint={`Now: ${CONDITION_STATUS_LABELS[current]}.`} error={errors['status']}>
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
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextAreaField
          label="Note"
          optional
          hint="What happened, e.g. “Plan received and agreed with the supplier”."
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
            Evidence <span className="field-optional">(optional)</span>
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
        <div className="button-row form-actions">
          <button type="submit" className="button button-primary" disabled={setStatusChange.pending}>
            {setStatusChange.pending ? 'Recording…' : 'Record the change'}
          </button>
        </div>
      </form>
    </section>
  );
}
