/**
 * The record's integrity: Verify with the search index's position, checking
 * an entry printed on a document, and "Back up to a folder…". The store does
 * the work; these name it for the handler table and the backend's schedule.
 */
import type { OutputOf } from '../../../shared/contract/api.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { readFolderBackupSettings, writeFolderBackupSettings } from '../store/folderBackup.ts';
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
