/**
 * Adds a manual deadline, or edits one: its title, due date, owner (a name
 * or role and an e-mail address, for chasing), notes, and the contract it is
 * about. The backend validates; each problem shows next to its field.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { InputOf } from '../../../../shared/contract/api.ts';
import { useQuery } from '../../apiHooks.ts';
import { useChange } from '../../changes.ts';
import {
  DateField,
  ErrorSummary,
  Field,
  InputField,
  TextAreaField,
  useFocusFirstInvalid,
} from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { OwnerContactFields } from '../../components/OwnerContactFields.tsx';

const LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  due: 'Due date',
  'owner.name': 'Owner’s name',
  'owner.email': 'Owner’s e-mail',
  notes: 'Notes',
  contractId: 'Contract',
};

/** What the form holds. */
export interface ManualDeadlineDraft {
  readonly title: string;
  readonly due: string;
  readonly ownerName: string;
  readonly ownerEmail: string;
  readonly notes: string;
  readonly contractId: string;
}

const EMPTY: ManualDeadlineDraft = { title: '', due: '', ownerName: '', ownerEmail: '', notes: '', contractId: '' };

/** Props of {@link ManualDeadlineForm}. */
export interface ManualDeadlineFormProps {
  /** The deadline being edited, with what it holds now; a new one when left out. */
  readonly editing?: { readonly key: string; readonly draft: ManualDeadlineDraft };
  /** Called after a save (with the deadline's key), or with '' when the form is closed. */
  readonly onDone: (key: string) => void;
}

/** The manual deadline form. */
export function ManualDeadlineForm({ editing, onDone }: ManualDeadlineFormProps): ReactNode {
  const base = editing?.draft ?? EMPTY;
  const [draft, setDraft] = useState<ManualDeadlineDraft>(base);
  const contracts = useQuery('contracts:list', { pageSize: 500 });
  const create = useChange('deadlines:createManual');
  const update = useChange('deadlines:updateManual');
  const form = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const error = editing === undefined ? create.error : update.error;
  const errors = fieldErrorsOf(error);
  useFocusFirstInvalid(form, error);
  const problems = Object.entries(errors).map(([field, message]) => `${LABELS[field] ?? field} ${message}`);
  const contractRows = contracts.status === 'ok' ? contracts.value.rows : [];

  function set<K extends keyof ManualDeadlineDraft>(field: K, value: ManualDeadlineDraft[K]): void {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const owner = { memberId: null, name: draft.ownerName.trim(), email: draft.ownerEmail.trim() };
    const contractId = draft.contractId === '' ? null : draft.contractId;
    if (editing === undefined) {
      const result = await create.run({
        title: draft.title,
        due: draft.due,
        owner,
        notes: draft.notes,
        contractId,
        decisionId: null,
        leadDays: null,
      });
      if (result.ok) onDone(result.value.id);
      return;
    }
    // Only what changed is sent, so a link the form does not show (a member) is kept.
    const patch: { -readonly [K in keyof InputOf<'deadlines:updateManual'>]: InputOf<'deadlines:updateManual'>[K] } = {
      key: editing.key,
    };
    if (draft.title !== base.title) patch.title = draft.title;
    if (draft.due !== base.due) patch.due = draft.due;
    if (draft.ownerName !== base.ownerName || draft.ownerEmail !== base.ownerEmail) patch.owner = owner;
    if (draft.notes !== base.notes) patch.notes = draft.notes;
    if (draft.contractId !== base.contractId) patch.contractId = contractId;
    const result = await update.run(patch);
    if (result.ok) onDone(editing.key);
  }

  const pending = create.pending || update.pending;
  const otherError = error !== undefined && error.code !== 'invalid_input' ? error.message : undefined;

  return (
    <section className="panel subform" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {editing === undefined ? 'Add a deadline' : 'Edit the deadline'}
      </h2>
      <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          title={editing === undefined ? 'The deadline was not added' : 'The changes were not saved'}
          problems={problems}
          message={otherError}
        />
        <InputField
          label="Title"
          hint="What must be done, e.g. “Send the annual report to the panel”."
          error={errors['title']}
          inputClassName="input input-wide"
          value={draft.title}
          onChange={(value) => set('title', value)}
        />
        <DateField label="Due date" error={errors['due']} value={draft.due} onChange={(value) => set('due', value)} />
        <OwnerContactFields
          draft={draft}
          set={set}
          errors={errors}
          nameHint="A person or a role."
          nameOptional
          emailHint="For “Draft an e-mail” to chase them."
        />
        <Field
          label="Contract"
          optional
          hint="The contract this deadline is about, if any."
          error={errors['contractId']}
        >
          {(control) => (
            <select
              {...control}
              className="input input-wide"
              value={draft.contractId}
              onChange={(e) => set('contractId', e.target.value)}
            >
              <option value="">No contract</option>
              {contractRows.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.reference}: {c.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextAreaField
          label="Notes"
          optional
          error={errors['notes']}
          rows={3}
          value={draft.notes}
          onChange={(value) => set('notes', value)}
        />
        <FormActions
          label={editing === undefined ? 'Add the deadline' : 'Save changes'}
          pending={pending}
          cancel={() => onDone('')}
        />
      </form>
    </section>
  );
}
