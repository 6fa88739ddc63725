/**
 * A short status word in a tinted box ("Signed", "Overdue", "Direct award"),
 * with a tone that repeats what the word says: the colour is never the only
 * sign, so the word itself must carry the meaning.
 */
import type { ReactNode } from 'react';

/** What a tag's colour repeats. */
export type Tone = 'neutral' | 'info' | 'good' | 'warn' | 'bad';

/** Props of {@link StatusTag}. */
export interface StatusTagProps {
  readonly tone: Tone;
  readonly children: ReactNode;
  /** Read out in place of the visible word where it needs more context, e.g. "Condition status: met". */
  readonly label?: string;
}

/** The badge class of each tone (the badges of records.css). */
const TONE_CLASS: { readonly [T in Tone]: string } = {
  neutral: 'badge',
  info: 'badge badge-status-planned',
  good: 'badge badge-good',
  warn: 'badge badge-warning',
  bad: 'badge badge-bad',
};

/** The tag. */
export function StatusTag({ tone, children, label }: StatusTagProps): ReactNode {
  return (
    <span className={`${TONE_CLASS[tone]} status-tag`}>
      {label !== undefined && <span className="visually-hidden">{label}: </span>}
      {children}
    </span>
  );
}
