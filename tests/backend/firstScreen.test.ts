// When the backend's start-up work may begin: once the first screen's requests are answered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FirstScreenGate } from '../../electron/backend/firstScreen.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('FirstScreenGate', () => {
  it('opens once a request was answered and none is in flight for a quiet moment', () => {
    const gate = new FirstScreenGate(250, 5000);
    gate.started();
    vi.advanceTimersByTime(1000);
    expect(gate.passed).toBe(false);
    gate.ended();
    vi.advanceTimersByTime(200);
    // The shell asks for the screen's data as soon as the first answer is in: the quiet starts again.
    gate.started();
    gate.started();
    vi.advanceTimersByTime(300);
    gate.ended();
    vi.advanceTimersByTime(300);
    expect(gate.passed).toBe(false);
    gate.ended();
    vi.advanceTimersByTime(249);
    expect(gate.passed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(gate.passed).toBe(true);
  });

  it('opens after the longest wait when no page comes, and resolves its waiters', async () => {
    const gate = new FirstScreenGate(250, 5000);
    const begun = vi.fn();
    void gate.passedPromise().then(begun);
    vi.advanceTimersByTime(4999);
    await Promise.resolve();
    expect(begun).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await Promise.resolve();
    expect(begun).toHaveBeenCalledOnce();
  });
});
