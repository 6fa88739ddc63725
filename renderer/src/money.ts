/**
 * Sums of money as the board reads them: whole pounds sterling with thousands
 * separators ("£25,300,000"), and "Undisclosed" where the value was not
 * published.
 */

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** A value in whole pounds, e.g. "£50,100,000"; "Undisclosed" for null. */
export function formatGbp(value: number | null): string {
  return value === null ? 'Undisclosed' : gbp.format(value);
}
