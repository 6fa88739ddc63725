/**
 * The spreadsheet tracker in, on a real backend: a CSV with bad rows
 * (duplicate reference, formula cell, impossible date) is previewed with
 * row-level problems, refused as a whole, imported as valid rows only when
 * chosen; the same file twice changes nothing; a changed row updates the
 * record in an entry naming the file; a withheld cell never overwrites; the
 * app's own CSV export imports back unchanged; UTF-16 and Windows-1252 files
 * are converted; an .xlsx with Excel dates is read.
 */
import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.ts';
import { rawZip } from '../helpers/zipWriter.ts';

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

const HEADER = 'Reference,Title,Date,Outcome,Decision\r\n';
const GOOD = [
  'PCD 2026-201,Approve the CCTV upgrade,14/03/2026,Approved,The board approves the upgrade.',
  'PCD 2026-202,Note the annual report,2026-04-02,Noted,The board notes the report.',
  'PCD 2026-203,Defer the fleet review,46115,Deferred,Deferred to June.',
];

describe('tracker import (CSV)', () => {
  it('previews row problems, refuses the file, imports the valid rows only when chosen, and is idempotent', async () => {
    const b = await testBackend();
    const csv =
      HEADER +
      [
        ...GOOD,
        'PCD 2026-201,Duplicate of the first,15/03/2026,Approved,Again',
        'PCD 2026-204,=HYPERLINK("http://evil"),16/03/2026,Approved,x',
        'PCD 2026-205,Impossible date,31/13/2026,Approved,x',
      ].join('\r\n');
    const input = { kind: 'decisions' as const, fileName: 'tracker.csv', dataBase64: b64(csv), mapping: null };
    const preview = await b.ok('tracker:preview', input);
    expect(preview.missing).toEqual([]);
    expect(preview.create).toBe(3);
    expect(preview.invalidRows).toBe(3);
    const byRow = new Map(preview.problems.map((p) => [p.row, p]));
    expect(byRow.get(5)).toMatchObject({ column: 'Reference', message: expect.stringMatching(/already on row 2/) });
    expect(byRow.get(6)).toMatchObject({ column: 'Title', message: expect.stringMatching(/formula/) });
    expect(byRow.get(7)).toMatchObject({ column: 'Date', message: expect.stringMatching(/no month 13/) });

    const refusal = await b.refused('tracker:import', { ...input, validOnly: false });
    expect(refusal.message).toMatch(/Nothing was imported/);
    expect((await b.ok('decisions:list', {})).total).toBe(0);

    const done = await b.ok('tracker:import', { ...input, validOnly: true });
    expect(done).toMatchObject({ created: 3, updated: 0, skippedRows: 3 });
    expect(done.seq).toBeGreaterThan(0);
    const list = await b.ok('decisions:list', {});
    expect(list.rows.map((r) => r.reference).sort()).toEqual(['PCD 2026-201', 'PCD 2026-202', 'PCD 2026-203']);
    // 46115 is Excel's serial day for 3 April 2026.
    const third = list.rows.find((r) => r.reference === 'PCD 2026-203')!;
    expect(third.date).toBe('2026-04-03');

    const again = await b.ok('tracker:import', { ...input, validOnly: true });
    expect(again).toMatchObject({ created: 0, updated: 0, seq: 0 });
    expect((await b.ok('store:status', {})).seq).toBe(done.seq);

    // A changed row updates the record, in an entry that names the file; a withheld cell leaves the value alone.
    const changed = HEADER + 'PCD 2026-202,Note the annual report 2025,2026-04-02,Noted,[withheld]\r\n';
    const update = await b.ok('tracker:import', {
      kind: 'decisions',
      fileName: 'tracker-v2.csv',
      dataBase64: b64(changed),
      mapping: null,
      validOnly: false,
    });
    expect(update).toMatchObject({ created: 0, updated: 1 });
    const audit = await b.ok('audit:list', {});
    expect(audit.entries[0]!.summary).toMatch(/Imported from tracker-v2\.csv/);
    const id = (await b.ok('decisions:list', {})).rows.find((r) => r.reference === 'PCD 2026-202')!.id;
    const d = await b.ok('decisions:get', { id });
    expect(d.decision.title).toBe('Note the annual report 2025');
    expect(d.decision.wording).toBe('The board notes the report.');
  });

  it('refuses a file without a required column, naming it; a mapping fixes it', async () => {
    const b = await testBackend();
    const csv = 'Ref no,Title,When,Outcome\r\nPCD 2026-301,A,01/02/2026,Approved\r\n';
    const input = { kind: 'decisions' as const, fileName: 't.csv', dataBase64: b64(csv), mapping: null };
    const preview = await b.ok('tracker:preview', input);
    expect(preview.missing).toEqual(['Reference', 'Date']);
    expect((await b.refused('tracker:import', { ...input, validOnly: true })).message).toMatch(
      /no column for Reference, Date/,
    );
    const mapping = { ...preview.mapping, reference: 0, date: 2 };
    const done = await b.ok('tracker:import', { ...input, mapping, validOnly: false });
    expect(done.created).toBe(1);
  });

  it("imports the app's own CSV export back unchanged (the formula guard removed once)", async () => {
    const b = await testBackend();
    await b.ok('sample:load', { confirm: false });
    const before = (await b.ok('store:status', {})).seq;
    for (const register of ['decisions', 'contracts'] as const) {
      const file = await b.ok('documents:register', { register });
      const plan = await b.ok('tracker:preview', {
        kind: register,
        fileName: file.fileName,
        dataBase64: b64(file.content),
        mapping: null,
      });
      expect(plan.problems, JSON.stringify(plan.problems.slice(0, 3))).toEqual([]);
      expect(plan).toMatchObject({ create: 0, update: 0 });
      expect(plan.unchanged).toBeGreaterThan(0);
    }
    expect((await b.ok('store:status', {})).seq).toBe(before);
  });

  it('converts UTF-16 and Windows-1252 files, saying so', async () => {
    const b = await testBackend();
    const text = 'Reference,Title,Date,Outcome\r\nPCD 2026-401,Café £5k fund,01/02/2026,Approved\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const p16 = await b.ok('tracker:preview', {
      kind: 'decisions',
      fileName: 'u16.csv',
      dataBase64: b64(utf16),
      mapping: null,
    });
    expect(p16).toMatchObject({ create: 1, encodingNote: expect.stringMatching(/UTF-16/) });
    const cp1252 = Buffer.from(text.replace('é', '\u00e9'), 'latin1');
    const p1252 = await b.ok('tracker:preview', {
      kind: 'decisions',
      fileName: 'win.csv',
      dataBase64: b64(cp1252),
      mapping: null,
    });
    expect(p1252).toMatchObject({ create: 1, encodingNote: expect.stringMatching(/Windows-1252/) });
    const done = await b.ok('tracker:import', {
      kind: 'decisions',
      fileName: 'win.csv',
      dataBase64: b64(cp1252),
      mapping: null,
      validOnly: false,
    });
    expect(done.created).toBe(1);
    const row = (await b.ok('decisions:list', {})).rows[0]!;
    expect(row.title).toBe('Café £5k fund');
  });

  it('reads an .xlsx workbook, dates as Excel serial numbers', async () => {
    const b = await testBackend();
    const cell = (ref: string, v: string | number): string =>
      typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    const rows = [
      ['Reference', 'Title', 'Date', 'Outcome'],
      ['PCD 2026-501', 'From Excel', 46115, 'Approved'],
    ];
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(`${'ABCD'[j]}${i + 1}`, v)).join('')}</row>`)
      .join('')}</sheetData></worksheet>`;
    const xlsx = rawZip(
      [
        [
          '[Content_Types].xml',
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ],
        [
          '_rels/.rels',
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ],
        [
          'xl/workbook.xml',
          '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Decisions" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ],
        [
          'xl/_rels/workbook.xml.rels',
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ],
        ['xl/worksheets/sheet1.xml', sheet],
      ].map(([name, text]) => ({ name: name!, data: Buffer.from(text!), deflate: true })),
    );
    const done = await b.ok('tracker:import', {
      kind: 'decisions',
      fileName: 'tracker.xlsx',
      dataBase64: xlsx.toString('base64'),
      mapping: null,
      validOnly: false,
    });
    expect(done.created).toBe(1);
    expect((await b.ok('decisions:list', {})).rows[0]).toMatchObject({ reference: 'PCD 2026-501', date: '2026-04-03' });
  });

  it('conditions: the register imports back unchanged; a stable reference (PCD …/C1) updates the one it names', async () => {
    const b = await testBackend();
    await b.ok('sample:load', { confirm: false });
    const file = await b.ok('documents:register', { register: 'conditions' });
    const plan = await b.ok('tracker:preview', {
      kind: 'conditions',
      fileName: file.fileName,
      dataBase64: b64(file.content),
      mapping: null,
    });
    expect(plan.problems, JSON.stringify(plan.problems.slice(0, 3))).toEqual([]);
    expect(plan).toMatchObject({ create: 0, update: 0 });
    expect(plan.unchanged).toBeGreaterThan(0);

    const conditions = await b.ok('conditions:list', {});
    const first = conditions.rows[0]!;
    const detail = await b.ok('conditions:get', { id: first.id });
    const decisionRef = detail.decision.reference;
    const siblings = (await b.ok('conditions:list', {})).rows.filter((r) => r.decisionReference === decisionRef);
    expect(siblings.length).toBeGreaterThan(0);
    const csv = `Condition reference,Decision,Condition,Owner,Due\r\n${decisionRef}/C1,${decisionRef},Report to the board on progress,Chief Finance Officer,30/09/2027\r\n`;
    const done = await b.ok('tracker:import', {
      kind: 'conditions',
      fileName: 'conditions.csv',
      dataBase64: b64(csv),
      mapping: null,
      validOnly: false,
    });
    expect(done).toMatchObject({ created: 0, updated: 1 });
    const after = (await b.ok('conditions:list', {})).rows.filter((r) => r.decisionReference === decisionRef);
    expect(after.length).toBe(siblings.length);
    expect(after.some((r) => r.due === '2027-09-30')).toBe(true);
  });
});
