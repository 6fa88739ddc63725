/**
 * What the portability channels answer: an archive on its way out, and what
 * an import did.
 */
import type { StoreStatus } from './storeTypes.ts';

/** A `.boardkeeper` archive built for the page to download (the web host) or for the save dialog. */
export interface ArchiveFile {
  readonly fileName: string;
  readonly mimeType: 'application/zip';
  readonly encoding: 'base64';
  readonly content: string;
  readonly kind: 'full' | 'without-private-notes';
  /** The journal entry the archive stands at. */
  readonly seq: number;
  readonly hash: string;
  readonly bytes: number;
  /** What was left out, in words (empty for a full archive). */
  readonly leftOut: readonly string[];
}

/** What an archive import did. */
export interface ArchiveImported {
  readonly status: StoreStatus;
  /** Records per collection in the imported data. */
  readonly counts: Readonly<Record<string, number>>;
  readonly seq: number;
  /** Where the replaced data was kept (null when the folder was empty). */
  readonly replacedDir: string | null;
}

/** An archive saved through the platform's save dialog. */
export interface ArchiveSaved {
  readonly saved: boolean;
  readonly path: string | null;
  readonly fileName: string;
  readonly seq: number;
  readonly leftOut: readonly string[];
}
