/** The contracts a decision governs, ticked from the contracts on record. */
import type { ReactNode } from 'react';
import type { ContractRow } from '../../../../../shared/contract/views.ts';
import { CheckboxField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import type { DecisionSectionProps } from './decisionDraft.ts';

/** The "Contracts" part of the decision form. */
export function ContractsSection({
  draft,
  set,
  contracts,
}: Omit<DecisionSectionProps, 'errors'> & { readonly contracts: readonly ContractRow[] | undefined }): ReactNode {
  return (
    <FormSection legend="Contracts">
      {contracts !== undefined && contracts.length === 0 && (
        <p className="muted">There are no contracts yet. Add them under Contracts to link them here.</p>
      )}
      <div className="check-list">
        {(contracts ?? []).map((c) => (
          <CheckboxField
            key={c.id}
            label={`${c.reference}: ${c.title}${c.directAward ? ' (direct award)' : ''}`}
            checked={draft.contractIds.includes(c.id)}
            onChange={(checked) =>
              set('contractIds', checked ? [...draft.contractIds, c.id] : draft.contractIds.filter((x) => x !== c.id))
            }
          />
        ))}
      </div>
    </FormSection>
  );
}
