/**
 * How the desktop app prints documents to PDF and saves exported files: a
 * hidden, sandboxed window with JavaScript off loads the document's HTML and
 * `webContents.printToPDF` prints it (A4, the reference and "Page N of M" in
 * the footer, tagged for screen readers, with an outline); a save dialog asks
 * where a file goes. The Electron pieces come in as arguments, so tests drive
 * this with the fake electron module.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import type { PrintSettings } from '../../shared/documents/documentHtml.ts';
import type { FileToSave } from '../backend/platform.ts';
import { writeFileAtomic } from '../backend/store/atomicFile.ts';

const MM_PER_INCH = 25.4;

/** The longest a print may take before it is given up. */
const PRINT_TIMEOUT_MS = 60_000;

/** The printToPDF options for a document: A4, its margins, header and footer, tagged, with an outline. */
export function printToPdfOptions(settings: PrintSettings): PrintToPDFOptions {
  const inches = (mm: number): number => Math.round((mm / MM_PER_INCH) * 10_000) / 10_000;
  return {
    pageSize: settings.pageSize,
    margins: {
      top: inches(settings.marginsMm.top),
      right: inches(settings.marginsMm.right),
      bottom: inches(settings.marginsMm.bottom),
      left: inches(settings.marginsMm.left),
    },
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: settings.headerTemplate,
    footerTemplate: settings.footerTemplate,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/** The part of a BrowserWindow the printer uses. */
export type PrintWindow = Pick<BrowserWindow, 'loadURL' | 'destroy' | 'isDestroyed'> & {
  readonly webContents: Pick<BrowserWindow['webContents'], 'printToPDF'>;
};

/** Electron's BrowserWindow class (or the fake one in tests). */
export type PrintWindowClass = new (options: BrowserWindowConstructorOptions) => PrintWindow;

/**
 * Prints `html` to PDF in a hidden window of class `BrowserWindow`. The HTML goes
 * through a file of its own in a fresh temp folder (a data: URL has a length
 * limit that long minutes could pass); the folder and the window are removed
 * afterwards, whatever happens.
 */
export async function printPdfInHiddenWindow(
  BrowserWindow: PrintWindowClass,
  html: string,
  settings: PrintSettings,
): Promise<Uint8Array> {
  const folder = await mkdtemp(path.join(tmpdir(), 'boardkeeper-print-'));
  // Never shown, sandboxed, isolated, no Node, no preload, and JavaScript
  // off: the document is printed as it is, and nothing in it runs. Written
  // out here, as a literal, so the security scan (npm run security) sees it.
  const window = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      spellcheck: false,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const file = path.join(folder, 'document.html');
    await writeFile(file, html, 'utf8');
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`printing took longer than ${PRINT_TIMEOUT_MS / 1000} seconds`)),
        PRINT_TIMEOUT_MS,
      );
    });
    const print = async (): Promise<Uint8Array> => {
      await window.loadURL(pathToFileURL(file).href);
      return new Uint8Array(await window.webContents.printToPDF(printToPdfOptions(settings)));
    };
    return await Promise.race([print(), timeout]);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

const FILTERS: Readonly<Record<string, { readonly name: string; readonly extensions: string[] }>> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  html: { name: 'Web page (HTML)', extensions: ['html'] },
  md: { name: 'Markdown text', extensions: ['md'] },
  csv: { name: 'CSV spreadsheet', extensions: ['csv'] },
};

/** The part of `dialog` the saver uses. */
export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;

/** The options of the save dialog for a file: its name in `folder`, and a filter for its type. */
export function saveDialogOptions(fileName: string, folder: string | null): SaveDialogOptions {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const filter = FILTERS[extension];
  return {
    title: `Save ${fileName}`,
    defaultPath: folder === null ? fileName : path.join(folder, fileName),
    filters: filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/**
 * Asks where to save `file` and writes it there atomically (a temp file
 * beside it, then a rename): an interrupted save never leaves half a file.
 */
export async function saveWithDialog(
  showSaveDialog: ShowSaveDialog,
  file: FileToSave,
  folder: string | null,
): Promise<{ saved: boolean; path: string | null }> {
  const answer = await showSaveDialog(saveDialogOptions(file.fileName, folder));
  if (answer.canceled || answer.filePath === undefined || answer.filePath === '') return { saved: false, path: null };
  await writeFileAtomic(answer.filePath, file.bytes);
  return { saved: true, path: answer.filePath };
}
