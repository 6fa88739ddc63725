// @vitest-environment jsdom
/**
 * The renderer's web transport: what a page sees when the host answers well,
 * refuses it, answers nonsense, or is gone. fetch is replaced by a function
 * that answers as the host would; nothing else is faked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebTransport } from '../../renderer/src/api.ts';

function answer(status: number, body: string, type = 'application/json'): typeof fetch {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': type } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the web transport', () => {
  it('POSTs the input as JSON to /rpc/<channel> with same-origin credentials, and returns the result', async () => {
    const fetchMock = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify({ ok: true, value: { boardName: 'B', timeZone: 'Europe/London' } })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const result = await createWebTransport().invoke('settings:update', { boardName: 'B' });
    expect(result).toEqual({ ok: true, value: { boardName: 'B', timeZone: 'Europe/London' } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/rpc/settings%3Aupdate');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"boardName":"B"}');
  });

  it('passes a failed result through unchanged, field issues and all', async () => {
    const failure = {
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'boardName: is required',
        details: { issues: [{ field: 'boardName', message: 'is required' }] },
      },
    };
    vi.stubGlobal('fetch', answer(200, JSON.stringify(failure)));
    expect(await createWebTransport().invoke('settings:update', { boardName: '' })).toEqual(failure);
  });

  it('turns a 401 into a forbidden error carrying the host’s words', async () => {
    vi.stubGlobal('fetch', answer(401, 'Open the link printed by `npm run web`.\n', 'text/plain'));
    const result = await createWebTransport().invoke('settings:get', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Open the link printed by `npm run web`.' },
    });
  });

  it('says the host cannot be reached when fetch fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const result = await createWebTransport().invoke('store:status', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('io_error');
      expect(result.error.message).toContain('npm run web');
    }
  });

  it('refuses an answer that is not a result', async () => {
    vi.stubGlobal('fetch', answer(200, '{"hello":"world"}'));
    const result = await createWebTransport().invoke('store:status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses to listen to an event that is not in the contract', () => {
    const transport = createWebTransport();
    // @ts-expect-error: not an event of the contract
    expect(() => transport.on('data:exploded', () => undefined)).toThrow(/no event named/);
  });
});
