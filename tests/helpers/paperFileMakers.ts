/**
 * Real paper files made by the tests themselves: PDFs written with pdf-lib
 * (one text block per page, optionally with a script or an embedded file),
 * protected with qpdf, and Word files written with the `docx` package.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, HeadingLevel } from 'docx';

/** A PDF whose page i holds the lines of `pages[i]`. */
export async function makePdf(
  pages: ReadonlyArray<readonly string[]>,
  options: { javaScript?: string; embeddedFile?: string; title?: string } = {},
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (options.title) doc.setTitle(options.title);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 18, size: 12, font }));
  }
  if (options.javaScript) doc.addJavaScript('onOpen', options.javaScript);
  if (options.embeddedFile) {
    await doc.attach(Buffer.from('secret spreadsheet'), options.embeddedFile, { mimeType: 'text/csv' });
  }
  return Buffer.from(await doc.save());
}

/** The same PDF protected by a user password (qpdf, AES-256). */
export function protectPdf(pdf: Buffer, password: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'bk-pdf-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  execFileSync('qpdf', [
    '--encrypt',
    password,
    `${password}-owner`,
    '256',
    '--',
    join(dir, 'in.pdf'),
    join(dir, 'out.pdf'),
  ]);
  return readFileSync(join(dir, 'out.pdf'));
}

/** A Word file: a heading, paragraphs and a table. */
export async function makeDocx(
  heading: string,
  paragraphs: readonly string[],
  table: ReadonlyArray<readonly string[]> = [],
): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }),
    ...paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
  ];
  if (table.length > 0) {
    children.push(
      new Table({
        rows: table.map(
          (row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }),
        ),
      }),
    );
  }
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** The real-world PDF shipped in a package's documentation (Electronegativity's manual, Apache-2.0, 46 pages). */
export const REAL_WORLD_PDF =
  'node_modules/@doyensec/electronegativity/docs/manuals/ElectronegativityUserManual_v1.4.0.pdf';
