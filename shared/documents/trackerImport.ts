/**
 * The spreadsheet tracker in: a board's own decisions, conditions and
 * contracts tracker (CSV or Excel) read into rows the app can import. Pure:
 * bytes or cells in, a preview with row-level problems out (row, column,
 * what is wrong). The backend (services/trackerImport.ts) turns valid rows
 * into records in one journaled change.
 *
 * - Encodings: UTF-8 (with or without BOM) and UTF-16 (with BOM) are read
 *   as they are; a file that is not valid UTF-8 is read as Windows-1252 and
 *   the preview says so.
 * - Dates: UK order (31/01/2026, 31-01-2026, 31.01.2026), ISO (2026-01-31)
 *   and Excel serial numbers (46053). 31/13/2026 is refused, naming why.
 * - Formula cells (=, +, -, @ at the start) are refused; the app's own CSV
 *   guard (a leading ' before such a cell) is removed exactly once, so the
 *   app's exports import back unchanged.
 * - A cell that says it was withheld (`[withheld]`, as a public export marks
 *   a confidential value) never overwrites a value: it counts as empty.
 */
import { fromCsvCell } from './registersCsv.ts';
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from '../schema/decisions.ts';
import { CONTRACT_STATUSES, ROUTES, ROUTE_LABELS, type Route } from '../schema/contracts.ts';

/** What a tracker holds. */
export type TrackerKind = 'decisions' | 'conditions' | 'contracts';

/** How a column's cells are read. */
type CellKind = 'text' | 'date' | 'count' | 'gbp' | 'outcome' | 'route' | 'status' | 'list';

/** One field a tracker column can fill. */
export interface TrackerField {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  readonly cell: CellKind;
  /** Header names that map to it without asking (lower case; the app's own CSV headers among them). */
  readonly headers: readonly string[];
}

