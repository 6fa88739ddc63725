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
  plainTextOf,
  ANCHOR_CONTEXT_CHARS,
} from '../../../shared/rules/passageAnchors.ts';
import type { PaperNote } from '../../../shared/schema/packs.ts';
import type { Paper } from '../../../shared/schema/papers.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import type { PaperNoteView } from '../../../shared/contract/packViews.ts';
import type { Store } from '../store/store.ts';
import { mustGet, newId, save, type ServiceContext } from './context.ts';

async function plainTextOfVersion(store: Store, paper: Paper, version?: number): Promise<string> {
  const v =
    version === undefined
      ? paper.versions[paper.versions.length - 1]!
      : paper.versions.find((x) => x.version === version);
  if (!v?.body) return '';
  return plainTextOf((await store.blobs.get(v.body)).toString('utf8'));
}

/** The notes on a paper, whole-paper note first, then passages in the order they appear (changed ones last). */
export async function listPaperNotes(store: Store, paperId: string): Promise<PaperNoteView[]> {
  const state = store.state();
  const paper = mustGet(state, 'papers', paperId, 'paper');
  const notes = state.paperNotes.values().filter((n) => n.paperId === paperId);
  const text = await plainTextOfVersion(store, paper);
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
  { paperId, passage, occurrence, text }: ParsedInputOf<'notes:addPassage'>,
): Promise<Saved> {
  const store = ctx.store();
  const paper = mustGet(store.state(), 'papers', paperId, 'paper');
  const plain = await plainTextOfVersion(store, paper);
  const quoted = passage.replace(/\s+/g, ' ').trim();
  const anchor = anchorOfPassage(plain, quoted, occurrence);
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
