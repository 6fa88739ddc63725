/**
 * The store: one data folder's state, kept as docs/architecture.md "Data" says.
 * Load = checkpoint, replay the journal tail, migrate, validate, verify the
 * chain tail. Every change goes through `mutate`, which validates the records
 * it touches, appends a hash-chained journal line (fdatasynced) and only then
 * replaces the in-memory state. The checkpoint is written in the background.
 *
 * A folder that cannot be read does not throw: the store opens in a failed
 * state that names the problem, has set aside a copy of the bad file, refuses
 * every write, and offers recovery actions.
 */
import { blobReferencesOf } from './blobReferences.ts';
import { copyFile, mkdir, open as openFile, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { migrateDocument } from '../../../shared/schema/migrations.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import {
  COLLECTION_NAMES,
  CURRENT_SCHEMA_VERSION,
  applyChanges,
  currentOf,
  fromDocument,
  initialState,
  toDocument,
  validateChange,
  type JournalChange,
  type RecordChange,
  type State,
  type StateDocument,
} from '../../../shared/schema/state.ts';
import type {
  AuditEntry,
  AuditPage,
  BackupInfo,
  FolderBackupInfo,
  IntegrityFinding,
  PrintedRecordCheck,
  StoreProblem,
  StoreProblemCode,
  StoreStatus,
  StoreWarning,
  VerifyReport,
} from '../../../shared/contract/storeTypes.ts';
import { AUDIT_CHANGES_SHOWN } from '../../../shared/contract/storeTypes.ts';
import {
  diskFullFailure,
  isDiskFull,
  renameWithRetry,
  sizeInWords,
  sweepTempFiles,
  writeFileAtomic,
  type AtomicWriteOptions,
} from './atomicFile.ts';
import { BACKUPS_DIR, JOURNAL_DIR, createBackup, listBackups, pruneBackups, stampOf } from './backups.ts';
import { BLOBS_DIR, BlobStore } from './blobs.ts';
import {
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT,
  CheckpointAdapter,
  CheckpointParseError,
  type CheckpointRead,
  type CheckpointSummary,
  type StateForm,
  holdsState,
  readCheckpointSummary,
  type CheckpointToWrite,
  type StateTexts,
} from './checkpoint.ts';
import {
  RebuildError,
  checkReplayed,
  replayJournal,
  validateDocumentSliced,
  type RebuildProgress,
  type Replayed,
} from './rebuild.ts';
import { backupToFolder, type DataSnapshot } from './folderBackup.ts';
import { SEALS_FILE, SealLog, checkpointSealFor, readAllSeals, type SegmentSeal } from './seals.ts';
import {
  DEFAULT_SEGMENT_BYTES,
  GENESIS_HASH,
  JournalError,
  JournalWriter,
  checkChain,
  listSegments,
  parseSegment,
  parseSegmentSliced,
  leaseSegmentBytes,
  readSegment,
  setAsideTornTail,
  type JournalEntry,
  type JournalHead,
  type ReadEntry,
} from './journal.ts';
import { RecordIndex } from './recordIndex.ts';
import { giveBack, takeBuffer } from './scratchBuffer.ts';
import { runSliced } from '../slices.ts';
import { shareStrings, type SharedStrings } from '../../../shared/caches/sharedStrings.ts';
import { markStart } from '../startTrace.ts';

/** How a store is opened. Everything platform-like comes in here. */
export interface StoreOptions {
  readonly dataDir: string;
  readonly clock?: () => Date;
  /** Write a checkpoint after this long without changes (default 2 s). */
  readonly checkpointQuietMs?: number;
  /** ...or after this many changes, whichever comes first (default 500). */
  readonly checkpointEvery?: number;
  /** Backups kept (default 20). */
  readonly keepBackups?: number;
  /** Make a backup before the first change after opening (default true). */
  readonly backupOnFirstChange?: boolean;
  readonly segmentBytes?: number;
  /** Test seam: lets a test simulate a crash between temp write and rename of the checkpoint. */
  readonly checkpointWrite?: AtomicWriteOptions;
  readonly onChange?: (change: {
    seq: number;
    /** Who made it (the journal entry's actor): the reminder scheduler's own changes are announced together. */
    actor: string;
    targets: string[];
    records: Array<{ target: string; id: string }>;
  }) => void;
  readonly logError?: (where: string, error: unknown) => void;
  /** Hears how far a rebuild of the state from the journal has got (the recovery path at open). */
  readonly onRebuildProgress?: (progress: RebuildProgress) => void;
  /**
   * Awaited at open once db.json's bytes are read, before the work that holds the event loop (hashing,
   * parsing, building the state) begins: a host answering the first screen from its kept answer
   * (firstScreenAnswer.ts) sends it first.
   */
  readonly beforeParse?: () => Promise<void>;
}

/** The data at one journal position, for an archive (see `Store.archiveSnapshot`). */
export interface ArchiveSnapshot {
  readonly head: JournalHead;
  readonly state: State;
  readonly openSegment: string | null;
  readonly openBytes: number;
  /** The seal log's length at the snapshot. */
  readonly sealBytes: number;
}

/** What a change function returns: the record changes, and a value for the caller. */
export interface ChangeSet<T> {
  readonly changes: readonly RecordChange[];
  readonly value: T;
  /** The summary for the audit trail when it depends on the state (overrides mutate's). */
  readonly summary?: string;
}

/** The outcome of a mutation. */
export interface Mutation<T> {
  readonly seq: number;
  readonly value: T;
  /** False when the change set was empty or changed nothing: no entry was written. */
  readonly changed: boolean;
}

