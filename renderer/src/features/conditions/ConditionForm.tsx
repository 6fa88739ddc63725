/**
 * Adds a condition to a draft decision, or edits one: the wording, the owner
 * (a member, or an outside body such as "the police force's commercial
 * director"), when it falls due (once, or every month, quarter or year from a
 * date, until a date), and the evidence required. The backend validates; each
 * problem shows next to its field.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { RECURRENCES, type Condition, type Recurrence } from '../../../../shared/schema/conditions.ts';
import { useQuery } from '../../apiHooks.ts';
import { useChange } from '../../changes.ts';
import {
  useFocusFirstFieldOnOpen,
  ChoiceField,
  DateField,
  ErrorSummary,
  Field,
  TextAreaField,
  useFocusFirstInvalid,
} from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { OwnerContactFields } from '../../components/OwnerContactFields.tsx';

const OUTSIDE = 'outside';
const RECURRENCE_LABELS: { readonly [R in Recurrence]: string } = {
  monthly: 'Every month',
  quarterly: 'Every quarter',
  annually: 'Every year',
};
const LABELS: Readonly<Record<string, string>> = {
  wording: 'Condition',
  'owner.memberId': 'Owner',
  'owner.name': 'Owner’s name',
  'owner.email': 'Owner’s e-mail',
  due: 'Due by',
  'recurrence.every': 'How often',
  'recurrence.from': 'First due',
  'recurrence.until': 'Last due',
  evidenceRequired: 'Evidence required',
  decisionId: 'Decision',
};

interface Draft {
  readonly wording: string;
  readonly ownerMemberId: string;
  readonly ownerName: string;
  readonly ownerEmail: string;
  readonly schedule: 'once' | 'recurring' | 'ongoing';
  /** For an ongoing condition: how often it is reviewed ('' none regularly). */
  readonly reviewEvery: Recurrence | '';
  readonly due: string;
  readonly every: Recurrence;
  readonly from: string;
  readonly until: string;
  readonly evidenceRequired: string;
}

function draftOf(condition: Condition | undefined): Draft {
  return {
    wording: condition?.wording ?? '',
    ownerMemberId: condition?.owner.memberId ?? OUTSIDE,
    ownerName: condition?.owner.name ?? '',
    ownerEmail: condition?.owner.email ?? '',
    schedule: condition?.ongoing ? 'ongoing' : condition?.recurrence ? 'recurring' : 'once',
    reviewEvery: condition?.ongoing ? (condition.recurrence?.every ?? '') : '',
    due: condition?.ongoing ? condition.due || condition.recurrence?.from || '' : (condition?.due ?? ''),
    every: condition?.recurrence?.every ?? 'quarterly',
    from: condition?.recurrence?.from ?? '',
    until: condition?.recurrence?.until ?? '',
    evidenceRequired: condition?.evidenceRequired ?? '',
  };
}

/** Props of {@link ConditionForm}. */
export interface ConditionFormProps {
  readonly decisionId: string;
  readonly decisionReference: string;
  /** The condition being edited; a new one when left out. */
  readonly condition?: Condition;
  /** The decision is signed: the wording and evidence required are part of it and cannot change. */
  readonly wordingLocked?: boolean;
  /** Called after a save, or when the form is closed. */
  readonly onDone: () => void;
}

