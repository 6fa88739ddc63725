/**
 * Board packs as the contract offers them: this copy's identity, publishing a
 * meeting's pack, importing one (from the page's bytes or a file the shell
 * names), and the packs of a meeting. The work is in electron/backend/packs/.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import type {
  ConfidentialPlanView,
  IdentityView,
  ImportOutcome,
  PackFile,
  PackLogView,
  PublishedConfidential,
  PublishedPack,
  WatchedFolderView,
} from '../../../shared/contract/packViews.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import { packChangesText } from '../../../shared/packs/packSummary.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { PackLogEntry } from '../../../shared/schema/packs.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { Platform } from '../platform.ts';
import { confidentialPlan, publishConfidential } from '../packs/confidentialPacks.ts';
import { loadAgeIdentity, loadIdentity } from '../packs/identity.ts';
import { publicIdentityOf, readPublicIdentity } from '../packs/publicIdentity.ts';
import { importPack } from '../packs/importPack.ts';
import { notAFolder, type PackOffers } from '../packs/packOffers.ts';
import { packRefused, type PackSource } from '../packs/packZip.ts';
import { packsOfMeeting, publishPack } from '../packs/publishPack.ts';
import { actorOf, mustGet, save, type ServiceContext } from './context.ts';

/** What the pack services need beyond the services' context. */
export interface PackContext extends ServiceContext {
  readonly dataDir: string;
  readonly platform: ServiceContext['platform'] & Pick<Platform, 'keyProtection' | 'saveFile'>;
}

/**
 * The file for the page to download, or, when asked and the shell has one,
 * written through its save dialog (the bytes then stay in the backend).
 */
async function delivered<F extends PackFile>(ctx: PackContext, file: F, saveWithDialog: boolean): Promise<F> {
  const saveFile = ctx.platform.saveFile;
  if (!saveWithDialog || saveFile === undefined) return file;
  const saved = await saveFile({
    fileName: file.fileName,
    mimeType: file.mimeType,
    bytes: Buffer.from(file.dataBase64, 'base64'),
  });
  return { ...file, dataBase64: '', saved };
}

/** This copy's fingerprint and public key (the key pair is made on first need). */
export async function getIdentity(ctx: PackContext): Promise<IdentityView> {
  const identity = await loadIdentity(ctx.dataDir, ctx.platform.keyProtection);
  const age = await loadAgeIdentity(ctx.dataDir, ctx.platform.keyProtection);
  return {
    fingerprint: identity.fingerprint,
    publicKeyPem: identity.publicKeyPem,
    protectedBySystem: identity.protectedBySystem && age.protectedBySystem,
    ageRecipient: age.recipient,
  };
}

/**
 * This copy's public identity as a small file: who, the fingerprint, the
 * signing key in PEM, and the age recipient (signed with that key) that
 * confidential packs for this copy are encrypted to.
 */
export async function exportIdentity(ctx: PackContext, saveWithDialog = false): Promise<PackFile> {
  const identity = await loadIdentity(ctx.dataDir, ctx.platform.keyProtection);
  const age = await loadAgeIdentity(ctx.dataDir, ctx.platform.keyProtection);
  const state = ctx.store().state();
  const name = actorOf(state);
  const content = publicIdentityOf(identity, age, name, state.settings.boardName);
  const file: PackFile = {
    fileName: `${name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim() || 'Boardkeeper'} public identity.json`,
    mimeType: 'application/json',
    dataBase64: Buffer.from(`${JSON.stringify(content, null, 2)}\n`).toString('base64'),
    saved: null,
  };
  return delivered(ctx, file, saveWithDialog);
}

/**
 * Publishes the meeting's public pack, signed with this copy's key. The
 * publication is journaled before the file is saved: if the person then
 * cancels the save dialog, pack n is recorded but not sent, and the next
 * publication is n + 1 (a member takes n + 1 after n - 1); never two packs
 * with the same number.
 */
export async function publishMeetingPack(
  ctx: PackContext,
  meetingId: string,
  saveWithDialog = false,
): Promise<PublishedPack> {
  const identity = await loadIdentity(ctx.dataDir, ctx.platform.keyProtection);
  return delivered(ctx, await publishPack(ctx, identity, meetingId), saveWithDialog);
}

/**
 * Puts a member's public identity (the file they exported) on their record:
 * refused when the file is not one, was changed, or is this copy's own or
 * another member's. The fingerprint is then shown to compare by phone.
 */
