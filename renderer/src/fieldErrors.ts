/**
 * Turns an `invalid_input` error's field issues into one message per field,
 * for showing next to the field it names.
 */
import type { AppError } from '../../shared/contract/result.ts';

/**
 * Messages keyed by field name (`boardName`), the first issue of each field
 * kept. A record-path prefix such as `settings.` is dropped, so issues from the
 * input schema and from the record's own validation land on the same field.
 */
export function fieldErrorsOf(error: AppError | undefined, prefix = ''): Readonly<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (error?.code !== 'invalid_input') return errors;
  for (const issue of error.details?.issues ?? []) {
    const field = prefix !== '' && issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field;
    errors[field] ??= issue.message;
  }
  return errors;
}
