// The web host's memory of recent creates: a repeat gets the first result; it is bounded in size and time.
import { describe, expect, it } from 'vitest';
import { createRepeatGuard, isRequestId } from '../../electron/backend/repeatedRequests.ts';
import { ok, fail, type Result } from '../../shared/contract/result.ts';

describe('the repeat guard', () => {
  it('runs a request once per id and body, and again after a failure', async () => {
    const guard = createRepeatGuard();
    let runs = 0;
    const run = async (): Promise<Result<unknown>> => ok({ id: `mtg_${++runs}` });
    const first = await guard.once('meetings:create', 'id-0123456789abcdef', '{"a":1}', run);
    expect(await guard.once('meetings:create', 'id-0123456789abcdef', '{"a":1}', run)).toEqual(first);
    expect(runs).toBe(1);
    await guard.once('meetings:create', 'id-0123456789abcdef', '{"a":2}', run);
    await guard.once('papers:create', 'id-0123456789abcdef', '{"a":1}', run);
    expect(runs).toBe(3);
    let failures = 0;
    const failing = async (): Promise<Result<unknown>> => {
      failures += 1;
      return fail({ code: 'store_unavailable', message: 'busy' });
    };
    await guard.once('meetings:create', 'id-fffffffffffffffff', '{}', failing);
    await guard.once('meetings:create', 'id-fffffffffffffffff', '{}', failing);
    expect(failures).toBe(2);
  });

  it('forgets past its size and its time', async () => {
    let clock = 0;
    const guard = createRepeatGuard(2, 1000, () => clock);
    let runs = 0;
    const run = async (): Promise<Result<unknown>> => ok(++runs);
    for (const id of ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc', 'dddddddddddddddd']) {
      await guard.once('x:create', id, '', run);
    }
    // The oldest was let go.
    await guard.once('x:create', 'aaaaaaaaaaaaaaaa', '', run);
    expect(runs).toBe(5);
    clock = 5000;
    await guard.once('x:create', 'dddddddddddddddd', '', run);
    expect(runs).toBe(6);
  });

  it('takes only ids that look like the page’s', () => {
    expect(isRequestId('AbCdEfGhIjKlMnOpQrStUv')).toBe(true);
    for (const id of [undefined, '', 'short', 'has spaces in it here', 'x'.repeat(101), ['AbCdEfGhIjKlMnOpQrStUv']]) {
      expect(isRequestId(id)).toBe(false);
    }
  });
});
