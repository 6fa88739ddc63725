/**
 * Papers: metadata, Markdown text and attachments kept as blobs, a version
 * per edit of the text or attachments, and the local user's read marks and
 * private notes.
 */
import { byReference, byCode } from '../../../shared/text/compare.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutputOf, ParsedInputOf } from '../../../shared/contract/api.ts';
import { attachmentName, extensionOf, isExecutable, safeFileName } from '../../../shared/rules/attachments.ts';
import { matchesSearch, pageOf, type Page } from '../../../shared/contract/paging.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import {
  markIdOf,
  type Attachment,
  type AttachmentUpload,
  type Paper,
  type PaperMark,
  type PaperVersion,
} from '../../../shared/schema/papers.ts';
import { wholePaperNoteIdOf, type PaperNote } from '../../../shared/schema/packs.ts';
import type { State } from '../../../shared/schema/state.ts';
import { diffLines } from '../../../shared/text/textDiff.ts';
import type { AgendaRef, PaperDetail, PaperRow, PaperVersionView, Saved } from '../../../shared/contract/views.ts';
import type { BlobStore } from '../store/blobs.ts';
import type { Store } from '../store/store.ts';
import { actorOf, inArchiveFilter, mustGet, newId, save, type ServiceContext } from './context.ts';
import { isRead, positionOf } from './meetings.ts';
import { publishedByOf } from './packRecords.ts';

/** Every agenda item that links to the paper. */
export function agendaLinksOf(state: State, paperId: string): AgendaRef[] {
  const out: AgendaRef[] = [];
  for (const meeting of state.meetings) {
    for (const item of meeting.agenda) {
      if (!item.paperIds.includes(paperId)) continue;
      out.push({
        meetingId: meeting.id,
        meetingTitle: meeting.title,
        meetingDate: meeting.date,
        itemId: item.id,
        itemNumber: item.number,
        itemTitle: item.title,
      });
    }
  }
  return out.sort((a, b) => byCode(b.meetingDate, a.meetingDate));
}

function latest(paper: Paper): PaperVersion {
  return paper.versions[paper.versions.length - 1]!;
}

function referenceClash(state: State, reference: string, exceptId?: string): Paper | undefined {
  const key = reference.trim().toLowerCase();
  for (const p of state.papers) if (p.id !== exceptId && p.reference.toLowerCase() === key) return p;
  return undefined;
}

function refuseDuplicate(state: State, reference: string, exceptId?: string): void {
  const clash = referenceClash(state, reference, exceptId);
  if (clash) {
    const message = `${reference.trim()} is already the reference of “${clash.title}”${clash.archivedAt ? ' (archived)' : ''}; references must be unique`;
    throw new AppFailure('invalid_input', `reference: ${message}`, { issues: [{ field: 'reference', message }] });
  }
}

async function storeUploads(blobs: BlobStore, uploads: readonly AttachmentUpload[]): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const upload of uploads) {
    const data = Buffer.from(upload.dataBase64, 'base64');
    const { hash, bytes } = await blobs.put(data);
    out.push({
      blob: hash,
      name: attachmentName(upload.name),
      type: upload.type?.trim() || 'application/octet-stream',
      bytes,
    });
  }
  return out;
}

async function storeBody(blobs: BlobStore, body: string): Promise<string | null> {
  return body === '' ? null : (await blobs.put(body)).hash;
}

async function bodyText(blobs: BlobStore, hash: string | null): Promise<string> {
  return hash === null ? '' : (await blobs.get(hash)).toString('utf8');
}

function upsertMark(
  state: State,
  paperId: string,
  now: string,
  change: Partial<Pick<PaperMark, 'readAt' | 'readVersion'>>,
): PaperMark {
  const id = markIdOf(paperId);
  const current = state.paperMarks.get(id);
  return current
    ? { ...current, ...change, updatedAt: now }
    : { id, paperId, readAt: null, readVersion: null, createdAt: now, updatedAt: now, ...change };
}

