/**
 * Unexpected errors of the main process, written where a user can find them
 * for a bug report (userData/logs/main.log) as well as to stderr: a packaged
 * app has no terminal.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Logs an error with where it happened. */
export type LogError = (where: string, error: unknown) => void;

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A logger appending to `file`. Synchronous: errors are rare, and a line
 * written just before a crash or exit must not be lost. A log that cannot be
 * written falls back to stderr only; logging never throws.
 */
export function createErrorLog(file: string, now: () => Date = () => new Date()): LogError {
  return (where, error) => {
    const line = `${now().toISOString()} [${where}] ${describe(error)}\n`;
    console.error(line.trimEnd());
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      appendFileSync(file, line, 'utf8');
    } catch (writeError) {
      console.error(`[errorLog] could not write ${file}:`, writeError);
    }
  };
}
