/**
 * `npm run web`: opens the data folder with the real backend and serves the
 * app to a browser on 127.0.0.1. Prints exactly one line to stdout, the URL to
 * open (token included); everything else goes to stderr. Ctrl+C writes a last
 * checkpoint and releases the folder's lock.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppFailure } from '../../shared/contract/result.ts';
import { defaultDataDir, type Backend } from '../backend/backend.ts';
import { openBackendShowingProgress } from '../backend/openingBackend.ts';
import { markStart, startTraceLine } from '../backend/startTrace.ts';
import type { Platform } from '../backend/platform.ts';
import { chromiumPdfPrinter } from './chromiumPrinter.ts';
import { startWebHost, type WebHost } from './server.ts';

/** The port tried first when `--port` is not given; any free port if it is taken. */
const DEFAULT_PORT = 5183;

const HELP = `Usage: npm run web -- [--data-dir DIR] [--port N]

Serves Boardkeeper to your browser on this computer only (127.0.0.1) and
prints the address to open, with a key for this run.

Options:
  --data-dir DIR  the data folder (default: $BOARD_DATA_DIR, else the app's own folder)
  --port N        the port to listen on; 0 picks any free port (default: ${DEFAULT_PORT}, or any free one if taken)
  --renderer-dir DIR  the built pages (default: dist/renderer beside this program's folder)
  --help          show this help

Stop it with Ctrl+C: it saves a last checkpoint and releases the data folder.

PDF exports are printed by Chromium at /usr/bin/chromium when it is installed;
without it, export HTML and print it to PDF from your browser.

Testing aid:
  BOARD_FAKE_NOW=2027-01-10T09:00:00Z  starts the backend's clock at that instant
                  (ISO-8601) and runs it on from there, so what is due, overdue and
                  the sample board's follow-ups are the same on every run. For
                  tests only: never set it for real use.
  BOARD_START_TRACE=1  once the data is open, writes to stderr where the start's
                  time went (ms since the process began, per step).
`;

/** What the command line asked for. */
interface CliOptions {
  readonly dataDir: string;
  /** Undefined: try the default port, then any free one. */
  readonly port: number | undefined;
  readonly help: boolean;
  /** The built renderer; undefined: dist/renderer two folders up from this program (electron/web/cli.ts or dist/web/cli.cjs). */
  readonly rendererDir: string | undefined;
  /** A fixed clock for tests (BOARD_FAKE_NOW); undefined: the real one. */
  readonly fakeNow: Date | undefined;
}

