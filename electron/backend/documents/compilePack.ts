/**
 * The PDF work of a compiled pack, with @cantoo/pdf-lib (the maintained fork
 * of pdf-lib, which also opens encrypted PDFs): reading a paper's PDF (asking
 * for a password, naming damage), merging the parts, stamping "Page N of M"
 * once on every page, turning the agenda's page links into jumps inside the
 * file, and writing the outline (bookmarks) that pdf-lib does not write for
 * you: /Outlines with /First /Last /Next /Prev /Parent /Count and a /Dest per entry.
 * Also cutting a range of pages out of a compiled pack for printing.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  StandardFonts,
  degrees,
  rgb,
  type PDFContext,
  type PDFPage,
} from '@cantoo/pdf-lib';

/** The links the agenda carries before they become jumps: `<prefix><page>`. */
export const PACK_PAGE_LINK = 'https://boardkeeper.invalid/pack-page/';

/** The link an agenda entry carries to `page` of the pack. */
export function packPageLink(page: number): string {
  return `${PACK_PAGE_LINK}${page}`;
}

/** What reading a paper's PDF gave. */
export type PaperPdf =
  | { readonly ok: true; readonly doc: PDFDocument }
  | { readonly ok: false; readonly problem: 'needsPassword' | 'wrongPassword' }
  | { readonly ok: false; readonly problem: 'damaged'; readonly detail: string };

/**
 * Opens a paper's PDF, decrypting it with `password` when it is protected.
 * `expectedPages` (as counted when the paper was added; null when unknown)
 * catches a file cut short that a lenient parser would still open.
 */
export async function readPaperPdf(
  bytes: Uint8Array,
  password: string | undefined,
  expectedPages: number | null,
): Promise<PaperPdf> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { password, updateMetadata: false });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'EncryptedPDFError' || /is encrypted/.test(message)) return { ok: false, problem: 'needsPassword' };
    if (/password incorrect/i.test(message)) return { ok: false, problem: 'wrongPassword' };
    return { ok: false, problem: 'damaged', detail: firstLine(message) };
  }
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    return { ok: false, problem: 'damaged', detail: firstLine(error instanceof Error ? error.message : String(error)) };
  }
  if (pages === 0) return { ok: false, problem: 'damaged', detail: 'no pages could be read from it' };
  if (expectedPages !== null && expectedPages > 0 && pages !== expectedPages) {
    return {
      ok: false,
      problem: 'damaged',
      detail: `${pages} of its ${expectedPages} pages could be read: the file is cut short or altered`,
    };
  }
  return { ok: true, doc };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 200);
}

/** A bookmark: its title, the 1-based page it opens, and the bookmarks under it. */
export interface OutlineEntry {
  readonly title: string;
  readonly page: number;
  readonly children?: readonly OutlineEntry[];
}

/** What to put together: the front matter, then each part's pages in order. */
export interface PackAssembly {
  readonly front: Uint8Array;
  readonly parts: readonly PDFDocument[];
  readonly outline: readonly OutlineEntry[];
  /** Written at the foot of every page, left, beside "Page N of M" (right). */
  readonly footer: string;
  readonly title: string;
  readonly author: string;
  readonly createdAt: Date;
}

/** Pages copied or stamped between two turns of the event loop. */
const PAGES_PER_SLICE = 8;

/** Lets the event loop run (other requests, timers) before the next slice of work. */
function letGo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The merged pack's bytes and its page count. */
export interface AssembledPack {
  readonly bytes: Uint8Array;
  readonly pages: number;
}

