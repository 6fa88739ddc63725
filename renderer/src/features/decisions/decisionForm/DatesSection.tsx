/** When a decision was published and when it takes effect. */
import type { ReactNode } from 'react';
import { DateField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import type { DecisionSectionProps } from './decisionDraft.ts';

/** The "Dates" part of the decision form. */
export function DatesSection({ draft, set, errors }: DecisionSectionProps): ReactNode {
  return (
    <FormSection legend="Dates">
      <div className="field-pair">
        <DateField
          label="Published on"
          optional
          hint="The call-in period is counted in working days from here."
          error={errors['publishedOn']}
          value={draft.publishedOn}
          onChange={(value) => set('publishedOn', value)}
        />
        <DateField
          label="Takes effect on"
          optional
          error={errors['effectiveDate']}
          value={draft.effectiveDate}
          onChange={(value) => set('effectiveDate', value)}
        />
      </div>
    </FormSection>
  );
}
