/**
 * Rebuilding the state from the journal alone, from entry 1: the recovery
 * path when the checkpoint cannot be trusted, and what Verify compares the
 * checkpoint with (docs/architecture.md "Data": the journal is the truth).
 *
 * Each entry's after-states are applied as they are; where the journal
 * crosses a schema version (entries of version 3, then of version 4) the
 * document is migrated at that boundary, as the app that wrote the later
 * entries migrated it when it opened. Everything is sliced: parsing, applying,
 * validating and hashing yield to the event loop every few milliseconds.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldIssue } from '../../../shared/contract/result.ts';
import { migrateDocument } from '../../../shared/schema/migrations.ts';
import { RecordMap } from '../../../shared/schema/recordMap.ts';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../shared/schema/settings.ts';
import {
  COLLECTIONS,
  COLLECTION_NAMES,
  CURRENT_SCHEMA_VERSION,
  fieldIssues,
  type CollectionName,
  type State,
  type StateDocument,
  type StoredRecord,
} from '../../../shared/schema/state.ts';
import { stateSha256Of, type StateTexts } from './checkpoint.ts';
import {
  GENESIS_HASH,
  JournalError,
  checkChain,
  listSegments,
  leaseSegmentBytes,
  streamSegment,
  type JournalHead,
  type ParsedSegment,
  type ReadEntry,
} from './journal.ts';

const SLICE_MS = 8;

/** Why the journal cannot rebuild the state; names the file and, when known, the entry and line. */
export class RebuildError extends Error {
  constructor(
    message: string,
    readonly code: 'corrupt_journal' | 'chain_broken' | 'newer_version',
    /** Relative to the data folder, e.g. `journal/000000000001.jsonl`. */
    readonly file: string,
    readonly seq?: number,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'RebuildError';
  }
}

