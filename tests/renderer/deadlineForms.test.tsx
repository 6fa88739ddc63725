// @vitest-environment jsdom
/**
 * The small deadline and settings pieces in a DOM, through the renderer's
 * real client and hooks: lead times parse as the Settings form's do, and the
 * start at login box says plainly when the host cannot, or changes when it can.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardBridge, Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { StartAtLogin } from '../../shared/contract/deadlineViews.ts';
import type { Result } from '../../shared/contract/result.ts';
import { parseLeadDays } from '../../renderer/src/features/deadlines/LeadDaysForm.tsx';
import { StartAtLoginSection } from '../../renderer/src/features/settings/StartAtLoginSection.tsx';
import { mountRoot, unmountRoot } from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;
let calls: Array<{ channel: string; input: unknown }>;
let login: StartAtLogin;

const bridge: BoardBridge = {
  async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
    calls.push({ channel, input });
    if (channel === 'app:setStartAtLogin') login = { ...login, enabled: (input as { enabled: boolean }).enabled };
    return { ok: true, value: login } as Result<OutputOf<C>>;
  },
  on: () => () => undefined,
};

async function render(): Promise<HTMLInputElement> {
  await act(async () => {
    root.render(<StartAtLoginSection />);
  });
  const box = container.querySelector('input[type="checkbox"]');
  if (!(box instanceof HTMLInputElement)) throw new Error('No checkbox');
  return box;
}

beforeEach(() => {
  calls = [];
  ({ container, root } = mountRoot(bridge));
});

afterEach(async () => {
  await unmountRoot({ container, root });
});

describe('lead times', () => {
  it('reads "90, 30, 7, 1, 0" largest first without repeats, and refuses words', () => {
    expect(parseLeadDays('0, 7,30 , 7, 90')).toEqual([90, 30, 7, 0]);
    expect(parseLeadDays('')).toEqual([]);
    expect(parseLeadDays('7, a week')).toBeUndefined();
    expect(parseLeadDays('-1')).toBeUndefined();
  });
});

describe('start at login', () => {
  it('is off and disabled where the host cannot, saying why', async () => {
    login = { supported: false, enabled: false, how: 'Only the desktop app can start when you log in.' };
    const box = await render();
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect(container.textContent).toContain('Only the desktop app can start when you log in.');
    expect(container.querySelector(`label[for="${box.id}"]`)?.textContent).toBe('Start Boardkeeper when I log in');
  });

  it('turns on where the host can', async () => {
    login = { supported: true, enabled: false, how: 'An autostart entry in ~/.config/autostart.' };
    const box = await render();
    expect(box.disabled).toBe(false);
    await act(async () => {
      box.click();
    });
    expect(calls).toContainEqual({ channel: 'app:setStartAtLogin', input: { enabled: true } });
    const after = container.querySelector('input[type="checkbox"]');
    expect(after instanceof HTMLInputElement && after.checked).toBe(true);
  });
});
