/**
 * The whole state of one installation, its collections, and the pure rules for
 * changing it. In memory each collection is an immutable `RecordMap`; on disk
 * (the checkpoint, exports) it is an array of records: `StateDocument`.
 */
import { z } from 'zod';
import { RecordMap } from './recordMap.ts';
import { ConditionSchema } from './conditions.ts';
import { ContractSchema } from './contracts.ts';
import { DeadlineSchema, LedgerEntrySchema } from './deadlines.ts';
import { DecisionSchema } from './decisions.ts';
import { MinutesSchema } from './minutes.ts';
import { MeetingSchema } from './meetings.ts';
import { MemberSchema } from './members.ts';
import { PaperMarkSchema, PaperSchema } from './papers.ts';
import { PackLogEntrySchema, PaperNoteSchema, PublisherSchema } from './packs.ts';
import { CompiledPackSchema } from './compiledPacks.ts';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './settings.ts';
import type { FieldIssue } from '../contract/result.ts';

/** The schema version this build writes. Older files are migrated; newer ones refused. */
export const CURRENT_SCHEMA_VERSION = 13;

/**
 * Every record collection with its id prefix and schema. Collections whose
 * feature is not built yet keep the common fields and may carry others.
 */
export const COLLECTIONS = {
  members: { prefix: 'mem_', schema: MemberSchema },
  meetings: { prefix: 'mtg_', schema: MeetingSchema },
  papers: { prefix: 'pap_', schema: PaperSchema },
  paperMarks: { prefix: 'pmk_', schema: PaperMarkSchema },
  decisions: { prefix: 'dec_', schema: DecisionSchema },
  conditions: { prefix: 'cnd_', schema: ConditionSchema },
  contracts: { prefix: 'ctr_', schema: ContractSchema },
  deadlines: { prefix: 'ddl_', schema: DeadlineSchema },
  reminderLedger: { prefix: 'rem_', schema: LedgerEntrySchema },
  minutes: { prefix: 'min_', schema: MinutesSchema },
  paperNotes: { prefix: 'pnt_', schema: PaperNoteSchema },
  packLog: { prefix: 'pck_', schema: PackLogEntrySchema },
  publishers: { prefix: 'pub_', schema: PublisherSchema },
  compiledPacks: { prefix: 'cpk_', schema: CompiledPackSchema },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
/** A stored record of a collection, as its schema describes it. */
export type StoredRecord<C extends CollectionName = CollectionName> = z.infer<(typeof COLLECTIONS)[C]['schema']>;

/** Where a change can land: a collection, or the settings singleton. */
export type Target = CollectionName | 'settings';

/** The state in memory: immutable; a change makes a new one sharing what it did not touch. */
export type State = {
  readonly schemaVersion: number;
  readonly settings: Settings;
} & { readonly [C in CollectionName]: RecordMap<StoredRecord<C>> };

/** The state on disk and in exports: plain JSON. */
export const StateDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  settings: SettingsSchema,
  ...(Object.fromEntries(COLLECTION_NAMES.map((name) => [name, z.array(COLLECTIONS[name].schema)])) as {
    [C in CollectionName]: z.ZodArray<(typeof COLLECTIONS)[C]['schema']>;
  }),
});
export type StateDocument = z.infer<typeof StateDocumentSchema>;

/** The state of a new installation. */
export function initialState(): State {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: DEFAULT_SETTINGS,
    ...(Object.fromEntries(COLLECTION_NAMES.map((name) => [name, RecordMap.empty()])) as {
      [C in CollectionName]: RecordMap<StoredRecord<C>>;
    }),
  };
}

/** One record change: `after: null` removes the record. */
export type RecordChange =
  | { readonly target: 'settings'; readonly id: 'settings'; readonly after: Settings }
  | { readonly target: CollectionName; readonly id: string; readonly after: StoredRecord | null };

/** A change as the journal keeps it: with the before-state, for audit and undo. */
export type JournalChange = RecordChange & { readonly before: unknown };

/** The current value of a change's target, or null when there is none. */
export function currentOf(state: State, change: Pick<RecordChange, 'target' | 'id'>): unknown {
  if (change.target === 'settings') return state.settings;
  return state[change.target].get(change.id) ?? null;
}

/**
 * Changes grouped by collection, each group in the order given, and the
 * settings the last settings change leaves (`settings` when none does).
 */
