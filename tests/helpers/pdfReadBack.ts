/**
 * Reading a PDF back the way a person's tools would: poppler's pdftotext and
 * pdfinfo, qpdf's JSON (the outline), and pdf-lib for the links of a page.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from '@cantoo/pdf-lib';
import { expect } from 'vitest';

const run = promisify(execFile);

/** The text of a PDF (or of one page), laid out as on the page. */
export async function text(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', ['-layout', ...range, file, '-'])).stdout;
}

/** The page count pdfinfo reads. */
export async function pageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)![1]);
}

/** An outline entry as qpdf --json=2 describes it. */
export interface QpdfOutline {
  title: string;
  destpageposfrom1: number;
  kids: QpdfOutline[];
}

/** The outline (bookmarks) of a PDF, read by qpdf. */
export async function outline(file: string): Promise<QpdfOutline[]> {
  const { stdout } = await run('qpdf', ['--json=2', '--json-key=outlines', file]);
  return (JSON.parse(stdout) as { outlines: QpdfOutline[] }).outlines;
}

/** The outline as [depth, title, page] rows, in order. */
export function flatOutline(entries: QpdfOutline[], depth = 0): Array<[number, string, number]> {
  return entries.flatMap((e) => [
    [depth, e.title, e.destpageposfrom1] as [number, string, number],
    ...flatOutline(e.kids, depth + 1),
  ]);
}

/** Each link on the agenda page: the page it jumps to (1-based). */
export async function agendaLinkTargets(file: string, agendaPage: number): Promise<number[]> {
  const doc = await PDFDocument.load(await readFile(file));
  const refs = doc.getPages().map((p) => p.ref.toString());
  const annots = doc.getPage(agendaPage - 1).node.Annots();
  const out: number[] = [];
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const annot = annots!.lookup(i, PDFDict);
    expect(annot.has(PDFName.of('A')), 'no link of the agenda points outside the file').toBe(false);
    const dest = annot.lookup(PDFName.of('Dest'), PDFArray);
    out.push(refs.indexOf((dest.get(0) as PDFRef).toString()) + 1);
  }
  return out;
}

/** The page number printed at the end of the agenda line that names `what`. */
export function agendaPageOf(agenda: string, what: string): number {
  const line = agenda.split('\n').find((l) => l.includes(what));
  expect(line, `the agenda names ${what}`).toBeDefined();
  return Number(/(\d+)\s*$/.exec(line!)![1]);
}

/** Every "Page N of M" on each page of a file of `total` pages: each page should hold exactly its own. */
export async function pageNumbersByPage(file: string, total: number): Promise<string[][]> {
  const out: string[][] = [];
  for (let n = 1; n <= total; n++) out.push((await text(file, n)).match(/Page \d+ of \d+/g) ?? []);
  return out;
}

/** What {@link pageNumbersByPage} should find: page n reads "Page n of total", once. */
export function expectedPageNumbers(total: number): string[][] {
  return Array.from({ length: total }, (_, i) => [`Page ${i + 1} of ${total}`]);
}