/** The papers: filtered (by meeting, classification, dates, read or not), sorted and paged. */
export function listPapers(
  state: State,
  {
    search,
    meetingId,
    classification,
    read,
    from,
    to,
    archived,
    sort,
    direction,
    page,
    pageSize,
  }: ParsedInputOf<'papers:list'>,
): Page<PaperRow> {
  const inMeeting = meetingId
    ? new Set(mustGet(state, 'meetings', meetingId, 'meeting').agenda.flatMap((i) => i.paperIds))
    : null;
  const meetingsOf = new Map<string, Array<{ id: string; title: string }>>();
  for (const m of state.meetings) {
    for (const pid of new Set(m.agenda.flatMap((i) => i.paperIds))) {
      meetingsOf.set(pid, [...(meetingsOf.get(pid) ?? []), { id: m.id, title: m.title }]);
    }
  }
  const sign = direction === 'asc' ? 1 : -1;
  const rows: PaperRow[] = state.papers
    .values()
    .filter((p) => inArchiveFilter(p, archived))
    .filter((p) => (!inMeeting || inMeeting.has(p.id)) && (!classification || p.classification === classification))
    .filter((p) => (!from || p.date >= from) && (!to || p.date <= to))
    .filter((p) => !read || isRead(state, p.id) === (read === 'read'))
    .filter((p) => matchesSearch(search, p.reference, p.title, p.author))
    .sort((a, b) => sign * (byReference(a[sort], b[sort]) || byCode(a.reference, b.reference)))
    .map((p) => ({
      id: p.id,
      reference: p.reference,
      title: p.title,
      author: p.author,
      date: p.date,
      classification: p.classification,
      read: isRead(state, p.id),
      version: latest(p).version,
      attachments: latest(p).attachments.length,
      meetings: meetingsOf.get(p.id) ?? [],
      archived: Boolean(p.archivedAt),
    }));
  return pageOf(rows, page, pageSize);
}

/** A paper's page: its newest text and attachments, its versions, the agenda items that link to it, the local user's mark. */
export async function getPaper(store: Store, id: string): Promise<PaperDetail> {
  const state = store.state();
  const paper = mustGet(state, 'papers', id, 'paper');
  const { versions, ...meta } = paper;
  const current = latest(paper);
  const mark = state.paperMarks.get(markIdOf(id));
  const note = state.paperNotes.get(wholePaperNoteIdOf(id));
  return {
    paper: { ...meta, version: current.version },
    body: await bodyText(store.blobs, current.body),
    attachments: current.attachments,
    versions: versions
      .map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        bodyChars: v.bodyChars,
        attachments: v.attachments.length,
      }))
      .reverse(),
    links: agendaLinksOf(state, id),
    mark: {
      readAt: mark?.readAt ?? null,
      readVersion: mark?.readVersion ?? null,
      changedSinceRead: Boolean(mark?.readAt) && (mark?.readVersion ?? current.version) < current.version,
      note: note?.text ?? '',
      position: positionOf(mark, current),
    },
    source: current.source ?? null,
    publishedBy: publishedByOf(state, 'papers', id),
  };
}

/** Adds a paper (version 1); its text and attachments go to blobs first. Its reference must be unique. */
export async function createPaper(
  ctx: ServiceContext,
  { body, attachments, ...fields }: ParsedInputOf<'papers:create'>,
): Promise<Saved> {
  const store = ctx.store();
  refuseDuplicate(store.state(), fields.reference);
  const bodyHash = await storeBody(store.blobs, body);
  const stored = await storeUploads(store.blobs, attachments);
  return save(ctx, (state, now) => {
    refuseDuplicate(state, fields.reference);
    const id = newId('pap_');
    const paper: Paper = {
      id,
      createdAt: now,
      updatedAt: now,
      ...fields,
      versions: [
        {
          version: 1,
          body: bodyHash,
          bodyChars: body.length,
          attachments: stored,
          createdAt: now,
          createdBy: actorOf(state),
        },
      ],
    };
    return {
      changes: [{ target: 'papers', id, after: paper }],
      id,
      summary: `Added paper ${paper.reference} ${paper.title}`,
    };
  });
}

/** Edits a paper: a change of its text or attachments makes a new version, a change of its details does not. */
export async function updatePaper(
  ctx: ServiceContext,
  { id, body, addAttachments, removeAttachments, ...fields }: ParsedInputOf<'papers:update'>,
): Promise<Saved> {
  const store = ctx.store();
  if (fields.reference !== undefined) refuseDuplicate(store.state(), fields.reference, id);
  const bodyHash = body === undefined ? undefined : await storeBody(store.blobs, body);
  const added = await storeUploads(store.blobs, addAttachments);
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'papers', id, 'paper');
    if (fields.reference !== undefined) refuseDuplicate(state, fields.reference, id);
    const last = latest(current);
    const missing = removeAttachments.filter((hash) => !last.attachments.some((a) => a.blob === hash));
    if (missing.length > 0) {
      throw new AppFailure('invalid_input', 'removeAttachments: that attachment is not on the newest version', {
        issues: [{ field: 'removeAttachments', message: 'that attachment is not on the newest version' }],
      });
    }
    const attachments = [...last.attachments.filter((a) => !removeAttachments.includes(a.blob)), ...added];
    const contentChanged =
      (bodyHash !== undefined && bodyHash !== last.body) || added.length > 0 || removeAttachments.length > 0;
    const versions = contentChanged
      ? [
          ...current.versions,
          {
            version: last.version + 1,
            body: bodyHash === undefined ? last.body : bodyHash,
            bodyChars: body === undefined ? last.bodyChars : body.length,
            attachments,
            createdAt: now,
            createdBy: actorOf(state),
          },
        ]
      : current.versions;
    const next: Paper = { ...current, ...fields, versions, updatedAt: now };
    const summary = contentChanged
      ? `Edited paper ${next.reference} (version ${last.version + 1})`
      : `Edited the details of paper ${next.reference}`;
    return { changes: [{ target: 'papers', id, after: next }], id, summary };
  });
}

