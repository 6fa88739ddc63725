/**
 * Compiling a meeting's pack into one PDF (public, or with the items taken in
 * private): a cover, the agenda with each item's and paper's page (jumps in
 * the file), then each item's papers in order (PDF papers as they are;
 * Markdown, Word and text papers through the document printer with no page
 * numbers of their own), "Page N of M" stamped once on every page, an
 * outline per item and paper. A new version, or a supplement of the papers
 * added or revised since the newest version. The PDF is built whole in
 * memory, stored as a blob (temp file, then rename) and only then recorded:
 * a damaged paper stops the compile with its name and nothing is written.
 * Passwords come with the request and go nowhere else.
 */
import type { PDFDocument } from '@cantoo/pdf-lib';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import type {
  CompileOutcome,
  CompiledPackFile,
  CompiledPacksView,
  CompiledPackView,
  PasswordQuestion,
} from '../../../shared/contract/compiledPackViews.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { documentHtml, unnumberedPrintSettingsOf } from '../../../shared/documents/documentHtml.ts';
import type { BuiltDocument } from '../../../shared/documents/documentModel.ts';
import { longDate } from '../../../shared/documents/markdownText.ts';
import {
  changesSince,
  compiledPacksOf,
  latestVersionSet,
  leftOutPaperDocument,
  packContentsOf,
  packFileNameOf,
  packFrontMatter,
  packLabelOf,
  paperDocument,
  supplementContentsOf,
  type FrontItem,
  type PackItemEntry,
  type PackPaperEntry,
  type PaperDocumentContext,
} from '../../../shared/documents/packPdf.ts';
import { PACK_SCOPES, type CompiledPack, type CompiledPaper } from '../../../shared/schema/compiledPacks.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { OutlineEntry } from '../documents/compilePack.ts';
import type { Platform } from '../platform.ts';
import type { Store } from '../store/store.ts';
import { actorOf, mustGet, newId, save, type ServiceContext } from './context.ts';
import { snapshotOf } from './documents.ts';

/** The PDF work (pdf-lib and what it brings), loaded on the first compile or cut, not with the backend. */
function pdfWork(): Promise<typeof import('../documents/compilePack.ts')> {
  return import('../documents/compilePack.ts');
}

/** What compiling needs: the store, the clock, and the platform's printer (and save dialog, for the file). */
export interface CompiledPacksContext extends ServiceContext {
  readonly platform: Pick<Platform, 'openPath' | 'printPdf' | 'saveFile'>;
}

const PRINTER_MISSING =
  'The pack PDF cannot be compiled here: it needs the PDF printer (Chromium at /usr/bin/chromium for the web host). PDF papers alone cannot make a pack, as the cover and agenda are printed.';

/** A paper's pages in the pack: a PDF read from its file, or a printed document. */
type Part =
  | { readonly entry: PackPaperEntry; readonly from: 'pdf'; readonly doc: PDFDocument }
  | {
      readonly entry: PackPaperEntry;
      readonly from: 'printed';
      readonly doc: BuiltDocument;
      readonly leftOut: boolean;
    };

/** "BP-2026-44 “Legal advice” (version 2, file advice.pdf)". */
function paperName(entry: PackPaperEntry): string {
  const file = entry.version.source ? `, file ${entry.version.source.name}` : '';
  return `${entry.paper.reference} “${entry.paper.title}” (version ${entry.version.version}${file})`;
}

function damaged(entry: PackPaperEntry, detail: string): AppFailure {
  return new AppFailure(
    'invalid_input',
    `The pack was not compiled: paper ${paperName(entry)} is damaged (${detail}). Nothing was written. Add a good copy of the file as a new version of the paper, or take it off the agenda, and compile again.`,
    { paperId: entry.paper.id, reference: entry.paper.reference },
  );
}

async function blobOf(store: Store, entry: PackPaperEntry, hash: string): Promise<Buffer> {
  try {
    return await store.blobs.get(hash);
  } catch (error) {
    throw damaged(entry, error instanceof Error ? error.message.replace(/\.$/, '') : String(error));
  }
}

