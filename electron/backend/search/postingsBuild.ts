/**
 * Building the search index's postings (term -> documents) in a worker
 * thread: cutting 100 MB of paper text into terms takes seconds of CPU, which
 * must not run on the backend's event loop (in Electron it is the main
 * process, shared with every window). The main thread feeds the documents'
 * text in slot order; the worker answers with the sorted terms and their
 * postings as typed arrays (moved, not copied).
 *
 * The worker runs from source text (`eval`), not from a file: the Electron
 * main process is one bundled file, and tests and the web host run the
 * TypeScript sources directly, so there is no separate worker file to point
 * at in every case. Its code is {@link postingsWorker} and the shared
 * `termsOf`, both written to reference nothing outside themselves.
 */
import { Worker } from 'node:worker_threads';
import { termsOf } from '../../../shared/text/searchText.ts';

/** Sorted terms, and for term i the documents (slots, ascending) at postings[offsets[i]..offsets[i+1]). */
export interface Postings {
  readonly terms: readonly string[];
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
}

/** What the main thread sends: documents' text from slot `first` on, or the end. */
export type ToWorker =
  { readonly type: 'docs'; readonly first: number; readonly texts: readonly string[] } | { readonly type: 'end' };

/** What the worker answers: a batch taken in, or the postings (terms joined by newlines: terms have none). */
export type FromWorker =
  | { readonly type: 'ack' }
  | { readonly type: 'built'; readonly terms: string; readonly offsets: Uint32Array; readonly postings: Uint32Array };

/** The side of a message port the worker code uses. */
export interface PostingsPort {
  on(event: 'message', listener: (message: ToWorker) => void): unknown;
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
}

/**
 * The worker's code. It must reference nothing outside itself: it is run
 * from its source text. Slots arrive in ascending order, so a document's
 * repeated term is caught by comparing with the last slot of its list.
 */
export function postingsWorker(port: PostingsPort, tokenize: (text: string) => string[]): void {
  const lists = new Map<string, number[]>();
  port.on('message', (message) => {
    if (message.type === 'docs') {
      for (let i = 0; i < message.texts.length; i++) {
        const slot = message.first + i;
        for (const term of tokenize(message.texts[i] ?? '')) {
          const list = lists.get(term);
          if (list === undefined) lists.set(term, [slot]);
          else if (list[list.length - 1] !== slot) list.push(slot);
        }
      }
      port.postMessage({ type: 'ack' });
      return;
    }
    const terms = [...lists.keys()].sort();
    let total = 0;
    for (const term of terms) total += lists.get(term)?.length ?? 0;
    const offsets = new Uint32Array(terms.length + 1);
    const postings = new Uint32Array(total);
    let at = 0;
    for (let i = 0; i < terms.length; i++) {
      offsets[i] = at;
      for (const slot of lists.get(terms[i] ?? '') ?? []) postings[at++] = slot;
    }
    offsets[terms.length] = at;
    port.postMessage({ type: 'built', terms: terms.join('\n'), offsets, postings }, [offsets.buffer, postings.buffer]);
  });
}

const WORKER_SOURCE = [
  "'use strict';",
  // esbuild (the Electron bundle, tsx) may wrap functions in a naming helper; in the worker it has nothing to name.
  'const __name = (target) => target;',
  "const { parentPort } = require('node:worker_threads');",
  `(${postingsWorker.toString()})(parentPort, ${termsOf.toString()});`,
].join('\n');

/** Batches sent ahead of the worker's acknowledgements: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT = 4;

/** A build stopped on purpose (cancel: the index closed, or no longer wants it): not a failure to report. */
export class BuildCancelled extends Error {
  constructor() {
    super('the search index build was cancelled');
  }
}

/** The postings of `build.add`ed documents, made in a worker thread. */
export class PostingsBuild {
  private readonly worker: Worker;
  private readonly built: Promise<Postings>;
  private inFlight = 0;
  private drained: (() => void) | null = null;
  private failure: Error | null = null;
  private cancelled = false;
  private fail: (error: Error) => void = () => undefined;

  constructor() {
    // No execArgv: the worker needs none of the parent's loaders (tsx), only Node.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    // A build in progress never keeps the process alive on its own.
    this.worker.unref();
    this.built = new Promise<Postings>((resolve, reject) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ack') {
          this.inFlight--;
          this.drained?.();
          this.drained = null;
          return;
        }
        resolve({
          terms: message.terms ? message.terms.split('\n') : [],
          offsets: message.offsets,
          postings: message.postings,
        });
      });
      const fail = (error: Error): void => {
        this.failure ??= error;
        this.drained?.();
        reject(error);
      };
      this.fail = fail;
      this.worker.on('error', fail);
      this.worker.on('exit', (code) =>
        fail(this.cancelled ? new BuildCancelled() : new Error(`the search index worker stopped (exit code ${code})`)),
      );
    });
    // Failures surface through add() and finish(); this keeps an unawaited rejection quiet.
    this.built.catch(() => undefined);
  }

  /** Sends the texts of the documents at slots `first`, `first + 1`, ...; waits while the worker is behind. */
  async add(first: number, texts: readonly string[]): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight >= IN_FLIGHT) {
      await new Promise<void>((resolve) => (this.drained = resolve));
      if (this.failure) throw this.failure;
    }
    this.inFlight++;
    this.worker.postMessage({ type: 'docs', first, texts } satisfies ToWorker);
  }

  /** The postings of everything added; the worker ends. */
  async finish(): Promise<Postings> {
    this.worker.postMessage({ type: 'end' } satisfies ToWorker);
    try {
      return await this.built;
    } finally {
      void this.worker.terminate();
    }
  }

  /** Stops the worker (a build no longer wanted): add() and finish() then throw BuildCancelled. */
  cancel(): void {
    this.cancelled = true;
    this.fail(new BuildCancelled());
    void this.worker.terminate();
  }
}
