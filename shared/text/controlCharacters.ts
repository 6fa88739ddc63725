/**
 * The characters a text field may not hold: controls other than tab and
 * newline (C0, DEL, C1 with U+0085), the Unicode line and paragraph separators
 * (U+2028, U+2029) and lone surrogates. They show as nothing on screen, yet
 * break the files the text goes into: RFC 5545 forbids controls in iCalendar
 * TEXT, a parser that splits lines on U+2028 sees injected properties, NUL
 * ends strings in C tools, and a lone surrogate is not UTF-8 at all.
 *
 * Text input is refused with a field error when it holds one
 * ({@link controlCharacterIssues}); data stored before that rule had them
 * removed once by a schema migration.
 */

/** Matches one character a text field may not hold (see the module comment). No `u` flag: it must see lone surrogates. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

/** The first character of `text` a text field may not hold, as `U+XXXX`, or undefined when there is none. */
export function forbiddenCharacterIn(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (match === null) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` without the characters a text field may not hold (tabs and newlines kept). */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_ALL, '');
}

/** A problem with one field, in the form of the contract's `details.issues`. */
export interface TextIssue {
  readonly field: string;
  readonly message: string;
}

/** The message for a field that holds `codePoint` (`U+000B`). */
export function forbiddenCharacterMessage(codePoint: string): string {
  return `contains an invisible control character (${codePoint}) that cannot be kept in a record; remove it (tabs and line breaks are fine)`;
}

/**
 * Every string inside `value` (objects and arrays, walked) that holds a
 * character a text field may not: one issue per field, named by its path
 * (`agenda.2.title`), as the contract's field issues are.
 */
export function controlCharacterIssues(value: unknown, path: readonly (string | number)[] = []): TextIssue[] {
  if (typeof value === 'string') {
    const codePoint = forbiddenCharacterIn(value);
    if (codePoint === undefined) return [];
    return [{ field: path.length === 0 ? '(input)' : path.join('.'), message: forbiddenCharacterMessage(codePoint) }];
  }
  if (Array.isArray(value)) return value.flatMap((item: unknown, i) => controlCharacterIssues(item, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => controlCharacterIssues(item, [...path, key]));
  }
  return [];
}
