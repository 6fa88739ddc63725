/**
 * What the backend needs from the platform it runs on (the Electron shell or
 * the web host), as types only: the composition root (backend.ts) takes a
 * `Platform`, and the services that use a part of it name that part.
 */
import type { StartAtLogin } from '../../shared/contract/deadlineViews.ts';
import type { PrintSettings } from '../../shared/documents/documentHtml.ts';

/** What the backend needs from the platform it runs on. */
export interface Platform {
  /** Opens a folder in the system's file manager; false when the host cannot. */
  openPath(path: string): Promise<boolean>;
  /** Ends the app (Electron) or the host (web). */
  quit(): void;
  /** Starting the app at login (the Electron shell); absent where the host cannot. */
  startAtLogin?: StartAtLoginControl;
  /**
   * Prints a document's HTML to PDF with JavaScript off (Electron: a hidden
   * window's printToPDF; the web host: Chromium, when installed). Absent where
   * no printer is available: PDF exports are then refused with a way out.
   */
  printPdf?(html: string, settings: PrintSettings): Promise<Uint8Array>;
  /**
   * Asks the person where to save a file and writes it there (Electron's save
   * dialog). Absent in the web host, where the page downloads the file itself.
   */
  saveFile?(file: FileToSave): Promise<{ readonly saved: boolean; readonly path: string | null }>;
  /**
   * Wraps this copy's private key with the system's key store (Electron's
   * safeStorage). Absent in the web host and plain Node: the key is then
   * stored unwrapped in the data folder, and Settings says so.
   */
  keyProtection?: KeyProtection;
  /**
   * Asks the person to choose a folder (Electron's open dialog, folders only);
   * null when they cancel. Absent in the web host, where the folder is typed.
   */
  chooseFolder?(title: string): Promise<string | null>;
}

/** Encryption by the system's key store, tied to the signed-in user (Electron's safeStorage). */
export interface KeyProtection {
  isAvailable(): boolean;
  encrypt(data: Buffer): Buffer;
  decrypt(data: Buffer): Buffer;
}

/** How start at login is read and changed where the host can (the Electron shell). */
export interface StartAtLoginControl {
  get(): Promise<StartAtLogin>;
  set(enabled: boolean): Promise<StartAtLogin>;
}

/** A generated file on its way to the person's disk. */
export interface FileToSave {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}