/** One version of a paper, with its text and the line changes from the version before. */
export async function getPaperVersion(store: Store, id: string, version: number): Promise<PaperVersionView> {
  const paper = mustGet(store.state(), 'papers', id, 'paper');
  const index = paper.versions.findIndex((v) => v.version === version);
  if (index === -1) throw new AppFailure('not_found', `Paper ${paper.reference} has no version ${version}.`);
  const v = paper.versions[index]!;
  const body = await bodyText(store.blobs, v.body);
  const previous = index > 0 ? await bodyText(store.blobs, paper.versions[index - 1]!.body) : '';
  return {
    version: v.version,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    body,
    attachments: v.attachments,
    diff: diffLines(previous, body),
    source: v.source ?? null,
  };
}

/** An attachment of any version of a paper, or a not_found failure. */
function attachmentOf(store: Store, id: string, blob: string): Attachment {
  const paper = mustGet(store.state(), 'papers', id, 'paper');
  // A version's source file (the PDF or Word file it came from) downloads as its attachments do.
  const attachment = paper.versions
    .flatMap((v): Attachment[] => (v.source ? [...v.attachments, v.source] : v.attachments))
    .find((a) => a.blob === blob);
  if (!attachment) throw new AppFailure('not_found', `Paper ${paper.reference} has no such attachment.`);
  return attachment;
}

/** An attachment's bytes (base64), for the page to download. */
export async function readAttachment(store: Store, id: string, blob: string): Promise<OutputOf<'papers:attachment'>> {
  const attachment = attachmentOf(store, id, blob);
  const data = await store.blobs.get(blob);
  // Stored before names were cleaned, a name may still hold bidi or zero-width characters: never download under them.
  const name = attachmentName(attachment.name);
  return { name, type: attachment.type, bytes: data.length, dataBase64: data.toString('base64') };
}

/** Opens a copy of an attachment in the system's own viewer; programs are never opened. */
export async function openAttachment(
  ctx: ServiceContext,
  id: string,
  blob: string,
): Promise<OutputOf<'papers:openAttachment'>> {
  const store = ctx.store();
  const attachment = attachmentOf(store, id, blob);
  if (isExecutable(attachment.name)) {
    throw new AppFailure(
      'forbidden',
      `${attachment.name} is a program (.${extensionOf(attachment.name)}): Boardkeeper never opens programs. Download it to save it elsewhere.`,
    );
  }
  // A temporary copy with the file's own name and extension, so the system picks its viewer;
  // the stored blob itself is never handed to another program.
  const data = await store.blobs.get(blob);
  const folder = await mkdtemp(join(tmpdir(), 'boardkeeper-open-'));
  const path = join(folder, safeFileName(attachment.name));
  await writeFile(path, data, { mode: 0o400 });
  return { opened: await ctx.platform.openPath(path), path };
}

/** Marks a paper read (now) or unread for the local user. */
export function markPaperRead(ctx: ServiceContext, { id, read }: ParsedInputOf<'papers:markRead'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    const paper = mustGet(state, 'papers', id, 'paper');
    const mark = upsertMark(
      state,
      id,
      now,
      read ? { readAt: now, readVersion: latest(paper).version } : { readAt: null },
    );
    return {
      changes: [{ target: 'paperMarks', id: mark.id, after: mark }],
      id,
      summary: `Marked paper ${paper.reference} as ${read ? 'read' : 'unread'}`,
    };
  });
}

/** Saves the local user's private note on a whole paper (notes on passages: services/paperNotes.ts). */
export function savePaperNote(ctx: ServiceContext, { id, note }: ParsedInputOf<'papers:saveNote'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    const paper = mustGet(state, 'papers', id, 'paper');
    const noteId = wholePaperNoteIdOf(id);
    const current = state.paperNotes.get(noteId);
    const after: PaperNote = current
      ? { ...current, text: note, updatedAt: now }
      : { id: noteId, paperId: id, anchor: null, text: note, createdAt: now, updatedAt: now };
    return {
      changes: [{ target: 'paperNotes', id: noteId, after }],
      id,
      summary: `Saved a private note on paper ${paper.reference}`,
    };
  });
}
