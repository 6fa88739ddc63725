/**
 * What every formal document carries (its reference, version, when it was
 * generated and the journal position it was made from) and what a builder
 * returns: the Markdown source, which every other format is made from.
 */

/** A position in the journal: the last entry's sequence number and hash. */
export interface JournalPosition {
  readonly seq: number;
  readonly hash: string;
}

/** The kinds of formal document the app produces. */
export type DocumentKind = 'minutes' | 'notice' | 'conditionsReport' | 'pack' | 'paper' | 'forwardPlan';

/** The facts that anchor a printed copy to the record. */
export interface DocumentMeta {
  readonly kind: DocumentKind;
  /** The board's name, as Settings has it. */
  readonly boardName: string;
  /** E.g. `PCD 2026-117`, `MIN 2026-06-24`, `CR 2026-11-27`. */
  readonly reference: string;
  /** The document's title, e.g. "Minutes of the meeting of 24 June 2026". */
  readonly title: string;
  /** E.g. "Draft, not yet approved" or "2 (approved; amended once)". */
  readonly version: string;
  /** Who may see it: `public` for publication, `confidential` when it holds items taken in private. */
  readonly classification: 'public' | 'confidential';
  /** The instant the document was generated (ISO-8601 UTC). */
  readonly generatedAt: string;
  /** The board's time zone, in which dates and times are written. */
  readonly timeZone: string;
  /** The journal position of the state it was built from. */
  readonly position: JournalPosition;
}

/** A built document: its facts and its Markdown, in two parts (the heading block and the body). */
export interface BuiltDocument {
  readonly meta: DocumentMeta;
  /** The title and the document-control list. */
  readonly headMarkdown: string;
  /** Everything after the document-control list. */
  readonly bodyMarkdown: string;
  /** The whole Markdown document: `headMarkdown` then `bodyMarkdown`. */
  readonly markdown: string;
  /** A file name without extension, e.g. `PCD-2026-117-decision-notice`. */
  readonly fileStem: string;
}

/** What every builder needs besides the records: the moment and the journal position. */
export interface BuildContext {
  /** The instant of generation (ISO-8601 UTC): only the "Generated" line depends on it. */
  readonly now: string;
  readonly position: JournalPosition;
  /** A signed decision's seal (SHA-256 hex, shared/rules/seals.ts), for its notice. */
  readonly seal?: string | null;
}
