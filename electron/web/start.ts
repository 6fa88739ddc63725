/**
 * The web host's entry once built (dist/web/cli.cjs): runs the bundle
 * dist/web/host.cjs (electron/web/cli.ts) with its code cache kept beside it,
 * in the checkout's own dist/web/.code-cache (electron/codeCache/loadBundle.ts).
 * `BOARD_CODE_CACHE=0` compiles it afresh each time.
 */
import { join } from 'node:path';
import { loadBundle } from '../codeCache/loadBundle.ts';

loadBundle(
  join(__dirname, 'host.cjs'),
  process.env['BOARD_CODE_CACHE'] === '0' ? null : join(__dirname, '.code-cache'),
);
