// @vitest-environment jsdom
/**
 * The page while the store opens (issue 16): the hosts serve the page as soon
 * as the data folder's lock is held, so the page may ask `store:status` while
 * the store is still opening. An ordinary open shows the app's frame at once
 * (navigation, header) with each screen's answers coming once the store is
 * open, and the status is asked again until it says ready; a rebuild from the
 * journal (status with progress) shows how far it is instead.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result.ts';
import type { StoreStatus } from '../../shared/contract/storeTypes.ts';
import { App } from '../../renderer/src/app/App.tsx';
import { mountRoot, recordingBridge, settle, unmountRoot, type Mounted } from './mountHelpers.ts';

const status = (over: Partial<StoreStatus>): StoreStatus => ({
  status: 'ready',
  dataDir: '/data',
  seq: 12,
  hash: 'a'.repeat(64),
  checkpointSeq: 10,
  schemaVersion: 12,
  warnings: [],
  ...over,
});

let mounted: Mounted | undefined;
afterEach(async () => {
  if (mounted) await unmountRoot(mounted);
  mounted = undefined;
});

describe('the page while the store opens', () => {
  it('shows the frame at once, asks the status again until it is open, and the dashboard asks for its answer meanwhile', async () => {
    const bridge = recordingBridge();
    let current: StoreStatus = status({ status: 'opening', seq: 0, checkpointSeq: 0 });
    bridge.answer = (channel): Result<unknown> =>
      channel === 'store:status'
        ? { ok: true, value: current }
        : { ok: false, error: { code: 'internal', message: `not in this test: ${channel}` } };
    mounted = mountRoot(bridge);
    const { container, root } = mounted;
    await act(async () => root.render(<App />));
    await settle(10);

    // The frame is there while the store opens: the main navigation and the dashboard's place.
    expect(container.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    expect(container.textContent).not.toContain('Rebuilding');
    expect(container.textContent).not.toContain('Opening your data');
    expect(bridge.calls.map((c) => c.channel)).toContain('dashboard:get');
    const asked = bridge.calls.filter((c) => c.channel === 'store:status').length;

    // Asked again (an event saying it opened may have come before the page listened).
    current = status({});
    await settle(1200);
    expect(bridge.calls.filter((c) => c.channel === 'store:status').length).toBeGreaterThan(asked);
    const once = bridge.calls.filter((c) => c.channel === 'store:status').length;
    expect(container.querySelector('nav[aria-label="Main"]')).not.toBeNull();

    // Once ready, no more asking.
    await settle(1200);
    expect(bridge.calls.filter((c) => c.channel === 'store:status').length).toBe(once);
  });

  it('shows how far a rebuild from the journal is, not the frame', async () => {
    const bridge = recordingBridge();
    bridge.answer = (channel): Result<unknown> =>
      channel === 'store:status'
        ? { ok: true, value: status({ status: 'opening', progress: { done: 25, total: 100 } }) }
        : { ok: false, error: { code: 'internal', message: `not in this test: ${channel}` } };
    mounted = mountRoot(bridge);
    const { container, root } = mounted;
    await act(async () => root.render(<App />));
    await settle(10);
    expect(container.querySelector('h1')?.textContent).toBe('Rebuilding your data from the journal…');
    expect(container.textContent).toContain('25% of the journal read');
    expect(container.querySelector('nav[aria-label="Main"]')).toBeNull();
  });
});
