/**
 * The member's own notes on a paper: on the whole paper, or on a passage.
 * A note on a passage is anchored (shared/rules/passageAnchors.ts) on the
 * plain text of the version it was written on, and found again in the newest
 * version each time it is shown: it follows its passage into a new version,
 * or says "the passage you noted changed" with the text it was on. The notes
 * themselves are never changed by a new version, nor sent anywhere.
 */
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import {
  anchorOfPassage,
  locateAnchor,
  occurrencesOf,
  pageAt,
  pageStartsOf,
  plainTextOf,
  ANCHOR_CONTEXT_CHARS,
} from '../../../shared/rules/passageAnchors.ts';
import type { PaperNote } from '../../../shared/schema/packs.ts';
import type { Paper } from '../../../shared/schema/papers.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import type { PaperNoteView } from '../../../shared/contract/packViews.ts';
import type { Store } from '../store/store.ts';
import { safeFileName } from '../../../shared/rules/attachments.ts';
import { mustGet, newId, save, type ServiceContext } from './context.ts';

/** A version's plain text, and where its pages start when it is a PDF's (else null). */
async function plainPagesOfVersion(
  store: Store,
  paper: Paper,
  version?: number,
): Promise<{ text: string; pageStarts: number[] | null }> {
  const v =
    version === undefined
      ? paper.versions[paper.versions.length - 1]!
      : paper.versions.find((x) => x.version === version);
  if (!v?.body) return { text: '', pageStarts: v?.source?.kind === 'pdf' ? [0] : null };
  const body = (await store.blobs.get(v.body)).toString('utf8');
  return { text: plainTextOf(body), pageStarts: v.source?.kind === 'pdf' ? pageStartsOf(body) : null };
}

/** Which appearance (1-based) on its page the passage found at `start` is. */
function occurrenceOnPage(text: string, pageStarts: readonly number[], exact: string, start: number): number {
  const pageStart = pageStarts[pageAt(pageStarts, start) - 1] ?? 0;
  return occurrencesOf(text, exact).filter((at) => at >= pageStart && at <= start).length;
}

/** The notes on a paper, whole-paper note first, then passages in the order they appear (changed ones last). */
export async function listPaperNotes(store: Store, paperId: string): Promise<PaperNoteView[]> {
  const state = store.state();
  const paper = mustGet(state, 'papers', paperId, 'paper');
  const notes = state.paperNotes.values().filter((n) => n.paperId === paperId);
  const { text, pageStarts } = await plainPagesOfVersion(store, paper);
  const views: PaperNoteView[] = notes.map((n): PaperNoteView => {
    if (n.anchor === null) return { id: n.id, kind: 'paper', text: n.text, updatedAt: n.updatedAt };
    const found = locateAnchor(n.anchor, text);
    return {
      id: n.id,
      kind: 'passage',
      text: n.text,
      updatedAt: n.updatedAt,
      exact: n.anchor.exact,
      quotedFromVersion: n.anchor.version,
      place: found.found
        ? {
            start: found.start,
            end: found.end,
            before: text.slice(Math.max(0, found.start - ANCHOR_CONTEXT_CHARS), found.start),
            after: text.slice(found.end, found.end + ANCHOR_CONTEXT_CHARS),
            page: pageStarts ? pageAt(pageStarts, found.start) : null,
            occurrenceOnPage: pageStarts ? occurrenceOnPage(text, pageStarts, n.anchor.exact, found.start) : 1,
          }
        : null,
    };
  });
  const order = (v: PaperNoteView) =>
    v.kind === 'paper' ? -1 : v.place === null ? Number.MAX_SAFE_INTEGER : v.place.start;
  return views.sort((a, b) => order(a) - order(b));
}

/**
 * Notes a passage of the paper's newest version. The passage is quoted as
 * it reads; when it appears more than once, `occurrence` says which (1 is the first).
 */