/** The fields of each kind of tracker. The reference is the key rows are matched by. */
export const TRACKER_FIELDS: { readonly [K in TrackerKind]: readonly TrackerField[] } = {
  decisions: [
    {
      key: 'reference',
      label: 'Reference',
      required: true,
      cell: 'text',
      headers: ['reference', 'ref', 'decision reference', 'decision ref'],
    },
    { key: 'title', label: 'Title', required: true, cell: 'text', headers: ['title', 'subject'] },
    {
      key: 'date',
      label: 'Date',
      required: true,
      cell: 'date',
      headers: ['date', 'decision date', 'date of decision'],
    },
    { key: 'outcome', label: 'Outcome', required: true, cell: 'outcome', headers: ['outcome', 'result'] },
    {
      key: 'wording',
      label: 'Decision',
      required: false,
      cell: 'text',
      headers: ['decision', 'wording', 'resolution'],
    },
    {
      key: 'decisionMaker',
      label: 'Decision-maker',
      required: false,
      cell: 'text',
      headers: ['decision-maker', 'decision maker'],
    },
    { key: 'votesFor', label: 'Votes for', required: false, cell: 'count', headers: ['votes for', 'for'] },
    {
      key: 'votesAgainst',
      label: 'Votes against',
      required: false,
      cell: 'count',
      headers: ['votes against', 'against'],
    },
    { key: 'abstentions', label: 'Abstentions', required: false, cell: 'count', headers: ['abstentions', 'abstain'] },
  ],
  conditions: [
    {
      key: 'reference',
      label: 'Condition reference',
      required: false,
      cell: 'text',
      headers: ['condition reference', 'condition ref'],
    },
    { key: 'decision', label: 'Decision', required: true, cell: 'text', headers: ['decision', 'decision reference'] },
    { key: 'wording', label: 'Condition', required: true, cell: 'text', headers: ['condition', 'wording'] },
    { key: 'owner', label: 'Owner', required: true, cell: 'text', headers: ['owner', 'responsible'] },
    {
      key: 'ownerEmail',
      label: 'Owner e-mail',
      required: false,
      cell: 'text',
      headers: ['owner e-mail', 'owner email', 'email'],
    },
    { key: 'due', label: 'Due', required: false, cell: 'date', headers: ['due', 'due date', 'deadline'] },
    {
      key: 'evidenceRequired',
      label: 'Evidence required',
      required: false,
      cell: 'text',
      headers: ['evidence required', 'evidence'],
    },
  ],
  contracts: [
    {
      key: 'reference',
      label: 'Reference',
      required: true,
      cell: 'text',
      headers: ['reference', 'ref', 'contract reference'],
    },
    { key: 'title', label: 'Title', required: true, cell: 'text', headers: ['title', 'contract'] },
    { key: 'suppliers', label: 'Suppliers', required: true, cell: 'list', headers: ['suppliers', 'supplier'] },
    { key: 'buyer', label: 'Buyer', required: false, cell: 'text', headers: ['buyer'] },
    {
      key: 'route',
      label: 'Procurement route',
      required: true,
      cell: 'route',
      headers: ['procurement route', 'route'],
    },
    {
      key: 'directAwardRationale',
      label: 'Direct award rationale',
      required: false,
      cell: 'text',
      headers: ['direct award rationale', 'rationale'],
    },
    {
      key: 'annualValueGbp',
      label: 'Annual value (GBP)',
      required: false,
      cell: 'gbp',
      headers: ['annual value (gbp)', 'annual value'],
    },
    {
      key: 'initialValueGbp',
      label: 'Initial value (GBP)',
      required: false,
      cell: 'gbp',
      headers: ['initial value (gbp)', 'initial value', 'total value (gbp)', 'total value', 'value'],
    },
    {
      key: 'valueWithOptionsGbp',
      label: 'Value with options (GBP)',
      required: false,
      cell: 'gbp',
      headers: ['value with options (gbp)', 'value with options', 'value including options'],
    },
    {
      key: 'termStart',
      label: 'Term start',
      required: false,
      cell: 'date',
      headers: ['term start', 'start', 'start date'],
    },
    {
      key: 'termEnd',
      label: 'Term end as let',
      required: false,
      cell: 'date',
      headers: ['term end as let', 'term end', 'end', 'end date'],
    },
    {
      key: 'maxExtentDate',
      label: 'Furthest end with extensions',
      required: false,
      cell: 'date',
      headers: ['furthest end with extensions', 'maximum extent', 'max extent'],
    },
    { key: 'status', label: 'Status', required: false, cell: 'status', headers: ['status'] },
  ],
};

/** One problem with one cell (or row): row numbers are the spreadsheet's (the header is row 1). */
export interface RowProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

/** Field key -> column index (or null: not mapped). */
export type ColumnMapping = Readonly<Record<string, number | null>>;

/** A row read: its spreadsheet row number and its values by field key (undefined: empty or withheld). */
export interface TrackerRow {
  readonly row: number;
  readonly values: Readonly<Record<string, string | number | string[] | null | undefined>>;
}

/** A file read and checked. */
export interface TrackerPreview {
  readonly kind: TrackerKind;
  readonly header: readonly string[];
  readonly mapping: ColumnMapping;
  /** Required fields no column is mapped to (nothing can be imported until they are). */
  readonly missing: readonly string[];
  readonly valid: readonly TrackerRow[];
  readonly problems: readonly RowProblem[];
  /** Rows with at least one problem. */
  readonly invalidRows: number;
  readonly encodingNote: string;
}