export async function importMemberIdentity(
  ctx: PackContext,
  input: ParsedInputOf<'members:importIdentity'>,
): Promise<Saved> {
  const state = ctx.store().state();
  const member = mustGet(state, 'members', input.id, 'member');
  const key = await readPublicIdentity(
    input.fileName,
    Buffer.from(input.dataBase64, 'base64'),
    ctx.clock().toISOString(),
  );
  const own = await loadIdentity(ctx.dataDir, ctx.platform.keyProtection);
  const refuse = (why: string) =>
    new AppFailure('invalid_input', `file: ${input.fileName} ${why} Nothing was changed.`, {
      issues: [{ field: 'file', message: `${input.fileName} ${why}` }],
    });
  if (key.publicKey === own.publicKey) throw refuse('is this copy’s own public identity, not the member’s.');
  return save(ctx, (latest, now) => {
    const other = latest.members
      .values()
      .find((m) => m.id !== member.id && m.recipientKey?.publicKey === key.publicKey);
    if (other) throw refuse(`is already on ${other.name}’s record.`);
    const current = mustGet(latest, 'members', member.id, 'member');
    return {
      changes: [{ target: 'members', id: member.id, after: { ...current, recipientKey: key, updatedAt: now } }],
      id: member.id,
      summary: `Imported the public identity of ${current.name} (fingerprint ${key.fingerprint})`,
    };
  });
}

/** Who would get what in the meeting's next confidential publication. */
export function getConfidentialPlan(state: State, meetingId: string): ConfidentialPlanView {
  return confidentialPlan(state, meetingId);
}

/**
 * Publishes the meeting's confidential packs to the chosen members: one file
 * each, encrypted to them. Journaled before the files are handed back (as a
 * public pack is); with the shell's save dialog, each file is offered in turn.
 */
export async function publishConfidentialPacks(
  ctx: PackContext,
  input: ParsedInputOf<'packs:publishConfidential'>,
): Promise<PublishedConfidential> {
  const identity = await loadIdentity(ctx.dataDir, ctx.platform.keyProtection);
  const published = await publishConfidential(ctx, identity, input.meetingId, input.memberIds);
  const files = [];
  for (const file of published.files) files.push(await delivered(ctx, file, input.saveWithDialog));
  return { ...published, files };
}

/** The packs this copy published or imported for a meeting, newest first. */
export function listMeetingPacks(state: State, meetingId: string): PackLogView[] {
  mustGet(state, 'meetings', meetingId, 'meeting');
  const packs = packsOfMeeting(state, meetingId);
  // The first pack of each series (public, or confidential): those say "first pack of this meeting".
  const firstOf = (e: PackLogEntry) => packs.findIndex((x) => !!x.classification === !!e.classification);
  return packs
    .map((e, i) => ({
      id: e.id,
      direction: e.direction,
      number: e.number,
      hash: e.hash,
      at: e.at,
      boardName: e.boardName,
      publisherName: e.publisherName,
      fingerprint: e.fingerprint,
      changesText: e.number === 1 && i === firstOf(e) ? 'first pack of this meeting' : packChangesText(e.changes),
      confidential: e.classification === 'confidential',
      recipients: (e.recipients ?? []).map((r) => ({ name: r.name, withheld: r.withheld })),
      withheldLines: e.withheld ?? [],
    }))
    .reverse();
}

/** Sets the watched folder (null: none), refusing a path that is not a readable folder. */
export async function setWatchedFolder(
  ctx: ServiceContext & { packOffers(): PackOffers },
  folder: string | null,
  polling: boolean,
): Promise<WatchedFolderView> {
  if (folder !== null) {
    const info = await stat(folder).catch(() => null);
    if (info === null || !info.isDirectory() || !isAbsolute(folder)) throw notAFolder(folder);
  }
  return ctx.packOffers().setWatched(folder, polling);
}

/** Imports a pack from the page's bytes or from a file the shell names (left where it is). */
export async function importPackFrom(ctx: PackContext, input: ParsedInputOf<'packs:import'>): Promise<ImportOutcome> {
  let source: PackSource;
  if (input.dataBase64 !== undefined) {
    source = { name: input.fileName, bytes: Buffer.from(input.dataBase64, 'base64') };
  } else {
    const path = input.path!;
    const name = basename(path);
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile()) throw packRefused(`${name} could not be opened: there is no such file.`);
    source = { name, path };
  }
  return importPack(ctx, source, input.trust, () => loadAgeIdentity(ctx.dataDir, ctx.platform.keyProtection));
}