/** How far a rebuild has got: bytes of journal read out of the total. */
export interface RebuildProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * A state document as the replay holds it: each record as its JSON text (the
 * journal's after-state, serialised once), not as objects. A ten-year state
 * in hand is then some eighty thousand strings, which the garbage collector
 * never has to walk, rather than millions of small objects, whose marking and
 * copying held the event loop for hundreds of milliseconds at a time.
 */
export interface ReplayedDocument {
  readonly schemaVersion: number;
  /** The settings as the journal last named them (an object; the defaults when it never did). */
  readonly settings: unknown;
  /** Collection -> id -> the record's JSON text, in the order the records were first made. */
  readonly records: ReadonlyMap<CollectionName, ReadonlyMap<string, string>>;
}

/** The journal replayed: a document at the current schema version, not yet validated. */
export interface Replayed {
  /** True when every entry was written at the current schema version: nothing was migrated. */
  readonly current: boolean;
  readonly doc: ReplayedDocument;
  readonly head: JournalHead;
  /** Entries read (and chain-checked), applied or not. */
  readonly entries: number;
  readonly lastSegment: string | null;
  /** Schema versions the journal's entries were written at, in order. */
  readonly versions: readonly number[];
  /** The hash of each entry asked for in `hashesAt` that the journal holds. */
  readonly hashes: ReadonlyMap<number, string>;
  /** The document after entry `snapshotAt`, when asked for and the journal holds it (migrated to the current version). */
  readonly snapshot?: { readonly doc: ReplayedDocument; readonly current: boolean };
  /** An incomplete last line of the last segment (a torn append), left for the caller to judge. */
  readonly tornTail?: { readonly segment: string } & NonNullable<ParsedSegment['tail']>;
}

/** What to replay and what to report on the way. */
export interface ReplayOptions {
  /** Apply entries up to this one only; later ones are still read and their chain checked (Verify). */
  readonly applyUpTo?: number;
  /** Entries whose hashes to report (e.g. the search index's position). */
  readonly hashesAt?: readonly number[];
  /** Also keep the document as it stood after this entry (`Replayed.snapshot`), in the same pass. */
  readonly snapshotAt?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * The string made flat: JSON.stringify returns a long text as a tree of
 * parts (V8 builds it piece by piece), several heap objects per record for
 * the garbage collector; reading a character joins the parts into one.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Yields to the event loop once `SLICE_MS` have passed since the last yield (or now, when `fresh`). */
function slicer(): (fresh?: boolean) => Promise<void> | undefined {
  let sliceStart = performance.now();
  return (fresh = false) => {
    if (!fresh && performance.now() - sliceStart <= SLICE_MS) return undefined;
    return yieldToEventLoop().then(() => {
      sliceStart = performance.now();
    });
  };
}

/** The document as plain JSON (records parsed), e.g. for a migration or a comparison; at once, not sliced. */
export function plainDocument(doc: ReplayedDocument): Record<string, unknown> {
  return {
    schemaVersion: doc.schemaVersion,
    settings: doc.settings,
    ...Object.fromEntries(
      COLLECTION_NAMES.map((name) => [name, [...(doc.records.get(name)?.values() ?? [])].map((t) => JSON.parse(t))]),
    ),
  };
}

/** One collection's records parsed, with yields (e.g. the papers, for the stored files they name). */
export async function parsedRecords(doc: ReplayedDocument, name: CollectionName): Promise<unknown[]> {
  const pause = slicer();
  const out: unknown[] = [];
  for (const text of doc.records.get(name)?.values() ?? []) {
    out.push(JSON.parse(text));
    await pause();
  }
  return out;
}

/**
 * Migrates a replayed document to `target`: its records parsed, the
 * migrations run (each works on the whole document, as the app that opened a
 * checkpoint of that version ran them), and serialised again. Parsing and
 * serialising are sliced; the migrations themselves run in one go. Null when
 * no migration leads there.
 */
async function migrateReplayed(doc: ReplayedDocument, target: number): Promise<ReplayedDocument | null> {
  const pause = slicer();
  const plain: Record<string, unknown> = { schemaVersion: doc.schemaVersion, settings: doc.settings };
  for (const name of COLLECTION_NAMES) {
    const records: unknown[] = [];
    for (const text of doc.records.get(name)?.values() ?? []) {
      records.push(JSON.parse(text));
      await pause();
    }
    plain[name] = records;
  }
  const migrated = migrateDocument(plain, undefined, target);
  if (!migrated.ok) return null;
  const records = new Map<CollectionName, Map<string, string>>();
  for (const name of COLLECTION_NAMES) {
    const list = Array.isArray(migrated.doc[name]) ? (migrated.doc[name] as Array<{ id?: unknown }>) : [];
    const map = new Map<string, string>();
    for (const record of list) {
      map.set(String(record?.id), JSON.stringify(record));
      await pause();
    }
    records.set(name, map);
  }
  return { schemaVersion: target, settings: migrated.doc.settings, records };
}

/**
 * Replays the whole journal from entry 1 into a document at the current
 * version (the state of entry `applyUpTo`, when given). Throws RebuildError
 * naming the file and entry when segments are missing, damaged or out of chain.
 */
export async function replayJournal(journalDir: string, options: ReplayOptions = {}): Promise<Replayed> {
  const segments = await listSegments(journalDir);
  const stop = options.applyUpTo ?? Number.POSITIVE_INFINITY;
  const wantHashes = new Set(options.hashesAt ?? []);
  const hashes = new Map<number, string>();
  const relative = (name: string): string => join('journal', name);
  let head: JournalHead = { seq: 0, hash: GENESIS_HASH };
  if (segments.length > 0 && segments[0]!.firstSeq !== 1) {
    throw new RebuildError(
      `the journal starts at entry ${segments[0]!.firstSeq}: the file(s) holding entries 1 to ${segments[0]!.firstSeq - 1} are missing`,
      'corrupt_journal',
      relative(segments[0]!.name),
    );
  }
  const sizes = await Promise.all(
    segments.map((s) =>
      stat(join(journalDir, s.name)).then(
        (st) => st.size,
        () => 0,
      ),
    ),
  );
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  options.onProgress?.({ done, total });

  // The document as maps (id -> record text), in the order records were first made.
  let version: number | null = null;
  const versions: number[] = [];
  // Settings are known from the first settings change on (its after-state); before it they are the
  // defaults of whichever version wrote the journal, which only a settings change ever names.
  let settings: unknown;
  let maps = new Map<CollectionName, Map<string, string>>(COLLECTION_NAMES.map((n) => [n, new Map<string, string>()]));
  const documentNow = (): ReplayedDocument => ({
    schemaVersion: version ?? CURRENT_SCHEMA_VERSION,
    settings: settings ?? {},
    records: maps,
  });
  const migrateTo = async (target: number, file: string, seq: number): Promise<void> => {
    const migrated = await migrateReplayed(documentNow(), target);
    if (migrated === null) {
      throw new RebuildError(
        `entry ${seq} is of schema version ${target}, which cannot be reached from version ${version ?? '?'}`,
        'corrupt_journal',
        file,
        seq,
      );
    }
    if (settings !== undefined) settings = migrated.settings;
    maps = migrated.records as Map<CollectionName, Map<string, string>>;
    version = target;
  };

  let entries = 0;
  let tornTail: Replayed['tornTail'];
  let snapshot: Replayed['snapshot'];
  // The document as it stands now, migrated to the current version, without disturbing the replay.
  const snapshotNow = async (): Promise<NonNullable<Replayed['snapshot']>> => {
    const doc: ReplayedDocument = {
      schemaVersion: version ?? CURRENT_SCHEMA_VERSION,
      settings: settings ?? DEFAULT_SETTINGS,
      records: new Map([...maps].map(([name, map]) => [name, new Map(map)])),
    };
    if (doc.schemaVersion === CURRENT_SCHEMA_VERSION) {
      return { doc, current: versions.every((v) => v === CURRENT_SCHEMA_VERSION) };
    }
    return { doc: (await migrateReplayed(doc, CURRENT_SCHEMA_VERSION)) ?? doc, current: false };
  };
  if (options.snapshotAt === 0) snapshot = await snapshotNow();
  for (const [index, segment] of segments.entries()) {
    if (segment.firstSeq !== head.seq + 1 && index > 0) {
      throw new RebuildError(
        `the journal jumps from entry ${head.seq} to entry ${segment.firstSeq}: the file holding entries ${head.seq + 1} to ${segment.firstSeq - 1} is missing`,
        'corrupt_journal',
        relative(segment.name),
        head.seq + 1,
      );
    }
    // Each line is read, chain-checked and applied before the next is read: nothing of a segment
    // is gathered (a whole segment's parsed entries made the garbage collector's pauses long).
    const read = await leaseSegmentBytes(journalDir, segment.name);
    const lines = streamSegment(segment.name, read.bytes);
    try {
      for (;;) {
        let step: IteratorResult<ReadEntry, ParsedSegment['tail']>;
        try {
          step = await lines.next();
        } catch (error) {
          if (error instanceof JournalError) {
            throw new RebuildError(error.message, 'corrupt_journal', relative(segment.name), error.seq, error.line);
          }
          throw error;
        }
        if (!step.done) {
          try {
            head = checkChain(head, [step.value]);
          } catch (error) {
            if (error instanceof JournalError) {
              throw new RebuildError(error.message, 'chain_broken', relative(segment.name), error.seq, error.line);
            }
            throw error;
          }
        }
        if (step.done) {
          const tail = step.value;
          if (tail) {
            if (index !== segments.length - 1) {
              throw new RebuildError(
                `line ${tail.line} is not a valid journal entry`,
                'corrupt_journal',
                relative(segment.name),
                undefined,
                tail.line,
              );
            }
            tornTail = { segment: segment.name, ...tail };
          }
          break;
        }
        const { entry, line, hash } = step.value;
        entries++;
        if (wantHashes.has(entry.seq)) hashes.set(entry.seq, hash);
        if (entry.seq > stop) continue;
        if (entry.v > CURRENT_SCHEMA_VERSION) {
          throw new RebuildError(
            `entry ${entry.seq} was written by a newer version of Boardkeeper (data version ${entry.v}; this one reads up to ${CURRENT_SCHEMA_VERSION})`,
            'newer_version',
            relative(segment.name),
            entry.seq,
            line,
          );
        }
        if (version === null) {
          version = entry.v;
          versions.push(entry.v);
        } else if (entry.v > version) {
          await migrateTo(entry.v, relative(segment.name), entry.seq);
          versions.push(entry.v);
        }
        for (const change of entry.changes) {
          if (change.target === 'settings') {
            settings = change.after;
            continue;
          }
          const map = maps.get(change.target as CollectionName);
          if (map === undefined) continue;
          if (change.after === null) map.delete(change.id);
          // Kept as text: the parsed line is garbage at once, and what stays is one string per record.
          else map.set(change.id, flat(JSON.stringify(change.after)));
        }
        if (entry.seq === options.snapshotAt) snapshot = await snapshotNow();
      }
    } finally {
      read.release();
    }
    done += sizes[index]!;
    options.onProgress?.({ done, total });
  }
  if (version !== null && version < CURRENT_SCHEMA_VERSION) {
    await migrateTo(CURRENT_SCHEMA_VERSION, relative(segments.at(-1)?.name ?? ''), head.seq);
  }
  if (settings === undefined) settings = DEFAULT_SETTINGS;
  version = CURRENT_SCHEMA_VERSION;
  return {
    current: versions.every((v) => v === CURRENT_SCHEMA_VERSION),
    doc: documentNow(),
    head,
    entries,
    lastSegment: segments.at(-1)?.name ?? null,
    versions,
    hashes,
    ...(snapshot ? { snapshot } : {}),
    ...(tornTail ? { tornTail } : {}),
  };
}

/**
 * One record of a collection checked as `validateDocument` checks it: its
 * schema, its id's prefix, no id seen before in the collection (`seen`, added
 * to). The schema's output and the id, or the problem naming the field.
 */
function checkRecord(
  name: CollectionName,
  record: unknown,
  index: number,
  seen: Set<string>,
): { ok: true; id: string; data: unknown } | { ok: false; issues: FieldIssue[] } {
  const { schema, prefix } = COLLECTIONS[name];
  const parsed = schema.safeParse(record);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error, `${name}.${index}`) };
  const id = (parsed.data as { id: string }).id;
  if (!id.startsWith(prefix)) {
    return { ok: false, issues: [{ field: `${name}.${index}.id`, message: `must start with ${prefix}` }] };
  }
  if (seen.has(id)) return { ok: false, issues: [{ field: `${name}.${index}.id`, message: `duplicate id ${id}` }] };
  seen.add(id);
  return { ok: true, id, data: parsed.data };
}