/** Parses the arguments; throws an Error with a message for the person when they are wrong. */
function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}.`);
    }
  }
  // defaultDataDir() honours BOARD_DATA_DIR before the per-user folder.
  const dataDir = values['data-dir'] ?? defaultDataDir(env);
  let fakeNow: Date | undefined;
  const fake = env['BOARD_FAKE_NOW'];
  if (fake) {
    fakeNow = new Date(fake);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(fake) || Number.isNaN(fakeNow.getTime())) {
      throw new Error(
        `BOARD_FAKE_NOW must be an ISO-8601 instant such as 2027-01-10T09:00:00Z, not ${JSON.stringify(fake)}.`,
      );
    }
  }
  const rendererDir = values['renderer-dir'] === undefined ? undefined : path.resolve(values['renderer-dir']);
  return { dataDir: path.resolve(dataDir), port, help: values.help === true, rendererDir, fakeNow };
}

/** Opens a folder in the system's file manager; false when that could not be started. */
function openInFileManager(target: string): Promise<boolean> {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  return new Promise((resolve) => {
    try {
      const child = spawn(command, [target], { detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

/**
 * A clock that starts at `at` and runs on from there in real time: the day is
 * fixed for a test run, while instants still follow one another (journal
 * times, backup folder names).
 */
function clockFrom(at: Date): () => Date {
  const offset = at.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}

async function main(): Promise<number> {
  markStart('loaded');
  let options: CliOptions;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }

  // From the program's own path, not import.meta: the same code runs from source (tsx) and bundled (dist/web/cli.cjs).
  const rendererDir = options.rendererDir ?? path.resolve(path.dirname(process.argv[1] ?? '.'), '../../dist/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(
      `The app's pages are not built (${rendererDir} has no index.html). Run \`npm run build:renderer\` first; \`npm run web\` does this for you.\n`,
    );
    return 1;
  }

  // Signals are caught from here on, before anything is printed: a caller that
  // reads the URL and at once sends SIGTERM must still get a clean stop.
  let stopRequested = false;
  let requestStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    requestStop = () => {
      stopRequested = true;
      resolve();
    };
  });
  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals > 1) {
      // A second Ctrl+C while closing: every change is already in the fsynced journal.
      process.stderr.write('Stopping at once; the next start replays the journal.\n');
      process.exit(130);
    }
    process.stderr.write('Stopping: saving a last checkpoint…\n');
    requestStop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const platform: Platform = {
    openPath: openInFileManager,
    // Let the reply to app:quit reach the page before the host stops.
    quit: () => void setTimeout(requestStop, 100),
  };
  // PDFs are printed by the system's Chromium when it is installed; otherwise the app offers HTML.
  const printPdf = chromiumPdfPrinter();
  if (printPdf !== undefined) platform.printPdf = printPdf;

  let backend: Backend;
  let whenOpened: Promise<unknown>;
  try {
    const opening = openBackendShowingProgress({
      dataDir: options.dataDir,
      platform,
      holder: 'a Boardkeeper web host (npm run web)',
      startupWork: 'after-first-screen',
      // A testing aid: the clock starts at BOARD_FAKE_NOW.
      ...(options.fakeNow !== undefined ? { clock: clockFrom(options.fakeNow) } : {}),
      logError: (where, error) => console.error(`[${where}]`, error),
    });
    // Served once the folder's lock is held: the page loads while the store opens (and shows how far a
    // rebuild from the journal is, when the state must be rebuilt).
    await opening.locked;
    backend = opening.backend;
    whenOpened = opening.opened;
    void opening.rebuilding.then(() =>
      process.stderr.write('Rebuilding the state from the journal (the data file is missing or cannot be trusted)…\n'),
    );
  } catch (error) {
    if (error instanceof AppFailure) {
      // e.g. the folder's lock is held by the app or another web host: the message names the holder.
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Boardkeeper could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 1;
  }
  if (stopRequested) {
    await backend.close();
    return 0;
  }

  void whenOpened.then(
    () => {
      const status = backend.status();
      if (status.status === 'failed' && status.problem !== undefined) {
        process.stderr.write(`The data could not be opened: ${status.problem.message}\nOpen the app to recover it.\n`);
      }
    },
    (error: unknown) =>
      process.stderr.write(`The data could not be opened: ${error instanceof Error ? error.message : String(error)}\n`),
  );

  let host: WebHost;
  try {
    try {
      host = await startWebHost({ backend, port: options.port ?? DEFAULT_PORT, rendererDir });
    } catch (error) {
      if (options.port !== undefined || !isAddressInUse(error)) throw error;
      host = await startWebHost({ backend, port: 0, rendererDir });
    }
  } catch (error) {
    const reason = isAddressInUse(error)
      ? `port ${options.port ?? DEFAULT_PORT} is already in use (try --port 0 for any free port)`
      : error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`Boardkeeper could not start its web host: ${reason}\n`);
    await backend.close();
    return 1;
  }

  markStart('listening');
  // BOARD_START_TRACE: where the start went (the benchmark's cold start reads it), once the store is open.
  if (process.env['BOARD_START_TRACE']) {
    void whenOpened.finally(() => process.stderr.write(`${startTraceLine()}\n`)).catch(() => undefined);
  }
  if (!stopRequested) process.stdout.write(`Boardkeeper is running at ${host.url}\n`);
  await stopped;
  try {
    await host.close();
  } finally {
    // The last checkpoint, and the folder's lock released.
    await backend.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Boardkeeper stopped on an unexpected error:', error);
    process.exit(1);
  },
);
