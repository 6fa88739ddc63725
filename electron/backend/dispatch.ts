/**
 * The one generic path from a channel name and an untrusted input to a
 * result: used by the IPC binding in main and by the web host alike.
 */
import { contract, type Channel, type Handlers, type InputOf, type OutputOf } from '../../shared/contract/api.ts';
import { isChannel } from '../../shared/contract/channels.ts';
import { AppFailure, fail, ok, type Result } from '../../shared/contract/result.ts';
import { fieldIssues } from '../../shared/schema/state.ts';
import { yearRangeIssues } from '../../shared/dates/yearRange.ts';
import { controlCharacterIssues } from '../../shared/text/controlCharacters.ts';

/** Logs an unexpected error; injected so tests stay quiet and main can log to a file. */
export type ErrorLogger = (channel: string, error: unknown) => void;

/**
 * Validates `rawInput` against the channel's schema, calls its handler and
 * wraps the outcome. Never throws: every failure comes back as `ok: false`.
 * Text anywhere in the input may not hold control characters other than tab
 * and newline (shared/text/controlCharacters.ts): they would break the files
 * the text goes into (iCalendar, CSV, Markdown), so each such field is named.
 * A date's year must be from 1900 to 2200 (shared/dates/yearRange.ts).
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  logError: ErrorLogger = (name, error) => console.error(`[${name}]`, error),
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail({ code: 'unknown_channel', message: `There is no channel named ${JSON.stringify(channel)}.` });
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  const issues = parsed.success
    ? [...controlCharacterIssues(parsed.data), ...yearRangeIssues(parsed.data)]
    : fieldIssues(parsed.error);
  if (!parsed.success || issues.length > 0) {
    return fail({
      code: 'invalid_input',
      message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      details: { issues },
    });
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof AppFailure) return fail(error.toAppError());
    logError(channel, error);
    return fail({
      code: 'internal',
      message: `Something went wrong in ${channel as Channel}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** `dispatch` with the contract's types, for callers inside the backend's process (tests, menus). */
export function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: InputOf<C>,
): Promise<Result<OutputOf<C>>> {
  return dispatch(handlers, channel, input) as Promise<Result<OutputOf<C>>>;
}
