/**
 * The native dialogs main shows, as plain data: what to say and which
 * button does what. Each message names the thing, the problem and the way
 * out (STYLE.md habit 5); main.ts only shows them and acts on the answer.
 */
import type { MessageBoxOptions } from 'electron';
import type { BackupInfo, StoreStatus } from '../../shared/contract/storeTypes.ts';
import { PRODUCT_NAME } from './appIdentity.ts';

/** What a button of the store-problem dialog does. */
export type ProblemChoice = 'openDataFolder' | 'quit' | 'continue';

/** A dialog with the action each button stands for, in button order. */
export interface ChoiceDialog<C extends string> {
  readonly options: MessageBoxOptions;
  readonly choices: readonly C[];
}

const CHOICE_LABELS: Readonly<Record<ProblemChoice, string>> = {
  openDataFolder: 'Open data folder',
  quit: 'Quit',
  continue: 'Continue',
};

/**
 * The dialog for a store that failed to open, or null when it is ready. The
 * window stays the place to restore a backup (it can show which one); the
 * dialog offers what only the OS can do well: show the folder, or quit.
 */
export function storeProblemDialog(status: StoreStatus): ChoiceDialog<ProblemChoice> | null {
  const { problem } = status;
  if (status.status === 'ready' || problem === undefined) return null;
  const choices: ProblemChoice[] = ['continue'];
  if (problem.recovery.includes('openDataFolder')) choices.push('openDataFolder');
  if (problem.recovery.includes('quit')) choices.push('quit');
  const detail = [
    problem.file === undefined ? undefined : `File: ${problem.file}`,
    problem.asideCopy === undefined ? undefined : `A copy was set aside as ${problem.asideCopy}; nothing was changed.`,
    `Data folder: ${status.dataDir}`,
    problem.recovery.includes('restoreNewestBackup')
      ? `Continue to ${PRODUCT_NAME} to restore the newest backup${problem.newestBackup ? ` (${problem.newestBackup.createdAt})` : ''}. Until then nothing will be saved.`
      : `Until this is fixed nothing will be saved.`,
  ].filter((line): line is string => line !== undefined);
  return {
    options: {
      type: 'error',
      title: `${PRODUCT_NAME} cannot use its data`,
      message: problem.message,
      detail: detail.join('\n'),
      buttons: choices.map((choice) => CHOICE_LABELS[choice]),
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    },
    choices,
  };
}

/** What a button of the start-failure dialog does. */
export type StartFailureChoice = 'quit' | 'openDataFolder';

/**
 * The dialog when the backend cannot start at all: the data folder is held by
 * another process (the message names it) or cannot be created.
 */
export function startFailureDialog(dataDir: string, message: string): ChoiceDialog<StartFailureChoice> {
  const choices: StartFailureChoice[] = ['quit', 'openDataFolder'];
  return {
    options: {
      type: 'error',
      title: `${PRODUCT_NAME} cannot start`,
      message: `${PRODUCT_NAME} could not open its data folder.`,
      detail: `${message}\n\nData folder: ${dataDir}`,
      buttons: choices.map((choice) => (choice === 'quit' ? 'Quit' : 'Open data folder and quit')),
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    },
    choices,
  };
}

/** The message after "Back up now". */
export function backupDoneDialog(backup: BackupInfo, dataDir: string): MessageBoxOptions {
  return {
    type: 'info',
    title: 'Backup made',
    message: 'Your data has been backed up.',
    detail: `Folder: backups/${backup.id} in ${dataDir}\nIt holds every change up to number ${backup.seq}.`,
    buttons: ['OK'],
    noLink: true,
  };
}

/** The message when "Back up now" failed. */
export function backupFailedDialog(message: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Backup failed',
    message: 'The backup could not be made.',
    detail: `${message}\n\nYour data is unchanged. Try again, or copy the data folder by hand (Help > Open data folder).`,
    buttons: ['OK'],
    noLink: true,
  };
}

/** The About box. */
export function aboutDialog(info: {
  readonly version: string;
  readonly electron: string;
  readonly dataDir: string;
}): MessageBoxOptions {
  return {
    type: 'info',
    title: `About ${PRODUCT_NAME}`,
    message: `${PRODUCT_NAME} ${info.version}`,
    detail: `Papers, meetings, decisions, conditions, contracts and every deadline of an oversight board, kept offline.\n\nElectron ${info.electron}\nData folder: ${info.dataDir}`,
    buttons: ['OK'],
    noLink: true,
  };
}

/**
 * The message when start-up failed past the data folder (a bug, a missing
 * file of the app). With the window kept, the person may go on; without one
 * the app quits after this, and says where the details are for a report.
 */
export function startProblemDialog(message: string, logFile: string, windowKept: boolean): MessageBoxOptions {
  return {
    type: 'error',
    title: windowKept ? `${PRODUCT_NAME} did not finish starting` : `${PRODUCT_NAME} cannot start`,
    message: windowKept
      ? `Something went wrong while ${PRODUCT_NAME} was starting. Some parts may not work until you restart it.`
      : `${PRODUCT_NAME} could not start and will close.`,
    detail: `${message}\n\nThe details are in ${logFile}; please include that file when you report this.`,
    buttons: ['OK'],
    noLink: true,
  };
}

/** What a button of the page-stopped dialog does. */
export type RendererGoneChoice = 'reload' | 'quit';

/** The dialog when the page's process ended (a crash, out of memory): the window would stay blank. */
export function rendererGoneDialog(reason: string, logFile: string): ChoiceDialog<RendererGoneChoice> {
  const choices: RendererGoneChoice[] = ['reload', 'quit'];
  return {
    options: {
      type: 'error',
      title: `${PRODUCT_NAME} stopped showing its page`,
      message: `The page of ${PRODUCT_NAME} stopped (${reason}). Everything you saved is kept.`,
      detail: `Reload to go on where you were, or quit. The details are in ${logFile}.`,
      buttons: ['Reload', 'Quit'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    },
    choices,
  };
}
