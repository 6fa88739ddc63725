/**
 * Sums of money as the board reads them: whole pounds sterling with thousands
 * separators ("£25,300,000"), and "Undisclosed" where the value was not
 * published. The one formatter lives in shared/text/money.ts (rules write sums in their messages too).
 */
export { formatGbp } from '../../shared/text/money.ts';
