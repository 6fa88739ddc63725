/**
 * Publishing a meeting's confidential packs from the secretariat's copy: one
 * pack per chosen member, each carrying every agenda item (public and
 * confidential) and its papers, decisions and conditions, except the items
 * withheld from that member (shared/packs/withheldItems.ts), which keep only
 * their number and title and leave a line "Item 4 is withheld from you:
 * declared interest". Each pack is signed like a public one (the recipient
 * and the withheld items are in its manifest), then encrypted with age to the
 * member's recipient key. One journal entry lists every recipient's pack hash.
 */
import { AppFailure } from '../../../shared/contract/result.ts';
import type {
  ConfidentialPackFile,
  ConfidentialPlanView,
  PublishedConfidential,
} from '../../../shared/contract/packViews.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, confidentialPackFileNameOf } from '../../../shared/packs/packFormat.ts';
import { packChangesOf, packChangesText, type PackContents } from '../../../shared/packs/packSummary.ts';
import { withheldItemsByMember, withheldWhy, type WithheldItem } from '../../../shared/packs/withheldItems.ts';
import { boardSupplierAliases } from '../../../shared/rules/supplierMatching.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import type { Member } from '../../../shared/schema/members.ts';
import type { PackLogEntry, PackRecipient } from '../../../shared/schema/packs.ts';
import type { State } from '../../../shared/schema/state.ts';
import { actorOf, mustGet, type ServiceContext } from '../services/context.ts';
import { sha256 } from '../store/blobs.ts';
import { encryptPackTo } from './agePacks.ts';
import type { Identity } from './identity.ts';
import { boardIdOf, packContentOf, packFilesOf, packsOfMeeting, publishedEntry } from './publishPack.ts';
import { signedPack } from './packSignature.ts';

/** The MIME type a confidential pack is saved with. */
export const CONFIDENTIAL_PACK_MIME_TYPE = 'application/octet-stream';

/** The confidential publications of a meeting, oldest first. */
export function confidentialPacksOf(state: State, meetingId: string): PackLogEntry[] {
  return packsOfMeeting(state, meetingId).filter(
    (e) => e.direction === 'published' && e.classification === 'confidential',
  );
}

