/** The wording of a decision and its other Markdown fields. */
import type { ReactNode } from 'react';
import { Field } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { MARKDOWN_FIELDS, type DecisionSectionProps } from './decisionDraft.ts';

/** The "What was decided" part of the decision form. */
export function WordingSection({ draft, set, errors }: DecisionSectionProps): ReactNode {
  return (
    <FormSection legend="What was decided">
      <p className="field-hint">These fields take Markdown: **bold**, lists starting with “-”, headings with “#”.</p>
      {MARKDOWN_FIELDS.map(({ field, label, hint }) => (
        <Field key={field} label={label} optional={field !== 'wording'} hint={hint || undefined} error={errors[field]}>
          {(control) => (
            <textarea
              {...control}
              className="input input-wide textarea"
              rows={field === 'wording' ? 5 : 3}
              value={draft[field]}
              onChange={(e) => set(field, e.target.value)}
            />
          )}
        </Field>
      ))}
    </FormSection>
  );
}