class LoadProblem extends Error {
  constructor(
    readonly code: StoreProblemCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

const RECOVERY: StoreProblem['recovery'] = ['restoreNewestBackup', 'openDataFolder', 'quit'];
/** How long the pass sharing the records' strings holds the event loop at most. */
const SHARE_SLICE_MS = 8;

/** An open data folder. Create with `openStore`. */
export class Store {
  private current: State = initialState();
  private writer: JournalWriter | null = null;
  private checkpointSeq = 0;
  private problem: StoreProblem | undefined;
  private readonly warnings: StoreWarning[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private backedUpThisRun = false;
  private changesSinceCheckpoint = 0;
  private quietTimer: NodeJS.Timeout | null = null;
  private checkpointRunning: Promise<void> | null = null;
  private checkpointAgain = false;
  /** Set by a checkpoint asked for after a migration: written even at the journal head (see checkpoint). */
  private checkpointForced = false;
  private closed = false;
  private seals: SealLog | null = null;
  /** The state hash of the last checkpoint written (sealed). */
  private lastStateSha256: string | null = null;
  /** The weekly Verify's report being written (last-verify.json), which close waits for. */
  private recordingVerify: Promise<void> | null = null;
  /** The state a rebuild from the journal made, with its records' text, until its checkpoint is written. */
  private rebuiltTexts: { readonly state: State; readonly texts: StateTexts } | null = null;
  private sealing: Promise<IntegrityFinding | null> | null = null;
  private lastVerify: VerifyReport | undefined;
  private readonly low: Low<CheckpointRead | CheckpointToWrite | null>;
  private readonly clock: () => Date;
  /** Content-addressed files of this data folder. */
  readonly blobs: BlobStore;
  /** Which entries touched each record (built on first use). */
  private readonly recordIndex: RecordIndex;

  /** @internal use openStore */
  constructor(private readonly options: StoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.blobs = new BlobStore(join(options.dataDir, BLOBS_DIR));
    this.recordIndex = new RecordIndex(join(options.dataDir, JOURNAL_DIR));
    this.low = new Low<CheckpointRead | CheckpointToWrite | null>(
      new CheckpointAdapter(
        join(options.dataDir, CHECKPOINT_FILE),
        options.checkpointWrite,
        async (c) => {
          if (this.seals === null) throw new Error('the seal log is not open');
          await this.seals.append({
            kind: 'checkpoint',
            seq: c.journal.seq,
            hash: c.journal.hash,
            stateSha256: c.stateSha256,
            writtenAt: c.writtenAt,
          });
          this.lastStateSha256 = c.stateSha256;
        },
        options.beforeParse,
      ),
      null,
    );
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** The current state; throws `store_unavailable` when the store failed to open. */
  state(): State {
    this.assertUsable();
    return this.current;
  }

  /** The newest journal position. */
  head(): JournalHead {
    return this.writer?.position ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** The store's status for the UI. */
  status(): StoreStatus {
    const head = this.head();
    return {
      status: this.problem ? 'failed' : 'ready',
      dataDir: this.options.dataDir,
      seq: head.seq,
      hash: head.hash,
      checkpointSeq: this.checkpointSeq,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      ...(this.problem ? { problem: this.problem } : {}),
      warnings: [...this.warnings],
    };
  }

  /** Adds a warning, in place of any earlier one with the same code. */
  private setWarning(warning: StoreWarning): void {
    this.clearWarning(warning.code);
    this.warnings.push(warning);
  }

  private clearWarning(code: StoreWarning['code']): void {
    const at = this.warnings.findIndex((w) => w.code === code);
    if (at !== -1) this.warnings.splice(at, 1);
  }

  private assertUsable(): void {
    if (this.problem) {
      throw new AppFailure('store_unavailable', `The data cannot be used: ${this.problem.message}`, {
        problem: this.problem,
      });
    }
    if (this.closed) throw new AppFailure('store_unavailable', 'The data folder has been closed.');
  }

  /** Runs `task` after every earlier queued task: one writer at a time. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The one path that writes records. `change` sees the latest state and
   * returns the records to put (or remove); they are validated, journaled
   * durably, then applied.
   */
  mutate<T>(actor: string, summary: string, change: (state: State) => ChangeSet<T>): Promise<Mutation<T>> {
    return this.enqueue(async () => {
      this.assertUsable();
      const before = this.current;
      const proposed = change(before);
      const value = proposed.value;
      const said = proposed.summary ?? summary;
      const checked = proposed.changes.map(validateChange);
      const issues = checked.flatMap((c) => c.issues);
      const changes = checked.map((c) => c.change);
      if (issues.length > 0) {
        throw new AppFailure('invalid_input', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
      }
      const journalChanges: JournalChange[] = [];
      for (const c of changes) {
        const previous = currentOf(before, c);
        if (JSON.stringify(previous) === JSON.stringify(c.after)) continue;
        journalChanges.push({ ...c, before: previous });
      }
      if (journalChanges.length === 0) return { seq: this.head().seq, value, changed: false };
      if (!this.backedUpThisRun && this.options.backupOnFirstChange !== false) {
        // A failed backup never blocks a save: it is reported, and the change is saved anyway.
        this.backedUpThisRun = true;
        try {
          await this.backupInQueue('start');
          this.clearWarning('backup_failed');
        } catch (error) {
          this.options.logError?.('backup', error);
          this.setWarning({
            code: 'backup_failed',
            message: `The backup made before the first change of this session failed: ${error instanceof Error ? error.message : String(error)} Your changes are still saved; make a backup from Settings → Backups once the cause is fixed.`,
          });
        }
      }
      const writer = this.writer!;
      try {
        await writer.append({
          time: this.clock().toISOString(),
          actor,
          summary: said,
          v: CURRENT_SCHEMA_VERSION,
          changes: journalChanges,
        });
      } catch (error) {
        if (isDiskFull(error)) {
          const line = Buffer.byteLength(JSON.stringify(journalChanges)) + 200;
          throw new AppFailure(
            'disk_full',
            `The disk holding ${this.options.dataDir} is full, so "${said}" was not saved. Nothing else was lost: free at least ${sizeInWords(line)} and try again.`,
            { bytesNeeded: line },
          );
        }
        throw new AppFailure(
          'io_error',
          `"${said}" could not be saved: ${error instanceof Error ? error.message : String(error)}. Nothing else was lost.`,
        );
      }
      this.current = applyChanges(before, journalChanges);
      const seq = writer.position.seq;
      this.recordIndex.add(seq, journalChanges);
      this.afterChange();
      this.options.onChange?.({
        seq,
        actor,
        targets: [...new Set(journalChanges.map((c) => c.target))],
        records: journalChanges.map((c) => ({ target: c.target, id: c.id })),
      });
      return { seq, value, changed: true };
    });
  }

  private afterChange(): void {
    this.changesSinceCheckpoint++;
    if (this.changesSinceCheckpoint >= (this.options.checkpointEvery ?? 500)) {
      this.clearQuietTimer();
      void this.checkpoint();
      return;
    }
    this.clearQuietTimer();
    this.quietTimer = setTimeout(() => void this.checkpoint(), this.options.checkpointQuietMs ?? 2000);
    this.quietTimer.unref();
  }

  private clearQuietTimer(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
  }

  /**
   * Writes the checkpoint of the current state, off the path of any save.
   * Concurrent calls coalesce: at most one write runs, and one more follows
   * it if changes arrived meanwhile.
   */
  checkpoint(force = false): Promise<void> {
    if (this.problem || this.writer === null) return Promise.resolve();
    // A migrated state must be written even when the checkpoint on disk is at the journal's head: that one
    // holds the old version's records, which verify would find differing from the journal's state.
    if (force) this.checkpointForced = true;
    if (this.checkpointRunning) {
      this.checkpointAgain = true;
      return this.checkpointRunning;
    }
    const run = async (): Promise<void> => {
      do {
        this.checkpointAgain = false;
        const journal = this.head();
        if (journal.seq === this.checkpointSeq && this.checkpointSeq !== 0 && !this.checkpointForced) break;
        this.checkpointForced = false;
        this.changesSinceCheckpoint = 0;
        const texts = this.rebuiltTexts?.state === this.current ? this.rebuiltTexts.texts : undefined;
        this.rebuiltTexts = null;
        this.low.data = {
          journal,
          writtenAt: this.clock().toISOString(),
          state: this.current,
          ...(texts ? { texts } : {}),
        };
        try {
          await this.low.write();
        } finally {
          // Not kept: it would hold this version of the state (and its buckets) after later changes.
          this.low.data = null;
        }
        this.checkpointSeq = journal.seq;
        this.clearWarning('checkpoint_failed');
      } while (this.checkpointAgain);
    };
    this.checkpointRunning = run()
      .catch(async (error: unknown) => {
        // The journal holds every change, so a failed checkpoint loses nothing; the next one retries.
        this.options.logError?.('checkpoint', error);
        const size = await stat(join(this.options.dataDir, CHECKPOINT_FILE)).then(
          (st) => st.size,
          () => 0,
        );
        const reason = isDiskFull(error)
          ? diskFullFailure(`the checkpoint ${CHECKPOINT_FILE}`, this.options.dataDir, size).message
          : `The checkpoint ${CHECKPOINT_FILE} could not be written: ${error instanceof Error ? error.message : String(error)}.`;
        this.setWarning({
          code: 'checkpoint_failed',
          message: `${reason} Every change is safe in the journal; opening will take longer until a checkpoint is written. The app tries again after the next change.`,
          file: CHECKPOINT_FILE,
        });
      })
      .finally(() => {
        this.checkpointRunning = null;
      });
    return this.checkpointRunning;
  }

  /** Makes a backup now (queued behind pending changes so it is consistent). */
  backup(reason: BackupInfo['reason'] = 'manual'): Promise<BackupInfo> {
    return this.enqueue(async () => {
      this.assertUsable();
      return this.backupInQueue(reason);
    });
  }

  private async backupInQueue(reason: BackupInfo['reason']): Promise<BackupInfo> {
    const info = await createBackup(this.options.dataDir, {
      reason,
      head: this.head(),
      openSegment: this.writer?.openSegment ?? null,
      now: this.clock(),
    });
    this.backedUpThisRun = true;
    await pruneBackups(this.options.dataDir, this.options.keepBackups ?? 20);
    return info;
  }

  /**
   * "Back up to a folder…": the journal position is taken in the write queue
   * (the open segment's length, db.json held open), then everything is copied
   * and checked outside it, so saves go on meanwhile.
   */
  async backupToFolder(folder: string, keep: number): Promise<FolderBackupInfo> {
    const snapshot = await this.enqueue(async (): Promise<DataSnapshot> => {
      this.assertUsable();
      const openSegment = this.writer?.openSegment ?? null;
      const journalDir = join(this.options.dataDir, JOURNAL_DIR);
      const openBytes = openSegment === null ? 0 : (await stat(join(journalDir, openSegment))).size;
      const checkpoint = await openFile(join(this.options.dataDir, CHECKPOINT_FILE), 'r').catch(() => null);
      return { head: this.head(), openSegment, openBytes, checkpoint };
    });
    try {
      return await backupToFolder(this.options.dataDir, folder, keep, snapshot, this.clock());
    } finally {
      await snapshot.checkpoint?.close();
    }
  }

  /**
   * The data at one journal position, for an archive: the state, the head, the
   * open segment's and the seal log's lengths, all taken in the write queue so
   * later changes are not half in it. The files are read afterwards, up to
   * those lengths (closed segments and blobs never change).
   */
  archiveSnapshot(): Promise<ArchiveSnapshot> {
    return this.enqueue(async (): Promise<ArchiveSnapshot> => {
      this.assertUsable();
      const journalDir = join(this.options.dataDir, JOURNAL_DIR);
      const openSegment = this.writer?.openSegment ?? null;
      const openBytes = openSegment === null ? 0 : (await stat(join(journalDir, openSegment))).size;
      const sealBytes = await stat(join(journalDir, SEALS_FILE)).then(
        (s) => s.size,
        () => 0,
      );
      return { head: this.head(), state: this.current, openSegment, openBytes, sealBytes };
    });
  }

  /** Shows (or, with null, clears) a warning that the scheduled backup to a folder failed. */
  reportFolderBackup(problem: string | null): void {
    if (problem === null) this.clearWarning('folder_backup_failed');
    else {
      this.setWarning({
        code: 'folder_backup_failed',
        message: `The daily backup to a folder failed: ${problem} Your data is safe here; check the folder in Settings → Backups.`,
      });
    }
  }

  /** A page of the audit trail, newest first, read from the journal on disk. */
  async auditPage(page: number, pageSize: number): Promise<AuditPage> {
    this.assertUsable();
    const total = this.head().seq;
    const hi = total - page * pageSize;
    const lo = Math.max(1, hi - pageSize + 1);
    const entries: AuditEntry[] = [];
    if (hi >= 1) {
      const dir = join(this.options.dataDir, JOURNAL_DIR);
      const segments = await listSegments(dir);
      const wanted = segments.filter((s, i) => {
        const next = segments[i + 1];
        const last = next ? next.firstSeq - 1 : Infinity;
        return s.firstSeq <= hi && last >= lo;
      });
      for (const segment of wanted) {
        const { entries: read } = parseSegment(segment.name, await readSegment(dir, segment.name));
        for (const r of read) {
          if (r.entry.seq >= lo && r.entry.seq <= hi) entries.push(toAuditEntry(r));
        }
      }
      entries.sort((a, b) => b.seq - a.seq);
    }
    return { entries, total, page, pageSize };
  }

  /** Reads journal entries with lo <= seq <= hi (for undo and exports). */
  async entries(lo: number, hi: number): Promise<JournalEntry[]> {
    const page = await this.readRange(lo, hi);
    return page.map((r) => r.entry);
  }

  /**
   * The journal entries that changed one record, newest first: their sequence
   * numbers (from the index of entries by record, see recordIndex.ts).
   */
  async entriesOfRecord(target: string, id: string): Promise<readonly number[]> {
    this.assertUsable();
    const seqs = await this.recordIndex.seqsOf({ target, id }, this.head().seq);
    return [...seqs].reverse();
  }

  /**
   * One copy of each repeated string in the records (caches/sharedStrings.ts:
   * about 25 MB fewer at ten-year scale), in slices of a few milliseconds:
   * the first of the start-up work, once the first screen is answered.
   * Stops when the store closes; null when it is not open.
   */
  async shareRecordStrings(): Promise<SharedStrings | null> {
    if (this.closed || this.status().status !== 'ready') return null;
    const state = this.current;
    const steps = shareStrings(COLLECTION_NAMES.map((name) => state[name] as Iterable<object>));
    return runSliced(steps, SHARE_SLICE_MS, () => this.closed);
  }

  /**
   * Reads the whole journal into the index of entries by record ahead of the
   * first record history asked for (seconds of CPU at ten-year scale, in
   * slices), so that request answers at once. Stops when the store closes.
   */
  async warmRecordHistory(): Promise<void> {
    if (this.closed || this.status().status !== 'ready') return;
    await this.recordIndex.warm(this.head().seq);
  }

  /** Reads the journal entries numbered `seqs`, in their order, reading only the segments that hold them. */
  async entriesAt(seqs: readonly number[]): Promise<JournalEntry[]> {
    const wanted = new Set(seqs);
    if (wanted.size === 0) return [];
    const dir = join(this.options.dataDir, JOURNAL_DIR);
    const segments = await listSegments(dir);
    const found = new Map<number, JournalEntry>();
    for (const [i, s] of segments.entries()) {
      const next = segments[i + 1];
      const last = next ? next.firstSeq - 1 : Infinity;
      const inIt = seqs.filter((seq) => seq >= s.firstSeq && seq <= last);
      if (inIt.length === 0) continue;
      // The lines before the first one wanted are skipped unparsed.
      const from = Math.min(...inIt);
      for (const r of (await parseSegmentSliced(s.name, await readSegment(dir, s.name), from)).entries) {
        if (wanted.has(r.entry.seq)) found.set(r.entry.seq, r.entry);
      }
    }
    return seqs.flatMap((seq) => found.get(seq) ?? []);
  }

  private async readRange(lo: number, hi: number): Promise<ReadEntry[]> {
    const dir = join(this.options.dataDir, JOURNAL_DIR);
    const segments = await listSegments(dir);
    const out: ReadEntry[] = [];
    for (const [i, s] of segments.entries()) {
      const next = segments[i + 1];
      if (s.firstSeq > hi || (next && next.firstSeq - 1 < lo)) continue;
      for (const r of parseSegment(s.name, await readSegment(dir, s.name)).entries) {
        if (r.entry.seq >= lo && r.entry.seq <= hi) out.push(r);
      }
    }
    return out;
  }

  /**
   * Verify: proves the chain of custody and names the first thing wrong
   * (file, entry, record). The journal's hash chain from entry 1 up to the
   * head this store wrote; the checkpoint equal to the state the journal
   * produces up to its entry (compared by state hash, so it runs at ten-year
   * scale); every blob's content matching its name and every blob a record
   * refers to present; and the search index's position (when given) on the
   * chain. Sliced, and not in the write queue: saves go on meanwhile.
   */
  async verify(options: { readonly indexPosition?: JournalHead | null } = {}): Promise<VerifyReport> {
    this.assertUsable();
    const began = performance.now();
    const checkedAt = this.clock().toISOString();
    const expected = this.head();
    const dir = join(this.options.dataDir, JOURNAL_DIR);
    const report = (
      rest: Pick<VerifyReport, 'entriesChecked' | 'blobsChecked'> & Partial<VerifyReport>,
    ): VerifyReport => {
      const result: VerifyReport = {
        ok: rest.firstBad === undefined,
        checkpointChecked: false,
        indexChecked: false,
        ...rest,
        checkedAt,
        durationMs: Math.round(performance.now() - began),
      };
      this.lastVerify = result;
      return result;
    };

    // The checkpoint's header and hash only: its state is parsed only to name a differing record.
    const checkpointPath = join(this.options.dataDir, CHECKPOINT_FILE);
    let checkpoint: CheckpointSummary | null;
    try {
      checkpoint = await readCheckpointSummary(checkpointPath);
    } catch (error) {
      if (!(error instanceof CheckpointParseError)) throw error;
      return report({
        entriesChecked: 0,
        blobsChecked: 0,
        firstBad: { kind: 'checkpoint', file: CHECKPOINT_FILE, reason: `it could not be read: ${error.message}` },
      });
    }
    const cpHead = checkpoint?.journal as Partial<JournalHead> | undefined;
    const cpSeq = typeof cpHead?.seq === 'number' ? cpHead.seq : 0;
    const index = options.indexPosition ?? null;

    let replayed: Replayed;
    try {
      replayed = await replayJournal(dir, {
        applyUpTo: cpSeq,
        hashesAt: [expected.seq, cpSeq, ...(index ? [index.seq] : [])],
      });
    } catch (error) {
      if (!(error instanceof RebuildError)) throw error;
      return report({
        entriesChecked: 0,
        blobsChecked: 0,
        firstBad: {
          kind: 'entry',
          ...(error.seq !== undefined ? { seq: error.seq } : {}),
          file: error.file,
          ...(error.line !== undefined ? { line: error.line } : {}),
          reason: error.message,
        },
      });
    }
    const checked = replayed.entries;
    if (expected.seq > 0 && replayed.hashes.get(expected.seq) !== expected.hash) {
      const last = (await this.readRange(expected.seq, expected.seq).catch(() => []))[0];
      return report({
        entriesChecked: checked,
        blobsChecked: 0,
        firstBad: {
          kind: 'entry',
          seq: expected.seq,
          file: join(JOURNAL_DIR, last?.segment ?? replayed.lastSegment ?? '(none)'),
          line: last?.line ?? 0,
          reason: !replayed.hashes.has(expected.seq)
            ? `the journal ends at entry ${replayed.head.seq}, but entry ${expected.seq} was written`
            : `entry ${expected.seq} on disk differs from the entry that was written`,
        },
      });
    }

    // The checkpoint against the journal.
    let checkpointChecked = false;
    if (checkpoint !== null) {
      const bad = (reason: string, record?: string): VerifyReport =>
        report({
          entriesChecked: checked,
          blobsChecked: 0,
          firstBad: { kind: 'checkpoint', seq: cpSeq, file: CHECKPOINT_FILE, ...(record ? { record } : {}), reason },
        });
      if (typeof cpHead?.hash !== 'string' || checkpoint.stateSha256 === null) {
        return bad('it is not a complete checkpoint (its journal position or state hash is missing)');
      }
      if (cpSeq > 0 && replayed.hashes.get(cpSeq) !== cpHead.hash) {
        return bad(
          `it says it holds the state of entry ${cpSeq}, but the journal's entry ${cpSeq} is not the one it names`,
        );
      }
      if (!checkpoint.stateVerified)
        return bad('its state no longer matches its own SHA-256: it was damaged or edited');
      // The journal's state hashed from its records' text, as a checkpoint of it would be: no state is built.
      const valid = await checkReplayed(replayed.doc, { keepInput: replayed.current });
      if (!valid.ok) {
        const first = valid.issues[0]!;
        return report({
          entriesChecked: checked,
          blobsChecked: 0,
          firstBad: {
            kind: 'entry',
            seq: cpSeq,
            file: JOURNAL_DIR,
            reason: `the records the journal holds up to entry ${cpSeq} are not valid: ${first.field} ${first.message}`,
          },
        });
      }
      if (!(await holdsState(checkpoint, valid))) {
        const whole = await new CheckpointAdapter(checkpointPath).read().catch(() => null);
        const record = await firstDifferingRecord(valid.texts, whole?.state);
        return bad(
          `its state differs from the state the journal produces up to entry ${cpSeq}${record ? `, first at ${record}` : ''}`,
          record ?? undefined,
        );
      }
      checkpointChecked = true;
    }

    // Blobs: every file's content, then every one a record refers to.
    const blobs = await this.blobs.verify();
    if (blobs.firstBad) {
      return report({
        entriesChecked: checked,
        blobsChecked: blobs.checked,
        checkpointChecked,
        firstBad: {
          kind: 'blob',
          file: blobs.firstBad.file,
          reason: `its content no longer matches its SHA-256 (${blobs.firstBad.hash})`,
        },
      });
    }
    const present = new Set(blobs.hashes);
    for (const ref of blobReferencesOf(this.current)) {
      if (present.has(ref.hash)) continue;
      return report({
        entriesChecked: checked,
        blobsChecked: blobs.checked,
        checkpointChecked,
        firstBad: {
          kind: 'blob',
          file: join(BLOBS_DIR, ref.hash.slice(0, 2), ref.hash),
          record: ref.record,
          reason: `it is missing: ${ref.what} of ${ref.record} refers to it`,
        },
      });
    }

    // The search index's position on the chain.
    let indexChecked = false;
    if (index !== null && index.seq > 0) {
      const onChain = replayed.hashes.get(index.seq);
      if (onChain !== index.hash) {
        return report({
          entriesChecked: checked,
          blobsChecked: blobs.checked,
          checkpointChecked,
          firstBad: {
            kind: 'index',
            seq: index.seq,
            file: 'search-index',
            reason:
              onChain === undefined
                ? `the search index says it reflects entry ${index.seq}, which the journal does not hold`
                : `the search index says it reflects entry ${index.seq}, but with a hash the journal's entry does not have`,
          },
        });
      }
      indexChecked = true;
    }
    return report({ entriesChecked: checked, blobsChecked: blobs.checked, checkpointChecked, indexChecked });
  }

  /** The outcome of the last Verify of this run, if any. */
  get lastVerifyReport(): VerifyReport | undefined {
    return this.lastVerify;
  }

  /**
   * Checks the closed journal segments against their seals: each present,
   * of its sealed size and SHA-256, in sequence with the next. A closed
   * segment with no seal yet (just closed, or written before seals existed)
   * is read, its chain checked, and sealed. Sliced; cheap enough to run
   * soon after every start. Returns the first problem, or null.
   */
  checkClosedSegments(): Promise<IntegrityFinding | null> {
    if (this.sealing) return this.sealing;
    this.sealing = this.checkClosedSegmentsNow().finally(() => {
      this.sealing = null;
    });
    return this.sealing;
  }

  private async checkClosedSegmentsNow(): Promise<IntegrityFinding | null> {
    const dir = join(this.options.dataDir, JOURNAL_DIR);
    const sealsRead = await readAllSeals(dir);
    if (sealsRead.problem !== undefined) return { file: join(JOURNAL_DIR, SEALS_FILE), reason: sealsRead.problem };
    const sealed = new Map<string, SegmentSeal>();
    for (const seal of sealsRead.seals) if (seal.kind === 'segment') sealed.set(seal.segment, seal);
    const segments = await listSegments(dir);
    const open = this.writer?.openSegment ?? segments.at(-1)?.name ?? null;
    const names = new Set(segments.map((s) => s.name));
    for (const seal of sealed.values()) {
      if (!names.has(seal.segment)) {
        return {
          file: join(JOURNAL_DIR, seal.segment),
          seq: seal.firstSeq,
          reason: `the journal file ${seal.segment} (entries ${seal.firstSeq} to ${seal.lastSeq}) is missing`,
        };
      }
    }
    let previous: JournalHead = { seq: 0, hash: GENESIS_HASH };
    for (const segment of segments) {
      const file = join(JOURNAL_DIR, segment.name);
      if (segment.firstSeq !== previous.seq + 1) {
        return {
          file,
          seq: previous.seq + 1,
          reason: `the journal jumps from entry ${previous.seq} to entry ${segment.firstSeq}: the file holding entries ${previous.seq + 1} to ${segment.firstSeq - 1} is missing`,
        };
      }
      if (segment.name === open) break;
      const seal = sealed.get(segment.name);
      if (seal !== undefined) {
        const found = await hashFileSliced(join(dir, segment.name));
        if (found === null) return { file, seq: seal.firstSeq, reason: `the journal file ${segment.name} is missing` };
        if (found.bytes !== seal.bytes || found.sha256 !== seal.sha256) {
          return {
            file,
            seq: seal.firstSeq,
            reason: `the journal file ${segment.name} (entries ${seal.firstSeq} to ${seal.lastSeq}) has changed since it was closed: ${found.bytes !== seal.bytes ? `it is ${found.bytes} bytes, not ${seal.bytes}` : 'its content no longer matches its SHA-256'}`,
          };
        }
        previous = { seq: seal.lastSeq, hash: seal.lastHash };
        continue;
      }
      // Not sealed yet: read it, check it continues the chain, seal it (its bytes as read).
      const read = await leaseSegmentBytes(dir, segment.name);
      const bytes = read.bytes.length;
      const sha256 = createHash('sha256').update(read.bytes).digest('hex');
      const text = read.bytes.toString('utf8');
      read.release();
      let head: JournalHead;
      let lines: number;
      try {
        const parsed = await parseSegmentSliced(segment.name, text);
        if (parsed.tail) {
          return {
            file,
            reason: `line ${parsed.tail.line} of the closed journal file ${segment.name} is not a valid journal entry`,
          };
        }
        head = checkChain(previous, parsed.entries);
        lines = parsed.entries.length;
      } catch (error) {
        if (error instanceof JournalError) {
          return {
            file,
            ...(error.seq !== undefined ? { seq: error.seq } : {}),
            reason: `the journal file ${segment.name} is damaged: ${error.message}`,
          };
        }
        throw error;
      }
      await this.seals?.append({
        kind: 'segment',
        segment: segment.name,
        firstSeq: segment.firstSeq,
        lastSeq: head.seq,
        lastHash: head.hash,
        lines,
        bytes,
        sha256,
      });
      previous = head;
    }
    return null;
  }

  /**
   * The checks that run in the background after start: the closed segments
   * against their seals, then a full Verify when the last one is older than
   * `fullEveryMs` (a week by default). A problem becomes a warning in the
   * status (the dashboard shows it). Returns what it found.
   */
  async checkInBackground(
    options: { readonly fullEveryMs?: number; readonly indexPosition?: () => JournalHead | null } = {},
  ): Promise<{ readonly segments: IntegrityFinding | null; readonly verify: VerifyReport | null }> {
    if (this.problem || this.closed) return { segments: null, verify: null };
    const segments = await this.checkClosedSegments();
    if (segments !== null) {
      this.setWarning({
        code: 'integrity_problem',
        message: `A check after start found a problem in the record: ${segments.reason}. Your data is still open; run Verify in Settings → Audit trail, and restore a backup that verifies if this is confirmed.`,
        file: segments.file,
      });
      return { segments, verify: null };
    }
    const fullEveryMs = options.fullEveryMs ?? 7 * 24 * 3600 * 1000;
    const last = await readLastVerify(this.options.dataDir);
    if (last !== null && this.clock().getTime() - Date.parse(last) < fullEveryMs) return { segments, verify: null };
    const verify = await this.verify({ indexPosition: options.indexPosition?.() ?? null });
    // Closed meanwhile: nothing is written once the folder is let go (close waits for a write begun before it).
    if (this.closed) return { segments, verify: null };
    this.recordingVerify = writeLastVerify(this.options.dataDir, verify).catch((error: unknown) =>
      this.options.logError?.('verify:record', error),
    );
    await this.recordingVerify;
    if (!verify.ok && verify.firstBad) {
      this.setWarning({
        code: 'integrity_problem',
        message: `The weekly Verify found a problem in the record: ${verify.firstBad.file}${verify.firstBad.seq !== undefined ? `, entry ${verify.firstBad.seq}` : ''}${verify.firstBad.record ? `, ${verify.firstBad.record}` : ''}: ${verify.firstBad.reason}. Run Verify in Settings → Audit trail to see it, and restore a backup that verifies if it is confirmed.`,
        file: verify.firstBad.file,
      });
    }
    return { segments, verify };
  }

  /**
   * Whether the journal holds exactly the entry `seq` with hash `hash` (as
   * printed at the foot of a minute or notice).
   */
  async checkPrintedRecord(seq: number, hash: string): Promise<PrintedRecordCheck> {
    this.assertUsable();
    const wanted = hash.trim().toLowerCase();
    const head = this.head();
    if (seq < 1 || seq > head.seq) {
      return {
        seq,
        hash: wanted,
        outcome: 'absent',
        message: `This journal has no entry ${seq}: it holds entries 1 to ${head.seq}. The document was printed from another data folder, or from entries this one does not have (a restore to an older backup?).`,
      };
    }
    const entry = (await this.readRange(seq, seq))[0];
    if (entry === undefined) {
      return {
        seq,
        hash: wanted,
        outcome: 'absent',
        message: `Entry ${seq} could not be found in the journal files: run Verify.`,
      };
    }
    const about = { time: entry.entry.time, actor: entry.entry.actor, summary: entry.entry.summary };
    if (entry.hash === wanted) {
      return {
        seq,
        hash: wanted,
        outcome: 'match',
        entry: about,
        message: `The journal holds exactly this entry: ${seq}, “${about.summary}” by ${about.actor}. The document was made from this record.`,
      };
    }
    return {
      seq,
      hash: wanted,
      outcome: 'differs',
      entry: about,
      message: `The journal's entry ${seq} has a different hash (${entry.hash}). Either the hash was copied wrongly, the document came from another data folder, or the record has been altered since it was printed: check the digits, then run Verify.`,
    };
  }

  /** Waits for queued changes, writes a last checkpoint (if healthy) and closes the journal. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.recordIndex.stop();
    await this.enqueue(async () => undefined);
    this.clearQuietTimer();
    await this.sealing?.catch(() => null);
    if (!this.problem) {
      await this.checkpointRunning;
      if (this.head().seq !== this.checkpointSeq) await this.checkpoint();
    }
    this.closed = true;
    await this.recordingVerify;
    await this.writer?.close();
    await this.seals?.close();
  }

  // ---- loading ----

  /** @internal */
  async load(): Promise<void> {
    const { dataDir } = this.options;
    const journalDir = join(dataDir, JOURNAL_DIR);
    await mkdir(journalDir, { recursive: true });
    await mkdir(join(dataDir, BLOBS_DIR), { recursive: true });
    await mkdir(join(dataDir, BACKUPS_DIR), { recursive: true });
    await this.sweep();
    try {
      const rebuild = await this.loadOrThrow(journalDir);
      // The parsed checkpoint is not kept: its records live on in the state's maps, the rest is garbage.
      this.low.data = null;
      // A rebuild runs here, once loadOrThrow has returned: an untrusted state it parsed (a hundred-odd
      // megabytes of objects at ten-year scale) is garbage by then, not marked by every collection of the
      // rebuild (a suspended async function keeps its locals).
      if (rebuild !== null) await this.rebuildFromJournal(journalDir, rebuild);
    } catch (error) {
      if (!(error instanceof LoadProblem)) {
        this.options.logError?.('store:load', error);
        await this.fail(
          new LoadProblem(
            'io_error',
            `The data folder could not be read: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
        return;
      }
      await this.fail(error);
    }
  }

  private async sweep(): Promise<void> {
    const { dataDir } = this.options;
    const swept = [...(await sweepTempFiles(dataDir)), ...(await sweepTempFiles(join(dataDir, JOURNAL_DIR)))];
    const blobRoot = join(dataDir, BLOBS_DIR);
    for (const prefix of await readdir(blobRoot).catch(() => [] as string[])) {
      swept.push(...(await sweepTempFiles(join(blobRoot, prefix))));
    }
    if (swept.length > 0) {
      this.warnings.push({
        code: 'stale_temp_swept',
        message: `Removed ${swept.length} unfinished temporary file(s) left by an earlier run that stopped mid-write; the data was not affected.`,
      });
    }
  }

  /** Loads the checkpoint and the journal after it; or, when the checkpoint cannot be trusted, says why (for a rebuild). */
  private async loadOrThrow(journalDir: string): Promise<RebuildReason | null> {
    const stamp = stampOf(this.clock());
    const opened = await SealLog.open(journalDir, stamp);
    this.seals = opened.log;
    if (opened.problem !== undefined) {
      this.warnings.push({
        code: 'seals_reset',
        message: `The seals beside the journal were damaged (${opened.problem}). They were set aside as ${join(JOURNAL_DIR, `${SEALS_FILE}.corrupt-${stamp}`)} and started again; the checkpoint was checked against the journal instead. Run Verify to check the whole record.`,
        file: join(JOURNAL_DIR, `${SEALS_FILE}.corrupt-${stamp}`),
      });
    }

    // Why db.json cannot be trusted, when it cannot: then the journal rebuilds the state.
    let distrust: string | null = null;
    let raw: CheckpointRead | null = null;
    /** db.json is there but does not say which entry it reached: it holds something the journal must account for. */
    let positionUnknown = false;
    try {
      await this.low.read();
      markStart('checkpoint-parsed');
      raw = this.low.data as CheckpointRead | null;
    } catch (error) {
      if (!(error instanceof CheckpointParseError)) throw error;
      distrust = `it could not be read: ${error.message}`;
      positionUnknown = true;
    }
    let checkpointHead: JournalHead = { seq: 0, hash: GENESIS_HASH };
    let doc: Record<string, unknown> = toDocument(initialState()) as unknown as Record<string, unknown>;
    /** A checkpoint that proves its own bytes but that no seal names (written before seals existed). */
    let unsealed: RebuildReason['unsealed'] = null;
    if (raw !== null) {
      const journal = raw.journal as Partial<JournalHead> | null | undefined;
      if (
        raw.format !== CHECKPOINT_FORMAT ||
        typeof journal?.seq !== 'number' ||
        !Number.isInteger(journal.seq) ||
        journal.seq < 0 ||
        typeof journal.hash !== 'string' ||
        !/^[0-9a-f]{64}$/.test(journal.hash) ||
        typeof raw.state !== 'object' ||
        raw.state === null
      ) {
        distrust = 'it holds JSON, but not a Boardkeeper checkpoint (its format, journal position or state is missing)';
        positionUnknown = true;
      } else {
        checkpointHead = { seq: journal.seq, hash: journal.hash };
        doc = raw.state as Record<string, unknown>;
        const version = doc.schemaVersion;
        // Never rebuilt over: a newer version's file is that version's to read.
        if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
          throw newerVersion(version, CHECKPOINT_FILE);
        }
        const seal = checkpointSealFor(opened.recent, checkpointHead.seq, checkpointHead.hash);
        if (raw.stateSha256 === null) distrust = 'it carries no SHA-256 of its state';
        else if (!raw.stateVerified) distrust = 'its state no longer matches its own SHA-256: it was damaged or edited';
        else if (seal === undefined) {
          distrust = `no seal records it as written by the app at entry ${checkpointHead.seq} (it was written by an earlier version, or replaced)`;
          unsealed = { seq: checkpointHead.seq, stateSha256: raw.stateSha256, form: raw.form };
        } else if (seal.stateSha256 !== raw.stateSha256) {
          distrust = `its state is not the one the app wrote at entry ${checkpointHead.seq}: it was edited and its SHA-256 recomputed`;
        }
      }
    }
    if (raw === null || distrust !== null) {
      // How far the journal is known to have gone: the checkpoint's own word (when readable) and the seals.
      const known = Math.max(
        checkpointHead.seq,
        ...opened.recent.map((s) => (s.kind === 'checkpoint' ? s.seq : s.lastSeq)),
      );
      return { distrust, stamp, unsealed, known, positionUnknown };
    }

    const { tail, head, lastSegment } = await this.readTail(journalDir, checkpointHead);
    markStart('tail-read');
    // A sealed checkpoint of this version with a tail journaled by this version (the usual open): the
    // records are put straight into the in-memory maps, the tail's changes made in them as they are
    // built, rather than replayed into arrays first. Nothing needs migrating or validating: a
    // checkpoint whose state hash is the one sealed for its position is byte for byte what this app
    // wrote from records it validated, and the tail was validated when it was journaled.
    let migratedNow = false;
    const current =
      doc.schemaVersion === CURRENT_SCHEMA_VERSION && tail.every((r) => r.entry.v === CURRENT_SCHEMA_VERSION);
    if (current) {
      this.current = fromDocument(
        doc as unknown as StateDocument,
        tail.flatMap((r) => r.entry.changes as unknown as RecordChange[]),
      );
    } else {
      doc = replay(doc, tail);
      const migrated = migrateDocument(doc);
      if (!migrated.ok) {
        const p = migrated.problem;
        if (p.kind === 'newer_version') throw newerVersion(p.found, CHECKPOINT_FILE);
        throw new LoadProblem(
          'corrupt_checkpoint',
          p.kind === 'missing_version'
            ? `The data file ${CHECKPOINT_FILE} has no valid schemaVersion`
            : `The data file ${CHECKPOINT_FILE} is at schema version ${p.found}, which this version cannot migrate`,
          CHECKPOINT_FILE,
        );
      }
      migratedNow = migrated.migrated;
      const valid = migrated.migrated
        ? await validateDocumentSliced(migrated.doc)
        : { ok: true as const, doc: migrated.doc as StateDocument };
      if (!valid.ok) {
        const first = valid.issues[0]!;
        throw new LoadProblem(
          'corrupt_checkpoint',
          `The data in ${CHECKPOINT_FILE}${tail.length ? ' and the journal' : ''} is not valid: ${first.field} ${first.message}${valid.issues.length > 1 ? ` (and ${valid.issues.length - 1} more problem(s))` : ''}`,
          CHECKPOINT_FILE,
        );
      }
      this.current = fromDocument(valid.doc);
    }
    markStart('state-built');
    this.checkpointSeq = checkpointHead.seq;
    await this.openWriter(journalDir, head, lastSegment);
    if (migratedNow) {
      // After a migration the checkpoint is written at once, so the journal never mixes versions after it.
      await this.checkpoint(true);
    } else if (tail.length > 0) {
      this.afterChange();
    }
    return null;
  }

  private async openWriter(journalDir: string, head: JournalHead, lastSegment: string | null): Promise<void> {
    this.writer = await JournalWriter.open(
      journalDir,
      head,
      lastSegment,
      this.options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
      () => void this.checkClosedSegments().catch((error: unknown) => this.options.logError?.('seal', error)),
    );
  }

  /**
   * The recovery path: the state rebuilt from the journal alone, from entry 1,
   * migrated at each schema version it crosses and validated, in slices. The
   * untrusted db.json is set aside (renamed, byte for byte) and a new
   * checkpoint written and sealed. Throws a LoadProblem naming the journal
   * file when the journal cannot rebuild it.
   */
  private async rebuildFromJournal(
    journalDir: string,
    { distrust, stamp, unsealed, known, positionUnknown }: RebuildReason,
  ): Promise<void> {
    const why =
      distrust === null
        ? ''
        : `The data file ${CHECKPOINT_FILE} cannot be trusted (${distrust}), and the journal cannot rebuild it: `;
    let replayed: Replayed;
    try {
      replayed = await replayJournal(journalDir, {
        onProgress: (progress) => this.options.onRebuildProgress?.(progress),
      });
    } catch (error) {
      if (error instanceof RebuildError) {
        if (error.code === 'newer_version')
          throw newerVersion(Number(/data version (\d+)/.exec(error.message)?.[1]), error.file);
        throw new LoadProblem(
          error.code,
          `${why}the journal file ${error.file} is damaged: ${error.message}`,
          error.file,
        );
      }
      throw error;
    }
    if (replayed.head.seq < known) {
      throw new LoadProblem(
        'chain_broken',
        `${why}the journal ends at entry ${replayed.head.seq}, but entry ${known} was written: journal files are missing`,
        JOURNAL_DIR,
      );
    }
    if (replayed.head.seq === 0 && positionUnknown) {
      // db.json is there and unreadable, so it was written after at least one entry: an empty journal
      // cannot stand for it (the app never falls back to an empty state over data it cannot read).
      throw new LoadProblem(
        'corrupt_checkpoint',
        `${why}there is no journal of changes beside it (journal files are missing)`,
        CHECKPOINT_FILE,
      );
    }
    if (replayed.tornTail) {
      await this.setAsideTorn(journalDir, replayed.tornTail.segment, replayed.tornTail.offset, replayed.tornTail.text);
    }
    const valid = await checkReplayed(replayed.doc, { keepInput: replayed.current, build: true });
    if (!valid.ok) {
      const first = valid.issues[0]!;
      throw new LoadProblem(
        'corrupt_journal',
        `${why}the records the journal holds are not valid: ${first.field} ${first.message}`,
        JOURNAL_DIR,
      );
    }
    this.current = valid.state!;
    // The new checkpoint is written from the records' text the rebuild already holds (the same bytes).
    this.rebuiltTexts = { state: this.current, texts: valid.texts };
    await this.openWriter(journalDir, replayed.head, replayed.lastSegment);
    const checkpointPath = join(this.options.dataDir, CHECKPOINT_FILE);
    const aside = `${CHECKPOINT_FILE}.corrupt-${stamp}`;
    const hadFile = await stat(checkpointPath).then(
      () => true,
      () => false,
    );
    if (hadFile) await renameWithRetry(checkpointPath, join(this.options.dataDir, aside));
    if (hadFile || replayed.head.seq > 0) await this.checkpoint();
    if (!hadFile) return;
    if (
      unsealed !== null &&
      unsealed.seq === replayed.head.seq &&
      this.lastStateSha256 !== null &&
      (await holdsState(unsealed, { texts: valid.texts, stateSha256: this.lastStateSha256 }))
    ) {
      // An earlier version's checkpoint, equal to what the journal says: now sealed, nothing to report.
      await rm(join(this.options.dataDir, aside), { force: true });
      return;
    }
    this.warnings.push({
      code: 'checkpoint_rebuilt',
      message: `The data file ${CHECKPOINT_FILE} could not be trusted (${distrust ?? 'unknown reason'}), so the state was rebuilt from the journal (${replayed.entries.toLocaleString('en-GB')} entries${replayed.versions.length > 1 ? `, migrated from data version ${replayed.versions[0]} to ${CURRENT_SCHEMA_VERSION}` : ''}). The journal is the record: nothing in it was lost. The file was set aside, unchanged, as ${aside}.`,
      file: aside,
    });
  }

  private async setAsideTorn(journalDir: string, segment: string, offset: number, text: string): Promise<void> {
    const aside = await setAsideTornTail(journalDir, segment, offset, text, stampOf(this.clock()));
    this.warnings.push({
      code: 'torn_journal_line',
      message: `The last journal entry was only partly written (the app or the machine stopped mid-save), so that one unfinished change was not kept. Every earlier change is intact. The partial line was saved to ${join(JOURNAL_DIR, aside)}.`,
      file: join(JOURNAL_DIR, aside),
    });
  }

  /** Reads the journal after the checkpoint, sets aside a torn last line, and checks the chain. */
  private async readTail(
    journalDir: string,
    checkpointHead: JournalHead,
  ): Promise<{ tail: ReadEntry[]; head: JournalHead; lastSegment: string | null }> {
    const segments = await listSegments(journalDir);
    const lastSegment = segments.at(-1)?.name ?? null;
    // The segment holding the checkpoint's own entry (to check its hash), and every later one.
    let start = 0;
    for (const [i, s] of segments.entries()) if (s.firstSeq <= Math.max(checkpointHead.seq, 1)) start = i;
    const read: ReadEntry[] = [];
    for (const segment of segments.slice(start)) {
      let parsed;
      try {
        parsed = parseSegment(segment.name, await readSegment(journalDir, segment.name), checkpointHead.seq);
      } catch (error) {
        if (error instanceof JournalError) {
          throw new LoadProblem(
            'corrupt_journal',
            `The journal file ${segment.name} is damaged: ${error.message}`,
            join(JOURNAL_DIR, segment.name),
          );
        }
        throw error;
      }
      read.push(...parsed.entries);
      if (parsed.tail) {
        if (segment.name !== lastSegment) {
          throw new LoadProblem(
            'corrupt_journal',
            `The journal file ${segment.name} is damaged: line ${parsed.tail.line} is not a valid journal entry`,
            join(JOURNAL_DIR, segment.name),
          );
        }
        await this.setAsideTorn(journalDir, segment.name, parsed.tail.offset, parsed.tail.text);
      }
    }
    if (checkpointHead.seq > 0) {
      const own = read.find((r) => r.entry.seq === checkpointHead.seq);
      if (!own || own.hash !== checkpointHead.hash) {
        throw new LoadProblem(
          'chain_broken',
          own
            ? `The journal's entry ${checkpointHead.seq} does not match the checkpoint: the journal or ${CHECKPOINT_FILE} was altered`
            : `The journal has no entry ${checkpointHead.seq}, which ${CHECKPOINT_FILE} includes: journal files are missing`,
          own ? join(JOURNAL_DIR, own.segment) : JOURNAL_DIR,
        );
      }
    }
    const tail = read.filter((r) => r.entry.seq > checkpointHead.seq);
    let head: JournalHead;
    try {
      head = checkChain(checkpointHead, tail);
    } catch (error) {
      if (error instanceof JournalError) {
        throw new LoadProblem(
          'chain_broken',
          `The journal file ${error.segment} is damaged: ${error.message}`,
          join(JOURNAL_DIR, error.segment),
        );
      }
      throw error;
    }
    for (const r of tail) {
      if (r.entry.v > CURRENT_SCHEMA_VERSION) throw newerVersion(r.entry.v, join(JOURNAL_DIR, r.segment));
    }
    return { tail, head, lastSegment };
  }

  private async fail(problem: LoadProblem): Promise<void> {
    let asideCopy: string | undefined;
    if (problem.file && problem.file !== JOURNAL_DIR) {
      const name = `${problem.file}.corrupt-${stampOf(this.clock())}`;
      try {
        // A copy, not a move: the original stays byte for byte as it was.
        await copyFile(join(this.options.dataDir, problem.file), join(this.options.dataDir, name));
        asideCopy = name;
      } catch (error) {
        this.options.logError?.('store:set-aside', error);
      }
    }
    const newestBackup = (await listBackups(this.options.dataDir).catch(() => []))[0];
    const where = asideCopy ? ` A copy was set aside as ${asideCopy}; nothing has been changed or deleted.` : '';
    const way = newestBackup
      ? ' You can restore the newest backup, open the data folder to look, or quit.'
      : ' There is no backup to restore yet: open the data folder to look, or quit.';
    this.problem = {
      code: problem.code,
      message: `${problem.message}.${where}${way}`,
      ...(problem.file ? { file: problem.file } : {}),
      ...(asideCopy ? { asideCopy } : {}),
      recovery: newestBackup ? RECOVERY : RECOVERY.filter((r) => r !== 'restoreNewestBackup'),
      ...(newestBackup ? { newestBackup } : {}),
    };
  }
}

function newerVersion(found: number, file: string): LoadProblem {
  return new LoadProblem(
    'newer_version',
    `The data file ${file} was written by a newer version of Boardkeeper (data version ${found}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Open it with that newer version; this one will not downgrade it`,
    file,
  );
}

/** Applies journal entries' after-states, as they are, to a plain state document. */
function replay(doc: Record<string, unknown>, tail: readonly ReadEntry[]): Record<string, unknown> {
  if (tail.length === 0) return doc;
  const maps = new Map<string, Map<string, unknown>>();
  const out: Record<string, unknown> = { ...doc };
  for (const { entry } of tail) {
    for (const change of entry.changes) {
      if (change.target === 'settings') {
        out.settings = change.after;
        continue;
      }
      let map = maps.get(change.target);
      if (!map) {
        const records = Array.isArray(doc[change.target]) ? (doc[change.target] as Array<{ id?: unknown }>) : [];
        map = new Map(records.map((r) => [String(r?.id), r]));
        maps.set(change.target, map);
      }
      if (change.after === null) map.delete(change.id);
      else map.set(change.id, change.after);
    }
  }
  for (const [name, map] of maps) out[name] = [...map.values()];
  return out;
}

function toAuditEntry(r: ReadEntry): AuditEntry {
  return {
    seq: r.entry.seq,
    time: r.entry.time,
    actor: r.entry.actor,
    summary: r.entry.summary,
    hash: r.hash,
    changes: r.entry.changes.slice(0, AUDIT_CHANGES_SHOWN).map((c) => ({
      target: c.target,
      id: c.id,
      kind: c.before === null ? 'created' : c.after === null ? 'removed' : 'updated',
    })),
    changeCount: r.entry.changes.length,
  };
}

/** The first record (collection/id) where the journal's state (as text) and a checkpoint's state differ, or null; sliced. */
async function firstDifferingRecord(journal: StateTexts, checkpoint: unknown): Promise<string | null> {
  const other = (typeof checkpoint === 'object' && checkpoint !== null ? checkpoint : {}) as Record<string, unknown>;
  if (JSON.stringify(journal.settings) !== JSON.stringify(other.settings)) return 'settings';
  let sliceStart = performance.now();
  for (const name of COLLECTION_NAMES) {
    const theirs = new Map<string, string>();
    for (const r of Array.isArray(other[name]) ? (other[name] as Array<{ id?: unknown }>) : []) {
      theirs.set(String(r?.id), JSON.stringify(r));
    }
    for (const text of journal.texts(name)) {
      const id = String((JSON.parse(text) as { id?: unknown }).id);
      const found = theirs.get(id);
      theirs.delete(id);
      if (found !== text) return `${name}/${id}`;
      if (performance.now() - sliceStart > 8) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    const extra = theirs.keys().next();
    if (!extra.done) return `${name}/${extra.value}`;
  }
  return null;
}

/** A file's size and SHA-256, read a megabyte at a time with yields; null when it is missing. */
async function hashFileSliced(path: string): Promise<{ bytes: number; sha256: string } | null> {
  let handle;
  let buffer: Buffer | null = null;
  try {
    handle = await openFile(path, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    buffer = takeBuffer(1 << 20);
    const chunk = buffer.subarray(0, 1 << 20);
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
      bytes += bytesRead;
      await yieldToEventLoop();
    }
    return { bytes, sha256: hash.digest('hex') };
  } finally {
    if (buffer !== null) giveBack(buffer);
    await handle.close();
  }
}

const LAST_VERIFY_FILE = 'last-verify.json';

async function readLastVerify(dataDir: string): Promise<string | null> {
  try {
    const v = JSON.parse(await readFile(join(dataDir, LAST_VERIFY_FILE), 'utf8')) as { checkedAt?: unknown };
    return typeof v.checkedAt === 'string' ? v.checkedAt : null;
  } catch {
    return null;
  }
}

async function writeLastVerify(dataDir: string, report: VerifyReport): Promise<void> {
  await writeFileAtomic(join(dataDir, LAST_VERIFY_FILE), JSON.stringify(report, null, 2));
}

/** Why the checkpoint cannot be trusted, and what is known of it: what a rebuild from the journal needs. */
interface RebuildReason {
  /** Why db.json cannot be trusted; null when there is none. */
  readonly distrust: string | null;
  readonly stamp: string;
  /** A checkpoint that proves its own bytes but that no seal names (written before seals existed). */
  readonly unsealed: { readonly seq: number; readonly stateSha256: string; readonly form: StateForm } | null;
  /** How far the journal is known to have gone (the checkpoint's own word and the seals). */
  readonly known: number;
  /** db.json is there but does not say which entry it reached. */
  readonly positionUnknown: boolean;
}

/** Opens (or creates) the store in `dataDir`. Never throws for bad data: see `status()`. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = new Store(options);
  await store.load();
  return store;
}

export { COLLECTION_NAMES };
