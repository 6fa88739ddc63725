/**
 * The SHA-256 of bytes in a SharedArrayBuffer, worked out in a worker
 * thread: opening the store hashes the checkpoint's state (tens of
 * megabytes) while the main thread parses the same bytes, instead of one
 * after the other. The bytes are shared, not copied, and nobody changes
 * them meanwhile (the reader holds them until both are done).
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = [
  "'use strict';",
  "const { parentPort, workerData } = require('node:worker_threads');",
  "const { createHash } = require('node:crypto');",
  'const { shared, start, end } = workerData;',
  "parentPort.postMessage(createHash('sha256').update(new Uint8Array(shared, start, end - start)).digest('hex'));",
].join('\n');

/** Below this, a worker's start costs more than the hash it would take off the main thread. */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** The hex SHA-256 of `bytes` (a view into `shared`) from `start` to `end`, in a worker. */
export function sha256InWorker(shared: SharedArrayBuffer, start: number, end: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    // No execArgv: the worker needs none of the parent's loaders (tsx), only Node.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { shared, start, end } });
    let answered = false;
    worker.once('message', (hex: string) => {
      answered = true;
      resolve(hex);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the hashing worker stopped (exit code ${code}) before answering`));
    });
  });
}

/** The hex SHA-256 of `bytes`: in a worker when they are large and shared, else here; here too if the worker fails. */
export async function sha256Of(bytes: Buffer): Promise<string> {
  const here = (): string => createHash('sha256').update(bytes).digest('hex');
  if (!(bytes.buffer instanceof SharedArrayBuffer) || bytes.length < WORKER_MIN_BYTES) return here();
  try {
    return await sha256InWorker(bytes.buffer, bytes.byteOffset, bytes.byteOffset + bytes.length);
  } catch {
    return here();
  }
}