/** Merges the parts, numbers every page, makes the agenda's links jumps and writes the outline. */
export async function assemblePack(assembly: PackAssembly): Promise<AssembledPack> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const front = await PDFDocument.load(assembly.front, { updateMetadata: false });
  const frontPages = await out.copyPages(front, front.getPageIndices());
  for (const page of frontPages) out.addPage(page);
  for (const part of assembly.parts) {
    // A part at a time, with the event loop let go between them (in Electron the backend shares
    // the main process with every window). Each part in one call: pdf-lib copies the objects its
    // pages share (fonts, images) once per call, so slicing a part would copy them again.
    for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
    await letGo();
  }
  const pages = out.getPages();
  await stampPages(out, pages, assembly.footer);
  linkFrontPages(out.context, frontPages, pages);
  writeOutline(out, pages, assembly.outline);
  out.setTitle(assembly.title, { showInWindowTitleBar: true });
  out.setAuthor(assembly.author);
  out.setCreator('Boardkeeper');
  out.setProducer('Boardkeeper (@cantoo/pdf-lib)');
  out.setCreationDate(assembly.createdAt);
  out.setModificationDate(assembly.createdAt);
  out.setLanguage('en-GB');
  const bytes = await out.save({ useObjectStreams: true, objectsPerTick: 25 });
  return { bytes, pages: pages.length };
}

/**
 * Where a point of the page as shown (u right, v up from its bottom left
 * corner, after the page's /Rotate) lies in the page's own coordinates, and
 * the rotation that makes text drawn there read upright.
 */
function shownToPage(page: PDFPage): {
  readonly width: number;
  readonly at: (u: number, v: number) => { x: number; y: number };
  readonly rotate: ReturnType<typeof degrees>;
} {
  const box = page.getCropBox();
  const turn = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  switch (turn) {
    case 90:
      return { width: box.height, at: (u, v) => ({ x: box.x + box.width - v, y: box.y + u }), rotate: degrees(90) };
    case 180:
      return {
        width: box.width,
        at: (u, v) => ({ x: box.x + box.width - u, y: box.y + box.height - v }),
        rotate: degrees(180),
      };
    case 270:
      return { width: box.height, at: (u, v) => ({ x: box.x + v, y: box.y + box.height - u }), rotate: degrees(270) };
    default:
      return { width: box.width, at: (u, v) => ({ x: box.x + u, y: box.y + v }), rotate: degrees(0) };
  }
}

/**
 * "Page N of M" at the foot of each page as shown (right), the footer text
 * (left), each on a white band so it reads over anything; on a rotated
 * (landscape) page, at the foot as the reader sees it.
 */
async function stampPages(doc: PDFDocument, pages: readonly PDFPage[], footer: string): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const size = 8;
  const total = pages.length;
  const left = winAnsi(footer);
  const stamp = (page: PDFPage, text: string, u: number, v: number, shade: number): void => {
    const shown = shownToPage(page);
    const width = font.widthOfTextAtSize(text, size);
    page.drawRectangle({
      ...shown.at(u - 4, v - 3),
      width: width + 8,
      height: size + 5,
      color: rgb(1, 1, 1),
      rotate: shown.rotate,
    });
    page.drawText(text, { ...shown.at(u, v), size, font, color: rgb(shade, shade, shade), rotate: shown.rotate });
  };
  for (const [index, page] of pages.entries()) {
    if (index % PAGES_PER_SLICE === 0) await letGo();
    const { width } = shownToPage(page);
    const label = `Page ${index + 1} of ${total}`;
    const labelWidth = font.widthOfTextAtSize(label, size);
    const margin = Math.min(36, width * 0.06);
    const v = 14;
    stamp(page, label, width - margin - labelWidth, v, 0.15);
    const room = width - 2 * margin - labelWidth - 24;
    const shown = fitText(left, (t) => font.widthOfTextAtSize(t, size), room);
    if (shown !== '') stamp(page, shown, margin, v, 0.27);
  }
}

