/**
 * The toast that reports a change just made, with an Undo button that asks
 * the backend to reverse it (history:undo with the change's journal number).
 * It is a polite live region, so a screen reader hears what was done without
 * losing its place; it stays while the pointer or the focus is on it, and
 * otherwise goes after about ten seconds. Escape dismisses it. It goes when
 * the person moves to another page, and when the focus enters a form field
 * beneath it: it never sits over a field in use. Dismissing it puts the focus
 * back where it was before it entered the toast. Ctrl+Z (⌘Z) outside a text
 * field undoes the last change reported, even after its toast has gone.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Saved } from '../../../shared/contract/views.ts';
import { useMutation } from '../apiHooks.ts';
import { redrawnControl, requestPageHeadingFocus } from '../app/pageFocus.ts';
import { busyButtonProps } from './busyButton.ts';

/** How long a toast stays, in milliseconds, while nobody is on it. */
export const TOAST_MS = 10_000;

interface ToastMessage {
  readonly id: number;
  /** When it was shown (ms): a navigation right after (the save's own) keeps it; a later one closes it. */
  readonly shownAt: number;
  readonly text: string;
  /** The journal entry an Undo reverses; none for a toast that only reports. */
  readonly undoSeq: number | undefined;
  readonly tone: 'done' | 'problem';
  /** What had the focus when it was shown (where the change was made): the focus goes back there when it goes. */
  readonly from: Element | null;
}

let current: ToastMessage | undefined;
/** The last change reported that can be undone, kept for Ctrl+Z after its toast has gone. */
let lastUndoable: { readonly seq: number; readonly text: string } | undefined;
let nextId = 1;
const listeners = new Set<() => void>();

/** A page change this soon after a toast is the save's own (it opens the saved record): the toast stays. */
const OWN_NAVIGATION_MS = 1_500;

function show(message: Omit<ToastMessage, 'id' | 'shownAt' | 'from'> | undefined): void {
  // Shown from inside the toast (Undo's own report): the origin stays that of the change undone.
  const inToast = document.activeElement?.closest('.toast-region') != null;
  const from = inToast ? (current?.from ?? null) : document.activeElement;
  current = message === undefined ? undefined : { ...message, id: nextId++, shownAt: Date.now(), from };
  if (message?.undoSeq !== undefined) lastUndoable = { seq: message.undoSeq, text: message.text };
  for (const listener of listeners) listener();
}

/** Reports a change just made from a screen, offering to undo it. */
export function announceSaved(saved: Saved): void {
  // seq 0: nothing was recorded, so there is nothing to undo.
  show({ text: sentenceOf(saved.summary), undoSeq: saved.seq > 0 ? saved.seq : undefined, tone: 'done' });
}

/** Reports something that needs no undo (e.g. a file saved to the computer). */
export function announce(text: string): void {
  show({ text: sentenceOf(text), undoSeq: undefined, tone: 'done' });
}

/**
 * Says change `seq` was undone elsewhere (a record's history): Ctrl+Z no longer
 * offers it, and its toast, if still shown, goes (its Undo would be refused).
 */
export function noteUndone(seq: number): void {
  if (lastUndoable?.seq === seq) lastUndoable = undefined;
  if (current?.undoSeq === seq) show(undefined);
}

