/**
 * The window when its page misbehaves: shown even when `ready-to-show` never
 * comes (a hung load), once only; a crashed page reloaded or the app quit.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { READY_TIMEOUT_MS, recoverFromPageCrash, showWhenReady } from '../../electron/main/windowLifecycle.ts';
import { FakeWebContents } from './fakeElectron.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A hidden window as windowLifecycle sees it: its events, and the fake webContents. */
class HiddenWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  isDestroyed(): boolean {
    return false;
  }
}

function hiddenWindow(): HiddenWindow {
  return new HiddenWindow();
}

describe('showWhenReady', () => {
  it('shows a window whose page never gets ready, after the timeout, and logs it', () => {
    vi.useFakeTimers();
    const window = hiddenWindow();
    const logged: string[] = [];
    let shows = 0;
    showWhenReady(
      window,
      () => shows++,
      (where) => logged.push(where),
    );
    vi.advanceTimersByTime(READY_TIMEOUT_MS - 1);
    expect(shows).toBe(0);
    vi.advanceTimersByTime(1);
    expect(shows).toBe(1);
    expect(logged).toEqual(['ready-to-show']);
    // A late ready-to-show does not show it twice.
    window.emit('ready-to-show');
    expect(shows).toBe(1);
  });

  it('shows on ready-to-show and then not again on the timeout; ignores an aborted load', () => {
    vi.useFakeTimers();
    const window = hiddenWindow();
    let shows = 0;
    const logged: string[] = [];
    showWhenReady(
      window,
      () => shows++,
      (where) => logged.push(where),
    );
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://bundle/index.html', true);
    expect(shows).toBe(0);
    window.emit('ready-to-show');
    vi.advanceTimersByTime(READY_TIMEOUT_MS * 2);
    expect(shows).toBe(1);
    expect(logged).toEqual([]);
  });
});

describe('recoverFromPageCrash', () => {
  it('reloads on Reload, quits on Quit, and ignores a clean exit', async () => {
    const window = hiddenWindow();
    const answers: Array<'reload' | 'quit'> = ['reload', 'quit'];
    let quits = 0;
    const logged: string[] = [];
    recoverFromPageCrash(
      window,
      async () => answers.shift(),
      () => quits++,
      (where) => logged.push(where),
    );
    window.webContents.processGone('clean-exit', 0);
    window.webContents.processGone('oom');
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1));
    window.webContents.processGone('crashed');
    await vi.waitFor(() => expect(quits).toBe(1));
    expect(logged).toEqual(['render-process-gone', 'render-process-gone']);
  });
});
