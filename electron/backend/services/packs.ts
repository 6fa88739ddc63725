/**
 * Board packs as the contract offers them: this copy's identity, publishing a
 * meeting's pack, importing one (from the page's bytes or a file the shell
 * names), and the packs of a meeting. The work is in electron/backend/packs/.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import type {
  IdentityView,
  ImportOutcome,
  PackFile,
  PackLogView,
  PublishedPack,
  WatchedFolderView,
} from '../../../shared/contract/packViews.ts';
import { packChangesText } from '../../../shared/packs/packSummary.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { Platform } from '../platform.ts';
import { loadIdentity } from '../packs/identity.ts';
import { importPack } from '../packs/importPack.ts';
import { notAFolder, type PackOffers } from '../packs/packOffers.ts';
import { packRefused, type PackSource } from '../packs/packZip.ts';
import { packsOfMeeting, publishPack } from '../packs/publishPack.ts';
import { actorOf, mustGet, type ServiceContext } from './context.ts';

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
  return {
    fingerprint: identity.fingerprint,
    publicKeyPem: identity.publicKeyPem,
    protectedBySystem: identity.protectedBySystem,
  };
}

/** This copy's public identity as a small file: who, the fingerprint and the key in PEM. */
export async function exportIdentity(ctx: PackContext, saveWithDialog = false): Promise<PackFile> {
  const identity = await loadIdentity(ctx.dataDir, ctx.platform.keyProtection);
  const state = ctx.store().state();
  const name = actorOf(state);
  const content = {
    format: 'boardkeeper-public-identity',
    version: 1,
    name,
    board: state.settings.boardName,
    fingerprint: identity.fingerprint,
    publicKey: identity.publicKey,
    publicKeyPem: identity.publicKeyPem,
  };
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

/** The packs this copy published or imported for a meeting, newest first. */
export function listMeetingPacks(state: State, meetingId: string): PackLogView[] {
  mustGet(state, 'meetings', meetingId, 'meeting');
  return packsOfMeeting(state, meetingId)
    .map((e, i) => ({
      id: e.id,
      direction: e.direction,
      number: e.number,
      hash: e.hash,
      at: e.at,
      boardName: e.boardName,
      publisherName: e.publisherName,
      fingerprint: e.fingerprint,
      changesText: i === 0 && e.number === 1 ? 'first pack of this meeting' : packChangesText(e.changes),
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
export async function importPackFrom(
  ctx: ServiceContext,
  input: ParsedInputOf<'packs:import'>,
): Promise<ImportOutcome> {
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
  return importPack(ctx, source, input.trust);
}
