/**
 * Plain types the store reports through the contract: its status, problems
 * and recovery actions, backups, audit entries and the verify report.
 */

/** What the user can do when the store cannot be opened. */
export type RecoveryAction = 'restoreNewestBackup' | 'openDataFolder' | 'quit';

/** Why the store cannot be used. */
export type StoreProblemCode =
  'corrupt_checkpoint' | 'corrupt_journal' | 'newer_version' | 'chain_broken' | 'locked' | 'io_error';

/** A store that failed to open, said for a person: what, where, and the way out. */
export interface StoreProblem {
  readonly code: StoreProblemCode;
  readonly message: string;
  /** The file at fault, relative to the data folder. */
  readonly file?: string;
  /** Where a copy of the file was set aside, relative to the data folder. */
  readonly asideCopy?: string;
  readonly recovery: readonly RecoveryAction[];
  readonly newestBackup?: BackupInfo;
}

/** Something the store noticed and dealt with, e.g. a torn journal line set aside. */
export interface StoreWarning {
  readonly code:
    | 'torn_journal_line'
    | 'stale_temp_swept'
    /** db.json could not be trusted: it was set aside and the state rebuilt from the journal. */
    | 'checkpoint_rebuilt'
    /** The seals beside the journal were damaged and started again. */
    | 'seals_reset'
    /** The last checkpoint could not be written (the journal still holds every change). */
    | 'checkpoint_failed'
    /** The start-of-session backup failed (the save went ahead). */
    | 'backup_failed'
    /** The background check or the weekly Verify found something wrong. */
    | 'integrity_problem'
    /** The scheduled backup to the chosen folder failed. */
    | 'folder_backup_failed';
  readonly message: string;
  readonly file?: string;
}

/** The store's state for the UI. */
export interface StoreStatus {
  /**
   * `opening` while the store opens and the page is already served (every
   * other channel answers once it is open); with `progress` when the state
   * is being rebuilt from the journal, saying how far.
   */
  readonly status: 'opening' | 'ready' | 'failed';
  /** While `opening` by a rebuild from the journal: bytes of the journal replayed out of its total. */
  readonly progress?: { readonly done: number; readonly total: number };
  readonly dataDir: string;
  /** Sequence number and hash of the newest journal entry (0 and 64 zeros when empty). */
  readonly seq: number;
  readonly hash: string;
  /** Sequence number the checkpoint on disk includes. */
  readonly checkpointSeq: number;
  readonly schemaVersion: number;
  readonly problem?: StoreProblem;
  readonly warnings: readonly StoreWarning[];
}

/** One backup folder. */
export interface BackupInfo {
  /** The folder name under `backups/`, e.g. `2026-11-27T09-00-00-000Z`. */
  readonly id: string;
  readonly createdAt: string;
  readonly reason: 'start' | 'manual' | 'before-restore' | 'before-sample';
  /** Journal position it holds. */
  readonly seq: number;
  readonly bytes: number;
}

/** One entry of the audit trail (a journal line, without the full records). */
export interface AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly summary: string;
  /** The first {@link AUDIT_CHANGES_SHOWN} records it changed (a reminder catch-up changes hundreds in one entry). */
  readonly changes: ReadonlyArray<{
    readonly target: string;
    readonly id: string;
    readonly kind: 'created' | 'updated' | 'removed';
  }>;
  /** How many records it changed in all. */
  readonly changeCount: number;
  readonly hash: string;
}

/** How many of an entry's changed records a page of the audit trail lists: the answer stays small. */
export const AUDIT_CHANGES_SHOWN = 10;

/** A page of the audit trail, newest first. */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** How many entries a page of a record's history holds at most. */
export const RECORD_HISTORY_PAGE_MAX = 50;

/** One journal entry that changed a record, in the record's history. */
export interface RecordHistoryEntry {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  /** The change's summary, as the audit trail words it. */
  readonly summary: string;
  /** How many records the change changed, this one included (loading the sample board changes hundreds). */
  readonly records: number;
  /** Whether `history:undo` would reverse it now; when not, why (the words undo would refuse with). */
  readonly undo: { readonly possible: true } | { readonly possible: false; readonly reason: string };
}

/** A page of one record's history, newest first. */
export interface RecordHistoryPage {
  readonly entries: readonly RecordHistoryEntry[];
  /** Entries that changed the record, in all. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * The result of Verify: the journal's hash chain from entry 1, the checkpoint
 * against the state the journal produces, every blob (present and matching)
 * and the search index's position on the chain.
 */
export interface VerifyReport {
  readonly ok: boolean;
  readonly entriesChecked: number;
  readonly blobsChecked: number;
  /** Whether db.json was compared with the journal (false when there is none yet, or it failed first). */
  readonly checkpointChecked: boolean;
  /** Whether the search index's position was found on the chain. */
  readonly indexChecked: boolean;
  /** The first thing found wrong, named so a person can find it: file, entry, record. */
  readonly firstBad?: {
    readonly kind: 'entry' | 'blob' | 'checkpoint' | 'index';
    readonly seq?: number;
    readonly file: string;
    readonly line?: number;
    /** The record concerned, e.g. `members/mem_1` or `papers/pap_1 (…, version 2)`. */
    readonly record?: string;
    readonly reason: string;
  };
  readonly checkedAt: string;
  readonly durationMs: number;
}

/** A problem the check after start found in the closed journal files. */
export interface IntegrityFinding {
  readonly file: string;
  readonly seq?: number;
  readonly reason: string;
}

/** Whether the journal holds exactly an entry printed on a document. */
export interface PrintedRecordCheck {
  readonly seq: number;
  readonly hash: string;
  readonly outcome: 'match' | 'differs' | 'absent';
  readonly entry?: { readonly time: string; readonly actor: string; readonly summary: string };
  readonly message: string;
}

/** Where "Back up to a folder…" copies to, and how many it keeps there. */
export interface FolderBackupSettings {
  readonly folder: string;
  readonly keep: number;
  /** When the last backup there was made (the daily one runs a day after it). */
  readonly lastAt?: string;
  /** Why the last one failed, when it did. */
  readonly lastError?: string;
}

/** One backup in a folder elsewhere: a full, checked copy. */
export interface FolderBackupInfo {
  /** The folder name, e.g. `boardkeeper-backup-2026-11-27T09-00-00-000Z`. */
  readonly id: string;
  readonly folder: string;
  readonly createdAt: string;
  readonly seq: number;
  readonly bytes: number;
}
