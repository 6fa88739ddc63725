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
  readonly code: 'torn_journal_line' | 'stale_temp_swept';
  readonly message: string;
  readonly file?: string;
}

/** The store's state for the UI. */
export interface StoreStatus {
  readonly status: 'ready' | 'failed';
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

/** The result of checking the whole hash chain and every blob. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly entriesChecked: number;
  readonly blobsChecked: number;
  /** The first entry (or blob) found bad, named so a person can find it. */
  readonly firstBad?: {
    readonly kind: 'entry' | 'blob';
    readonly seq?: number;
    readonly file: string;
    readonly line?: number;
    readonly reason: string;
  };
  readonly checkedAt: string;
}
