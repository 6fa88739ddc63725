// @vitest-environment jsdom
/**
 * The renderer's web transport: what a page sees when the host answers well,
 * refuses it, answers nonsense, or is gone. fetch is replaced by a function
 * that answers as the host would; nothing else is faked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebTransport, pageToken, TOKEN_STORAGE_KEY } from '../../renderer/src/api.ts';

function answer(status: number, body: string, type = 'application/json'): typeof fetch {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': type } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the web transport', () => {
  it('POSTs the input as JSON to /rpc/<channel> with the token in a header and no cookies, and returns the result', async () => {
    const fetchMock = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify({ ok: true, value: { boardName: 'B', timeZone: 'Europe/London' } })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const result = await createWebTransport('', 'the-token').invoke('settings:update', { boardName: 'B' });
    expect(result).toEqual({ ok: true, value: { boardName: 'B', timeZone: 'Europe/London' } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/rpc/settings%3Aupdate');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('omit');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer the-token');
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

  it('reads the event stream with fetch, the token in a header, and delivers each event to its listeners', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('retry: 2000\n\n: keep-alive\n\nevent: data:chan'));
        controller.enqueue(encoder.encode('ged\ndata: {"seq":3,"targets":["settings"]}\n\n'));
        controller.enqueue(encoder.encode('event: data:exploded\ndata: {}\n\n'));
      },
    });
    const fetchMock = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const received = new Promise((resolve) => {
      createWebTransport('', 'the-token').on('data:changed', resolve);
    });
    expect(await received).toEqual({ seq: 3, targets: ['settings'] });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/events');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer the-token');
    expect(init?.credentials).toBe('omit');
  });

  it('takes the token from the address once, keeps it in this tab, and drops it from the address', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/?token=abc123&x=1#/settings');
    expect(pageToken()).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/settings');
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    // A reload, or a link inside the app: the address no longer has it, this tab still does.
    window.history.replaceState(null, '', '/#/decisions');
    expect(pageToken()).toBe('abc123');
    window.sessionStorage.clear();
    expect(pageToken()).toBeUndefined();
  });
});

describe('a create whose reply is lost', () => {
  it('is sent again with the same request id, and the first result comes back', async () => {
    let calls = 0;
    const fetchMock = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ ok: true, value: { id: 'mtg_1', seq: 1, summary: 'Added' } }));
    });
    vi.stubGlobal('fetch', fetchMock);
    const result = await createWebTransport('', 't').invoke('meetings:create', { title: 'Board', date: '2027-06-24' });
    expect(result).toMatchObject({ ok: true, value: { id: 'mtg_1' } });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const ids = fetchMock.mock.calls.map(([, init]) => new Headers(init?.headers).get('X-Request-Id'));
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('gives each create its own id, and sends none with a read', async () => {
    const fetchMock = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify({ ok: true, value: {} })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const transport = createWebTransport('', 't');
    await transport.invoke('meetings:create', { title: 'A', date: '2027-06-24' });
    await transport.invoke('meetings:create', { title: 'A', date: '2027-06-24' });
    await transport.invoke('settings:get', {});
    const ids = fetchMock.mock.calls.map(([, init]) => new Headers(init?.headers).get('X-Request-Id'));
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBeNull();
  });
});
