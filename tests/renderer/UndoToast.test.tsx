// @vitest-environment jsdom
/**
 * The undo toast in a DOM, through the real client: it says what was done in
 * a polite status region, Undo calls history:undo with the change's journal
 * number, and it goes after ten seconds unless the focus is on it.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardBridge, Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { Result } from '../../shared/contract/result.ts';
import { announceSaved, TOAST_MS, UndoToast } from '../../renderer/src/components/UndoToast.tsx';
import { mountRoot, unmountRoot } from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;
let calls: Array<{ channel: string; input: unknown }>;

const bridge: BoardBridge = {
  async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
    calls.push({ channel, input });
    // Only history:undo is driven here; it answers as the backend does.
    return { ok: true, value: { id: 'mem_1', seq: 8, summary: 'Undid: Edited member A' } } as Result<OutputOf<C>>;
  },
  on: () => () => undefined,
};

function region(): HTMLElement {
  const element = container.querySelector<HTMLElement>('.toast-region');
  if (element === null) throw new Error('no toast region');
  return element;
}

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.startsWith(name));
  if (found === undefined) throw new Error(`no button ${name}`);
  return found;
}

beforeEach(async () => {
  vi.useFakeTimers();
  calls = [];
  ({ container, root } = mountRoot(bridge));
  await act(async () => root.render(<UndoToast />));
});

afterEach(async () => {
  await unmountRoot({ container, root });
  vi.useRealTimers();
});

describe('the undo toast', () => {
  it('is a polite status region that says what was done', async () => {
    expect(region().getAttribute('role')).toBe('status');
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().textContent).toBe('');
    await act(async () => announceSaved({ id: 'mem_1', seq: 7, summary: 'Edited member A' }));
    expect(region().textContent).toContain('Edited member A.');
  });

  it('undoes the change by its journal number, then says so', async () => {
    await act(async () => announceSaved({ id: 'mem_1', seq: 7, summary: 'Edited member A' }));
    await act(async () => button('Undo').click());
    expect(calls).toEqual([{ channel: 'history:undo', input: { seq: 7 } }]);
    expect(region().textContent).toContain('Undone: Edited member A.');
    expect(container.querySelectorAll('button')).toHaveLength(1);
  });

  it('goes after ten seconds, but not while the focus is on it', async () => {
    await act(async () => announceSaved({ id: 'mem_1', seq: 7, summary: 'Edited member A' }));
    await act(async () => button('Undo').focus());
    await act(async () => vi.advanceTimersByTime(TOAST_MS + 1000));
    expect(region().textContent).toContain('Edited member A.');
    await act(async () => button('Undo').blur());
    await act(async () => vi.advanceTimersByTime(TOAST_MS - 500));
    expect(region().textContent).toContain('Edited member A.');
    await act(async () => vi.advanceTimersByTime(1000));
    expect(region().textContent).toBe('');
  });

  it('stays through the save’s own navigation, and goes when the person moves on to another page', async () => {
    await act(async () => announceSaved({ id: 'mem_1', seq: 7, summary: 'Edited member A' }));
    await act(async () => window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(region().textContent).toContain('Edited member A.');
    await act(async () => vi.advanceTimersByTime(3000));
    await act(async () => window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(region().textContent).toBe('');
  });

  it('goes when the focus enters a field beneath it, not one elsewhere', async () => {
    const rect = (top: number): DOMRect =>
      ({ left: 0, right: 300, top, bottom: top + 40, width: 300, height: 40, x: 0, y: top }) as DOMRect;
    const elsewhere = document.createElement('input');
    const beneath = document.createElement('input');
    container.append(elsewhere, beneath);
    elsewhere.getBoundingClientRect = () => rect(0);
    beneath.getBoundingClientRect = () => rect(500);
    await act(async () => announceSaved({ id: 'mem_1', seq: 7, summary: 'Edited member A' }));
    (region().firstElementChild as HTMLElement).getBoundingClientRect = () => rect(510);
    await act(async () => elsewhere.focus());
    expect(region().textContent).toContain('Edited member A.');
    await act(async () => beneath.focus());
    expect(region().textContent).toBe('');
  });
});
