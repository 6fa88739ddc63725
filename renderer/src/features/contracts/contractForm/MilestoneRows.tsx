/** A contract's re-tender milestones. */
import type { ReactNode } from 'react';
import { CheckboxField, DateField, InputField } from '../../../components/Field.tsx';
import { RepeatableRows } from '../../../components/RepeatableRows.tsx';
import { newMilestone, type ContractSectionProps } from './contractDraft.ts';

/** A contract's re-tender milestones in the contract form. */
export function MilestoneRows({
  draft,
  set,
  errors,
  saves,
}: ContractSectionProps & { readonly saves: number }): ReactNode {
  return (
    <RepeatableRows
      saves={saves}
      legend="Re-tender milestones"
      rows={draft.milestones}
      onChange={(rows) => set('milestones', rows)}
      newRow={newMilestone}
      addLabel="Add a milestone"
      rowName={(i) => `milestone ${i + 1}`}
      errorPath="milestones"
      errors={errors}
    >
      {({ row: m, index: i, change, error }) => (
        <>
          <InputField
            label={`Milestone ${i + 1}`}
            error={error('title')}
            className="row-list-field"
            value={m.title}
            onChange={(value) => change({ title: value })}
          />
          <DateField
            label={`Milestone ${i + 1}: due`}
            error={error('due')}
            className="row-list-field"
            value={m.due}
            onChange={(value) => change({ due: value })}
          />
          <CheckboxField label={`Milestone ${i + 1} done`} checked={m.done} onChange={(done) => change({ done })} />
        </>
      )}
    </RepeatableRows>
  );
}
