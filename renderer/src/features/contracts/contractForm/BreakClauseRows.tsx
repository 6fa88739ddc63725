/** A contract's break clauses, each with its earliest date and notice. */
import type { ReactNode } from 'react';
import { newBreak, type BreakRow, type ContractSectionProps } from './contractDraft.ts';
import { DraftRowList, type RowListWords } from './DraftRowList.tsx';

const BREAK_CLAUSES: RowListWords<BreakRow> = {
  legend: 'Break clauses',
  newRow: newBreak,
  addLabel: 'Add a break clause',
  rowName: (i) => `break clause ${i + 1}`,
  errorPath: 'breakClauses',
  fields: [
    { kind: 'date', part: 'earliest', label: (n) => `Break ${n}: earliest date` },
    { kind: 'text', part: 'noticeDays', label: (n) => `Break ${n}: notice in days`, numeric: true },
    { kind: 'text', part: 'note', label: (n) => `Break ${n}: note`, optional: true },
  ],
};

/** A contract's break clauses in the contract form. */
export function BreakClauseRows({
  draft,
  set,
  errors,
  saves,
}: ContractSectionProps & { readonly saves: number }): ReactNode {
  return (
    <DraftRowList
      words={BREAK_CLAUSES}
      rows={draft.breaks}
      onChange={(rows) => set('breaks', rows)}
      errors={errors}
      saves={saves}
    />
  );
}
