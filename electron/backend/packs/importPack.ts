/**
 * Importing a board pack into a member's copy. Every check comes before
 * anything is written: the zip's structure (packZip.ts), the signature, every
 * file's hash and the records' schemas (packSignature.ts), then against this
 * copy: the board, the publisher's key (trusted, or asked about), the pack
 * number (an older or replayed pack is refused). Then the blobs are stored
 * and the records merged by id in one journal entry: new records added, a
 * revised paper gets a new version (the old ones kept), a withdrawn item is
 * marked withdrawn, the member's own records (notes, read marks, deadlines'
 * snoozes, the reminder ledger) never touched.
 *
 * Imported records take this moment as their `updatedAt`, and a condition
 * new to this copy takes it as its `learnedAt` (when this copy learned of it,
 * from which reminders are owed; kept on later packs), so an import never
 * fires a burst of notifications for dates already past (their `createdAt`
 * stays the secretariat's: when the board recorded them).
 */
import type { ImportOutcome } from '../../../shared/contract/packViews.ts';
import { importSummaryText, packChangesOf, type PackContents } from '../../../shared/packs/packSummary.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import type { Paper } from '../../../shared/schema/papers.ts';
import type { PackLogEntry, PackRecordRef, Publisher } from '../../../shared/schema/packs.ts';
import { DEFAULT_SETTINGS } from '../../../shared/schema/settings.ts';
import type { RecordChange, State } from '../../../shared/schema/state.ts';
import { longDate } from '../../../shared/dates/calendarDates.ts';
import { actorOf, newId, type ServiceContext } from '../services/context.ts';
import { isRead } from '../services/meetings.ts';
import { open as openFile, readFile } from 'node:fs/promises';
import { decryptPack, isAgeFile, type AgeKey } from './agePacks.ts';
import { packRefused, readPackZip, type PackSource } from './packZip.ts';
import { verifyPack, type VerifiedPack } from './packSignature.ts';

/** The copy's board, as its trusted publishers say: null before the first import. */
function boardOfCopy(state: State): { id: string; name: string } | null {
  const trusted = state.publishers.values().find((p) => p.trusted);
  return trusted ? { id: trusted.boardId, name: trusted.boardName } : null;
}

/** The last pack imported for this board, publisher and meeting. */
function lastImported(state: State, pack: VerifiedPack): PackLogEntry | null {
  const { manifest } = pack;
  let last: PackLogEntry | null = null;
  for (const e of state.packLog) {
    if (
      e.direction === 'imported' &&
      e.boardId === manifest.board.id &&
      e.publicKey === manifest.publisher.publicKey &&
      e.meetingId === manifest.meeting.id &&
      // Public and confidential packs are counted apart; a confidential one per recipient.
      (e.recipient?.ageRecipient ?? null) === (manifest.recipient?.ageRecipient ?? null) &&
      (last === null || e.number > last.number)
    ) {
      last = e;
    }
  }
  return last;
}

/** Refuses a pack this copy must not take (another board, its own, an older or replayed one). */
function checkAgainstCopy(state: State, name: string, pack: VerifiedPack): void {
  const { manifest } = pack;
  if (state.packLog.values().some((e) => e.direction === 'published' && e.boardId === manifest.board.id)) {
    throw packRefused(
      `${name} is a pack of ${manifest.board.name}, which this copy publishes: it is the secretariat's copy.`,
    );
  }
  const board = boardOfCopy(state);
  if (board && board.id !== manifest.board.id) {
    throw packRefused(
      `${name} is a pack of ${manifest.board.name} (${manifest.board.id}); this copy takes the packs of ${board.name} (${board.id}).`,
    );
  }
  const last = lastImported(state, pack);
  if (last && manifest.pack <= last.number) {
    throw packRefused(
      manifest.pack === last.number
        ? `You already have pack ${last.number} of ${manifest.meeting.title} (imported ${longDate(last.at.slice(0, 10))}): ${name} is the same pack again.`
        : `You already have pack ${last.number} of ${manifest.meeting.title}: ${name} is the older pack ${manifest.pack}.`,
    );
  }
}

