/** A contract's annual and total values (read back as pounds) and its term. */
import type { ReactNode } from 'react';
import { DateField, InputField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { formatGbp } from '../../../money.ts';
import { parsePounds, type ContractSectionProps } from './contractDraft.ts';

/** What a sum's field says under it: how the typed pounds read. */
function poundsHint(shown: number | null | undefined): string {
  if (shown === null) return 'Whole pounds. Leave empty if undisclosed.';
  if (shown === undefined) return 'Whole pounds.';
  return `Reads as ${formatGbp(shown)}.`;
}

/** A contract's annual and total values (read back as pounds) and its term in the contract form. */
export function ValueTermSection({ draft, set, errors }: ContractSectionProps): ReactNode {
  return (
    <FormSection legend="Value and term">
      <div className="field-pair">
        <InputField
          label="Annual value"
          optional
          hint={poundsHint(parsePounds(draft.annualValue))}
          error={errors['annualValueGbp']}
          inputMode="numeric"
          value={draft.annualValue}
          onChange={(value) => set('annualValue', value)}
        />
        <InputField
          label="Total value"
          optional
          hint={poundsHint(parsePounds(draft.totalValue))}
          error={errors['totalValueGbp']}
          inputMode="numeric"
          value={draft.totalValue}
          onChange={(value) => set('totalValue', value)}
        />
      </div>
      <div className="field-pair">
        <DateField
          label="Term starts"
          error={errors['termStart']}
          value={draft.termStart}
          onChange={(value) => set('termStart', value)}
        />
        <DateField
          label="Term ends"
          error={errors['termEnd']}
          value={draft.termEnd}
          onChange={(value) => set('termEnd', value)}
        />
        <DateField
          label="Maximum extent"
          optional
          hint="The latest the contract may run to, with every extension."
          error={errors['maxExtentDate']}
          value={draft.maxExtentDate}
          onChange={(value) => set('maxExtentDate', value)}
        />
      </div>
    </FormSection>
  );
}
