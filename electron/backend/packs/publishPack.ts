/**
 * Publishing a meeting's public pack from the secretariat's copy: the
 * meeting with its public agenda items, their public papers (current version
 * and blobs, its source file included; earlier versions by hash), members' names and roles, the
 * meeting's decisions and their conditions; signed with this copy's key and
 * journaled (meeting, pack number, hash) so the next pack can say what changed.
 */
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { PublishedPack } from '../../../shared/contract/packViews.ts';
import {
  PACK_FILES,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  blobFileOf,
  packFileNameOf,
  paperFileOf,
  type PackPaper,
} from '../../../shared/packs/packFormat.ts';
import { packChangesOf, packChangesText, type PackContents } from '../../../shared/packs/packSummary.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import type { Member } from '../../../shared/schema/members.ts';
import type { PackLogEntry } from '../../../shared/schema/packs.ts';
import type { State } from '../../../shared/schema/state.ts';
import { actorOf, mustGet, newId, type ServiceContext } from '../services/context.ts';
import type { BlobStore } from '../store/blobs.ts';
import type { Identity } from './identity.ts';
import { signedPack } from './packSignature.ts';
import type { ZipInput } from './packZip.ts';

/** The MIME type a pack is saved with. */
export const PACK_MIME_TYPE = 'application/vnd.boardkeeper.pack+zip';

/** This copy's board id: the one its earlier packs carried, or a new one for its first. */
export function boardIdOf(state: State): string {
  const published = state.packLog.values().find((e) => e.direction === 'published');
  return published?.boardId ?? `brd_${randomBytes(8).toString('hex')}`;
}

/** The packs this copy published or imported for a meeting, oldest first. */
export function packsOfMeeting(state: State, meetingId: string): PackLogEntry[] {
  return state.packLog
    .values()
    .filter((e) => e.meetingId === meetingId)
    .sort((a, b) => a.number - b.number || (a.at < b.at ? -1 : 1));
}

