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
import { copyFile, mkdir, readdir } from 'node:fs/promises';
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
  validateDocument,
  type JournalChange,
  type RecordChange,
  type State,
  type StateDocument,
} from '../../../shared/schema/state.ts';
import type {
  AuditEntry,
  AuditPage,
  BackupInfo,
  StoreProblem,
  StoreProblemCode,
  StoreStatus,
  StoreWarning,
  VerifyReport,
} from '../../../shared/contract/storeTypes.ts';
import { AUDIT_CHANGES_SHOWN } from '../../../shared/contract/storeTypes.ts';
import { errorCode, sweepTempFiles, type AtomicWriteOptions } from './atomicFile.ts';
import { BACKUPS_DIR, JOURNAL_DIR, createBackup, listBackups, pruneBackups, stampOf } from './backups.ts';
import { BLOBS_DIR, BlobStore } from './blobs.ts';
import {
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT,
  CheckpointAdapter,
  CheckpointParseError,
  type CheckpointRead,
  type CheckpointToWrite,
} from './checkpoint.ts';
import {
  DEFAULT_SEGMENT_BYTES,
  GENESIS_HASH,
  JournalError,
  JournalWriter,
  checkChain,
  listSegments,
  parseSegment,
  readSegment,
  setAsideTornTail,
  type JournalEntry,
  type JournalHead,
  type ReadEntry,
} from './journal.ts';

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
    targets: string[];
    records: Array<{ target: string; id: string }>;
  }) => void;
  readonly logError?: (where: string, error: unknown) => void;
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
  private closed = false;
  private readonly low: Low<CheckpointRead | CheckpointToWrite | null>;
  private readonly clock: () => Date;
  /** Content-addressed files of this data folder. */
  readonly blobs: BlobStore;

  /** @internal use openStore */
  constructor(private readonly options: StoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.blobs = new BlobStore(join(options.dataDir, BLOBS_DIR));
    this.low = new Low<CheckpointRead | CheckpointToWrite | null>(
      new CheckpointAdapter(join(options.dataDir, CHECKPOINT_FILE), options.checkpointWrite),
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
        await this.backupInQueue('start');
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
        if (errorCode(error) === 'ENOSPC' || errorCode(error) === 'EDQUOT') {
          throw new AppFailure(
            'disk_full',
            `The disk holding ${this.options.dataDir} is full, so "${said}" was not saved. Nothing else was lost: free some space and try again.`,
          );
        }
        throw new AppFailure(
          'io_error',
          `"${said}" could not be saved: ${error instanceof Error ? error.message : String(error)}. Nothing else was lost.`,
        );
      }
      this.current = applyChanges(before, journalChanges);
      const seq = writer.position.seq;
      this.afterChange();
      this.options.onChange?.({
        seq,
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
  checkpoint(): Promise<void> {
    if (this.problem || this.writer === null) return Promise.resolve();
    if (this.checkpointRunning) {
      this.checkpointAgain = true;
      return this.checkpointRunning;
    }
    const run = async (): Promise<void> => {
      do {
        this.checkpointAgain = false;
        const journal = this.head();
        if (journal.seq === this.checkpointSeq && this.checkpointSeq !== 0) break;
        this.changesSinceCheckpoint = 0;
        this.low.data = { journal, writtenAt: this.clock().toISOString(), state: this.current };
        await this.low.write();
        this.checkpointSeq = journal.seq;
      } while (this.checkpointAgain);
    };
    this.checkpointRunning = run()
      .catch((error: unknown) => {
        // The journal holds every change, so a failed checkpoint loses nothing; the next one retries.
        this.options.logError?.('checkpoint', error);
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
   * Checks the whole chain (every entry, in every segment) and every blob,
   * and names the first bad one.
   */
  verify(): Promise<VerifyReport> {
    return this.enqueue(async () => {
      this.assertUsable();
      const checkedAt = this.clock().toISOString();
      const dir = join(this.options.dataDir, JOURNAL_DIR);
      let head: JournalHead = { seq: 0, hash: GENESIS_HASH };
      let checked = 0;
      const bad = (
        e: JournalError | { segment: string; line: number; seq?: number; message: string },
      ): VerifyReport => ({
        ok: false,
        entriesChecked: checked,
        blobsChecked: 0,
        firstBad: {
          kind: 'entry',
          ...(e.seq !== undefined ? { seq: e.seq } : {}),
          file: join(JOURNAL_DIR, e.segment),
          line: e.line,
          reason: e.message,
        },
        checkedAt,
      });
      for (const segment of await listSegments(dir)) {
        let parsed;
        try {
          parsed = parseSegment(segment.name, await readSegment(dir, segment.name));
          head = checkChain(head, parsed.entries);
        } catch (error) {
          if (error instanceof JournalError) return bad(error);
          throw error;
        }
        checked += parsed.entries.length;
        if (parsed.tail) {
          return bad({
            segment: segment.name,
            line: parsed.tail.line,
            message: `line ${parsed.tail.line} is not a valid journal entry`,
          });
        }
      }
      const expected = this.head();
      if (head.seq !== expected.seq || head.hash !== expected.hash) {
        const last = (await this.readRange(expected.seq, expected.seq))[0];
        return bad({
          segment: last?.segment ?? '(none)',
          line: last?.line ?? 0,
          seq: expected.seq,
          message:
            head.seq !== expected.seq
              ? `the journal ends at entry ${head.seq}, but entry ${expected.seq} was written`
              : `entry ${expected.seq} on disk differs from the entry that was written`,
        });
      }
      const blobs = await this.blobs.verify();
      if (blobs.firstBad) {
        return {
          ok: false,
          entriesChecked: checked,
          blobsChecked: blobs.checked,
          firstBad: {
            kind: 'blob',
            file: blobs.firstBad.file,
            reason: `its content no longer matches its SHA-256 (${blobs.firstBad.hash})`,
          },
          checkedAt,
        };
      }
      return { ok: true, entriesChecked: checked, blobsChecked: blobs.checked, checkedAt };
    });
  }

  /** Waits for queued changes, writes a last checkpoint (if healthy) and closes the journal. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.enqueue(async () => undefined);
    this.clearQuietTimer();
    if (!this.problem) {
      await this.checkpointRunning;
      if (this.head().seq !== this.checkpointSeq) await this.checkpoint();
    }
    this.closed = true;
    await this.writer?.close();
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
      await this.loadOrThrow(journalDir);
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

  private async loadOrThrow(journalDir: string): Promise<void> {
    let raw: CheckpointRead | null;
    try {
      await this.low.read();
      raw = this.low.data as CheckpointRead | null;
    } catch (error) {
      if (error instanceof CheckpointParseError) {
        throw new LoadProblem(
          'corrupt_checkpoint',
          `The data file ${CHECKPOINT_FILE} could not be read: ${error.message}`,
          CHECKPOINT_FILE,
        );
      }
      throw error;
    }

    let doc: Record<string, unknown>;
    let checkpointHead: JournalHead = { seq: 0, hash: GENESIS_HASH };
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
        throw new LoadProblem(
          'corrupt_checkpoint',
          `The data file ${CHECKPOINT_FILE} holds JSON, but not a Boardkeeper checkpoint (its format, journal position or state is missing)`,
          CHECKPOINT_FILE,
        );
      }
      checkpointHead = { seq: journal.seq, hash: journal.hash };
      doc = raw.state as Record<string, unknown>;
      const version = doc.schemaVersion;
      if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
        throw newerVersion(version, CHECKPOINT_FILE);
      }
    } else {
      doc = toDocument(initialState()) as unknown as Record<string, unknown>;
    }

    const { tail, head, lastSegment } = await this.readTail(journalDir, checkpointHead);
    // A verified checkpoint of this version with a tail journaled by this version (the usual open): the
    // records are put straight into the in-memory maps, the tail's changes made in them as they are
    // built, rather than replayed into arrays first. Nothing needs migrating or
    // validating (the other path says why a verified checkpoint is trusted).
    let migratedNow = false;
    const current =
      raw !== null &&
      raw.stateVerified &&
      doc.schemaVersion === CURRENT_SCHEMA_VERSION &&
      tail.every((r) => r.entry.v === CURRENT_SCHEMA_VERSION);
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
      // A checkpoint whose state hash matches is byte for byte what this app wrote from records it
      // validated, and the tail replayed onto it was validated when it was journaled: validating
      // ~100,000 records again would double the time to open. Anything else (no hash, a hash that
      // does not match, a migration, no checkpoint at all) is validated in full.
      migratedNow = migrated.migrated;
      const trusted = raw !== null && raw.stateVerified && !migrated.migrated;
      const valid = trusted
        ? { ok: true as const, doc: migrated.doc as StateDocument }
        : validateDocument(migrated.doc);
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
    this.checkpointSeq = checkpointHead.seq;
    this.writer = await JournalWriter.open(
      journalDir,
      head,
      lastSegment,
      this.options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    );
    if (migratedNow || (raw === null && head.seq > 0)) {
      // After a migration the checkpoint is written at once, so the journal never mixes versions after it.
      await this.checkpoint();
    } else if (tail.length > 0) {
      this.afterChange();
    }
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
        const aside = await setAsideTornTail(
          journalDir,
          segment.name,
          parsed.tail.offset,
          parsed.tail.text,
          stampOf(this.clock()),
        );
        this.warnings.push({
          code: 'torn_journal_line',
          message: `The last journal entry was only partly written (the app or the machine stopped mid-save), so that one unfinished change was not kept. Every earlier change is intact. The partial line was saved to ${join(JOURNAL_DIR, aside)}.`,
          file: join(JOURNAL_DIR, aside),
        });
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

/** Opens (or creates) the store in `dataDir`. Never throws for bad data: see `status()`. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = new Store(options);
  await store.load();
  return store;
}

export { COLLECTION_NAMES };