/** The trust question for an unknown key, or null when the key is trusted for this board. */
function trustQuestion(state: State, pack: VerifiedPack): Extract<ImportOutcome, { outcome: 'needs_trust' }> | null {
  const { manifest } = pack;
  const publishers = state.publishers.values().filter((p) => p.boardId === manifest.board.id);
  const same = publishers.find((p) => p.publicKey === manifest.publisher.publicKey);
  if (same?.trusted) return null;
  const other = publishers.find((p) => p.trusted && p.publicKey !== manifest.publisher.publicKey) ?? null;
  const base = {
    outcome: 'needs_trust' as const,
    boardId: manifest.board.id,
    boardName: manifest.board.name,
    publisherName: manifest.publisher.name,
    fingerprint: manifest.publisher.fingerprint,
    meetingTitle: manifest.meeting.title,
    meetingDate: manifest.meeting.date,
    pack: manifest.pack,
    replacesFingerprint: other?.fingerprint ?? null,
  };
  return {
    ...base,
    question: other
      ? `This pack of ${manifest.board.name} is signed by another key (fingerprint ${manifest.publisher.fingerprint}) than the one you trust (${other.fingerprint}). Trust the new key only if the secretariat told you, by a way you trust, that it changed.`
      : `Trust the secretariat of ${manifest.board.name}, fingerprint ${manifest.publisher.fingerprint}? Check the fingerprint with the secretariat before you say yes.`,
  };
}

/** Same record apart from `updatedAt`: nothing to write. */
function sameRecord(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}

/** The paper as this copy keeps it after the pack: versions it had, and the pack's when newer. */
function mergedPaper(local: Paper | undefined, incoming: Paper, now: string): { paper: Paper; revised: boolean } {
  const version = incoming.versions[0]!;
  if (!local) return { paper: { ...incoming, updatedAt: now }, revised: false };
  const last = local.versions[local.versions.length - 1]!;
  const revised = version.version > last.version;
  return {
    paper: { ...incoming, versions: revised ? [...local.versions, version] : local.versions, updatedAt: now },
    revised,
  };
}

/**
 * The meeting as this copy keeps it: the pack's items, and items it no longer
 * carries marked withdrawn; a public pack does not carry confidential items,
 * so those a confidential pack brought are kept as they are.
 */
function mergedMeeting(local: Meeting | undefined, incoming: Meeting, now: string, confidential: boolean): Meeting {
  const carried = new Set(incoming.agenda.map((i) => i.id));
  const others = (local?.agenda ?? []).filter((i) => !carried.has(i.id));
  const kept = confidential ? [] : others.filter((i) => i.confidential && !i.withdrawn);
  const withdrawn = others.filter((i) => !kept.includes(i)).map((i) => ({ ...i, withdrawn: true }));
  return { ...incoming, agenda: [...incoming.agenda, ...kept, ...withdrawn], updatedAt: now };
}