export async function addPassageNote(
  ctx: ServiceContext,
  { paperId, passage, occurrence, page, text }: ParsedInputOf<'notes:addPassage'>,
): Promise<Saved> {
  const store = ctx.store();
  const paper = mustGet(store.state(), 'papers', paperId, 'paper');
  const { text: plain, pageStarts } = await plainPagesOfVersion(store, paper);
  const quoted = passage.replace(/\s+/g, ' ').trim();
  // On a PDF's page, the occurrence counts among the passage's appearances on that page.
  const before =
    page !== undefined && pageStarts
      ? occurrencesOf(plain, quoted).filter((at) => pageAt(pageStarts, at) < page).length
      : 0;
  const anchor = anchorOfPassage(plain, quoted, before + occurrence);
  if (anchor !== null && page !== undefined && pageStarts && pageAt(pageStarts, anchor.start) !== page) {
    const message = `is not on page ${page} ${occurrence > 1 ? `${occurrence} times` : ''}`.trim();
    throw new AppFailure('invalid_input', `passage: ${message}`, { issues: [{ field: 'passage', message }] });
  }
  if (anchor === null) {
    const times = occurrencesOf(plain, quoted).length;
    const message =
      times === 0
        ? 'is not in the paper as it reads now: quote it word for word'
        : `appears ${times === 1 ? 'once' : `${times} times`}, so there is no appearance ${occurrence}`;
    throw new AppFailure('invalid_input', `passage: ${message}`, { issues: [{ field: 'passage', message }] });
  }
  const version = paper.versions[paper.versions.length - 1]!.version;
  return save(ctx, (state, now) => {
    mustGet(state, 'papers', paperId, 'paper');
    const id = newId('pnt_');
    const note: PaperNote = { id, paperId, anchor: { ...anchor, version }, text, createdAt: now, updatedAt: now };
    return {
      changes: [{ target: 'paperNotes', id, after: note }],
      id,
      summary: `Noted a passage of paper ${paper.reference}`,
    };
  });
}

/** Changes the text of one of the member's notes. */
export function updatePaperNote(ctx: ServiceContext, { id, text }: ParsedInputOf<'notes:update'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    const note = mustGet(state, 'paperNotes', id, 'note');
    return {
      changes: [{ target: 'paperNotes', id, after: { ...note, text, updatedAt: now } }],
      id,
      summary: 'Edited a private note',
    };
  });
}

/** Removes one of the member's notes (the journal keeps what it said). */
export function deletePaperNote(ctx: ServiceContext, { id }: ParsedInputOf<'notes:delete'>): Promise<Saved> {
  return save(ctx, (state) => {
    mustGet(state, 'paperNotes', id, 'note');
    return { changes: [{ target: 'paperNotes', id, after: null }], id, summary: 'Removed a private note' };
  });
}

/** A Markdown quote: each line of the text after "> ". */
function quoted(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * The member's notes on a paper as Markdown ("Export my notes"): the note on
 * the whole paper, then each passage quoted with its page (in a PDF) and the
 * note under it; a passage no longer in the newest version is quoted as it
 * was, said so.
 */
export async function exportPaperNotes(store: Store, paperId: string): Promise<{ name: string; markdown: string }> {
  const paper = mustGet(store.state(), 'papers', paperId, 'paper');
  const notes = await listPaperNotes(store, paperId);
  const newest = paper.versions[paper.versions.length - 1]!.version;
  const lines = [`# My notes on ${paper.reference} ${paper.title}`, '', `Private notes, on version ${newest}.`, ''];
  if (notes.length === 0) lines.push('No notes.', '');
  for (const note of notes) {
    if (note.kind === 'paper') {
      if (note.text.trim() === '') continue;
      lines.push('## On the whole paper', '', note.text, '');
      continue;
    }
    const where =
      note.place === null
        ? `Passage changed: no longer in version ${newest} (quoted from version ${note.quotedFromVersion})`
        : note.place.page !== null
          ? `Page ${note.place.page}`
          : 'Passage';
    lines.push(`## ${where}`, '', quoted(note.exact), '');
    if (note.text.trim() !== '') lines.push(note.text, '');
  }
  return { name: `${safeFileName(`My notes on ${paper.reference}`)}.md`, markdown: lines.join('\n') };
}
