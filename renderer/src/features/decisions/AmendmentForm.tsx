/**
 * Records an amendment to a signed decision: what is corrected and why. The
 * signed record itself never changes; the amendment is shown on it, with who
 * recorded it and when.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '../../apiHooks.ts';
import { ErrorSummary, TextAreaField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { FormActions } from '../../components/FormActions.tsx';

const LABELS = { what: 'What is corrected', why: 'Why' } as const;

/** Props of {@link AmendmentForm}. */
export interface AmendmentFormProps {
  readonly decisionId: string;
  readonly reference: string;
  /** Called when the amendment is saved or the form is closed. */
  readonly onDone: () => void;
}

/** The amendment form, shown on a signed decision's page. */
export function AmendmentForm({ decisionId, reference, onDone }: AmendmentFormProps): ReactNode {
  const [what, setWhat] = useState('');
  const [why, setWhy] = useState('');
  // An amendment to a signed decision stays: it is announced without an Undo.
  const amend = useMutation('decisions:amend');
  const form = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const errors = fieldErrorsOf(amend.error);
  useFocusFirstInvalid(form, amend.error);
  const problems = (Object.keys(LABELS) as Array<keyof typeof LABELS>)
    .filter((field) => errors[field] !== undefined)
    .map((field) => `${LABELS[field]} ${errors[field]}`);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = await amend.run({ id: decisionId, what, why });
    if (result.ok) {
      announce(result.value.summary);
      onDone();
    }
  }

  return (
    <section className="panel panel-form" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        Record an amendment to {reference}
      </h2>
      <p className="section-intro">
        The signed decision is kept as it was. The amendment is shown on it, with your name and the time, and is in the
        audit trail.
      </p>
      <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          title="The amendment was not recorded"
          problems={problems}
          message={amend.error !== undefined && amend.error.code !== 'invalid_input' ? amend.error.message : undefined}
        />
        <TextAreaField
          label={LABELS.what}
          hint="The correction, e.g. “The date of effect is 3 July 2026, not 2 July.”"
          error={errors['what']}
          rows={3}
          value={what}
          onChange={(value) => setWhat(value)}
        />
        <TextAreaField
          label={LABELS.why}
          hint="Why it is corrected, e.g. “A typing error in the published notice.”"
          error={errors['why']}
          rows={3}
          value={why}
          onChange={(value) => setWhy(value)}
        />
        <FormActions label="Record the amendment" pending={amend.pending} pendingLabel="Recording…" cancel={onDone} />
      </form>
    </section>
  );
}
