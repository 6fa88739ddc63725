/**
 * The one shape of the contract page's procurement forms (its details, a
 * notice, a modification, the re-tender plan): a button that opens the form
 * in place, the fields the panel gives, and a save sent as `contracts:update`.
 * A problem found before sending, and each field the backend refused (its
 * record path shortened), are listed at the top; a save is announced and
 * closes the form.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { InputOf } from '../../../../shared/contract/api.ts';
import { useMutation } from '../../apiHooks.ts';
import { busyButtonProps } from '../../components/busyButton.ts';
import { ErrorSummary } from '../../components/Field.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';

/** What a procurement form changes on the contract (its id is the form's). */
export type ContractPatch = Omit<InputOf<'contracts:update'>, 'id'>;

/** Props of {@link ProcurementRecordForm}. */
export interface ProcurementRecordFormProps {
  readonly contractId: string;
  /** The form's accessible name, e.g. "Record a notice". */
  readonly name: string;
  /** What the button that opens it says, e.g. "Record a notice". */
  readonly openLabel: string;
  /** The title of the problems' summary, e.g. "The notice was not recorded". */
  readonly notSaved: string;
  /** What the save button says, e.g. "Record the notice". */
  readonly saveLabel: string;
  /** The start of a refused field's path left out of its problem, e.g. `/^modifications\.\d+\./`. */
  readonly errorPath: RegExp;
  /** The change to send, or the problem found before sending it (a sentence naming the field). */
  readonly patch: () => ContractPatch | string;
  /** After a save, e.g. to empty the fields for the next record. */
  readonly onSaved?: () => void;
  /** The fields. */
  readonly children: ReactNode;
}

/** A procurement form of the contract page, opened by its button. */
export function ProcurementRecordForm({
  contractId,
  name,
  openLabel,
  notSaved,
  saveLabel,
  errorPath,
  patch,
  onSaved,
  children,
}: ProcurementRecordFormProps): ReactNode {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState('');
  const update = useMutation('contracts:update');
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        {openLabel}
      </button>
    );
  }
  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const change = patch();
    if (typeof change === 'string') {
      setProblem(change);
      return;
    }
    setProblem('');
    const result = await update.run({ id: contractId, ...change });
    if (result.ok) {
      announce(result.value.summary);
      setOpen(false);
      onSaved?.();
    }
  }
  const problems = [
    ...(problem ? [problem] : []),
    ...Object.entries(fieldErrorsOf(update.error)).map(
      ([field, message]) => `${field.replace(errorPath, '')} ${message}`,
    ),
  ];
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={name}>
      <ErrorSummary
        title={notSaved}
        problems={problems}
        message={update.error !== undefined && problems.length === 0 ? update.error.message : undefined}
      />
      {children}
      <div className="button-row">
        <button type="submit" className="button button-primary" {...busyButtonProps(update.pending)}>
          {saveLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
