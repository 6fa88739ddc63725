/**
 * The backend as the main process and the web host see it: it takes the data
 * folder's lock, opens the store (or reports why it cannot), builds the
 * handler table for the contract and pushes events. Plain Node: its platform
 * needs (opening a folder, quitting, the clock) come in as arguments.
 */
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventPayloads, Handlers } from '../../shared/contract/api.ts';
import type { EventName } from '../../shared/contract/channels.ts';
import { AppFailure } from '../../shared/contract/result.ts';
import type { StoreStatus } from '../../shared/contract/storeTypes.ts';
import { createHandlers } from './handlers.ts';
import { dashboardWarming, getDashboard } from './services/dashboard.ts';
import { writeFirstScreen } from './firstScreenAnswer.ts';
import { runSliced } from './slices.ts';
import { addDays } from '../../shared/dates/calendarDates.ts';
import { todayOf } from './services/context.ts';
import { FirstScreenGate } from './firstScreen.ts';
import { ChangeAnnouncer } from './changeAnnouncer.ts';
import { BACKUPS_DIR, backupHead, listBackups, restoreBackupFiles } from './store/backups.ts';
import { BLOBS_DIR } from './store/blobs.ts';
import { checkDataCopy } from './store/copyCheck.ts';
import { readFolderBackupSettings } from './store/folderBackup.ts';
import { backupToChosenFolder } from './services/integrity.ts';
import { acquireLock, type FolderLock } from './store/lock.ts';
import { storeSearchIndex, type SearchIndex } from './search/searchIndex.ts';
import { openStore, type Store, type StoreOptions } from './store/store.ts';
import {
  ReminderScheduler,
  SCHEDULER_ACTOR,
  type PowerEvents,
  type ReminderNotifier,
  type TimerApi,
} from './reminders/scheduler.ts';
import type { Platform } from './platform.ts';
import { PackOffers } from './packs/packOffers.ts';
import type { BackendContext } from './services/context.ts';
import { markStart } from './startTrace.ts';

const DAY_MS = 24 * 3600 * 1000;

/** How the backend is opened. */
export interface BackendOptions {
  readonly dataDir: string;
  readonly platform: Platform;
  readonly clock?: () => Date;
  readonly logError?: (where: string, error: unknown) => void;
  readonly checkpointQuietMs?: number;
  readonly checkpointEvery?: number;
  /** Who holds the lock, for the message a second process sees (e.g. "the Boardkeeper app"). */
  readonly holder?: string;
  /** Extra store options (tests). */
  readonly store?: Partial<StoreOptions>;
  /** Wake and unlock events for the reminder scheduler (Electron's powerMonitor). */
  readonly powerEvents?: PowerEvents;
  /**
   * Shows reminders outside the page (Electron: a system notification). The
   * `reminder:due` event goes to the page whether or not this is given.
   */
  readonly notifier?: ReminderNotifier;
  /** The scheduler's timers (tests); Node's own by default. */
  readonly timers?: TimerApi;
  /**
   * When the start-up work (the reminder catch-up, the search index read-back
   * or build) begins: `at-open`, before openBackend resolves (the default: a
   * test sees its outcome at once), or `after-first-screen`, once the first
   * screen's requests are answered (the app and the web host: that work never
   * stands between the person and the first screen).
   */
  readonly startupWork?: 'at-open' | 'after-first-screen';
  /**
   * How long after the first screen's requests are answered (after opening,
   * with `startupWork: 'at-open'`) the background checks start (the closed
   * journal files, then the weekly Verify, then the daily backup to a folder).
   * Default 5 s; null: never (tests).
   */
  readonly backgroundChecksAfterMs?: number | null;
  /** Called once the data folder's lock is held, before the store is read (a host may start serving then). */
  readonly onLocked?: () => void;
}

/** An open backend. */
export interface Backend {
  readonly handlers: Handlers;
  status(): StoreStatus;
  /** Resolves once the start-up work has begun (at once for `at-open`). */
  startupWorkBegun(): Promise<void>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /**
   * Offers a pack file to the page (the system opened the app with it): never
   * imported without the person opening it. False when it is not a pack or
   * this copy already holds it.
   */
  offerPack(path: string): Promise<boolean>;
  /** Writes a last checkpoint (when the store is healthy) and releases the folder lock. */
  close(): Promise<void>;
}