function sentenceOf(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Whether a key press goes to a text field (where Ctrl+Z undoes typing, not a change). */
function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.matches('input, textarea, select, [contenteditable="true"]');
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The toast area, shown once in the shell. */
export function UndoToast(): ReactNode {
  const message = useSyncExternalStore(subscribe, () => current);
  const undo = useMutation('history:undo');
  const [held, setHeld] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  /** Where the focus was before it entered the toast: the way back when the toast's own origin has gone. */
  const returnTo = useRef<HTMLElement | null>(null);

  /** Puts the focus back where the person was before the toast: where the change was made, if it is still there. */
  function focusBack(from: Element | null | undefined): void {
    // Where the change was made, or that control drawn again (a form re-mounted after its save).
    const again = from instanceof HTMLElement && !from.isConnected ? redrawnControl(from) : null;
    if (from instanceof HTMLElement && from.isConnected && from !== document.body) from.focus();
    else if (again !== null) again.focus();
    else if (returnTo.current?.isConnected === true) returnTo.current.focus();
    else requestPageHeadingFocus();
  }

  useEffect(() => {
    if (message === undefined || held) return;
    const timer = setTimeout(() => {
      if (current?.id === message.id) show(undefined);
    }, TOAST_MS);
    return () => clearTimeout(timer);
  }, [message, held]);

  useEffect(() => {
    if (message === undefined) return;
    const onHash = (): void => {
      if (Date.now() - message.shownAt > OWN_NAVIGATION_MS && current?.id === message.id) show(undefined);
    };
    const onFocus = (event: FocusEvent): void => {
      const field = event.target;
      const toast = region.current?.firstElementChild;
      if (!(field instanceof HTMLElement) || !toast || region.current?.contains(field)) return;
      if (!field.matches('input, textarea, select, [contenteditable="true"]')) return;
      const a = field.getBoundingClientRect();
      const b = toast.getBoundingClientRect();
      const overlaps = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      if (overlaps && current?.id === message.id) show(undefined);
    };
    window.addEventListener('hashchange', onHash);
    document.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('focusin', onFocus);
    };
  }, [message]);

  // Ctrl+Z (⌘Z on a Mac) outside a text field: undo the last change reported, toast or not.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() !== 'z' || event.shiftKey || event.altKey) return;
      if (!(event.ctrlKey || event.metaKey) || isTextEntry(event.target)) return;
      const last = lastUndoable;
      if (last === undefined || undo.pending) return;
      event.preventDefault();
      void runUndo(last.seq);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  async function runUndo(seq: number): Promise<void> {
    if (lastUndoable?.seq === seq) lastUndoable = undefined;
    const wasInside = region.current?.contains(document.activeElement) ?? false;
    const from = current?.from;
    const result = await undo.run({ seq });
    // The Undo button goes with its toast: the focus goes back to where it was before the toast.
    if (wasInside) focusBack(from);
    if (result.ok)
      show({
        text: sentenceOf(result.value.summary.replace(/^Undid: /, 'Undone: ')),
        undoSeq: undefined,
        tone: 'done',
      });
    else show({ text: result.error.message, undoSeq: undefined, tone: 'problem' });
  }

  function dismiss(): void {
    setHeld(false);
    const wasInside = region.current?.contains(document.activeElement) ?? false;
    const from = current?.from;
    show(undefined);
    if (wasInside) focusBack(from);
  }

  return (
    <div
      ref={region}
      className="toast-region"
      role="status"
      aria-live="polite"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(region.current?.contains(document.activeElement) ?? false)}
      onFocus={(event) => {
        setHeld(true);
        const from = event.relatedTarget;
        if (from instanceof HTMLElement && !region.current?.contains(from)) returnTo.current = from;
      }}
      onBlur={(event) => {
        if (!region.current?.contains(event.relatedTarget)) setHeld(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') dismiss();
      }}
    >
      {message !== undefined && (
        <div className={message.tone === 'problem' ? 'toast toast-problem' : 'toast'} key={message.id}>
          <p className="toast-text">{message.text}</p>
          <div className="toast-actions">
            {message.undoSeq !== undefined && (
              <button
                type="button"
                className="button button-small button-secondary"
                {...busyButtonProps(undo.pending)}
                onClick={() => void runUndo(message.undoSeq ?? 0)}
              >
                {undo.pending ? 'Undoing…' : 'Undo'}
              </button>
            )}
            <button type="button" className="button button-small toast-close" onClick={dismiss}>
              Dismiss<span className="visually-hidden"> this message</span>
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
