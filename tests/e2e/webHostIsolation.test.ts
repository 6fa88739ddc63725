/**
 * The web host's key stays with its page. In one Chromium profile, as a
 * person would have it: two web hosts on different ports and another local
 * server (a dev server, a notebook, a printer page) on a third. The other
 * server must receive nothing that lets it call a host (cookies for
 * 127.0.0.1 are sent to every port, so the token is never a cookie), and
 * opening the second host must not log the first one's tab out.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHostProcess, type WebHostProcess } from '../helpers/webHostProcess.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

let browser: Browser;
let context: BrowserContext;
const dirs: string[] = [];
const hosts: WebHostProcess[] = [];
let other: Server;
let otherOrigin: string;
/** Every request the other local server received: its path and headers. */
const received: Array<{ readonly url: string; readonly headers: IncomingHttpHeaders }> = [];

async function newHost(): Promise<WebHostProcess> {
  const dir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-isolation-'));
  dirs.push(dir);
  const host = await startWebHostProcess(dir);
  hosts.push(host);
  return host;
}

/** Opens a host's printed link in a new tab of the shared profile and waits for the app to show the board. */
async function openApp(host: WebHostProcess): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host.url);
  await expect.poll(() => page.getByRole('banner').textContent()).toContain('My board');
  return page;
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  other = createServer((req, res) => {
    received.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Another local server</title><p>A dev server on another port.</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()));
  await Promise.all(hosts.map((host) => host.stop()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the web host’s key stays with its page', () => {
  it('sends nothing usable to another server on 127.0.0.1, and two hosts keep their own sessions', async () => {
    const first = await newHost();
    const second = await newHost();
    const firstPage = await openApp(first);
    const secondPage = await openApp(second);

    // The first tab is still let in after the second host was opened: reload it, and it still reads its data.
    await firstPage.reload();
    await expect.poll(() => firstPage.getByRole('banner').textContent()).toContain('My board');
    expect(await firstPage.textContent('body')).not.toContain('needs the link printed');

    // Its event stream carries the token too: a change made elsewhere shows without a reload.
    const origin = new URL(first.url).origin;
    const renamed = await fetch(`${origin}/rpc/settings:update`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${first.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ boardName: 'First board' }),
    });
    expect(await renamed.json()).toMatchObject({ ok: true });
    await expect.poll(() => firstPage.getByRole('banner').textContent()).toContain('First board');
    await expect.poll(() => secondPage.getByRole('banner').textContent()).toContain('My board');

    // The person then visits another local server in the same browser.
    const visit = await context.newPage();
    await visit.goto(`${otherOrigin}/`);
    await visit.goto(`${otherOrigin}/api/anything`);
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const request of received) {
      const headers = JSON.stringify(request.headers);
      for (const host of [first, second]) expect(headers, request.url).not.toContain(host.token);
      expect(request.headers.cookie ?? '', request.url).not.toMatch(/bk_token/);
    }
    // Nothing the other server's own page can read holds a token either.
    const seenByOtherPage: unknown = await visit.evaluate(
      'JSON.stringify([document.cookie, Object.entries(sessionStorage), Object.entries(localStorage)])',
    );
    for (const host of [first, second]) expect(JSON.stringify(seenByOtherPage)).not.toContain(host.token);
    // And a call it makes to a host, with every credential the browser will attach, is refused.
    const attempt = await visit.evaluate(
      (target) =>
        fetch(`${target}/rpc/settings:get`, { method: 'POST', credentials: 'include', body: '{}' }).then(
          (r) => r.status,
          () => 'blocked',
        ),
      origin,
    );
    expect(attempt).not.toBe(200);
  }, 180_000);
});
