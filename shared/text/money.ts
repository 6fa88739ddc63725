/**
 * Sums of money as people write them in board papers: `£25.3m`,
 * `£24.8 million`, `25,300,000`, `£1.2bn`, `£450k`. Read into whole pounds,
 * or refused with the reason in words, so a form can say what was wrong.
 */

/** What reading a typed sum gave: whole pounds, nothing typed, or why it is not a sum. */
export type ParsedMoney =
  | { readonly kind: 'pounds'; readonly pounds: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'refused'; readonly reason: string };

const MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1_000,
  thousand: 1_000,
  m: 1_000_000,
  mn: 1_000_000,
  million: 1_000_000,
  bn: 1_000_000_000,
  b: 1_000_000_000,
  billion: 1_000_000_000,
};

/** Digits with optional thousands separators in groups of three, and an optional decimal part. */
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Whole pounds from a sum as typed. `£` and `GBP` are optional; a multiplier
 * (k, m, million, bn, billion) may follow, with or without a space. Refuses a
 * negative sum, a malformed number (`£25.3.1m`), words that are not a
 * multiplier (`12 apples`) and pence (`£12.50`): values are kept in whole pounds.
 */
export function parseMoney(typed: string): ParsedMoney {
  let text = typed.trim().toLowerCase();
  if (text === '') return { kind: 'empty' };
  if (/^[-−–]|^(£|gbp)\s*[-−–]/.test(text)) return { kind: 'refused', reason: 'a sum cannot be negative' };
  text = text.replace(/^(£|gbp)\s*/, '').replace(/\s*(gbp|pounds)$/, '');
  const match = /^([\d.,]+)\s*([a-z]*)$/.exec(text);
  if (!match) return { kind: 'refused', reason: 'write a sum such as £25,300,000, £25.3m or £1.2bn' };
  const [, digits = '', word = ''] = match;
  const multiplier = MULTIPLIERS[word];
  if (multiplier === undefined) {
    return { kind: 'refused', reason: `“${word}” is not a unit of money: use k, m (million) or bn (billion)` };
  }
  const number = NUMBER.exec(digits);
  if (!number) return { kind: 'refused', reason: `${digits} is not a number: write it as 25,300,000 or 25.3m` };
  const [, whole = '', fraction = ''] = number;
  // Exact arithmetic in pence-free integers: 25.3 × 1,000,000 without floating-point error.
  const scaled = BigInt(whole.replace(/,/g, '') + fraction) * BigInt(multiplier);
  const divisor = 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n) return { kind: 'refused', reason: 'must be whole pounds (no pence)' };
  const pounds = scaled / divisor;
  if (pounds > BigInt(Number.MAX_SAFE_INTEGER)) return { kind: 'refused', reason: 'is too large a sum' };
  return { kind: 'pounds', pounds: Number(pounds) };
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** A value in whole pounds as the board reads it, e.g. "£50,100,000"; "Undisclosed" for null. */
export function formatGbp(value: number | null): string {
  return value === null ? 'Undisclosed' : gbp.format(value);
}