/** The parts of the pack in order, or the papers whose password is needed first (nothing printed yet). */
async function readParts(
  store: Store,
  contents: readonly PackItemEntry[],
  passwords: Readonly<Record<string, string>>,
  leaveOut: ReadonlySet<string>,
  docCtx: PaperDocumentContext,
): Promise<{ parts: Part[]; questions: PasswordQuestion[] }> {
  const parts: Part[] = [];
  const questions: PasswordQuestion[] = [];
  for (const entry of contents.flatMap((e) => e.papers)) {
    const { paper, version, kind } = entry;
    if (kind === 'pdf' && version.source) {
      const bytes = await blobOf(store, entry, version.source.blob);
      const read = await (await pdfWork()).readPaperPdf(bytes, passwords[paper.id], version.source.pages);
      if (read.ok) {
        parts.push({ entry, from: 'pdf', doc: read.doc });
      } else if (read.problem === 'damaged') {
        throw damaged(entry, read.detail);
      } else if (leaveOut.has(paper.id)) {
        parts.push({ entry, from: 'printed', doc: leftOutPaperDocument(docCtx, paper, version), leftOut: true });
      } else {
        questions.push({
          paperId: paper.id,
          reference: paper.reference,
          title: paper.title,
          fileName: version.source.name,
          wrong: read.problem === 'wrongPassword',
        });
      }
      continue;
    }
    const body = version.body === null ? '' : (await blobOf(store, entry, version.body)).toString('utf8');
    parts.push({ entry, from: 'printed', doc: paperDocument(docCtx, paper, version, body), leftOut: false });
  }
  return { parts, questions };
}

/** Prints a document with no page numbers of its own and opens the result. */
async function printed(
  printPdf: NonNullable<Platform['printPdf']>,
  doc: BuiltDocument,
  options: { readonly bodyOnNewPage?: boolean } = {},
): Promise<{ bytes: Uint8Array; doc: PDFDocument }> {
  const bytes = await printPdf(
    documentHtml(doc, { pageNumbers: 'printer', ...options }),
    unnumberedPrintSettingsOf(doc.meta),
  );
  const { PDFDocument: Pdf } = await import('@cantoo/pdf-lib');
  return { bytes, doc: await Pdf.load(bytes, { updateMetadata: false }) };
}

/** Where each item and paper starts once the front matter takes `frontPages` pages. */
function layoutOf(
  contents: readonly PackItemEntry[],
  pageCounts: ReadonlyMap<string, number>,
  leftOut: ReadonlySet<string>,
  frontPages: number,
): { items: FrontItem[]; total: number } {
  let next = frontPages + 1;
  const items = contents.map(({ item, papers, withheld }) => {
    const placed = papers.map(({ paper, kind }) => {
      const pages = pageCounts.get(paper.id)!;
      const firstPage = next;
      next += pages;
      return { reference: paper.reference, title: paper.title, kind, firstPage, pages, leftOut: leftOut.has(paper.id) };
    });
    return {
      number: item.number,
      title: item.title,
      presenter: item.presenter,
      firstPage: placed[0]?.firstPage ?? null,
      papers: placed,
      withheld,
    };
  });
  return { items, total: next - 1 };
}

/** The outline: the cover, the agenda, then each item with its papers. */
function outlineOf(items: readonly FrontItem[], supplement: boolean): OutlineEntry[] {
  return [
    { title: 'Cover', page: 1 },
    { title: supplement ? 'Contents of this supplement' : 'Agenda', page: 2 },
    ...items.map((item) => ({
      title: `Item ${item.number}: ${item.title}`,
      page: item.firstPage ?? 2,
      children: item.papers.map((p) => ({ title: `${p.reference}: ${p.title}`, page: p.firstPage })),
    })),
  ];
}

function viewOf(state: State, pack: CompiledPack): CompiledPackView {
  const meeting = state.meetings.get(pack.meetingId);
  const fileName = packFileNameOf(meeting ?? { title: 'Meeting', date: pack.compiledAt.slice(0, 10) }, pack);
  return { ...pack, label: packLabelOf(pack), fileName };
}

/**
 * Compiles the pack of a meeting (see the module comment). Answers the
 * papers that need a password, with nothing written, when a protected PDF
 * paper has no password given (or a wrong one) and was not left out.
 */