function currentMembers(state: State): Member[] {
  return state.members
    .values()
    .filter((m) => !m.archivedAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

function meetingToPublish(state: State, meetingId: string): Meeting {
  const meeting = mustGet(state, 'meetings', meetingId, 'meeting');
  if (meeting.archivedAt) {
    throw new AppFailure('conflict', `${meeting.title} is archived: unarchive it to publish its packs.`);
  }
  return meeting;
}

/** Who would get what: every current member, with their key's fingerprint and the items withheld from them. */
export function confidentialPlan(state: State, meetingId: string): ConfidentialPlanView {
  const meeting = meetingToPublish(state, meetingId);
  const members = currentMembers(state);
  const withheld = withheldItemsByMember(state, meeting, members, boardSupplierAliases(state));
  const previous = confidentialPacksOf(state, meetingId);
  return {
    number: (previous[previous.length - 1]?.number ?? 0) + 1,
    meetingTitle: meeting.title,
    items: meeting.agenda
      .filter((i) => !i.withdrawn)
      .map((i) => ({ id: i.id, number: i.number, title: i.title, confidential: i.confidential })),
    members: members.map((m) => ({
      memberId: m.id,
      name: m.name,
      fingerprint: m.recipientKey?.fingerprint ?? null,
      withheld: (withheld.get(m.id) ?? []).map((w) => ({
        itemId: w.itemId,
        number: w.number,
        why: withheldWhy(w.reason),
        line: w.line,
      })),
    })),
  };
}

/** The hash this member's previous confidential pack of the meeting had, if any. */
function previousHashFor(previous: readonly PackLogEntry[], memberId: string): string | null {
  for (let i = previous.length - 1; i >= 0; i--) {
    const r = previous[i]!.recipients?.find((x) => x.memberId === memberId);
    if (r) return r.hash;
  }
  return null;
}

/**
 * Publishes confidential pack n of the meeting to the chosen members (each
 * must have a recipient key on their record): one encrypted file each, and
 * one journal entry with every recipient's pack hash, written before the
 * files are handed back.
 */
export async function publishConfidential(
  ctx: ServiceContext,
  identity: Identity,
  meetingId: string,
  memberIds: readonly string[],
): Promise<PublishedConfidential> {
  const store = ctx.store();
  const state = store.state();
  const meeting = meetingToPublish(state, meetingId);
  if (meeting.agenda.filter((i) => !i.withdrawn).length === 0) {
    throw new AppFailure('conflict', `${meeting.title} has no agenda items: add the items (and their papers) first.`);
  }
  const chosen = [...new Set(memberIds)].map((id) => mustGet(state, 'members', id, 'member'));
  if (chosen.length === 0) {
    throw new AppFailure('invalid_input', 'memberIds: choose at least one member to send the pack to.', {
      issues: [{ field: 'memberIds', message: 'choose at least one member to send the pack to' }],
    });
  }
  const keyless = chosen.filter((m) => m.recipientKey === undefined || m.archivedAt);
  if (keyless.length > 0) {
    const names = keyless.map((m) => m.name).join(', ');
    throw new AppFailure(
      'invalid_input',
      `memberIds: ${names} cannot be sent a confidential pack: import their public identity on their page first.`,
      { issues: [{ field: 'memberIds', message: `${names} has no public identity on record` }] },
    );
  }
  const previous = confidentialPacksOf(state, meetingId);
  const last = previous[previous.length - 1] ?? null;
  const number = (last?.number ?? 0) + 1;
  const boardId = last?.boardId ?? boardIdOf(state);
  const withheldBy = withheldItemsByMember(state, meeting, chosen, boardSupplierAliases(state));
  const createdAt = ctx.clock().toISOString();

  const files: ConfidentialPackFile[] = [];
  const recipients: PackRecipient[] = [];
  const papers = new Map<string, PackContents['papers'][number]>();
  let items: PackContents['items'] = [];
  for (const member of chosen) {
    const key = member.recipientKey!;
    const withheld: readonly WithheldItem[] = withheldBy.get(member.id) ?? [];
    const content = packContentOf(state, meeting, {
      kind: 'confidential',
      withheldItemIds: new Set(withheld.map((w) => w.itemId)),
    });
    const built = await packFilesOf(store.blobs, content);
    for (const p of built.contents.papers) papers.set(p.id, p);
    items = built.contents.items;
    const previousPackHash = previousHashFor(previous, member.id);
    const signed = await signedPack(
      {
        format: PACK_FORMAT,
        formatVersion: PACK_FORMAT_VERSION,
        board: { id: boardId, name: state.settings.boardName },
        meeting: { id: meeting.id, title: meeting.title, date: meeting.date },
        pack: number,
        previousPackHash,
        createdAt,
        classification: 'confidential',
        recipient: {
          memberId: member.id,
          name: member.name,
          fingerprint: key.fingerprint,
          ageRecipient: key.ageRecipient,
        },
        withheld: withheld.map((w) => ({ itemId: w.itemId, number: w.number, line: w.line })),
        publisher: { name: actorOf(state), publicKey: identity.publicKey, fingerprint: identity.fingerprint },
      },
      built.files,
      identity.privateKey,
    );
    const encrypted = await encryptPackTo(signed.bytes, key.ageRecipient);
    const withheldNumbers = withheld.map((w) => w.number);
    recipients.push({
      memberId: member.id,
      name: member.name,
      fingerprint: key.fingerprint,
      hash: signed.hash,
      previousHash: previousPackHash,
      withheld: withheldNumbers,
    });
    files.push({
      fileName: confidentialPackFileNameOf(state.settings.boardName, meeting.date, number, member.name),
      mimeType: CONFIDENTIAL_PACK_MIME_TYPE,
      dataBase64: encrypted.toString('base64'),
      saved: null,
      memberId: member.id,
      memberName: member.name,
      hash: signed.hash,
      withheld: withheldNumbers,
    });
  }

  const contents: PackContents = { papers: [...papers.values()], items };
  const changes = packChangesOf(last, contents);
  const who = recipients
    .map(
      (r) =>
        `${r.name} ${r.hash.slice(0, 12)}…${r.withheld.length > 0 ? ` (item ${r.withheld.join(', ')} withheld)` : ''}`,
    )
    .join('; ');
  await store.mutate(actorOf(state), '', (latest) => {
    const at = ctx.clock().toISOString();
    const again = confidentialPacksOf(latest, meetingId);
    if ((again[again.length - 1]?.number ?? 0) >= number) {
      throw new AppFailure(
        'conflict',
        `Confidential pack ${number} of ${meeting.title} was published meanwhile: publish again.`,
      );
    }
    const entry: PackLogEntry = {
      ...publishedEntry({
        at,
        state,
        boardId,
        meeting,
        number,
        // The publication's own hash: of its recipients' pack hashes, in order.
        hash: sha256(Buffer.from(recipients.map((r) => r.hash).join('\n'))),
        previousHash: last?.hash ?? null,
        identity,
        createdAt,
        contents,
        changes,
      }),
      classification: 'confidential',
      recipients,
    };
    const id = entry.id;
    return {
      changes: [{ target: 'packLog', id, after: entry }],
      value: undefined,
      summary: `Published confidential pack ${number} of ${meeting.title} to ${recipients.length} ${recipients.length === 1 ? 'member' : 'members'} (${last ? `since pack ${last.number}: ${packChangesText(changes)}` : 'first confidential pack of this meeting'}): ${who}`,
    };
  });
  return { number, files };
}
