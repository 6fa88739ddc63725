/**
 * The jsdom set-up every renderer test shares: a fresh container and React
 * root in the document with act() switched on, the fake bridge the renderer's
 * api.ts talks to, and taking all of it down again after the test.
 */
import { act } from 'react';
import { notifyManager } from '@tanstack/react-query';
import { createRoot, type Root } from 'react-dom/client';
import type { BoardBridge, Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { Result } from '../../shared/contract/result.ts';
import { setBridgeForTests } from '../../renderer/src/api.ts';
import { queryClient } from '../../renderer/src/apiHooks.ts';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

// The query cache tells components of new answers in a microtask rather than a timer, so an awaited act() sees them.
notifyManager.setScheduler(queueMicrotask);

/** A container in the document and the React root rendering into it. */
export interface Mounted {
  readonly container: HTMLDivElement;
  readonly root: Root;
}

/** Opens a container and a React root for one test, with act() on and `bridge` (when given) answering api.ts. */
export function mountRoot(bridge?: BoardBridge): Mounted {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  if (bridge !== undefined) setBridgeForTests(bridge);
  // Each test starts with no answers kept from the one before.
  queryClient.clear();
  const container = document.createElement('div');
  document.body.append(container);
  return { container, root: createRoot(container) };
}

/** Unmounts what {@link mountRoot} opened, removes its container and forgets the bridge. */
export async function unmountRoot({ container, root }: Mounted): Promise<void> {
  await act(async () => root.unmount());
  container.remove();
  setBridgeForTests(undefined);
  queryClient.clear();
}

/** Lets timers and promises run for `ms` inside act(), so the screen settles. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** A call the fake bridge of {@link recordingBridge} received. */
export interface BridgeCall {
  readonly channel: string;
  readonly input: unknown;
}

/** A fake bridge that keeps each call and answers with what the test puts in `answer`. */
export interface RecordingBridge extends BoardBridge {
  readonly calls: BridgeCall[];
  answer: (channel: string, input: unknown) => Result<unknown>;
}

/** A {@link RecordingBridge} with no calls yet, answering every channel with an error until the test says otherwise. */
export function recordingBridge(): RecordingBridge {
  const fake: RecordingBridge = {
    calls: [],
    answer: (channel) => ({
      ok: false,
      error: { code: 'internal', message: `The test gave no answer for ${channel}` },
    }),
    async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
      fake.calls.push({ channel, input });
      // The test decides the answer for the channel it drives.
      return fake.answer(channel, input) as Result<OutputOf<C>>;
    },
    on: () => () => undefined,
  };
  return fake;
}

/** The control in `container` whose label reads `text` exactly. */
export function labelledControl<T extends HTMLElement>(container: HTMLElement, text: string): T {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === text);
  const control = label === undefined ? null : document.getElementById(label.htmlFor);
  if (control === null) throw new Error(`No control labelled ${text}`);
  return control as T;
}

/** The button in `container` whose text reads `name` exactly. */
export function buttonIn(container: HTMLElement, name: string): HTMLButtonElement {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (button === undefined) throw new Error(`No button ${name}`);
  return button;
}
