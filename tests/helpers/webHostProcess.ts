/**
 * Runs the real `npm run web` entry (electron/web/cli.ts) as a child process,
 * as a person would, and reads the one URL line it prints. The system's
 * "open this folder" commands are replaced by stand-ins on PATH that only
 * write down what they were asked to open: a test never pops up a file manager.
 * The end-to-end tests and the benchmark's browser measures both start it here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository root (tests/helpers/..). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** A web host process started by {@link startWebHostProcess}. */
export interface WebHostProcess {
  readonly child: ChildProcess;
  /** The URL it printed, token included. */
  readonly url: string;
  /** The token of that URL, for calls a test makes itself (`Authorization: Bearer <token>`). */
  readonly token: string;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** The paths the host asked the system to open (through the stand-in opener). */
  openedPaths(): Promise<string[]>;
  /** Sends a signal (SIGINT by default, like Ctrl+C) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How a process ended, with what it printed. */
export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder with stand-ins for xdg-open and open that log their argument to `opened.log` beside them. */
export async function fakeOpeners(): Promise<{ readonly binDir: string; readonly log: string }> {
  const binDir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-bin-'));
  const log = path.join(binDir, 'opened.log');
  for (const name of ['xdg-open', 'open']) {
    const script = path.join(binDir, name);
    await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
    await chmod(script, 0o755);
  }
  return { binDir, log };
}

/**
 * Spawns the CLI with the given arguments, stdout and stderr captured; `binDir` goes first on PATH.
 * `env` adds variables (e.g. BOARD_FAKE_NOW for a fixed day).
 */
export function spawnCli(args: readonly string[], binDir?: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const pathVar = binDir === undefined ? process.env['PATH'] : `${binDir}${path.delimiter}${process.env['PATH'] ?? ''}`;
  return spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, BOARD_DATA_DIR: '', ...env, PATH: pathVar },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves when the process exits, with its code and output. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A CLI process that has printed its URL line, with what it wrote so far. */
export interface UrlLine {
  /** The URL it printed, token included. */
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code when the process exits. */
  readonly exited: Promise<number | null>;
}

/**
 * Waits for the web host's first line, `Boardkeeper is running at <url>`;
 * kills the process when none comes within `timeoutMs`, and rejects with its
 * stderr when it exits first.
 */
export async function waitForUrlLine(child: ChildProcess, timeoutMs: number): Promise<UrlLine> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The web host printed no URL within ${timeoutMs} ms. stderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^Boardkeeper is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)\n/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (code ${code}) before printing its URL. stderr:\n${stderr}`));
    });
  });
  return { url, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Starts the web host on `dataDir` (any free port) and waits for its URL line; `env` adds variables. */
export async function startWebHostProcess(
  dataDir: string,
  timeoutMs = 30_000,
  env: NodeJS.ProcessEnv = {},
): Promise<WebHostProcess> {
  const openers = await fakeOpeners();
  const child = spawnCli(['--data-dir', dataDir, '--port', '0'], openers.binDir, env);
  const { url, stdout, stderr, exited } = await waitForUrlLine(child, timeoutMs);
  return {
    child,
    url,
    token: new URL(url).searchParams.get('token') ?? '',
    stdout,
    stderr,
    async openedPaths() {
      const text = await readFile(openers.log, 'utf8').catch(() => '');
      return text.split('\n').filter(Boolean);
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
