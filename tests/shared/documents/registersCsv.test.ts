// CSV of the registers, read back with a real CSV parser (csv-parse): the
// byte-order mark, commas, quotes, line breaks and non-ASCII names survive,
// and a cell a spreadsheet would run as a formula is guarded by a leading '
// that the app's own import (fromCsvCell) removes again.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionsReportCsv,
  csvCell,
  CSV_BOM,
  fromCsvCell,
  registerCsv,
  toCsv,
} from '../../../shared/documents/registersCsv.ts';
import { applyChanges, type State } from '../../../shared/schema/state.ts';
import { WITHHELD } from '../../../shared/rules/confidentiality.ts';
import { sampleState } from '../../helpers/sampleState.ts';

/** Parses CSV text as Excel-minded tools would, with the byte-order mark handled. */
function parseCsv(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: false }) as string[][];
}

const TRICKY = [
  'Smith, Jones & Partners',
  'The "interim" chair',
  'Line one\nline two\r\nline three',
  'Zoë Brontë-Łukasiewicz',
  'Ærøskøbing Kommune – 東京',
  '=HYPERLINK("https://evil.example","click")',
  '+44 20 7946 0000',
  '-1+1',
  '@SUM(A1:A2)',
  '\tindented',
  '\rreturn',
  "'=already quoted",
  "'plain apostrophe",
  ' leading and trailing spaces ',
  '',
];

