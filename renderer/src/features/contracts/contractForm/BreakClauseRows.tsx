/** A contract's break clauses, each with its earliest date and notice. */
import type { ReactNode } from 'react';
import { DateField, InputField } from '../../../components/Field.tsx';
import { RepeatableRows } from '../../../components/RepeatableRows.tsx';
import { newBreak, type ContractSectionProps } from './contractDraft.ts';

/** A contract's break clauses in the contract form. */
export function BreakClauseRows({
  draft,
  set,
  errors,
  saves,
}: ContractSectionProps & { readonly saves: number }): ReactNode {
  return (
    <RepeatableRows
      saves={saves}
      legend="Break clauses"
      rows={draft.breaks}
      onChange={(rows) => set('breaks', rows)}
      newRow={newBreak}
      addLabel="Add a break clause"
      rowName={(i) => `break clause ${i + 1}`}
      errorPath="breakClauses"
      errors={errors}
    >
      {({ row: b, index: i, change, error }) => (
        <>
          <DateField
            label={`Break ${i + 1}: earliest date`}
            error={error('earliest')}
            className="row-list-field"
            value={b.earliest}
            onChange={(value) => change({ earliest: value })}
          />
          <InputField
            label={`Break ${i + 1}: notice in days`}
            error={error('noticeDays')}
            className="row-list-field"
            inputMode="numeric"
            inputClassName="input input-short"
            value={b.noticeDays}
            onChange={(value) => change({ noticeDays: value })}
          />
          <InputField
            label={`Break ${i + 1}: note`}
            optional
            error={error('note')}
            className="row-list-field"
            value={b.note}
            onChange={(value) => change({ note: value })}
          />
        </>
      )}
    </RepeatableRows>
  );
}
