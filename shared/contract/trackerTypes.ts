/** What the tracker import channels answer. */
import type { ColumnMapping, RowProblem, TrackerKind } from '../documents/trackerImport.ts';

/** A tracker file read, mapped and checked against the records: what an import would do. */
export interface TrackerPlan {
  readonly kind: TrackerKind;
  readonly fileName: string;
  readonly header: readonly string[];
  readonly mapping: ColumnMapping;
  /** Each field with its label and whether it is required, for the mapping form. */
  readonly fields: ReadonlyArray<{ readonly key: string; readonly label: string; readonly required: boolean }>;
  readonly missing: readonly string[];
  readonly problems: readonly RowProblem[];
  readonly rows: number;
  readonly invalidRows: number;
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  readonly encodingNote: string;
}

/** What an import did. */
export interface TrackerImported {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skippedRows: number;
  /** The journal entry that recorded it (0: nothing changed, nothing was written). */
  readonly seq: number;
  readonly summary: string;
}