/** The public packs this copy published for a meeting, oldest first (confidential publications are counted apart). */
export function publicPacksOf(state: State, meetingId: string): PackLogEntry[] {
  return packsOfMeeting(state, meetingId).filter((e) => e.direction === 'published' && !e.classification);
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** What a pack carries of the meeting: its public items (a public pack), or every item (a confidential one). */
export type PackScope =
  | { readonly kind: 'public' }
  | {
      readonly kind: 'confidential';
      /** The items withheld from the recipient: carried by number and title only. */
      readonly withheldItemIds: ReadonlySet<string>;
    };

/** What the pack carries of the meeting, for the scope. */
export function packContentOf(state: State, meeting: Meeting, scope: PackScope = { kind: 'public' }) {
  const confidential = scope.kind === 'confidential';
  const withheld = confidential ? scope.withheldItemIds : new Set<string>();
  const items = meeting.agenda.filter((i) => (confidential || !i.confidential) && !i.withdrawn);
  const carried = items.filter((i) => !withheld.has(i.id));
  // A paper of a withheld item is left out even when another item names it too.
  const withheldPapers = new Set(items.filter((i) => withheld.has(i.id)).flatMap((i) => i.paperIds));
  const papers = [...new Set(carried.flatMap((i) => i.paperIds))]
    .filter((id) => !withheldPapers.has(id))
    .map((id) => state.papers.get(id))
    .filter((p) => p !== undefined && !p.archivedAt && (confidential || p.classification === 'public'))
    .map((p) => p!);
  const paperIds = new Set(papers.map((p) => p.id));
  const packMeeting: Meeting = {
    ...meeting,
    agenda: items.map((i) => ({ ...i, paperIds: i.paperIds.filter((id) => paperIds.has(id)) })),
  };
  const members: Member[] = state.members
    .values()
    .filter((m) => !m.archivedAt)
    // Names and roles only: a member's address, interests and keys stay in the secretariat's copy.
    .map(({ recipientKey: _key, ...m }) => ({ ...m, email: '', interests: [] }));
  const itemIds = new Set(carried.map((i) => i.id));
  const decisions = state.decisions
    .values()
    .filter((d) => !d.archivedAt && d.meetingId === meeting.id && (d.itemId === null || itemIds.has(d.itemId)))
    // Contracts are not in a pack: the decision keeps its papers, not its links to them.
    .map((d) => ({ ...d, contractIds: [], links: [] }));
  const decisionIds = new Set(decisions.map((d) => d.id));
  const conditions = state.conditions.values().filter((c) => !c.archivedAt && decisionIds.has(c.decisionId));
  return { packMeeting, papers, members, decisions, conditions, items };
}

/** A pack's record files and blobs, and what it carries (papers and items) for the pack log. */
export async function packFilesOf(
  blobs: BlobStore,
  content: ReturnType<typeof packContentOf>,
): Promise<{ files: ZipInput[]; contents: PackContents }> {
  const { packMeeting, papers, members, decisions, conditions, items } = content;
  const files: ZipInput[] = [
    { path: PACK_FILES.meeting, data: json(packMeeting) },
    { path: PACK_FILES.members, data: json(members) },
    { path: PACK_FILES.decisions, data: json(decisions) },
    { path: PACK_FILES.conditions, data: json(conditions) },
  ];
  const needed = new Set<string>();
  for (const paper of papers) {
    const current = paper.versions[paper.versions.length - 1]!;
    const record: PackPaper = {
      paper: { ...paper, versions: [current] },
      earlierVersions: paper.versions.slice(0, -1).map((v) => ({
        version: v.version,
        body: v.body,
        attachments: v.attachments.map((a) => ({ blob: a.blob, name: a.name, bytes: a.bytes })),
      })),
    };
    files.push({ path: paperFileOf(paper.id), data: json(record) });
    if (current.body) needed.add(current.body);
    for (const a of current.attachments) needed.add(a.blob);
    // The file the version came from (a PDF, a Word file): the record carries its details, the pack its bytes.
    if (current.source) needed.add(current.source.blob);
  }
  for (const hash of needed) files.push({ path: blobFileOf(hash), data: await blobs.get(hash) });
  const contents: PackContents = {
    papers: papers.map((p) => ({
      id: p.id,
      reference: p.reference,
      version: p.versions[p.versions.length - 1]!.version,
    })),
    items: items.map((i) => ({ id: i.id, number: i.number, title: i.title })),
  };
  return { files, contents };
}

/** The pack log's entry for a publication made now (`at`) by this copy; a confidential one adds its recipients. */
export function publishedEntry(p: {
  readonly at: string;
  readonly state: State;
  readonly boardId: string;
  readonly meeting: Meeting;
  readonly number: number;
  readonly hash: string;
  readonly previousHash: string | null;
  readonly identity: Identity;
  readonly createdAt: string;
  readonly contents: PackContents;
  readonly changes: PackLogEntry['changes'];
}): PackLogEntry {
  return {
    id: newId('pck_'),
    createdAt: p.at,
    updatedAt: p.at,
    direction: 'published',
    boardId: p.boardId,
    boardName: p.state.settings.boardName,
    meetingId: p.meeting.id,
    meetingTitle: p.meeting.title,
    meetingDate: p.meeting.date,
    number: p.number,
    hash: p.hash,
    previousHash: p.previousHash,
    publicKey: p.identity.publicKey,
    fingerprint: p.identity.fingerprint,
    publisherName: actorOf(p.state),
    packCreatedAt: p.createdAt,
    at: p.at,
    papers: [...p.contents.papers],
    items: [...p.contents.items],
    changes: p.changes,
    records: [],
  };
}

/**
 * Publishes the meeting's public pack: pack n (counted per meeting), the
 * previous pack's hash, signed with `identity`; the publication is journaled
 * before the file is handed back.
 */
export async function publishPack(ctx: ServiceContext, identity: Identity, meetingId: string): Promise<PublishedPack> {
  const store = ctx.store();
  const state = store.state();
  const meeting = mustGet(state, 'meetings', meetingId, 'meeting');
  if (meeting.archivedAt)
    throw new AppFailure('conflict', `${meeting.title} is archived: unarchive it to publish its pack.`);
  const content = packContentOf(state, meeting);
  if (content.items.length === 0) {
    throw new AppFailure(
      'conflict',
      `${meeting.title} has no public agenda items: add the items (and their papers) first.`,
    );
  }
  const earlier = publicPacksOf(state, meetingId);
  const previous = earlier[earlier.length - 1] ?? null;
  const number = (previous?.number ?? 0) + 1;
  const boardId = previous?.boardId ?? boardIdOf(state);
  const { files, contents } = await packFilesOf(store.blobs, content);

  const createdAt = ctx.clock().toISOString();
  const signed = await signedPack(
    {
      format: PACK_FORMAT,
      formatVersion: PACK_FORMAT_VERSION,
      board: { id: boardId, name: state.settings.boardName },
      meeting: { id: meeting.id, title: meeting.title, date: meeting.date },
      pack: number,
      previousPackHash: previous?.hash ?? null,
      createdAt,
      classification: 'public',
      publisher: { name: actorOf(state), publicKey: identity.publicKey, fingerprint: identity.fingerprint },
    },
    files,
    identity.privateKey,
  );
  const changes = packChangesOf(previous, contents);
  const sinceText = previous
    ? `since pack ${previous.number}: ${packChangesText(changes)}`
    : 'first pack of this meeting';
  await store.mutate(actorOf(state), '', (latest) => {
    const at = ctx.clock().toISOString();
    const again = publicPacksOf(latest, meetingId);
    if ((again[again.length - 1]?.number ?? 0) >= number) {
      throw new AppFailure('conflict', `Pack ${number} of ${meeting.title} was published meanwhile: publish again.`);
    }
    const entry = publishedEntry({
      at,
      state,
      boardId,
      meeting,
      number,
      hash: signed.hash,
      previousHash: previous?.hash ?? null,
      identity,
      createdAt,
      contents,
      changes,
    });
    const id = entry.id;
    return {
      changes: [{ target: 'packLog', id, after: entry }],
      value: undefined,
      summary: `Published pack ${number} of ${meeting.title} (${sinceText}; SHA-256 ${signed.hash.slice(0, 12)}…)`,
    };
  });
  return {
    fileName: packFileNameOf(state.settings.boardName, meeting.date, number),
    mimeType: PACK_MIME_TYPE,
    dataBase64: signed.bytes.toString('base64'),
    saved: null,
    number,
    hash: signed.hash,
    sinceText,
  };
}
