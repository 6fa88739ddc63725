/**
 * The result shape of every channel. A thrown Error loses everything but its
 * message on the way through IPC, so handlers' failures travel as data.
 */

/** Error codes a channel can answer with. */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_channel'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'store_unavailable'
  | 'disk_full'
  | 'io_error'
  | 'internal';

/** One problem with an input, naming the field by its path (e.g. `boardName`). */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** An error as the renderer receives it. */
export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: {
    readonly issues?: readonly FieldIssue[];
    readonly [key: string]: unknown;
  };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** Builds a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed result. */
export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}

/**
 * An error that carries a code and details, thrown inside the backend and
 * turned into a failed result at the edge (IPC binding or web host).
 */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: AppError['details'];

  constructor(code: ErrorCode, message: string, details?: AppError['details']) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.details = details;
  }

  toAppError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** For exhaustive switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
