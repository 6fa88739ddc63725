/**
 * A backend that serves while its store opens. Until the store is open,
 * `store:status` answers `opening` (with the rebuild's progress, pushed as
 * `store:status` events as it moves, when the state is rebuilt from the
 * journal because the checkpoint cannot be trusted: issue 15) and every other
 * channel waits for the open; then everything is the opened backend's. The
 * hosts start serving once the data folder's lock is held (`locked`), so the
 * page loads its code while the store opens (issue 16): the page shows its
 * frame at once and each screen's answers come once the store is open.
 */
import { EventEmitter } from 'node:events';
import type { EventPayloads, Handlers } from '../../shared/contract/api.ts';
import { CHANNELS, EVENTS, type EventName } from '../../shared/contract/channels.ts';
import { AppFailure } from '../../shared/contract/result.ts';
import type { StoreStatus } from '../../shared/contract/storeTypes.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import type { DashboardView } from '../../shared/contract/views.ts';
import { openBackend, type Backend, type BackendOptions } from './backend.ts';
import { readFirstScreen } from './firstScreenAnswer.ts';
import type { RebuildProgress } from './store/rebuild.ts';

/** A backend on its way. */
export interface OpeningBackend {
  /** Serves at once: `store:status` says how far the open is; other channels wait for it. */
  readonly backend: Backend;
  /** The opened backend; rejects as openBackend does (e.g. the folder's lock is held). */
  readonly opened: Promise<Backend>;
  /** Resolves when the store starts rebuilding its state from the journal (never, for an ordinary open). */
  readonly rebuilding: Promise<void>;
  /**
   * Resolves once the data folder's lock is held (the store then opens); rejects as `opened` does when
   * the open fails before that (e.g. another process holds the lock). A host starts serving here.
   */
  readonly locked: Promise<void>;
  /** Resolves when the store's parse of the checkpoint may begin (at once without a kept answer; tests). */
  readonly parseBegins: Promise<void>;
}

/** How often, at most, progress is pushed to the page. */
const PROGRESS_EVERY_MS = 200;

/**
 * The longest the store's open waits, with a kept first-screen answer, for the page to ask for it
 * before it parses the checkpoint anyway (a window that never asks: a start at login, a web host
 * nobody opened).
 */
export const KEPT_ANSWER_WAIT_MS = 1_500;

/**
 * How long after the page has its first screen from the kept answer the parse still waits: room for
 * the page to draw it. The parse and its hash take both cores of a small machine; started at once,
 * they starved the page's first paint (measured: 450 ms between its answers and its paint).
 */
export const PAINT_ROOM_MS = 300;

/** The answer without its provisional mark, as text: what the store's own answer is compared with. */
function answerText(view: DashboardView): string {
  const { provisional, ...rest } = view;
  void provisional;
  return JSON.stringify(rest);
}