/**
 * The per-user data folder the desktop app uses (`<userData>/data`), computed
 * the way Electron does for an app named Boardkeeper, so the web host finds the same data.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.BOARD_DATA_DIR) return env.BOARD_DATA_DIR;
  const home = homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, 'Boardkeeper', 'data');
}

/** How long the dashboard's warming holds the event loop at most while the page loads (ms). */
const WARMING_SLICE_MS = 10;

/**
 * The dashboard's answers kept for the next start (firstScreenAnswer.ts), today's and tomorrow's,
 * worked out on the state the store closed with, and the records it is worked out from on other
 * days; not when it is not ready (failed, or closed before it opened). A failure is not the close's:
 * the next start works the answer out from the store instead.
 */
async function keepFirstScreen(store: Store, clock: () => Date, logError?: (where: string, error: unknown) => void) {
  if (store.status().status !== 'ready') return;
  try {
    const state = store.state();
    const now = clock();
    const today = todayOf(state, now);
    await writeFirstScreen(store.dataDir, {
      journal: store.head(),
      timeZone: state.settings.timeZone,
      // Today's, and tomorrow's for a board closed at night and opened in the morning.
      dashboards: [getDashboard(state, today), getDashboard(state, addDays(today, 1))],
      state,
      now,
    });
  } catch (error) {
    logError?.('first-screen:keep', error);
  }
}

/** The handler table, each call counted by `gate` (in flight, answered). */
function watchedBy(gate: FirstScreenGate, handlers: Handlers): Handlers {
  const watched: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as Array<[string, (input: never) => Promise<unknown>]>) {
    watched[channel] = async (input) => {
      gate.started();
      try {
        return await handler(input);
      } finally {
        gate.ended();
      }
    };
  }
  // The same channels, each calling its own handler: only the counting is added.
  return watched as Handlers;
}

