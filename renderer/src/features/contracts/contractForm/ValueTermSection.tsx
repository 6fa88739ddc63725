/** A contract's values (read back as pounds: "£25.3m" reads as £25,300,000) and its term. */
import type { ReactNode } from 'react';
import { UNLET_STATUSES } from '../../../../../shared/schema/contracts.ts';
import { DateField, InputField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { formatGbp } from '../../../money.ts';
import { parsePounds, type ContractSectionProps } from './contractDraft.ts';

/** What a sum's field says under it: how the typed sum reads, before saving. */
function poundsHint(shown: number | null | undefined): string {
  if (shown === null) return 'As written in the papers: £25.3m, £24.8 million, 25,300,000. Empty if undisclosed.';
  if (shown === undefined) return 'Write a sum such as £25.3m, £24.8 million or 25,300,000.';
  return `Reads as ${formatGbp(shown)}.`;
}

/** A contract's values and its term in the contract form: a proposed or blocked contract may give only its planned length. */
export function ValueTermSection({ draft, set, errors }: ContractSectionProps): ReactNode {
  const unlet = UNLET_STATUSES.includes(draft.status);
  return (
    <FormSection legend="Value and term">
      <div className="field-pair">
        <InputField
          label="Annual value"
          optional
          hint={poundsHint(parsePounds(draft.annualValue))}
          error={errors['annualValueGbp']}
          value={draft.annualValue}
          onChange={(value) => set('annualValue', value)}
        />
      </div>
      <div className="field-pair">
        <InputField
          label="Initial value"
          optional
          hint={poundsHint(parsePounds(draft.initialValue))}
          error={errors['initialValueGbp']}
          value={draft.initialValue}
          onChange={(value) => set('initialValue', value)}
        />
        <InputField
          label="Value with all options"
          optional
          hint={poundsHint(parsePounds(draft.valueWithOptions))}
          error={errors['valueWithOptionsGbp']}
          value={draft.valueWithOptions}
          onChange={(value) => set('valueWithOptions', value)}
        />
      </div>
      <div className="field-pair">
        <DateField
          label="Term starts"
          optional={unlet}
          error={errors['termStart']}
          value={draft.termStart}
          onChange={(value) => set('termStart', value)}
        />
        <DateField
          label="Term ends (as let)"
          optional={unlet}
          hint="Exercising an extension option moves the current end; this stays the end as let."
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
      {unlet && (
        <InputField
          label="Planned length in months"
          optional
          hint="For a proposed or blocked contract without dates. The term is required once the contract is active."
          error={errors['plannedMonths']}
          inputMode="numeric"
          inputClassName="input input-short"
          value={draft.plannedMonths}
          onChange={(value) => set('plannedMonths', value)}
        />
      )}
    </FormSection>
  );
}