/** Opens the backend as openBackend does, serving the progress of a rebuild meanwhile. */
export function openBackendShowingProgress(
  options: BackendOptions,
  {
    keptAnswerWaitMs = KEPT_ANSWER_WAIT_MS,
    paintRoomMs = PAINT_ROOM_MS,
  }: { readonly keptAnswerWaitMs?: number; readonly paintRoomMs?: number } = {},
): OpeningBackend {
  const events = new EventEmitter();
  events.setMaxListeners(100);
  let real: Backend | null = null;
  let failure: unknown = null;
  let progress: RebuildProgress | null = null;
  let pushedAt = 0;
  let rebuildStarted!: () => void;
  const rebuilding = new Promise<void>((resolve) => {
    rebuildStarted = resolve;
  });

  const openingStatus = (): StoreStatus => ({
    status: failure === null ? 'opening' : 'failed',
    dataDir: options.dataDir,
    seq: 0,
    hash: '',
    checkpointSeq: 0,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    warnings: [],
    ...(progress ? { progress: { done: progress.done, total: progress.total } } : {}),
    ...(failure !== null
      ? {
          problem: {
            code: 'io_error',
            message: `The data could not be opened: ${failure instanceof Error ? failure.message : String(failure)}`,
            recovery: [],
          },
        }
      : {}),
  });

  let lockTaken!: () => void;
  const lockHeld = new Promise<void>((resolve) => {
    lockTaken = resolve;
  });

  // The first screen's answer kept by the last run (firstScreenAnswer.ts), read once the lock is held.
  // With one, the store reads db.json's bytes and then waits (KEPT_ANSWER_WAIT_MS at most) until the
  // page has its first screen (that answer and the store's status: the page shows its frame on the
  // status), so the second of parsing that follows does not stand between the page and them.
  let kept: Promise<DashboardView | null> = Promise.resolve(null);
  let keptServed: DashboardView | null = null;
  let parseMayBegin!: () => void;
  const parseHold = new Promise<void>((resolve) => {
    parseMayBegin = resolve;
  });
  /** Whether the open was let go on for a request other than the first screen's, and whether the page asked for the dashboard. */
  let parseLetGo = false;
  let dashboardAsked = false;
  /** Lets the open go on, after the answer just handed over has been sent (a turn of the event loop later). */
  const releaseParse = (): void => {
    parseLetGo = true;
    setImmediate(parseMayBegin);
  };
  /** What the first screen has had while the store opens: the open goes on once it has both, and has drawn them. */
  const firstScreen = { status: false, dashboard: false };
  const firstScreenHad = (): boolean => firstScreen.status && firstScreen.dashboard;
  const firstScreenServed = (what: keyof typeof firstScreen): void => {
    if (firstScreenHad()) return;
    firstScreen[what] = true;
    if (firstScreenHad()) setTimeout(parseMayBegin, paintRoomMs).unref();
  };
  const clock = options.clock ?? (() => new Date());

  const opened = openBackend({
    ...options,
    onLocked: () => {
      options.onLocked?.();
      // Worked out from the kept records (another day), it is given up once the page has asked for another
      // screen and not for the dashboard: that screen needs the store.
      kept = readFirstScreen(options.dataDir, clock(), () => parseLetGo && !dashboardAsked).catch(() => null);
      void kept.then((answer) => {
        if (answer === null) parseMayBegin();
        else setTimeout(parseMayBegin, keptAnswerWaitMs).unref();
      });
      lockTaken();
    },
    store: {
      ...options.store,
      beforeParse: async () => {
        await options.store?.beforeParse?.();
        await parseHold;
      },
      onRebuildProgress: (p) => {
        options.store?.onRebuildProgress?.(p);
        // A new, empty folder "rebuilds" from no journal at all: nothing worth showing.
        if (p.total === 0) return;
        progress = p;
        rebuildStarted();
        const now = performance.now();
        if (real === null && (now - pushedAt >= PROGRESS_EVERY_MS || p.done === p.total)) {
          pushedAt = now;
          events.emit('store:status', openingStatus());
        }
      },
    },
  }).then(
    (backend) => {
      real = backend;
      for (const name of EVENTS) {
        backend.on(name, (payload: EventPayloads[typeof name]) => events.emit(name, payload));
      }
      events.emit('store:status', backend.status());
      return backend;
    },
    (error: unknown) => {
      failure = error;
      events.emit('store:status', openingStatus());
      throw error;
    },
  );
  // The hosts handle a failed open themselves (awaiting `opened`); the channels below say it too.
  opened.catch(() => undefined);
  const locked = Promise.race([lockHeld, opened.then(() => undefined)]);
  locked.catch(() => undefined);

  const whenOpen = async (): Promise<Backend> => {
    try {
      return await opened;
    } catch (error) {
      throw error instanceof AppFailure ? error : new AppFailure('internal', 'The data could not be opened.');
    }
  };
  /** dashboard:get: the kept answer while the store opens, when there is one; the store's own after. */
  const dashboard = async (): Promise<DashboardView> => {
    if (real === null) {
      dashboardAsked = true;
      const answer = await kept;
      if (answer !== null && real === null) {
        keptServed = answer;
        firstScreenServed('dashboard');
        return answer;
      }
    }
    const backend = await whenOpen();
    const own = await backend.handlers['dashboard:get']({});
    if (keptServed !== null) {
      // The kept answer stood for this state on this day: were it different (edited, or worked out by
      // other rules), it is said in the error log; the page has the store's own answer now either way.
      if (answerText(keptServed) !== answerText(own) && own.today === keptServed.today) {
        options.logError?.(
          'first-screen',
          new Error('The dashboard kept from the last run differed from the record; the record was shown.'),
        );
      }
      keptServed = null;
    }
    return own;
  };
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      channel === 'store:status'
        ? async () => {
            if (real !== null) return real.handlers['store:status']({});
            firstScreenServed('status');
            return openingStatus();
          }
        : channel === 'dashboard:get'
          ? dashboard
          : async (input: never) => {
              const waited = real === null;
              // Anything but the first screen needs the store itself: its open waits no longer (once the page
              // has its first screen, only for the room to draw it).
              if (waited && !firstScreenHad()) {
                // The dashboard being worked out from the kept records (a few hundred ms, in slices), the page's
                // other first requests come meanwhile: the dashboard first, then (unless the page has it by then)
                // the store.
                if (dashboardAsked) await kept;
                if (!firstScreenHad()) releaseParse();
              }
              const backend = await whenOpen();
              // The requests that waited for the open resume together: each in a turn of the event loop of
              // its own, in the order they came, so the first one's answer (the dashboard's) is sent before
              // the next one's work begins, not after all of theirs.
              if (waited) await new Promise<void>((resolve) => setImmediate(resolve));
              return (backend.handlers[channel] as (input: never) => Promise<unknown>)(input);
            },
    ]),
  ) as unknown as Handlers;

  const backend: Backend = {
    handlers,
    status: () => (real === null ? openingStatus() : real.status()),
    startupWorkBegun: async () => (await whenOpen()).startupWorkBegun(),
    offerPack: async (path) => (await whenOpen()).offerPack(path),
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    async close() {
      const backend = await opened.catch(() => null);
      events.removeAllListeners();
      await backend?.close();
    },
  };
  return { backend, opened, rebuilding, locked, parseBegins: parseHold };
}
