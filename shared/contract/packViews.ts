/**
 * The answers of the board-pack and note channels: this copy's identity, a
 * published pack, an import's outcome, the packs of a meeting, the notes on a paper.
 */

/** This copy's public identity, for Settings. */
export interface IdentityView {
  /** Eight groups of four hex digits, e.g. `3F9A 12C4 …`. */
  readonly fingerprint: string;
  readonly publicKeyPem: string;
  /** True when the private key is wrapped by the system's key store; false when stored unwrapped in the data folder. */
  readonly protectedBySystem: boolean;
  /** The age X25519 recipient (age1…) confidential packs for this copy are encrypted to. */
  readonly ageRecipient: string;
}

/** A file the backend made, for the page to download, or that the shell's save dialog wrote. */
export interface PackFile {
  readonly fileName: string;
  readonly mimeType: string;
  /** The bytes, for the page to download; '' when the shell's save dialog was asked (`saved`). */
  readonly dataBase64: string;
  /** When the shell's save dialog was asked: whether the person saved it, and where. Null when the page downloads. */
  readonly saved: { readonly saved: boolean; readonly path: string | null } | null;
}

/** A published pack. */
export interface PublishedPack extends PackFile {
  readonly number: number;
  readonly hash: string;
  /** "since pack 3: 2 papers revised, 1 added, item 5 withdrawn", or "first pack of this meeting". */
  readonly sinceText: string;
}

/** What an import answers: imported, or a question about the publisher (nothing written). */
export type ImportOutcome =
  | {
      readonly outcome: 'needs_trust';
      readonly boardId: string;
      readonly boardName: string;
      readonly publisherName: string;
      readonly fingerprint: string;
      readonly meetingTitle: string;
      readonly meetingDate: string;
      readonly pack: number;
      /** When another key is already trusted for this board: its fingerprint (a change of key to confirm). */
      readonly replacesFingerprint: string | null;
      readonly question: string;
    }
  | {
      readonly outcome: 'imported';
      readonly meetingId: string;
      readonly pack: number;
      /** "pack 4 of Police and Crime Board, 24 June 2026: 2 papers revised, 1 added, 1 item withdrawn; 3 of 12 papers unread". */
      readonly summary: string;
      readonly seq: number;
    };

/** A pack of a meeting, as its page lists it. */
export interface PackLogView {
  readonly id: string;
  readonly direction: 'published' | 'imported';
  readonly number: number;
  readonly hash: string;
  readonly at: string;
  readonly boardName: string;
  readonly publisherName: string;
  readonly fingerprint: string;
  /** "2 papers revised, 1 added, item 5 withdrawn" (since the pack before), or "first pack of this meeting". */
  readonly changesText: string;
  /** A confidential pack: published to named members, or imported as this copy's. */
  readonly confidential: boolean;
  /** A confidential publication: each recipient, with the items withheld from them. */
  readonly recipients: ReadonlyArray<{ readonly name: string; readonly withheld: readonly string[] }>;
  /** An imported confidential pack: "Item 4 is withheld from you: declared interest". */
  readonly withheldLines: readonly string[];
}

/** A note as the paper's page shows it. */
export type PaperNoteView =
  | { readonly id: string; readonly kind: 'paper'; readonly text: string; readonly updatedAt: string }
  | {
      readonly id: string;
      readonly kind: 'passage';
      readonly text: string;
      readonly updatedAt: string;
      /** The passage as it was quoted. */
      readonly exact: string;
      readonly quotedFromVersion: number;
      /** Where it is in the newest version's plain text; null when the passage is gone ("the passage you noted changed"). */
      readonly place: {
        readonly start: number;
        readonly end: number;
        readonly before: string;
        readonly after: string;
        /** Its page, in a PDF paper; null for other papers. */
        readonly page: number | null;
        /** Which appearance of the words on that page it is (1-based; for other papers, 1). */
        readonly occurrenceOnPage: number;
      } | null;
    };

/** A pack offered without being opened by hand: by the system ("open with") or found in the watched folder. */
export interface PackOffer {
  readonly path: string;
  readonly fileName: string;
  readonly from: 'system' | 'watchedFolder';
}

/** The watched folder: where the secretariat drops packs (a shared or synced folder), if any. */
export interface WatchedFolderView {
  readonly folder: string | null;
  /** Polling, for network folders where change events do not arrive. */
  readonly polling: boolean;
  readonly watching: boolean;
}

/** Who would get what in a confidential publication of a meeting, for the publish dialog. */
export interface ConfidentialPlanView {
  /** The number the next confidential publication of this meeting takes. */
  readonly number: number;
  readonly meetingTitle: string;
  readonly items: ReadonlyArray<{
    readonly id: string;
    readonly number: string;
    readonly title: string;
    readonly confidential: boolean;
  }>;
  /** Every current member: those with a recipient key can be chosen (and are, by default). */
  readonly members: ReadonlyArray<{
    readonly memberId: string;
    readonly name: string;
    /** The fingerprint of the public identity on their record; null when none was imported. */
    readonly fingerprint: string | null;
    /** The items withheld from them: why ("declared interest"), and the line their pack carries. */
    readonly withheld: ReadonlyArray<{
      readonly itemId: string;
      readonly number: string;
      readonly why: string;
      readonly line: string;
    }>;
  }>;
}

/** One recipient's encrypted pack. */
export interface ConfidentialPackFile extends PackFile {
  readonly memberId: string;
  readonly memberName: string;
  /** The SHA-256 of the pack's manifest.json (inside the encryption). */
  readonly hash: string;
  /** The numbers of the items withheld from this member. */
  readonly withheld: readonly string[];
}

/** A confidential publication: one encrypted pack per recipient. */
export interface PublishedConfidential {
  readonly number: number;
  readonly files: readonly ConfidentialPackFile[];
}
