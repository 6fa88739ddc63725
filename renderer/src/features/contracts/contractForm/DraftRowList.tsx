/**
 * A list of the contract form's repeatable rows whose fields are plain (a
 * date, a text, a tick): the list's words and its fields given as a table,
 * laid out by the one repeating-rows editor (RepeatableRows: add, remove,
 * and the focus after each). Break clauses and milestones are such lists;
 * extension options, whose fields come and go, write their own.
 */
import type { ReactNode } from 'react';
import { CheckboxField, DateField, InputField } from '../../../components/Field.tsx';
import { RepeatableRows, type KeyedRow } from '../../../components/RepeatableRows.tsx';

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

/** Props of {@link DraftRowList}. */
export interface DraftRowListProps<Row extends KeyedRow> {
  readonly words: RowListWords<Row>;
  readonly rows: readonly Row[];
  readonly onChange: (rows: readonly Row[]) => void;
  readonly errors: Readonly<Record<string, string>>;
  /** How many times the form has been sent (see RepeatableRows). */
  readonly saves: number;
}

/** The rows of one list, each with the fields its table gives. */
export function DraftRowList<Row extends KeyedRow>({
  words,
  rows,
  onChange,
  errors,
  saves,
}: DraftRowListProps<Row>): ReactNode {
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
