/**
 * The set-up every browser test shares: the real web host
 * ({@link startWebHostProcess}) on a temp data folder, the system's
 * Chromium, and a page signed in with the host's token URL (the token
 * is kept by the page and sent in a header), with its console errors and page errors collected.
 * Teardown closes the browser, stops the host and removes the folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, newBritishContext } from '../helpers/chromium.ts';
import { startWebHostProcess, type WebHostProcess } from '../helpers/webHostProcess.ts';

/** How {@link startBrowserApp} sets the app up. */
export interface BrowserAppOptions {
  /** The data folder, made beforehand (e.g. by {@link makeDataDir}, then filled); removed by `close()`. */
  readonly dataDir: string;
  /** The host's clock starts at this instant (BOARD_FAKE_NOW); the real clock when absent. */
  readonly fakeNow?: string;
  /** How long the host may take to print its URL. */
  readonly hostTimeoutMs?: number;
  /** Launch arguments after the standard ones (tests/helpers/chromium.ts). */
  readonly extraChromiumArgs?: readonly string[];
  /** Lets the page's downloads be read (`download.path()`, `saveAs`). */
  readonly acceptDownloads?: boolean;
  /** While this says true, the page's console errors are expected (e.g. the host was stopped on purpose). */
  readonly consoleErrorsExpected?: () => boolean;
  /** Called with each new page before it goes anywhere (e.g. to listen to its requests). */
  readonly onPage?: (page: Page) => void;
}

/** The app in Chromium, as {@link startBrowserApp} left it. */
export interface BrowserApp {
  readonly browser: Browser;
  /** The current page's context and the page; {@link BrowserApp.openPage} replaces both. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** The web host it started (a test may stop it, or start another one itself). */
  readonly host: WebHostProcess;
  readonly dataDir: string;
  /** Console errors and page errors (a CSP violation is a console error) seen in every page so far. */
  readonly pageProblems: string[];
  /** A new context and page (the old ones closed) at `url`; returns the page. */
  openPage(url: string): Promise<Page>;
  /** Closes the browser, stops the host it started and removes the data folder. */
  close(): Promise<void>;
}

/** A new empty data folder under the system temp folder, named `<prefix>…`. */
export function makeDataDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/**
 * Starts the web host on `options.dataDir` and Chromium, and opens a page at
 * the host's token URL. A test calls it in `beforeAll` and `close()` in
 * `afterAll`; when it fails, it closes and removes what it had made itself.
 */
export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const { dataDir } = options;
  const browser = await launchChromium(options.extraChromiumArgs);
  const env = options.fakeNow === undefined ? {} : { BOARD_FAKE_NOW: options.fakeNow };
  let host: WebHostProcess;
  try {
    host = await startWebHostProcess(dataDir, options.hostTimeoutMs, env);
  } catch (error) {
    await browser.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const pageProblems: string[] = [];
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  async function openPage(url: string): Promise<Page> {
    await context?.close();
    context = await newBritishContext(browser, { acceptDownloads: options.acceptDownloads });
    const opened = await context.newPage();
    page = opened;
    opened.on('console', (message) => {
      if (message.type() === 'error' && options.consoleErrorsExpected?.() !== true) pageProblems.push(message.text());
    });
    opened.on('pageerror', (error) => pageProblems.push(error.message));
    options.onPage?.(opened);
    await opened.goto(url);
    return opened;
  }

  try {
    await openPage(host.url);
  } catch (error) {
    await browser.close();
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    get context() {
      return context!;
    },
    get page() {
      return page!;
    },
    host,
    dataDir,
    pageProblems,
    openPage,
    async close() {
      await context?.close();
      await browser.close();
      await host.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Loads the sample board through the contract from the page (the host's token in a header, as the page sends it), as the page's own button does. */
export async function loadSample(page: Page, token: string): Promise<void> {
  const loaded: unknown = await page.evaluate(
    (bearer) =>
      fetch('/rpc/sample:load', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: '{}',
      }).then((r) => r.json()),
    token,
  );
  expect(loaded).toMatchObject({ ok: true });
}