/** A replayed document checked: the state it makes (when asked for) and the state hash a checkpoint of it carries. */
export type CheckedReplay =
  | {
      readonly ok: true;
      /** The in-memory state, when `build` was asked for. */
      readonly state: State | null;
      /** The state as a checkpoint serialises it (records as JSON text, in the state's order). */
      readonly texts: StateTexts;
      readonly stateSha256: string;
    }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Validates a replayed document record by record with yields (the checks of
 * `validateDocument`: schema, id prefix, no duplicate ids), works out the
 * state hash a checkpoint of it would carry and, with `build`, makes the
 * in-memory state, collection by collection, without the garbage collector
 * ever meeting the whole document as objects at once (each record's text is
 * parsed once, here).
 *
 * keepInput: records that pass are kept as they were written (the journal's
 * after-states were the schema's output when journaled), so a rebuilt state
 * is byte for byte the one the app held; otherwise the schema's output is
 * kept (defaults filled after a migration).
 */
export async function checkReplayed(
  doc: ReplayedDocument,
  options: { readonly keepInput?: boolean; readonly build?: boolean } = {},
): Promise<CheckedReplay> {
  if (doc.schemaVersion !== CURRENT_SCHEMA_VERSION) {
    return { ok: false, issues: [{ field: 'schemaVersion', message: `must be ${CURRENT_SCHEMA_VERSION}` }] };
  }
  const settings = SettingsSchema.safeParse(doc.settings);
  if (!settings.success) return { ok: false, issues: fieldIssues(settings.error, 'settings') };
  const keep = options.keepInput === true;
  const pause = slicer();
  const texts = new Map<CollectionName, RecordMap<string>>();
  const built = new Map<CollectionName, RecordMap<StoredRecord>>();
  for (const name of COLLECTION_NAMES) {
    const seen = new Set<string>();
    // The state's order (RecordMap's: by bucket, then as made) is the one a checkpoint is written in.
    const textMap = RecordMap.builder<string>();
    const recordMap = RecordMap.builder<StoredRecord>();
    let index = 0;
    // A fresh slice for each collection: zod compiles a schema on its first record (tens of
    // milliseconds, once), which should not land at the end of a slice already spent.
    await pause(true);
    for (const text of doc.records.get(name)?.values() ?? []) {
      const record: unknown = JSON.parse(text);
      const checked = checkRecord(name, record, index, seen);
      if (!checked.ok) return checked;
      const { id, data } = checked;
      textMap.add(id, keep ? text : JSON.stringify(data));
      if (options.build === true) recordMap.add(id, (keep ? record : data) as StoredRecord);
      index++;
      await pause();
    }
    texts.set(name, textMap.build());
    if (options.build === true) built.set(name, recordMap.build());
  }
  const settingsOut = (keep ? doc.settings : settings.data) as Settings;
  const stateTexts: StateTexts = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: settingsOut,
    texts: (name) => texts.get(name) ?? [],
  };
  const stateSha256 = await stateSha256Of(stateTexts);
  const state =
    options.build === true
      ? ({
          schemaVersion: CURRENT_SCHEMA_VERSION,
          settings: settingsOut,
          ...Object.fromEntries(built),
        } as unknown as State)
      : null;
  return { ok: true, state, texts: stateTexts, stateSha256 };
}