export async function compileMeetingPack(
  ctx: CompiledPacksContext,
  input: ParsedInputOf<'compiledPacks:compile'>,
): Promise<CompileOutcome> {
  const store = ctx.store();
  const { state, position } = await snapshotOf(store);
  const meeting = mustGet(state, 'meetings', input.meetingId, 'meeting');
  const compiled = compiledPacksOf(state, meeting.id, input.scope);
  const all = packContentsOf(state, meeting, input.scope);
  let version: number;
  let supplement: number;
  let contents: PackItemEntry[];
  if (input.as === 'supplement') {
    const base = latestVersionSet(compiled);
    if (base.length === 0) {
      throw new AppFailure(
        'conflict',
        `as: there is no ${input.scope} pack of ${meeting.title} to supplement yet; compile version 1 first.`,
      );
    }
    version = base[0]!.version;
    supplement = Math.max(...base.map((p) => p.supplement)) + 1;
    contents = supplementContentsOf(all, base);
    if (contents.length === 0) {
      throw new AppFailure(
        'conflict',
        `as: no paper was added or revised since version ${version} of the ${input.scope} pack was compiled; there is nothing to put in a supplement.`,
      );
    }
  } else {
    version = (compiled[compiled.length - 1]?.version ?? 0) + 1;
    supplement = 0;
    contents = all;
    if (contents.length === 0) {
      throw new AppFailure(
        'conflict',
        `${meeting.title} has no ${input.scope === 'public' ? 'public ' : ''}agenda items: add the items and their papers first.`,
      );
    }
  }
  const printPdf = ctx.platform.printPdf;
  if (printPdf === undefined) throw new AppFailure('conflict', PRINTER_MISSING, { pdfUnavailable: true });

  const compiledAt = ctx.clock().toISOString();
  const docCtx: PaperDocumentContext = {
    boardName: state.settings.boardName,
    timeZone: state.settings.timeZone,
    compiledAt,
    position,
  };
  const leaveOut = new Set(input.leaveOut);
  const { parts, questions } = await readParts(store, contents, input.passwords, leaveOut, docCtx);
  if (questions.length > 0) return { status: 'needsPassword', papers: questions };

  const partDocs: PDFDocument[] = [];
  const pageCounts = new Map<string, number>();
  const leftOut = new Set<string>();
  for (const part of parts) {
    const doc = part.from === 'pdf' ? part.doc : (await printed(printPdf, part.doc)).doc;
    if (part.from === 'printed' && part.leftOut) leftOut.add(part.entry.paper.id);
    partDocs.push(doc);
    pageCounts.set(part.entry.paper.id, doc.getPageCount());
  }

  const { packPageLink } = await pdfWork();
  const pack = { scope: input.scope, version, supplement };
  const privateItems = input.scope === 'public' ? meeting.agenda.filter((i) => i.confidential).length : 0;
  // The agenda's length does not depend on the numbers it shows (one row per item and paper), but
  // its page count decides them: print, count, and print again until the count holds.
  let frontPages = 2;
  let front: Uint8Array | null = null;
  let layout = layoutOf(contents, pageCounts, leftOut, frontPages);
  for (let attempt = 0; attempt < 4; attempt++) {
    layout = layoutOf(contents, pageCounts, leftOut, frontPages);
    const doc = packFrontMatter({
      boardName: state.settings.boardName,
      timeZone: state.settings.timeZone,
      meeting,
      pack,
      compiledAt,
      position,
      items: layout.items,
      totalPages: layout.total,
      pageLink: packPageLink,
      privateItems,
    });
    const result = await printed(printPdf, doc, { bodyOnNewPage: true });
    if (result.doc.getPageCount() === frontPages) {
      front = result.bytes;
      break;
    }
    frontPages = result.doc.getPageCount();
  }
  if (front === null)
    throw new AppFailure('conflict', 'The pack’s agenda would not settle on a page count; compile again.');

  const label = packLabelOf(pack);
  const assembled = await (
    await pdfWork()
  ).assemblePack({
    front,
    parts: partDocs,
    outline: outlineOf(layout.items, supplement > 0),
    footer: `${state.settings.boardName} · ${meeting.title}, ${longDate(meeting.date)} · ${label}`,
    title: `${meeting.title}, ${longDate(meeting.date)}: ${label}`,
    author: state.settings.boardName,
    createdAt: new Date(compiledAt),
  });
  if (assembled.pages !== layout.total) {
    throw new AppFailure(
      'io_error',
      `The pack came to ${assembled.pages} pages where ${layout.total} were counted; nothing was written.`,
    );
  }
  // Whole in memory until here; the blob store writes a temp file and renames it.
  const { hash, bytes } = await store.blobs.put(assembled.bytes);

  const papers: CompiledPaper[] = [];
  contents.forEach((entry, i) => {
    entry.papers.forEach((p, j) => {
      const placed = layout.items[i]!.papers[j]!;
      papers.push({
        paperId: p.paper.id,
        itemId: entry.item.id,
        reference: p.paper.reference,
        title: p.paper.title,
        version: p.version.version,
        kind: p.kind,
        firstPage: placed.firstPage,
        pages: placed.pages,
        leftOut: placed.leftOut ? 'password' : null,
      });
    });
  });
  const saved = await save(ctx, (current, now) => {
    const clash = compiledPacksOf(current, meeting.id, input.scope).find(
      (p) => p.version === version && p.supplement === supplement,
    );
    if (clash) {
      throw new AppFailure(
        'conflict',
        `${packLabelOf(clash)} was compiled meanwhile; look at the list and compile again if needed.`,
      );
    }
    const id = newId('cpk_');
    const record: CompiledPack = {
      id,
      createdAt: now,
      updatedAt: now,
      meetingId: meeting.id,
      ...pack,
      blob: hash,
      bytes,
      pages: assembled.pages,
      compiledAt,
      compiledBy: actorOf(current),
      items: contents.map((entry, i) => ({
        itemId: entry.item.id,
        number: entry.item.number,
        title: entry.item.title,
        firstPage: layout.items[i]!.firstPage,
      })),
      papers,
    };
    return {
      changes: [{ target: 'compiledPacks', id, after: record }],
      id,
      summary: `Compiled the ${label.charAt(0).toLowerCase()}${label.slice(1)} of ${meeting.title} (${assembled.pages} pages)`,
    };
  });
  const record = ctx.store().state().compiledPacks.get(saved.id)!;
  return { status: 'compiled', pack: viewOf(ctx.store().state(), record) };
}

