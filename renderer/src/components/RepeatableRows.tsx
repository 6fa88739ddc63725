/**
 * A form's list of repeatable rows (a contract's extension options, break
 * clauses, milestones; a decision's declarations of interest; a member's
 * registered interests): each row's fields, a button that removes the row and
 * says which, and one that adds another. Adding a row puts the focus in its
 * first field; removing one puts it in the row that took its place (or the
 * one before, or on the add button when none is left), so the keyboard is
 * never thrown back to the top of the page.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** A row of the editor; `key` tells the rows apart while they are added and removed. */
export interface KeyedRow {
  readonly key: number;
}

/** What the editor hands to the fields of one row. */
export interface RowFields<Row> {
  readonly row: Row;
  /** The row's place, 0-based. */
  readonly index: number;
  /** Changes some of this row's fields. */
  change(patch: Partial<Row>): void;
  /**
   * The problem with `part` of this row, e.g. `noticeDays`, found in the form's problems at
   * `<errorPath>.<place>.<part>`, its place when those problems were found (rows removed or added
   * since do not move problems onto other rows). Without `part`, the problem with the row as a whole,
   * at `<errorPath>.<place>` (a row that is a single value, such as a registered interest).
   */
  error(part?: string): string | undefined;
}

/** Props of {@link RepeatableRows}. */
export interface RepeatableRowsProps<Row extends KeyedRow> {
  /** The fieldset's legend, e.g. "Break clauses" (with `group: 'heading'`, the heading's text). */
  readonly legend: string;
  /**
   * How the rows are grouped and named: a fieldset of their own with `legend` as its legend (the default),
   * or, for rows that are one part of a larger fieldset, a small heading (`h3.subform-title`) above them.
   */
  readonly group?: 'fieldset' | 'heading';
  /** A hint shown above the rows. */
  readonly hint?: string;
  /** What is shown while there are no rows; "None." when left out. */
  readonly empty?: string;
  /**
   * Whether a row's fields may wrap onto more lines, each row ruled off from the next (the default, for
   * rows of many fields); false keeps a row of one or two fields on one line.
   */
  readonly wrap?: boolean;
  /**
   * Which rows the form sends, when it leaves some out (rows left blank): the problems number the sent
   * rows only, so a row's problem is looked up by its place among them. Every row, when left out.
   */
  readonly sent?: (row: Row) => boolean;
  readonly rows: readonly Row[];
  /** Called with the rows after an edit, an addition or a removal. */
  readonly onChange: (rows: readonly Row[]) => void;
  /** A new row to add, with a fresh key. */
  readonly newRow: () => Row;
  /** The add button's text, e.g. "Add a break clause". */
  readonly addLabel: string;
  /** Row `index` (0-based) as the remove button names it: "break clause 1" makes "Remove break clause 1". */
  readonly rowName: (index: number) => string;
  /** Where these rows' problems sit among the form's, e.g. `breakClauses` for `breakClauses.0.noticeDays`. */
  readonly errorPath: string;
  /** The form's problems by field path. */
  readonly errors: Readonly<Record<string, string>>;
  /**
   * How many times the form has been sent. The rows' places are taken each
   * time it changes (as the form is sent), and the problems that come back are
   * looked up by them, even when a second save finds the same problems as the
   * first. Without it, places are taken when the problems change.
   */
  readonly saves?: number;
  /** The fields of one row. */
  readonly children: (fields: RowFields<Row>) => ReactNode;
}

/** Where the focus goes once the rows have changed: a row's first field, or the add button. */
interface FocusAfter {
  /** How many rows there are once the change is shown. */
  readonly count: number;
  readonly index: number | 'add';
}

/** The rows, in a fieldset or under a heading, each with its fields and its remove button, and a button to add another. */
export function RepeatableRows<Row extends KeyedRow>({
  legend,
  group = 'fieldset',
  hint,
  empty = 'None.',
  wrap = true,
  sent = () => true,
  rows,
  onChange,
  newRow,
  addLabel,
  rowName,
  errorPath,
  errors,
  saves,
  children,
}: RepeatableRowsProps<Row>): ReactNode {
  // The form's problems name rows by their place when it was saved; a row removed since must not pass its
  // problem to the row that took its place. So problems are looked up by the place each row had then.
  const signature = JSON.stringify(Object.entries(errors).filter(([field]) => field.startsWith(`${errorPath}.`)));
  const sentKeys = (): number[] => rows.filter(sent).map((r) => r.key);
  const [placesThen, setPlacesThen] = useState(() => ({ signature, saves, keys: sentKeys() }));
  let keysThen = placesThen.keys;
  if (saves !== undefined ? placesThen.saves !== saves : placesThen.signature !== signature) {
    keysThen = sentKeys();
    setPlacesThen({ signature, saves, keys: keysThen });
  }
  const list = useRef<HTMLOListElement>(null);
  const add = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<FocusAfter | undefined>(undefined);

  useEffect(() => {
    const wanted = focusAfter.current;
    if (wanted === undefined || wanted.count !== rows.length) return;
    focusAfter.current = undefined;
    if (wanted.index === 'add') {
      add.current?.focus();
      return;
    }
    list.current?.children.item(wanted.index)?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  });

  function addRow(): void {
    focusAfter.current = { count: rows.length + 1, index: rows.length };
    onChange([...rows, newRow()]);
  }

  function removeRow(index: number): void {
    const count = rows.length - 1;
    focusAfter.current = { count, index: count === 0 ? 'add' : Math.min(index, count - 1) };
    onChange(rows.filter((_, i) => i !== index));
  }

  const editor = (
    <>
      {hint !== undefined && <p className="field-hint">{hint}</p>}
      {rows.length === 0 && <p className="muted">{empty}</p>}
      <ol ref={list} className="row-list">
        {rows.map((row, index) => (
          <li key={row.key} className={wrap ? 'row-list-item row-list-item-wrap' : 'row-list-item'}>
            {children({
              row,
              index,
              change: (patch) => onChange(rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r))),
              error: (part) => {
                const then = keysThen.indexOf(row.key);
                if (then < 0) return undefined;
                return errors[part === undefined ? `${errorPath}.${then}` : `${errorPath}.${then}.${part}`];
              },
            })}
            <button type="button" className="button button-small button-quiet" onClick={() => removeRow(index)}>
              Remove<span className="visually-hidden"> {rowName(index)}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button ref={add} type="button" className="button button-small button-secondary" onClick={addRow}>
          {addLabel}
        </button>
      </div>
    </>
  );
  return group === 'heading' ? (
    <>
      <h3 className="subform-title">{legend}</h3>
      {editor}
    </>
  ) : (
    <fieldset className="fieldset">
      <legend className="fieldset-legend">{legend}</legend>
      {editor}
    </fieldset>
  );
}