function grouped(
  settings: Settings,
  changes: readonly RecordChange[],
): { settings: Settings; byTarget: Map<CollectionName, Array<[string, StoredRecord | null]>> } {
  const byTarget = new Map<CollectionName, Array<[string, StoredRecord | null]>>();
  for (const change of changes) {
    if (change.target === 'settings') {
      settings = change.after;
      continue;
    }
    let list = byTarget.get(change.target);
    if (list === undefined) {
      list = [];
      byTarget.set(change.target, list);
    }
    list.push([change.id, change.after as StoredRecord | null]);
  }
  return { settings, byTarget };
}

/** Applies changes, in order, to make a new state. `state` itself is unchanged. */
export function applyChanges(state: State, changes: readonly RecordChange[]): State {
  if (changes.length === 0) return state;
  // Grouped by collection, so each collection's buckets are copied once per change.
  const { settings, byTarget } = grouped(state.settings, changes);
  const next: Record<string, unknown> = { ...state, settings };
  for (const [target, list] of byTarget) {
    next[target] = (state[target] as RecordMap<StoredRecord>).withChanges(list);
  }
  return next as unknown as State;
}

/** Turns zod issues into field issues, the field named by its dotted path. */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || '(input)';
    return { field, message: issue.message };
  });
}

/**
 * Validates the records a change touches (and only those). Returns the
 * problems, each naming the field, or the change with its record as the
 * schema normalises it (trimmed text, defaults filled): what gets stored.
 */
export function validateChange(change: RecordChange): { issues: FieldIssue[]; change: RecordChange } {
  if (change.after === null) return { issues: [], change };
  if (change.target === 'settings') {
    const parsed = SettingsSchema.safeParse(change.after);
    return parsed.success
      ? { issues: [], change: { ...change, after: parsed.data } }
      : { issues: fieldIssues(parsed.error, 'settings'), change };
  }
  const { prefix, schema } = COLLECTIONS[change.target];
  const issues: FieldIssue[] = [];
  const parsed = schema.safeParse(change.after);
  if (!parsed.success) issues.push(...fieldIssues(parsed.error, change.target));
  if (!change.id.startsWith(prefix)) {
    issues.push({ field: `${change.target}.id`, message: `must start with ${prefix}` });
  } else if ((change.after as { id?: unknown }).id !== change.id) {
    issues.push({ field: `${change.target}.id`, message: 'does not match the id the change is filed under' });
  }
  return parsed.success && issues.length === 0
    ? { issues, change: { ...change, after: parsed.data as StoredRecord } }
    : { issues, change };
}

/** The state as plain JSON, for the checkpoint and exports. */
export function toDocument(state: State): StateDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: state.settings,
    ...(Object.fromEntries(COLLECTION_NAMES.map((name) => [name, state[name].values()])) as {
      [C in CollectionName]: StoredRecord<C>[];
    }),
  };
}

/** Builds the in-memory state from a document that has already been validated. */
export function fromDocument(doc: StateDocument, changes: readonly RecordChange[] = []): State {
  // Changes made after the document (a journal tail), applied as the maps are built: nothing copied.
  const { settings, byTarget } = grouped(doc.settings, changes);
  return {
    schemaVersion: doc.schemaVersion,
    settings,
    ...(Object.fromEntries(
      COLLECTION_NAMES.map((name) => [
        name,
        RecordMap.from(doc[name] as StoredRecord[], (r) => r.id, byTarget.get(name) ?? []),
      ]),
    ) as { [C in CollectionName]: RecordMap<StoredRecord<C>> }),
  };
}

/** Validates a whole state document; returns the parsed document or field issues. */
export function validateDocument(doc: unknown): { ok: true; doc: StateDocument } | { ok: false; issues: FieldIssue[] } {
  const parsed = StateDocumentSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  for (const name of COLLECTION_NAMES) {
    const seen = new Set<string>();
    for (const [index, record] of parsed.data[name].entries()) {
      if (!record.id.startsWith(COLLECTIONS[name].prefix)) {
        return {
          ok: false,
          issues: [{ field: `${name}.${index}.id`, message: `must start with ${COLLECTIONS[name].prefix}` }],
        };
      }
      if (seen.has(record.id)) {
        return { ok: false, issues: [{ field: `${name}.${index}.id`, message: `duplicate id ${record.id}` }] };
      }
      seen.add(record.id);
    }
  }
  return { ok: true, doc: parsed.data };
}