const WIN1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** A CSV file's bytes as text, with a note when it was converted. */
export function decodeTrackerBytes(bytes: Uint8Array): { text: string; encodingNote: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encodingNote: 'The file is UTF-16; it was converted.',
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encodingNote: 'The file is UTF-16; it was converted.',
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encodingNote: '' };
  } catch {
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b >= 0x80 && b < 0xa0 ? WIN1252_HIGH[b - 0x80]! : b);
    return {
      text,
      encodingNote:
        'The file is not UTF-8; it was read as Windows-1252 (Excel’s “CSV” on Windows). Check accented letters and £ signs in the preview, or save it as “CSV UTF-8” and choose it again.',
    };
  }
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The mapping made from the header's names alone (a remembered one may replace it). */
export function guessMapping(kind: TrackerKind, header: readonly string[]): ColumnMapping {
  const keys = header.map(headerKey);
  return Object.fromEntries(
    TRACKER_FIELDS[kind].map((f) => {
      const at = keys.findIndex((k) => f.headers.includes(k));
      return [f.key, at < 0 ? null : at];
    }),
  );
}

/** A key for remembering a mapping: the header's names, normalised. */
export function headerSignature(kind: TrackerKind, header: readonly string[]): string {
  return `${kind}:${header.map(headerKey).join('|')}`;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoOf(y: number, m: number, d: number): string | string[] {
  if (m < 1 || m > 12) return [`there is no month ${m}`];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && !leap ? 28 : DAYS_IN_MONTH[m - 1]!;
  if (d < 1 || d > max) return [`month ${m} of ${y} has no day ${d}`];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date cell as YYYY-MM-DD, or why it is not a date. UK order, ISO or an Excel serial number. */
export function parseTrackerDate(cell: string | number): { date: string } | { problem: string } {
  const text = String(cell).trim();
  let result: string | string[];
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/.exec(text))) result = isoOf(+m[1]!, +m[2]!, +m[3]!);
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text))) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    result = isoOf(year, +m[2]!, +m[1]!);
  } else if (/^\d{1,6}(\.\d+)?$/.test(text) && Number(text) >= 1 && Number(text) < 2958466) {
    // Excel's serial day: 1 = 1 January 1900, counted as if 1900 were a leap year (so from 30 December 1899).
    const at = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(text)) * 86_400_000);
    result = at.toISOString().slice(0, 10);
  } else {
    return { problem: `“${text}” is not a date: write it as 31/01/2026 or 2026-01-31` };
  }
  return typeof result === 'string' ? { date: result } : { problem: `“${text}” is not a date: ${result[0]}` };
}

const FORMULA = /^[\s\u200B-\u200D\u2060\uFEFF]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const WITHHELD = /^\[?withheld(: confidential)?\]?$/i;

function byLabel<T extends string>(
  labels: { readonly [K in T]: string },
  codes: readonly T[],
  text: string,
): T | undefined {
  const t = text.trim().toLowerCase();
  return codes.find((c) => c === t || labels[c].toLowerCase() === t || c.replace(/_/g, ' ') === t);
}

const ROUTE_WORDS: Readonly<Record<string, Route>> = {
  'open competition': 'open',
  'open procedure': 'open',
  restricted: 'competitive_flexible',
  'competitive restricted': 'competitive_flexible',
  'competitive flexible': 'competitive_flexible',
  'below threshold': 'below_threshold',
  framework: 'framework_call_off',
  'call-off': 'framework_call_off',
  'direct award': 'direct_award',
  'single supplier': 'direct_award',
};