/** The condition form. */
export function ConditionForm(props: ConditionFormProps): ReactNode {
  const { decisionId, decisionReference, condition, wordingLocked = false, onDone } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(condition));
  const members = useQuery('members:list', { pageSize: 500, sort: 'name' });
  const create = useChange('conditions:create');
  const update = useChange('conditions:update');
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstFieldOnOpen(form);
  const titleId = useId();
  const error = condition === undefined ? create.error : update.error;
  const errors = fieldErrorsOf(error);
  useFocusFirstInvalid(form, error);
  const problems = Object.entries(errors).map(([field, message]) => `${LABELS[field] ?? field} ${message}`);
  const memberRows = members.status === 'ok' ? members.value.rows : [];

  function set<K extends keyof Draft>(field: K, value: Draft[K]): void {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const member = memberRows.find((m) => m.id === draft.ownerMemberId);
    const owner = {
      memberId: member?.id ?? null,
      name: member?.name ?? draft.ownerName,
      email: member?.email ?? draft.ownerEmail.trim(),
    };
    const schedule =
      draft.schedule === 'once'
        ? { due: draft.due, recurrence: null, ongoing: false }
        : draft.schedule === 'recurring'
          ? { due: '', recurrence: { every: draft.every, from: draft.from, until: draft.until }, ongoing: false }
          : draft.reviewEvery === ''
            ? { due: draft.due, recurrence: null, ongoing: true }
            : { due: '', recurrence: { every: draft.reviewEvery, from: draft.due, until: '' }, ongoing: true };
    const result =
      condition === undefined
        ? await create.run({
            decisionId,
            wording: draft.wording,
            owner,
            ...schedule,
            evidenceRequired: draft.evidenceRequired,
          })
        : await update.run({
            id: condition.id,
            owner,
            ...schedule,
            ...(wordingLocked ? {} : { wording: draft.wording, evidenceRequired: draft.evidenceRequired }),
          });
    if (result.ok) onDone();
  }

  const pending = create.pending || update.pending;
  const otherError = error !== undefined && error.code !== 'invalid_input' ? error.message : undefined;

  return (
    <section className="subform" aria-labelledby={titleId}>
      <h3 id={titleId} className="subform-title">
        {condition === undefined ? `Add a condition to ${decisionReference}` : 'Edit the condition'}
      </h3>
      <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          title={condition === undefined ? 'The condition was not added' : 'The changes were not saved'}
          problems={problems}
          message={otherError}
        />
        {wordingLocked ? (
          <div className="field">
            <p className="field-label">Condition</p>
            <p>{draft.wording}</p>
            <p className="field-hint">
              The wording is part of the signed decision. To correct it, record an amendment on the decision.
            </p>
          </div>
        ) : (
          <TextAreaField
            label="Condition"
            hint="What must be done, as the decision says it."
            error={errors['wording']}
            rows={3}
            value={draft.wording}
            onChange={(value) => set('wording', value)}
          />
        )}
        <Field
          label="Owner"
          hint="Who must meet it: a member, or someone outside the board."
          error={errors['owner.memberId']}
        >
          {(control) => (
            <select
              {...control}
              className="input input-wide"
              value={draft.ownerMemberId}
              onChange={(e) => set('ownerMemberId', e.target.value)}
            >
              <option value={OUTSIDE}>Someone outside the board (name them below)</option>
              {memberRows.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.ownerMemberId === OUTSIDE && (
          <OwnerContactFields
            draft={draft}
            set={set}
            errors={errors}
            nameHint="A person or a role, e.g. “The police force’s commercial director”."
          />
        )}
        <fieldset className="fieldset fieldset-inline">
          <legend className="field-legend">When is it due?</legend>
          <div className="radio-row">
            <label className="radio">
              <input
                type="radio"
                name={`${titleId}-schedule`}
                checked={draft.schedule === 'once'}
                onChange={() => set('schedule', 'once')}
              />{' '}
              Once, by a date
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${titleId}-schedule`}
                checked={draft.schedule === 'recurring'}
                onChange={() => set('schedule', 'recurring')}
              />{' '}
              Again and again (e.g. a quarterly report)
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${titleId}-schedule`}
                checked={draft.schedule === 'ongoing'}
                onChange={() => set('schedule', 'ongoing')}
              />{' '}
              Ongoing, with no due date (e.g. keep internal tools apart from the supplier’s platform)
            </label>
          </div>
        </fieldset>
        {draft.schedule === 'ongoing' ? (
          <div className="field-pair">
            <DateField
              label="Review by"
              optional
              hint="When the board next checks it is kept; reminded, and overdue if not reviewed."
              error={errors['due'] ?? errors['recurrence.from']}
              value={draft.due}
              onChange={(value) => set('due', value)}
            />
            <ChoiceField
              label="Review how often"
              error={errors['recurrence.every']}
              value={draft.reviewEvery}
              choices={['', ...RECURRENCES] as const}
              labels={{ '': 'No regular review', ...RECURRENCE_LABELS }}
              onChange={(value) => set('reviewEvery', value)}
            />
          </div>
        ) : draft.schedule === 'once' ? (
          <DateField label="Due by" error={errors['due']} value={draft.due} onChange={(value) => set('due', value)} />
        ) : (
          <div className="field-pair">
            <ChoiceField
              label="How often"
              error={errors['recurrence.every']}
              value={draft.every}
              choices={RECURRENCES}
              labels={RECURRENCE_LABELS}
              onChange={(value) => set('every', value)}
            />
            <DateField
              label="First due"
              error={errors['recurrence.from'] ?? errors['due']}
              value={draft.from}
              onChange={(value) => set('from', value)}
            />
            <DateField
              label="Last due"
              optional
              hint="Leave empty if it has no end."
              error={errors['recurrence.until']}
              value={draft.until}
              onChange={(value) => set('until', value)}
            />
          </div>
        )}
        {!wordingLocked && (
          <TextAreaField
            label="Evidence required"
            optional
            hint="What will show it is met, e.g. “The contract notice”."
            error={errors['evidenceRequired']}
            rows={2}
            value={draft.evidenceRequired}
            onChange={(value) => set('evidenceRequired', value)}
          />
        )}
        <FormActions
          label={condition === undefined ? 'Add the condition' : 'Save changes'}
          pending={pending}
          cancel={onDone}
        />
      </form>
    </section>
  );
}
