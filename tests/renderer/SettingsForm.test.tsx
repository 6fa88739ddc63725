// @vitest-environment jsdom
/**
 * The Settings form in a DOM, through the renderer's real client and hooks,
 * over a bridge that answers as the backend does: only changed fields are
 * sent, a field issue lands next to its field, and a save says so.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schema/settings.ts';
import { SettingsForm } from '../../renderer/src/features/settings/SettingsForm.tsx';
import { mountRoot, recordingBridge, unmountRoot, type RecordingBridge } from './mountHelpers.ts';

const STORED: Settings = DEFAULT_SETTINGS;

let container: HTMLDivElement;
let root: Root;
let bridge: RecordingBridge;

function field(label: string): HTMLInputElement | HTMLSelectElement {
  const labelElement = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  const control = labelElement ? document.getElementById(labelElement.htmlFor) : null;
  if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) {
    throw new Error(`No field labelled ${label}`);
  }
  return control;
}

async function type(label: string, value: string): Promise<void> {
  const input = field(label);
  await act(async () => {
    // React listens to the native value setter; set it the way a browser's typing does.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function save(): Promise<void> {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Save settings');
  await act(async () => {
    button?.click();
  });
}

beforeEach(async () => {
  bridge = recordingBridge();
  bridge.answer = () => ({ ok: true, value: STORED });
  ({ container, root } = mountRoot(bridge));
  await act(async () => root.render(<SettingsForm settings={STORED} />));
});

afterEach(async () => {
  await unmountRoot({ container, root });
});

describe('the settings form', () => {
  it('starts from the stored settings, every control labelled', () => {
    expect(field('Board name').value).toBe('My board');
    expect(field('Time zone').value).toBe('Europe/London');
    expect(field('Quorum').value).toBe('3');
    expect(field('Your name').value).toBe('Secretariat');
  });

  it('sends only the changed fields and says it saved', async () => {
    bridge.answer = () => ({ ok: true, value: { ...STORED, boardName: 'Audit Committee' } });
    await type('Board name', 'Audit Committee');
    await save();
    expect(bridge.calls).toEqual([{ channel: 'settings:update', input: { boardName: 'Audit Committee' } }]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Settings saved.');
  });

  it('shows the backend’s field issue next to the field, marks it invalid and focuses it', async () => {
    bridge.answer = () => ({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'boardName: is required',
        details: { issues: [{ field: 'boardName', message: 'is required' }] },
      },
    });
    await type('Board name', '');
    await save();
    const input = field('Board name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ');
    const messages = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain('Error: Board name is required');
    expect(document.activeElement).toBe(input);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('The settings were not saved');
  });

  it('says a quorum that is not a whole number is wrong without calling the backend', async () => {
    await type('Quorum', 'three');
    await save();
    expect(bridge.calls).toEqual([]);
    expect(field('Quorum').getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('Quorum must be a whole number');
  });

  it('sends a quorum as a number', async () => {
    bridge.answer = () => ({ ok: true, value: { ...STORED, quorum: 5 } });
    await type('Quorum', ' 5 ');
    await save();
    expect(bridge.calls).toEqual([{ channel: 'settings:update', input: { quorum: 5 } }]);
  });

  it('edits the decision numbering, call-in period and bank holiday region', async () => {
    expect(field('Decision reference pattern').value).toBe('PCD {yyyy}-{seq:3}');
    expect(field('Call-in period (working days)').value).toBe('5');
    const region = field('Bank holidays');
    expect(region.value).toBe('england-and-wales');
    expect([...(region instanceof HTMLSelectElement ? region.options : [])].map((o) => o.textContent)).toContain(
      'Scotland',
    );
    await act(async () => {
      region.value = 'scotland';
      region.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await type('Call-in period (working days)', '10');
    await save();
    expect(bridge.calls).toEqual([
      { channel: 'settings:update', input: { callInWorkingDays: 10, holidayRegion: 'scotland' } },
    ]);
  });

  it('says when there is nothing to save', async () => {
    await save();
    expect(bridge.calls).toEqual([]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Nothing to save: no field has changed.');
  });
});
