/**
 * The jsdom set-up every renderer test shares: a fresh container and React
 * root in the document with act() switched on, the fake bridge the renderer's
 * api.ts talks to, and taking all of it down again after the test.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { BoardBridge } from '../../shared/contract/api.ts';
import { setBridgeForTests } from '../../renderer/src/api.ts';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** A container in the document and the React root rendering into it. */
export interface Mounted {
  readonly container: HTMLDivElement;
  readonly root: Root;
}

/** Opens a container and a React root for one test, with act() on and `bridge` (when given) answering api.ts. */
export function mountRoot(bridge?: BoardBridge): Mounted {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  if (bridge !== undefined) setBridgeForTests(bridge);
  const container = document.createElement('div');
  document.body.append(container);
  return { container, root: createRoot(container) };
}

/** Unmounts what {@link mountRoot} opened, removes its container and forgets the bridge. */
export async function unmountRoot({ container, root }: Mounted): Promise<void> {
  await act(async () => root.unmount());
  container.remove();
  setBridgeForTests(undefined);
}

/** Lets timers and promises run for `ms` inside act(), so the screen settles. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}