/** Text the standard Helvetica can draw (WinAnsi): other characters become "?". */
function winAnsi(value: string): string {
  return value
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function fitText(value: string, width: (t: string) => number, room: number): string {
  if (room <= 0) return '';
  if (width(value) <= room) return value;
  let cut = value;
  while (cut.length > 1 && width(`${cut}…`) > room) cut = cut.slice(0, -1);
  return cut.length > 1 ? `${cut.trimEnd()}...` : '';
}

/** A destination: the top of `page`, the zoom left as it is. */
function destinationOf(context: PDFContext, page: PDFPage): PDFArray {
  const box = page.getCropBox();
  return context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(box.y + box.height), PDFNull]);
}

/**
 * The agenda's links were printed as web links to `PACK_PAGE_LINK<n>`
 * (Chromium keeps links, at the place the text was drawn); each becomes a
 * jump to page n of the pack, so nothing in the file points outside it.
 */
function linkFrontPages(context: PDFContext, frontPages: readonly PDFPage[], pages: readonly PDFPage[]): void {
  for (const page of frontPages) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      if (!annot || !uri) continue;
      const target = uri.decodeText();
      if (!target.startsWith(PACK_PAGE_LINK)) continue;
      const n = Number(target.slice(PACK_PAGE_LINK.length));
      const to = Number.isInteger(n) ? pages[n - 1] : undefined;
      annot.delete(PDFName.of('A'));
      if (to) annot.set(PDFName.of('Dest'), destinationOf(context, to));
    }
  }
}

/** Writes the outline: one dictionary per entry, linked as the PDF specification (12.3.3) asks. */
function writeOutline(doc: PDFDocument, pages: readonly PDFPage[], entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const rootRef = context.nextRef();
  const visible = writeLevel(context, pages, entries, rootRef);
  context.assign(
    rootRef,
    context.obj({
      Type: 'Outlines',
      First: visible.first,
      Last: visible.last,
      Count: PDFNumber.of(visible.count),
    }),
  );
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Writes `entries` under `parent`; returns the first and last and how many entries show when open. */
function writeLevel(
  context: PDFContext,
  pages: readonly PDFPage[],
  entries: readonly OutlineEntry[],
  parent: PDFRef,
): { first: PDFRef; last: PDFRef; count: number } {
  const refs = entries.map(() => context.nextRef());
  let count = 0;
  entries.forEach((entry, i) => {
    const page = pages[Math.min(Math.max(entry.page, 1), pages.length) - 1]!;
    const dict = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: parent,
      Dest: destinationOf(context, page),
    });
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    count++;
    const children = entry.children ?? [];
    if (children.length > 0) {
      const level = writeLevel(context, pages, children, refs[i]!);
      dict.set(PDFName.of('First'), level.first);
      dict.set(PDFName.of('Last'), level.last);
      // Open: a positive count of the entries shown beneath.
      dict.set(PDFName.of('Count'), PDFNumber.of(level.count));
      count += level.count;
    }
    context.assign(refs[i]!, dict);
  });
  return { first: refs[0]!, last: refs[refs.length - 1]!, count };
}

/**
 * Pages `from` to `to` (1-based, inclusive) of a compiled pack as a PDF of
 * their own, to print: the pages as they are, "Page 12 of 40" and all, so the
 * printed sheets carry the pack's numbers. Jumps to pages outside the range
 * are dropped (they would drag the whole pack in).
 */
export async function packPages(bytes: Uint8Array, from: number, to: number): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const indices = Array.from({ length: to - from + 1 }, (_, i) => from - 1 + i);
  for (const index of indices) {
    const page = source.getPage(index);
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const annot = annots.lookupMaybe(i, PDFDict);
      if (annot?.has(PDFName.of('Dest'))) annots.remove(i);
    }
  }
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const page of await out.copyPages(source, indices)) out.addPage(page);
  const title = source.getTitle();
  out.setTitle(`${title ?? 'Board pack'}, pages ${from}-${to}`);
  out.setCreator('Boardkeeper');
  out.setProducer('Boardkeeper (@cantoo/pdf-lib)');
  return out.save({ useObjectStreams: true });
}