/**
 * `validateDocument`, record by record with yields, so a hundred thousand
 * records never hold the event loop: the same checks (schema, id prefix, no
 * duplicate ids) and the same normalised output.
 */
export async function validateDocumentSliced(
  doc: Record<string, unknown>,
  options: { readonly keepInput?: boolean } = {},
): Promise<{ ok: true; doc: StateDocument } | { ok: false; issues: FieldIssue[] }> {
  if (doc.schemaVersion !== CURRENT_SCHEMA_VERSION) {
    return { ok: false, issues: [{ field: 'schemaVersion', message: `must be ${CURRENT_SCHEMA_VERSION}` }] };
  }
  const settings = SettingsSchema.safeParse(doc.settings);
  if (!settings.success) return { ok: false, issues: fieldIssues(settings.error, 'settings') };
  // keepInput: records that pass are kept as they were written (the journal's after-states were the
  // schema's output when journaled), so a rebuilt state is byte for byte the one the app held.
  const keep = options.keepInput === true;
  const out: Record<string, unknown> = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: keep ? doc.settings : settings.data,
  };
  let sliceStart = performance.now();
  for (const name of COLLECTION_NAMES) {
    const records: unknown = doc[name] ?? [];
    if (!Array.isArray(records)) return { ok: false, issues: [{ field: name, message: 'must be a list' }] };
    const seen = new Set<string>();
    const parsedRecords: unknown[] = [];
    for (const [index, record] of records.entries()) {
      const checked = checkRecord(name, record, index, seen);
      if (!checked.ok) return checked;
      parsedRecords.push(keep ? record : checked.data);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    out[name] = parsedRecords;
  }
  return { ok: true, doc: out as StateDocument };
}
