/** A contract's re-tender milestones. */
import type { ReactNode } from 'react';
import { newMilestone, type ContractSectionProps, type MilestoneRow } from './contractDraft.ts';
import { DraftRowList, type RowListWords } from './DraftRowList.tsx';

const MILESTONES: RowListWords<MilestoneRow> = {
  legend: 'Re-tender milestones',
  newRow: newMilestone,
  addLabel: 'Add a milestone',
  rowName: (i) => `milestone ${i + 1}`,
  errorPath: 'milestones',
  fields: [
    { kind: 'text', part: 'title', label: (n) => `Milestone ${n}` },
    { kind: 'date', part: 'due', label: (n) => `Milestone ${n}: due` },
    { kind: 'checkbox', part: 'done', label: (n) => `Milestone ${n} done` },
  ],
};

/** A contract's re-tender milestones in the contract form. */
export function MilestoneRows({
  draft,
  set,
  errors,
  saves,
}: ContractSectionProps & { readonly saves: number }): ReactNode {
  return (
    <DraftRowList
      words={MILESTONES}
      rows={draft.milestones}
      onChange={(rows) => set('milestones', rows)}
      errors={errors}
      saves={saves}
    />
  );
}
