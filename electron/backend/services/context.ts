/**
 * What every service needs: the current store, the clock and the actor, and
 * small rules shared by all record types (ids, timestamps, archiving).
 */
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../../shared/contract/result.ts';
import {
  currentOf,
  type CollectionName,
  type RecordChange,
  type State,
  type StoredRecord,
} from '../../../shared/schema/state.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import type { StoreStatus } from '../../../shared/contract/storeTypes.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import type { Platform } from '../platform.ts';
import type { PackOffers } from '../packs/packOffers.ts';
import type { SearchIndex } from '../search/searchIndex.ts';
import type { ChangeSet, Store } from '../store/store.ts';
import { refuseImportedEdits } from './packRecords.ts';

/** The services' view of the backend. */
export interface ServiceContext {
  store(): Store;
  readonly clock: () => Date;
  /** Opening files and folders in the system's own programs. */
  readonly platform: Pick<Platform, 'openPath'>;
}

/** What the handler table is built over: the services' view, the data folder, search, restore and the whole platform. */
export interface BackendContext extends ServiceContext {
  readonly dataDir: string;
  readonly platform: Platform;
  /** The search index of the current store. */
  search(): SearchIndex;
  /** Replaces the data with a backup (`newest` or an id) and reopens. */
  restore(id: string): Promise<StoreStatus>;
  /** Packs on offer (open with, the watched folder). */
  packOffers(): PackOffers;
  /**
   * Closes the store, runs `install` (which puts other data in place of the
   * folder's record) and reopens: an archive import. A healthy store that
   * holds data is backed up first.
   */
  replaceData<T>(install: () => Promise<T>): Promise<{ status: StoreStatus; value: T }>;
}

/** Today's date in the board's time zone at `now`. */
export function todayOf(state: State, now: Date): string {
  return dateInZone(now, state.settings.timeZone);
}

/** A new record id with the collection's prefix, e.g. `mem_3f9a…`. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

/** The person named in the audit trail: the local user from Settings. */
export function actorOf(state: State): string {
  return state.settings.localUserName;
}

/** A record of `collection` by id, or a `not_found` failure naming what was looked for. */
export function mustGet<C extends CollectionName>(
  state: State,
  collection: C,
  id: string,
  what: string,
): StoredRecord<C> {
  const record = (state[collection] as { get(id: string): StoredRecord<C> | undefined }).get(id);
  if (!record) throw new AppFailure('not_found', `There is no ${what} with id ${id}; it may have been removed.`);
  return record;
}

/** Whether a record shows under an archived filter. */
export function inArchiveFilter(
  record: { archivedAt?: string | null | undefined },
  filter: 'active' | 'archived' | 'all',
): boolean {
  const archived = Boolean(record.archivedAt);
  return filter === 'all' || (filter === 'archived') === archived;
}

/**
 * Runs one change through the store's single writer and answers `Saved`.
 * `build` sees the latest state and returns the changes, the record's id and
 * the summary for the audit trail. The actor is the local user from Settings.
 */
export async function save(
  ctx: ServiceContext,
  build: (state: State, now: string) => { changes: ChangeSet<unknown>['changes']; id: string; summary: string },
): Promise<Saved> {
  const store = ctx.store();
  const result = await store.mutate(actorOf(store.state()), '', (state) => {
    const built = build(state, ctx.clock().toISOString());
    // An edit that changes nothing but the record's updatedAt is no change: nothing is journaled.
    const changes = built.changes.filter((c) => !sameApartFromUpdatedAt(currentOf(state, c), c.after));
    // What a board pack brought is the secretariat's record: read-only in this copy.
    refuseImportedEdits(state, changes as readonly RecordChange[]);
    return { changes, summary: built.summary, value: { id: built.id, summary: built.summary } };
  });
  // seq 0 says "nothing was recorded": there is nothing to undo (the newest entry is someone else's change).
  return result.changed
    ? { id: result.value.id, seq: result.seq, summary: result.value.summary }
    : { id: result.value.id, seq: 0, summary: 'Nothing to save: nothing changed' };
}

function sameApartFromUpdatedAt(before: unknown, after: unknown): boolean {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return false;
  const strip = (r: object) => JSON.stringify({ ...r, updatedAt: undefined });
  return strip(before) === strip(after);
}