/** The first bytes of a file on disk. */
async function headOf(path: string, length: number): Promise<Buffer> {
  const handle = await openFile(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The pack zip to read: the source itself, or, for an age-encrypted pack, its payload decrypted with this copy's key. */
async function openedSource(source: PackSource, ageKey: () => Promise<AgeKey>): Promise<PackSource> {
  const head = source.bytes ?? (await headOf(source.path, 64).catch(() => Buffer.alloc(0)));
  if (!isAgeFile(head)) return source;
  const bytes = source.bytes ?? (await readFile(source.path));
  const zip = await decryptPack(source.name, bytes, await ageKey());
  if (!zip.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw packRefused(`${source.name} decrypts to something that is not a board pack (not a zip).`);
  }
  return { name: source.name, bytes: zip };
}

/** Refuses a confidential pack made for another member (its manifest names its recipient). */
async function checkRecipient(name: string, pack: VerifiedPack, ageKey: () => Promise<AgeKey>): Promise<void> {
  const recipient = pack.manifest.recipient;
  if (recipient === undefined) return;
  const key = await ageKey();
  if (recipient.ageRecipient !== key.recipient) {
    throw packRefused(`${name}: this pack is for another member (${recipient.name}), not for this copy.`);
  }
}

/**
 * Imports a pack. With `trust` false, an unknown publisher (or a new key for
 * a board) is answered with the question and nothing is written; with `trust`
 * true the key is trusted for the pack's board in the same journal entry.
 */
export async function importPack(
  ctx: ServiceContext,
  source: PackSource,
  trust: boolean,
  ageKey: () => Promise<AgeKey>,
): Promise<ImportOutcome> {
  const opened = await openedSource(source, ageKey);
  const files = await readPackZip(opened);
  const pack = verifyPack(source.name, files);
  await checkRecipient(source.name, pack, ageKey);
  const store = ctx.store();
  checkAgainstCopy(store.state(), source.name, pack);
  const question = trustQuestion(store.state(), pack);
  if (question && !trust) return question;

  // Every check passed: the blobs go in first (content-addressed, so harmless if the entry fails).
  for (const [, bytes] of pack.blobs) await store.blobs.put(bytes);

  const { manifest } = pack;
  const result = await store.mutate(actorOf(store.state()), '', (state) => {
    checkAgainstCopy(state, source.name, pack);
    const now = ctx.clock().toISOString();
    const changes: RecordChange[] = [];
    const records: PackRecordRef[] = [];
    const put = (collection: PackRecordRef['collection'], record: { id: string; updatedAt: string }) => {
      records.push({ collection, id: record.id });
      const current = state[collection].get(record.id);
      if (!sameRecord(current, record)) changes.push({ target: collection, id: record.id, after: record as never });
    };
    const previousMeeting = state.meetings.get(manifest.meeting.id);
    const before: PackContents | null = previousMeeting
      ? {
          papers: [],
          items: previousMeeting.agenda
            .filter((i) => !i.withdrawn)
            .map((i) => ({ id: i.id, number: i.number, title: i.title })),
        }
      : null;
    for (const member of pack.members) put('members', { ...member, updatedAt: now });
    put('meetings', mergedMeeting(previousMeeting, pack.meeting, now, manifest.classification === 'confidential'));
    const added: string[] = [];
    const revised: string[] = [];
    for (const { paper } of pack.papers) {
      const local = state.papers.get(paper.id);
      const merged = mergedPaper(local, paper, now);
      if (!local) added.push(paper.reference);
      if (merged.revised) revised.push(paper.reference);
      put('papers', merged.paper);
    }
    for (const decision of pack.decisions) put('decisions', { ...decision, updatedAt: now });
    // The board learned of a condition when its first pack arrived here (issue 13's learnedAt), not
    // when the secretariat did: reminders are owed from then, set explicitly rather than read from updatedAt.
    for (const condition of pack.conditions) {
      const learnedAt = state.conditions.get(condition.id)?.learnedAt ?? now;
      const learned = { ...condition, learnedAt, updatedAt: now };
      put('conditions', learned);
    }
    if (question) {
      const existing = state.publishers
        .values()
        .find((p) => p.boardId === manifest.board.id && p.publicKey === manifest.publisher.publicKey);
      const publisher: Publisher = {
        id: existing?.id ?? newId('pub_'),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        boardId: manifest.board.id,
        boardName: manifest.board.name,
        publicKey: manifest.publisher.publicKey,
        fingerprint: manifest.publisher.fingerprint,
        trusted: true,
        decidedAt: now,
      };
      changes.push({ target: 'publishers', id: publisher.id, after: publisher });
    }
    if (state.settings.boardName === DEFAULT_SETTINGS.boardName) {
      changes.push({
        target: 'settings',
        id: 'settings',
        after: { ...state.settings, boardName: manifest.board.name },
      });
    }
    const contents: PackContents = {
      papers: pack.papers.map(({ paper }) => ({
        id: paper.id,
        reference: paper.reference,
        version: paper.versions[0]!.version,
      })),
      items: pack.meeting.agenda.map((i) => ({ id: i.id, number: i.number, title: i.title })),
    };
    const changesSince = { ...packChangesOf(before, contents), added, revised };
    const id = newId('pck_');
    const entry: PackLogEntry = {
      id,
      createdAt: now,
      updatedAt: now,
      direction: 'imported',
      boardId: manifest.board.id,
      boardName: manifest.board.name,
      meetingId: manifest.meeting.id,
      meetingTitle: manifest.meeting.title,
      meetingDate: manifest.meeting.date,
      number: manifest.pack,
      hash: pack.hash,
      previousHash: manifest.previousPackHash,
      publicKey: manifest.publisher.publicKey,
      fingerprint: manifest.publisher.fingerprint,
      publisherName: manifest.publisher.name,
      packCreatedAt: manifest.createdAt,
      at: now,
      papers: [...contents.papers],
      items: [...contents.items],
      changes: changesSince,
      records,
      ...(manifest.recipient && {
        classification: 'confidential' as const,
        recipient: {
          name: manifest.recipient.name,
          fingerprint: manifest.recipient.fingerprint,
          ageRecipient: manifest.recipient.ageRecipient,
        },
        withheld: (manifest.withheld ?? []).map((w) => w.line),
      }),
    };
    changes.push({ target: 'packLog', id, after: entry });
    return {
      changes,
      value: { entry, contents },
      summary: `Imported pack ${manifest.pack} of ${manifest.meeting.title} from ${manifest.board.name} (published by ${manifest.publisher.name}, key ${manifest.publisher.fingerprint}; SHA-256 ${pack.hash.slice(0, 12)}…)`,
    };
  });
  const after = store.state();
  const unread = result.value.contents.papers.filter((p) => !isRead(after, p.id)).length;
  return {
    outcome: 'imported',
    meetingId: manifest.meeting.id,
    pack: manifest.pack,
    seq: result.seq,
    summary: [
      importSummaryText({
        number: manifest.pack,
        boardName: manifest.board.name,
        meetingDate: manifest.meeting.date,
        changes: result.value.entry.changes,
        unread,
        papers: result.value.contents.papers.length,
      }),
      // A confidential pack says what it withheld: "Item 4 is withheld from you: declared interest".
      ...(manifest.withheld ?? []).map((w) => w.line),
    ].join('. '),
  };
}
