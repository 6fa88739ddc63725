/**
 * The record's integrity: Verify with the search index's position, checking
 * an entry printed on a document, and "Back up to a folder…". The store does
 * the work; these name it for the handler table and the backend's schedule.
 */
import { join } from 'node:path';
import type { OutputOf } from '../../../shared/contract/api.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { installDataCopy } from '../store/backups.ts';
import {
  checkFolderBackup,
  listFolderBackups,
  readFolderBackupSettings,
  writeFolderBackupSettings,
} from '../store/folderBackup.ts';
import type { BackendContext } from './context.ts';

/** Backs up to the folder set in Settings → Backups, recording when (or why not) in its settings. */
export async function backupToChosenFolder(ctx: BackendContext): Promise<OutputOf<'backups:toFolder'>> {
  const settings = await readFolderBackupSettings(ctx.dataDir);
  if (settings === null) {
    throw new AppFailure('not_found', 'No backup folder is set: choose one in Settings → Backups first.');
  }
  try {
    const info = await ctx.store().backupToFolder(settings.folder, settings.keep);
    await writeFolderBackupSettings(ctx.dataDir, {
      folder: settings.folder,
      keep: settings.keep,
      lastAt: info.createdAt,
    });
    ctx.store().reportFolderBackup(null);
    return info;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await writeFolderBackupSettings(ctx.dataDir, { ...settings, lastError: message });
    ctx.store().reportFolderBackup(message);
    throw error;
  }
}

/** Verify: the whole chain of custody, with the search index's position on it. */
export function verifyRecord(ctx: BackendContext): Promise<OutputOf<'audit:verify'>> {
  return ctx.store().verify({ indexPosition: ctx.search().journalPosition });
}

/** Whether the journal holds exactly the entry `seq` with `hash`, as printed on a document. */
export function checkPrintedEntry(
  ctx: BackendContext,
  seq: number,
  hash: string,
): Promise<OutputOf<'audit:checkPrinted'>> {
  return ctx.store().checkPrintedRecord(seq, hash);
}

/** Sets (or, with `folder` null, clears) the folder that "Back up to a folder…" copies to. */
export async function setBackupFolder(
  ctx: BackendContext,
  folder: string | null,
  keep: number,
): Promise<OutputOf<'backups:folderSet'>> {
  const settings = folder === null ? null : { folder, keep };
  await writeFolderBackupSettings(ctx.dataDir, settings);
  return settings;
}

/** The folder "Back up to a folder…" copies to, with when it last did (or why not). */
export function getBackupFolder(ctx: BackendContext): Promise<OutputOf<'backups:folderGet'>> {
  return readFolderBackupSettings(ctx.dataDir);
}

/** The system's folder picker (the desktop app); the web host has none, and the page asks for a typed path. */
export async function chooseBackupFolder(ctx: BackendContext): Promise<OutputOf<'backups:chooseFolder'>> {
  if (!ctx.platform.chooseFolder) {
    throw new AppFailure('not_found', "This host cannot show a folder picker: type the folder's path instead.");
  }
  return { folder: await ctx.platform.chooseFolder('Choose a folder for backups') };
}

/** The backups in the folder set in Settings → Backups, newest first (none when no folder is set). */
export async function listChosenFolderBackups(ctx: BackendContext): Promise<OutputOf<'backups:folderList'>> {
  const settings = await readFolderBackupSettings(ctx.dataDir);
  return settings === null ? [] : listFolderBackups(settings.folder);
}

/**
 * Restores a backup from the chosen folder. It is checked as a whole first
 * (chain, checkpoint against its journal, every blob's content): one that does
 * not verify is refused, nothing replaced, saying why and naming the next
 * (older) one. Else the current data is backed up and moved aside, and the copy put in its place.
 */
export async function restoreFromChosenFolder(
  ctx: BackendContext,
  id: string,
): Promise<OutputOf<'backups:restoreFromFolder'>> {
  const settings = await readFolderBackupSettings(ctx.dataDir);
  if (settings === null)
    throw new AppFailure('not_found', 'No backup folder is set: choose one in Settings → Backups first.');
  const backups = await listFolderBackups(settings.folder);
  const chosen = backups.find((b) => b.id === id);
  if (chosen === undefined) throw new AppFailure('not_found', `There is no backup named ${id} in ${settings.folder}.`);
  const problem = await checkFolderBackup(settings.folder, id);
  if (problem !== null) {
    const next = backups[backups.indexOf(chosen) + 1];
    throw new AppFailure(
      'conflict',
      `The backup ${id} in ${settings.folder} does not verify (${problem}), so nothing was replaced.${next ? ` The next one is ${next.id} (entry ${next.seq}): restore that one instead?` : ' There is no older backup there.'}`,
      { next: next ?? null },
    );
  }
  const { status } = await ctx.replaceData(() => installDataCopy(ctx.dataDir, join(settings.folder, id), ctx.clock()));
  return status;
}
