/**
 * The desktop app's entry once built (dist/main/main.cjs, package.json
 * "main"): runs the bundle dist/main/app.cjs (electron/main/main.ts) with its
 * code cache in the user's own data folder (electron/codeCache/loadBundle.ts),
 * so every start after the first skips compiling it.
 */
import { app } from 'electron';
import { join } from 'node:path';
import { loadBundle } from '../codeCache/loadBundle.ts';

const main = loadBundle(join(__dirname, 'app.cjs'), join(app.getPath('userData'), 'Code Cache', 'backend')) as {
  readonly started: Promise<void>;
};

/** Settles when start-up is done (electron/main/main.ts). */
export const started: Promise<void> = main.started;
