/**
 * A button that is busy (its request in flight) keeps the focus: it says
 * `aria-disabled="true"` and ignores presses, instead of `disabled`, which
 * would drop the focus to the page body (WCAG 2.4.3). Spread it on the
 * button: `<button {...busyButtonProps(save.pending)}>`. A submit button that
 * ignores the press also stops the form being sent (Enter in a field presses
 * it too).
 */
import type { MouseEvent } from 'react';

/** The attributes of a button while `busy` (none when not). */
export interface BusyButtonProps {
  readonly 'aria-disabled'?: true;
  readonly onClickCapture?: (event: MouseEvent<HTMLElement>) => void;
}

function ignorePress(event: MouseEvent<HTMLElement>): void {
  event.preventDefault();
  event.stopPropagation();
}

/** `aria-disabled` and a press that does nothing, while `busy`. */
export function busyButtonProps(busy: boolean): BusyButtonProps {
  return busy ? { 'aria-disabled': true, onClickCapture: ignorePress } : {};
}