/**
 * Opens the data folder. Throws AppFailure `conflict` when another process
 * holds its lock. Corrupt data does not throw: the status says `failed`.
 */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const clock = options.clock ?? (() => new Date());
  await mkdir(options.dataDir, { recursive: true });
  const lock: FolderLock = await acquireLock(options.dataDir, options.holder ?? 'Boardkeeper', clock());
  markStart('locked');
  options.onLocked?.();
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    events.emit(event, payload);
  };
  let scheduler: ReminderScheduler | null = null;
  // The scheduler's catch-up is announced to the pages once, at its end (changeAnnouncer.ts).
  const announcer = new ChangeAnnouncer((payload) => emit('data:changed', payload));
  const storeOptions: StoreOptions = {
    dataDir: options.dataDir,
    clock,
    ...(options.checkpointQuietMs !== undefined ? { checkpointQuietMs: options.checkpointQuietMs } : {}),
    ...(options.checkpointEvery !== undefined ? { checkpointEvery: options.checkpointEvery } : {}),
    ...(options.logError ? { logError: options.logError } : {}),
    ...options.store,
    onChange: (change) => {
      void search.update(change.records).catch((error: unknown) => options.logError?.('search:update', error));
      announcer.changed(change, change.actor === SCHEDULER_ACTOR);
      // A new or moved deadline may come due before the timer fires.
      scheduler?.reschedule();
    },
  };
  let store: Store;
  try {
    store = await openStore(storeOptions);
  } catch (error) {
    await lock.release();
    throw error;
  }
  markStart('store-open');
  const deferred = options.startupWork === 'after-first-screen';
  const gate = new FirstScreenGate();
  if (!deferred) gate.release();
  let closed = false;
  /**
   * One copy of each repeated string in the records (tens of MB at ten-year scale): the first of the
   * start-up work, before the caches it builds (search index, reminder plans) take strings from them.
   */
  const shareStrings = (s: Store): Promise<unknown> =>
    gate
      .passedPromise()
      .then(() => (closed ? null : s.shareRecordStrings()))
      .catch((error: unknown) => options.logError?.('strings:share', error));
  let stringsShared = shareStrings(store);
  const indexFor = (s: Store): SearchIndex => {
    // Kept in the data folder's search-index/; read (or built) in the background, queries scan until ready.
    const index = storeSearchIndex(s, options.logError);
    if (s.status().status === 'ready') {
      searchReady = stringsShared
        .then(() => (closed ? undefined : index.build()))
        .catch((error: unknown) => options.logError?.('search:build', error));
    }
    return index;
  };
  /** Settles once the search index is ready (or could not be built): the background checks wait for it. */
  let searchReady: Promise<void> = Promise.resolve();
  let search = indexFor(store);
  scheduler = new ReminderScheduler({
    store: () => store,
    clock,
    timers: options.timers,
    power: options.powerEvents,
    notify: (notice) => {
      emit('reminder:due', notice);
      // The summary of obligations overdue on arrival is the app's own: never a system notification.
      if (notice.kind === 'reminders') options.notifier?.(notice);
    },
    logError: options.logError,
    holdChanges: () => announcer.hold(),
  });
  // What came due while the app was closed is delivered now, or once the first screen has its answers:
  // the scheduler records each batch against the latest state, so an edit made meanwhile is seen.
  const startScheduler = (): Promise<void> => (closed ? Promise.resolve() : (scheduler?.start() ?? Promise.resolve()));
  if (deferred && store.status().status === 'ready') {
    // While the page loads its code, the dashboard's rows are made ahead, in slices between requests.
    const state = store.state();
    void runSliced(
      dashboardWarming(state, todayOf(state, clock())),
      WARMING_SLICE_MS,
      () => closed || gate.passed,
    ).catch((error: unknown) => options.logError?.('dashboard:warm', error));
  }
  let caughtUp: Promise<void> = Promise.resolve();
  if (deferred) {
    // Wake and unlock are heard from the start; the first look waits for the first screen.
    scheduler.listen();
    caughtUp = stringsShared
      .then(startScheduler)
      .catch((error: unknown) => options.logError?.('reminders:start', error));
  } else await startScheduler();
  // Packs offered by the system (open with) or a watched folder: offered to the page, never applied.
  const offers = new PackOffers(
    options.dataDir,
    () => store.state(),
    (offer) => emit('packs:offered', offer),
    options.logError,
  );
  await offers.start().catch((error: unknown) => options.logError?.('packs:watchedFolder', error));
  markStart('offers');

  const context: BackendContext = {
    dataDir: options.dataDir,
    platform: options.platform,
    clock,
    store: () => store,
    search: () => search,
    packOffers: () => offers,
    async replaceData(install) {
      // What is there now is kept: backed up first when healthy (the install moves it aside, never deletes it).
      if (store.status().status === 'ready' && store.head().seq > 0) await store.backup('before-restore');
      await search.close(true);
      await store.close();
      let value;
      try {
        value = await install();
      } finally {
        store = await openStore(storeOptions);
        search = indexFor(store);
        scheduler?.reschedule();
        const status = store.status();
        emit('store:status', status);
        emit('data:changed', { seq: status.seq, targets: ['*'] });
      }
      return { status: store.status(), value };
    },
    async restore(id) {
      const backups = await listBackups(options.dataDir);
      const chosen = id === 'newest' ? backups[0] : backups.find((b) => b.id === id);
      if (!chosen) {
        throw new AppFailure(
          'not_found',
          id === 'newest' ? 'There is no backup to restore yet.' : `There is no backup named ${id}.`,
        );
      }
      // Checked before anything is replaced: a backup that does not verify is refused, naming the next one.
      const head = await backupHead(options.dataDir, chosen.id);
      const problem =
        head === null
          ? 'its manifest (backup.json) cannot be read'
          : await checkDataCopy(join(options.dataDir, BACKUPS_DIR, chosen.id), head, {
              blobsRoot: join(options.dataDir, BLOBS_DIR),
              rehashBlobs: false,
            });
      if (problem !== null) {
        const next = backups[backups.indexOf(chosen) + 1];
        throw new AppFailure(
          'conflict',
          `The backup ${chosen.id} does not verify (${problem}), so nothing was replaced.${next ? ` The next one is ${next.id} (entry ${next.seq}): restore that one instead?` : ' There is no older backup.'}`,
          { next: next ?? null },
        );
      }
      // Keep what is there now: a healthy store is backed up first, and the
      // current files are moved aside (never deleted) by restoreBackupFiles.
      if (store.status().status === 'ready') await store.backup('before-restore');
      // The index of the data being replaced is of no further use.
      await search.close(true);
      await store.close();
      await restoreBackupFiles(options.dataDir, chosen.id, clock());
      store = await openStore(storeOptions);
      stringsShared = shareStrings(store);
      search = indexFor(store);
      scheduler?.reschedule();
      const status = store.status();
      emit('store:status', status);
      emit('data:changed', { seq: status.seq, targets: ['*'] });
      return status;
    },
  };

  // The background checks: the closed journal files against their seals, the weekly Verify, the
  // daily backup to a folder. Started after the first screen has had its answers, and sliced.
  const backgroundDelay = options.backgroundChecksAfterMs === undefined ? 5000 : options.backgroundChecksAfterMs;
  const runBackground = async (): Promise<void> => {
    if (closed) return;
    const s = store;
    const before = JSON.stringify(s.status().warnings);
    await s.checkInBackground({ indexPosition: () => search.journalPosition });
    const folder = await readFolderBackupSettings(options.dataDir);
    if (
      folder !== null &&
      s.status().status === 'ready' &&
      clock().getTime() - Date.parse(folder.lastAt ?? '1970-01-01') >= DAY_MS
    ) {
      await backupToChosenFolder(context).catch((error: unknown) => options.logError?.('backup:folder', error));
    }
    if (!closed && JSON.stringify(s.status().warnings) !== before) emit('store:status', s.status());
  };
  let background: NodeJS.Timeout | null = null;
  // Counted from the moment the start-up work is done: the first screen's requests answered (at once when
  // start-up work is not deferred), then the reminder catch-up and the search index (and the record history's
  // index, read ahead just before). The weekly Verify reads
  // the whole journal (seconds of CPU at ten-year scale): run beside them, it stretched both.
  if (backgroundDelay !== null) {
    void Promise.all([gate.passedPromise(), caughtUp, searchReady]).then(async () => {
      if (closed) return;
      // The index of journal entries by record, read ahead: the first "Change history" opened answers at once
      // instead of reading the whole journal then (4.3 s of CPU at ten-year scale). Before the background
      // checks, whose weekly Verify reads the whole journal too.
      await store.warmRecordHistory().catch((error: unknown) => {
        if (!closed) options.logError?.('history:warm', error);
      });
      if (closed) return;
      const runLogged = (): void =>
        void runBackground().catch((error: unknown) => {
          // Closed while it ran: the store refuses further reads, nothing went wrong.
          if (!closed) options.logError?.('background-check', error);
        });
      background = setTimeout(() => {
        runLogged();
        // Then hourly: the weekly Verify and the daily folder backup come due while the app stays open.
        background = setInterval(runLogged, 3600_000);
        background.unref();
      }, backgroundDelay);
      background.unref();
    });
  }

  return {
    handlers: deferred ? watchedBy(gate, createHandlers(context)) : createHandlers(context),
    status: () => store.status(),
    startupWorkBegun: () => gate.passedPromise(),
    offerPack: (path) => offers.offer(path, 'system'),
    on(event, listener) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      gate.release();
      if (background) clearTimeout(background);
      try {
        await scheduler?.stop();
        await offers.stop();
        // Before the store: indexing what changed last reads paper texts from it; then the index is written.
        await search.close();
        // The store's close writes its last checkpoint, not a journal entry: the head kept with the answer stays.
        await keepFirstScreen(store, clock, options.logError);
        await store.close();
      } finally {
        await lock.release();
        events.removeAllListeners();
      }
    },
  };
}