/** The compiled packs of a meeting, newest first, and for each scope the version members have and what changed since. */
export function listCompiledPacks(state: State, meetingId: string): CompiledPacksView {
  const meeting: Meeting = mustGet(state, 'meetings', meetingId, 'meeting');
  const scopes = PACK_SCOPES.map((scope) => {
    const packs = compiledPacksOf(state, meetingId, scope);
    const set = latestVersionSet(packs);
    const base = set[0];
    return {
      scope,
      current: base
        ? { version: base.version, supplements: set.length - 1, compiledAt: set[set.length - 1]!.compiledAt }
        : null,
      changes: changesSince(packContentsOf(state, meeting, scope), set),
    };
  });
  const packs = state.compiledPacks
    .values()
    .filter((p) => p.meetingId === meetingId)
    .sort((a, b) => (a.compiledAt < b.compiledAt ? 1 : a.compiledAt > b.compiledAt ? -1 : 0))
    .map((p) => viewOf(state, p));
  return { packs, scopes };
}

/** A compiled pack's PDF, whole or pages `from`-`to` (for printing), for the page to download or the save dialog. */
export async function compiledPackFile(
  ctx: CompiledPacksContext,
  input: ParsedInputOf<'compiledPacks:file'>,
): Promise<CompiledPackFile> {
  const store = ctx.store();
  const state = store.state();
  const pack = mustGet(state, 'compiledPacks', input.id, 'compiled pack');
  const from = input.from ?? 1;
  const to = input.to ?? pack.pages;
  for (const [field, page] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (page > pack.pages) {
      const message = `must be a page of the pack: it has ${pack.pages} pages`;
      throw new AppFailure('invalid_input', `${field}: ${message}`, { issues: [{ field, message }] });
    }
  }
  if (from > to) {
    const message = `must not come after the last page (${to})`;
    throw new AppFailure('invalid_input', `from: ${message}`, { issues: [{ field: 'from', message }] });
  }
  const whole = await store.blobs.get(pack.blob);
  const view = viewOf(state, pack);
  const partial = from !== 1 || to !== pack.pages;
  const bytes = partial ? await (await pdfWork()).packPages(whole, from, to) : new Uint8Array(whole);
  const fileName = partial ? view.fileName.replace(/\.pdf$/, `-pages-${from}-${to}.pdf`) : view.fileName;
  const file = { fileName, mimeType: 'application/pdf', from, to, packPages: pack.pages };
  if (input.saveWithDialog && ctx.platform.saveFile) {
    const saved = await ctx.platform.saveFile({ fileName, mimeType: file.mimeType, bytes });
    return { ...file, dataBase64: '', saved };
  }
  return { ...file, dataBase64: Buffer.from(bytes).toString('base64'), saved: null };
}
