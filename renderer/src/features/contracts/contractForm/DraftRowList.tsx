/**
 * The contract form's lists of repeatable rows whose fields are plain (a
 * date, a text, a tick): a contract's break clauses, each with its earliest
 * date and notice, and its re-tender milestones. Each list's words and fields
 * are a table here, laid out by the one repeating-rows editor
 * (RepeatableRows: add, remove, and the focus after each). Extension options,
 * whose fields come and go, write their own.
 */
import type { ReactNode } from 'react';
import { CheckboxField, DateField, InputField } from '../../../components/Field.tsx';
import { RepeatableRows, type KeyedRow } from '../../../components/RepeatableRows.tsx';
import {
  newBreak,
  newMilestone,
  type BreakRow,
  type ContractSectionProps,
  type MilestoneRow,
} from './contractDraft.ts';

/** One field of each row: what it holds (`part`, also the name its problems come under) and its label for row `n` (1-based). */
export type RowField<Row> =
  | {
      readonly kind: 'date' | 'text';
      readonly part: keyof Row & string;
      readonly label: (n: number) => string;
      readonly optional?: boolean;
      /** A short field of digits, e.g. days of notice. */
      readonly numeric?: boolean;
    }
  | { readonly kind: 'checkbox'; readonly part: keyof Row & string; readonly label: (n: number) => string };

/** What a list is called and how its rows are made, named and reported on. */
export interface RowListWords<Row extends KeyedRow> {
  /** The fieldset's legend, e.g. "Break clauses". */
  readonly legend: string;
  readonly newRow: () => Row;
  /** e.g. "Add a break clause". */
  readonly addLabel: string;
  /** Row `index` (0-based) as its remove button names it, e.g. "break clause 1". */
  readonly rowName: (index: number) => string;
  /** Where the rows' problems sit among the contract's, e.g. `breakClauses`. */
  readonly errorPath: string;
  readonly fields: readonly RowField<Row>[];
}

/** Props of {@link RowList}. */
interface RowListProps<Row extends KeyedRow> {
  readonly words: RowListWords<Row>;
  readonly rows: readonly Row[];
  readonly onChange: (rows: readonly Row[]) => void;
  readonly errors: Readonly<Record<string, string>>;
  /** How many times the form has been sent (see RepeatableRows). */
  readonly saves: number;
}

/** The rows of one list, each with the fields its table gives. */
function RowList<Row extends KeyedRow>({ words, rows, onChange, errors, saves }: RowListProps<Row>): ReactNode {
  return (
    <RepeatableRows
      saves={saves}
      legend={words.legend}
      rows={rows}
      onChange={onChange}
      newRow={words.newRow}
      addLabel={words.addLabel}
      rowName={words.rowName}
      errorPath={words.errorPath}
      errors={errors}
    >
      {({ row, index, change, error }) =>
        words.fields.map((field) => {
          const value: unknown = row[field.part];
          const label = field.label(index + 1);
          // A key computed from a type parameter widens to a string index: the part is one of Row's keys.
          const set = (next: string | boolean): void => change({ [field.part]: next } as Partial<Row>);
          if (field.kind === 'checkbox') {
            return <CheckboxField key={field.part} label={label} checked={value === true} onChange={set} />;
          }
          const props = {
            label,
            optional: field.optional,
            error: error(field.part),
            className: 'row-list-field',
            value: typeof value === 'string' ? value : '',
            onChange: set,
          };
          return field.kind === 'date' ? (
            <DateField key={field.part} {...props} />
          ) : (
            <InputField
              key={field.part}
              {...props}
              inputMode={field.numeric ? 'numeric' : undefined}
              inputClassName={field.numeric ? 'input input-short' : undefined}
            />
          );
        })
      }
    </RepeatableRows>
  );
}

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

/** A contract's break clauses or its re-tender milestones, in the contract form. */
export function DraftRowList({
  list,
  draft,
  set,
  errors,
  saves,
}: ContractSectionProps & { readonly list: 'breaks' | 'milestones'; readonly saves: number }): ReactNode {
  const sent = { errors, saves };
  return list === 'breaks' ? (
    <RowList words={BREAK_CLAUSES} rows={draft.breaks} onChange={(rows) => set('breaks', rows)} {...sent} />
  ) : (
    <RowList words={MILESTONES} rows={draft.milestones} onChange={(rows) => set('milestones', rows)} {...sent} />
  );
}
