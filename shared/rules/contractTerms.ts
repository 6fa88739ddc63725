/**
 * A contract's term as it stands: the end as let, moved by each extension
 * option exercised (in the order the options are listed), and the checks that
 * follow from it. Month arithmetic follows the calendar: 31 January + 1 month
 * is 28 (or 29) February.
 */
import { addMonths, longDate } from '../dates/calendarDates.ts';
import type { Contract, ExtensionOption } from '../schema/contracts.ts';

type Term = Pick<Contract, 'termEnd' | 'extensionOptions'>;

/** One step of a contract's term history: the end as let, then each exercised option's new end. */
export interface TermStep {
  readonly end: string;
  /** The option that moved the end here; null for the end as let. */
  readonly option: ExtensionOption | null;
}

/** The end as let, then the end after each exercised option. Empty when the contract has no end yet. */
export function termHistory(c: Term): readonly TermStep[] {
  if (!c.termEnd) return [];
  const steps: TermStep[] = [{ end: c.termEnd, option: null }];
  for (const option of c.extensionOptions) {
    if (option.exercised) steps.push({ end: addMonths(steps.at(-1)!.end, option.months), option });
  }
  return steps;
}

/** The contract's current end: the end as let moved by every exercised option ('' when it has no end yet). */
export function currentTermEnd(c: Term): string {
  return termHistory(c).at(-1)?.end ?? '';
}

/**
 * The maximum-extent warning, if any: the current end plus every option not
 * yet exercised, compared with the maximum extent. Dates in words.
 */
export function maxExtentWarning(c: Pick<Contract, 'termEnd' | 'extensionOptions' | 'maxExtentDate'>): string | null {
  if (!c.maxExtentDate || !c.termEnd) return null;
  const current = currentTermEnd(c);
  if (current > c.maxExtentDate) {
    return `The current end, ${longDate(current)}, is past the contract's maximum extent (${longDate(c.maxExtentDate)}).`;
  }
  let end = current;
  for (const option of c.extensionOptions) {
    if (option.exercised) continue;
    end = addMonths(end, option.months);
    if (end > c.maxExtentDate) {
      return `Exercising the ${option.months}-month extension option would run the contract to ${longDate(end)}, past its maximum extent (${longDate(c.maxExtentDate)}).`;
    }
  }
  return null;
}