describe('CSV cells', () => {
  it('round-trip through a real parser, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const width = rows[0]!.length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const [header, ...body] = table;
          const parsed = parseCsv(toCsv(header!, body)).map((r) => r.map(fromCsvCell));
          expect(parsed).toEqual(table);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('guard every formula start and leave other text alone', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@A1')).toBe("'@A1");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell("'=x")).toBe("''=x");
    expect(csvCell('PCD 2026-117')).toBe('PCD 2026-117');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(fromCsvCell("'=x")).toBe('=x');
    expect(fromCsvCell("''=x")).toBe("'=x");
    expect(fromCsvCell("'plain")).toBe("'plain");
  });

  it('guard a formula start behind spaces, line breaks or zero-width characters, and the fullwidth forms', () => {
    const starts = [
      ' =1+1',
      '  +1',
      '\n=HYPERLINK("x")',
      ' \n @SUM(A1)',
      '\u200b=1+1',
      '\ufeff-1',
      '\u2060=x',
      '\u200d+x',
    ];
    const fullwidth = ['\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)', ' \uff1dx'];
    for (const value of [...starts, ...fullwidth]) {
      const cell = csvCell(value);
      expect(cell.replace(/^"/, '').startsWith("'"), JSON.stringify(value)).toBe(true);
      // The app's own import gets the value back.
      expect(fromCsvCell(cell.replace(/^"(.*)"$/s, '$1').replace(/""/g, '"')), JSON.stringify(value)).toBe(value);
    }
    for (const value of [' plain', '\u200bword', 'a =b', 'x\uff1d1', ' 1-2']) {
      expect(csvCell(value).replace(/^"/, '').startsWith("'"), JSON.stringify(value)).toBe(false);
    }
  });
});

/** The sample with tricky text in a member-facing place of each register. */
function trickyState(): State {
  const { state } = sampleState();
  const decision = state.decisions.values().find((d) => d.reference === 'PCD 2026-117')!;
  const conditions = state.conditions.values().filter((c) => c.decisionId === decision.id);
  const contract = state.contracts.values().find((c) => c.reference === 'CTR-2025-019')!;
  return applyChanges(state, [
    {
      target: 'decisions',
      id: decision.id,
      after: { ...decision, title: TRICKY.join(' | '), decisionMaker: TRICKY[3]! },
    },
    ...conditions.map((c, i) => ({
      target: 'conditions' as const,
      id: c.id,
      after: {
        ...c,
        wording: TRICKY[i % TRICKY.length]! || 'x',
        owner: { ...c.owner, name: TRICKY[(i + 5) % TRICKY.length]! || 'y' },
      },
    })),
    {
      target: 'contracts',
      id: contract.id,
      after: { ...contract, suppliers: [TRICKY[0]!, TRICKY[4]!], buyer: TRICKY[5]! },
    },
  ]);
}

describe('register CSVs', () => {
  it('start with a UTF-8 byte-order mark and use CRLF', () => {
    const { csv } = registerCsv(sampleState().state, 'decisions', '2026-11-27');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('parse back to the very values of the records: decisions, conditions and contracts', () => {
    const state = trickyState();
    const decisions = parseCsv(registerCsv(state, 'decisions', '2026-11-27').csv).map((r) => r.map(fromCsvCell));
    const header = decisions[0]!;
    const row = decisions.find((r) => r[header.indexOf('Reference')] === 'PCD 2026-117')!;
    expect(row[header.indexOf('Title')]).toBe(TRICKY.join(' | '));
    expect(row[header.indexOf('Decision-maker')]).toBe('Zoë Brontë-Łukasiewicz');
    expect(row[header.indexOf('Contracts')]).toBe('CTR-2025-019');
    expect(decisions).toHaveLength(1 + state.decisions.size);

    const conditions = parseCsv(registerCsv(state, 'conditions', '2026-11-27').csv).map((r) => r.map(fromCsvCell));
    const ch = conditions[0]!;
    const wordings = conditions.slice(1).map((r) => r[ch.indexOf('Condition')]);
    const owners = conditions.slice(1).map((r) => r[ch.indexOf('Owner')]);
    for (const c of state.conditions.values()) {
      expect(wordings).toContain(c.wording);
      expect(owners).toContain(c.owner.name);
    }
    expect(owners).toContain('=HYPERLINK("https://evil.example","click")');
    expect(wordings).toContain('Line one\nline two\r\nline three');

    const contracts = parseCsv(registerCsv(state, 'contracts', '2026-11-27').csv).map((r) => r.map(fromCsvCell));
    const kh = contracts[0]!;
    const pilot = contracts.find((r) => r[kh.indexOf('Reference')] === 'CTR-2025-019')!;
    expect(pilot[kh.indexOf('Suppliers')]).toBe('Smith, Jones & Partners; Ærøskøbing Kommune – 東京');
    expect(pilot[kh.indexOf('Buyer')]).toBe('=HYPERLINK("https://evil.example","click")');
    expect(pilot[kh.indexOf('Value with options (GBP)')]).toBe('undisclosed');
  });

  it('lists every deadline of the register, derived and manual, with the owners’ names as they are', () => {
    const state = trickyState();
    const rows = parseCsv(registerCsv(state, 'deadlines', '2026-11-27').csv).map((r) => r.map(fromCsvCell));
    const h = rows[0]!;
    expect(h.slice(0, 6)).toEqual(['Key', 'Classification', 'Kind', 'Title', 'Due', 'Status']);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(5);
    expect(body.map((r) => r[h.indexOf('Due')]!)).toEqual(body.map((r) => r[h.indexOf('Due')]!).sort());
    expect(body.map((r) => r[h.indexOf('Kind')])).toEqual(
      expect.arrayContaining(['Condition', 'Contract end', 'Break clause notice']),
    );
    expect(body.map((r) => r[h.indexOf('Owner')])).toContain('=HYPERLINK("https://evil.example","click")');
  });

  it('withhold a confidential decision’s conditions and deadlines from the public export, marked, never blank', () => {
    const { state } = sampleState();
    const decision = state.decisions.values().find((d) => d.reference === 'PCD 2026-117')!;
    const secret = applyChanges(state, [
      { target: 'decisions', id: decision.id, after: { ...decision, confidential: true } },
    ]);
    const read = (register: 'conditions' | 'deadlines', scope: 'public' | 'everything') => {
      const [header, ...rows] = parseCsv(registerCsv(secret, register, '2026-11-27', scope).csv);
      return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    };
    const conditions = read('conditions', 'public').filter((r) => r['Decision'] === 'PCD 2026-117');
    expect(conditions.length).toBe(4);
    for (const row of conditions) {
      expect(row).toMatchObject({ Classification: 'Confidential', Condition: WITHHELD });
    }
    const others = read('conditions', 'public').filter((r) => r['Decision'] !== 'PCD 2026-117');
    expect(others.every((r) => r['Classification'] === 'Public' && r['Condition'] !== WITHHELD)).toBe(true);
    expect(read('conditions', 'everything').filter((r) => r['Condition'] === WITHHELD)).toEqual([]);
    const deadlines = read('deadlines', 'public').filter((r) => r['Reference'] === 'PCD 2026-117');
    expect(deadlines.length).toBeGreaterThan(0);
    expect(deadlines.every((r) => r['Title'] === WITHHELD && r['Detail'] === WITHHELD)).toBe(true);
    expect(JSON.stringify(read('deadlines', 'public'))).not.toContain('data-export plan');
  });

  it('never hands a spreadsheet a cell that starts a formula', () => {
    const state = trickyState();
    for (const register of ['decisions', 'conditions', 'deadlines', 'contracts'] as const) {
      for (const row of parseCsv(registerCsv(state, register, '2026-11-27').csv)) {
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('the conditions report as CSV: one row per open condition with its rating', () => {
    const rows = parseCsv(conditionsReportCsv(sampleState().state, '2026-11-27'));
    expect(rows[0]).toEqual([
      'Decision',
      'Decision title',
      'Rating',
      'Why',
      'Condition',
      'Owner',
      'Due',
      'Next due',
      'Status',
      'Last update',
      'Evidence',
    ]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['Amber', 'Amber', 'Green', 'Green', 'Red', 'Amber']);
  });
});
