/**
 * The years a date typed into the app may have: 1900 to 2200. A board's
 * records fall well inside; a year outside is a slip of the keyboard (a date
 * field left at `0026` while typing `2026`), and year 0000 made references
 * like `PCD 0-001`.
 *
 * Checked on input only (dispatch), not on the stored state: data saved
 * before the rule must still open, and its date can then be corrected.
 */

/** The first year a typed date may have. */
export const FIRST_YEAR = 1900;
/** The last year a typed date may have. */
export const LAST_YEAR = 2200;

/** A problem with one field, in the form of the contract's `details.issues`. */
export interface DateIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Every calendar date (a string that is exactly `YYYY-MM-DD`) inside `value`,
 * walked through objects and arrays, whose year is outside
 * {@link FIRST_YEAR}-{@link LAST_YEAR}: one issue per field, named by its path.
 */
export function yearRangeIssues(value: unknown, path: readonly (string | number)[] = []): DateIssue[] {
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return [];
    const year = Number(value.slice(0, 4));
    if (year >= FIRST_YEAR && year <= LAST_YEAR) return [];
    return [
      {
        field: path.length === 0 ? '(input)' : path.join('.'),
        message: `has the year ${value.slice(0, 4)}; a date must be in the years ${FIRST_YEAR} to ${LAST_YEAR}`,
      },
    ];
  }
  if (Array.isArray(value)) return value.flatMap((item: unknown, i) => yearRangeIssues(item, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => yearRangeIssues(item, [...path, key]));
  }
  return [];
}
