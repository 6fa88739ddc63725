/**
 * Handlers for the record's integrity (issue 15): Verify with the search
 * index's position, checking an entry printed on a document, and "Back up to
 * a folder…". The store does the work; these only wire it to the contract.
 */
import type { Handlers } from '../../shared/contract/api.ts';
import { AppFailure } from '../../shared/contract/result.ts';
import type { BackendContext } from './backend.ts';
import { readFolderBackupSettings, writeFolderBackupSettings } from './store/folderBackup.ts';

type IntegrityChannels =
  'audit:verify' | 'audit:checkPrinted' | 'backups:folderGet' | 'backups:folderSet' | 'backups:toFolder';

/** Backs up to the folder set in Settings → Backups, recording when (or why not) in its settings. */
export async function backupToChosenFolder(
  ctx: BackendContext,
): Promise<Awaited<ReturnType<Handlers['backups:toFolder']>>> {
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

/** The integrity handlers, for the handler table. */
export function integrityHandlers(ctx: BackendContext): Pick<Handlers, IntegrityChannels> {
  return {
    'audit:verify': async () => ctx.store().verify({ indexPosition: ctx.search().journalPosition }),
    'audit:checkPrinted': async ({ seq, hash }) => ctx.store().checkPrintedRecord(seq, hash),
    'backups:folderGet': async () => readFolderBackupSettings(ctx.dataDir),
    'backups:folderSet': async ({ folder, keep }) => {
      const settings = folder === null ? null : { folder, keep };
      await writeFolderBackupSettings(ctx.dataDir, settings);
      return settings;
    },
    'backups:toFolder': async () => backupToChosenFolder(ctx),
  };
}