function readCell(
  field: TrackerField,
  raw: string | number,
): { value: string | number | string[] | null } | { problem: string } {
  if (typeof raw === 'number') {
    if (field.cell === 'date') {
      const d = parseTrackerDate(raw);
      return 'date' in d ? { value: d.date } : d;
    }
    if (field.cell === 'count' || field.cell === 'gbp')
      return Number.isInteger(raw) && raw >= 0
        ? { value: raw }
        : { problem: `${raw} must be a whole number, not negative` };
    raw = String(raw);
  }
  const text = raw.trim();
  switch (field.cell) {
    case 'text':
      return { value: text };
    case 'list':
      return { value: text.split(/\s*;\s*/).filter(Boolean) };
    case 'date': {
      const d = parseTrackerDate(text);
      return 'date' in d ? { value: d.date } : d;
    }
    case 'count':
      return /^\d+$/.test(text) ? { value: Number(text) } : { problem: `“${text}” must be a whole number` };
    case 'gbp': {
      if (/^(undisclosed|n\/a)$/i.test(text)) return { value: null };
      const n = text.replace(/^£/, '').replace(/,/g, '');
      return /^\d+$/.test(n)
        ? { value: Number(n) }
        : { problem: `“${text}” must be whole pounds (e.g. 1250000) or “undisclosed”` };
    }
    case 'outcome': {
      const o = byLabel<Outcome>(OUTCOME_LABELS, OUTCOMES, text);
      return o
        ? { value: o }
        : { problem: `“${text}” is not an outcome: use ${Object.values(OUTCOME_LABELS).join(', ')}` };
    }
    case 'route': {
      const r = byLabel<Route>(ROUTE_LABELS, ROUTES, text) ?? ROUTE_WORDS[text.toLowerCase()];
      return r
        ? { value: r }
        : { problem: `“${text}” is not a procurement route: use ${Object.values(ROUTE_LABELS).join(', ')}` };
    }
    case 'status': {
      const s = CONTRACT_STATUSES.find((x) => x === text.toLowerCase());
      return s ? { value: s } : { problem: `“${text}” is not a contract status: use ${CONTRACT_STATUSES.join(', ')}` };
    }
  }
}

/**
 * Reads a table (the header first) with a mapping into valid rows and
 * problems. A row with any problem is left out of `valid`; references that
 * appear twice in the file are problems on every row after the first.
 */
export function previewTracker(
  kind: TrackerKind,
  table: ReadonlyArray<ReadonlyArray<string | number | null>>,
  mapping: ColumnMapping,
  encodingNote = '',
): TrackerPreview {
  const header = (table[0] ?? []).map((c) => String(c ?? ''));
  const fields = TRACKER_FIELDS[kind];
  const missing = fields.filter((f) => f.required && (mapping[f.key] ?? null) === null).map((f) => f.label);
  const problems: RowProblem[] = [];
  const valid: TrackerRow[] = [];
  const seen = new Map<string, number>();
  let invalidRows = 0;
  if (missing.length === 0) {
    table.slice(1).forEach((cells, index) => {
      const row = index + 2;
      const rowProblems: RowProblem[] = [];
      const values: Record<string, string | number | string[] | null | undefined> = {};
      for (const field of fields) {
        const at = mapping[field.key] ?? null;
        if (at === null) continue;
        const column = header[at] ?? field.label;
        const rawCell = cells[at] ?? null;
        let raw: string | number = rawCell === null ? '' : rawCell;
        if (typeof raw === 'string') {
          if (FORMULA.test(raw) && !(field.cell === 'count' && /^-?\d+$/.test(raw.trim()))) {
            rowProblems.push({ row, column, message: `“${raw}” is a formula: type the value it stands for` });
            continue;
          }
          raw = fromCsvCell(raw);
          if (WITHHELD.test(raw.trim())) continue;
        }
        if (typeof raw === 'string' && raw.trim() === '') {
          if (field.required) rowProblems.push({ row, column, message: 'is empty, and it is required' });
          continue;
        }
        const read = readCell(field, raw);
        if ('problem' in read) rowProblems.push({ row, column, message: read.problem });
        else values[field.key] = read.value;
      }
      const reference = typeof values.reference === 'string' ? values.reference : undefined;
      if (reference !== undefined) {
        const first = seen.get(reference.toLowerCase());
        if (first !== undefined) {
          rowProblems.push({
            row,
            column: header[mapping.reference ?? 0] ?? 'Reference',
            message: `${reference} is already on row ${first}: a reference may appear once`,
          });
        } else seen.set(reference.toLowerCase(), row);
      }
      if (rowProblems.length > 0) {
        invalidRows++;
        problems.push(...rowProblems);
      } else valid.push({ row, values });
    });
  }
  return { kind, header, mapping, missing, valid, problems, invalidRows, encodingNote };
}
