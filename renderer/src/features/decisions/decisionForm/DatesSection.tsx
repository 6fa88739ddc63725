/** When a decision was published and when it takes effect. */
import type { ReactNode } from 'react';
import { InputField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import type { DecisionSectionProps } from './decisionDraft.ts';

/** The "Dates" part of the decision form. */
export function DatesSection({ draft, set, errors }: DecisionSectionProps): ReactNode {
  return (
    <FormSection legend="Dates">
      <div className="field-pair">
        <InputField
          label="Published on"
          optional
          hint="The call-in period is counted in working days from here."
          error={errors['publishedOn']}
          type="date"
          inputClassName="input input-date"
          value={draft.publishedOn}
          onChange={(value) => set('publishedOn', value)}
        />
        <InputField
          label="Takes effect on"
          optional
          error={errors['effectiveDate']}
          type="date"
          inputClassName="input input-date"
          value={draft.effectiveDate}
          onChange={(value) => set('effectiveDate', value)}
        />
      </div>
    </FormSection>
  );
}
