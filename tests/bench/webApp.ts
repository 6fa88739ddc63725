/**
 * The real app in a real browser, for the measures that need one: the built
 * renderer (built first when it is missing or older than its sources, as
 * `npm run build:renderer` does), the real web host CLI
 * (electron/web/cli.ts, as `npm run web` starts it) on a working copy of the
 * body, and the system's Chromium driven by playwright-core with the
 * end-to-end tests' launch arguments (tests/helpers/chromium.ts).
 *
 * Timings are taken inside the page (performance.now(), requestAnimationFrame,
 * MutationObserver), never across the DevTools protocol, whose round trips
 * would add their own milliseconds. The in-page code is passed as source
 * text: this project's Node typings have no DOM.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newBritishContext } from '../helpers/chromium.ts';
import { spawnCli, waitForUrlLine } from '../helpers/webHostProcess.ts';
import { REPO_ROOT } from './generate.ts';
import { formatValue } from './measure.ts';
import { summarise } from './stats.ts';

const RENDERER_OUT = join(REPO_ROOT, 'dist', 'renderer');
/** What the renderer bundle is built from. */
const RENDERER_INPUTS = ['renderer', 'shared', 'package.json'];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Which renderer bundle the browser measures ran, and whether this run built it. */
export interface RendererBuild {
  readonly built: boolean;
  readonly buildMs: number;
  /** The main script's path in dist/renderer, e.g. assets/index-BtNV3f1Y.js (its hash names the build). */
  readonly script: string;
  readonly scriptBytes: number;
}

/**
 * Builds dist/renderer (vite, renderer/vite.config.ts) unless it is there and
 * newer than everything it is built from; the web host serves that folder.
 */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<RendererBuild> {
  const builtAt = await stat(join(RENDERER_OUT, 'index.html')).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  let inputsAt = 0;
  for (const input of RENDERER_INPUTS) inputsAt = Math.max(inputsAt, await newestMtime(join(REPO_ROOT, input)));
  let built = false;
  let buildMs = 0;
  if (builtAt === 0 || inputsAt > builtAt) {
    log('  building the renderer (dist/renderer is missing or older than its sources) ...');
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
        { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`the renderer build failed (exit code ${code}):\n${stderr}`)),
      );
    });
    buildMs = performance.now() - t0;
    built = true;
  }
  const html = await readFile(join(RENDERER_OUT, 'index.html'), 'utf8');
  const script = /<script[^>]*\ssrc="\.\/([^"]+\.js)"/.exec(html)?.[1];
  if (script === undefined) throw new Error(`no script in ${join(RENDERER_OUT, 'index.html')}`);
  return { built, buildMs, script, scriptBytes: (await stat(join(RENDERER_OUT, script))).size };
}

/**
 * The backend as the desktop app bundles it: scripts/build-electron.mjs into `scratch`/dist; returns
 * the web host's bundle (dist/web/cli.cjs: the same backend code, bundled with main's options).
 */
export async function buildBackendBundle(scratch: string): Promise<string> {
  const dist = join(scratch, 'dist');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'build-electron.mjs'), '--outdir', dist], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build-electron exited ${code}`))));
  });
  return join(dist, 'web', 'cli.cjs');
}

/** A web host started from its CLI. */
export interface WebHostRun {
  /** The printed URL, token included. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** From spawning the CLI to its URL line: opening the store, the reminder check, listening. */
  readonly startMs: number;
  stderr(): string;
  /**
   * Ctrl+C, as a person would stop it (it writes a last checkpoint), then
   * waits for it to exit; killed after `graceMs` (a backend still busy
   * answering cannot see the signal; the working copy is thrown away anyway).
   */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `npm run web`'s entry (electron/web/cli.ts) on `dataDir`, on any free port, and waits for its URL. */
export async function startWebHost(dataDir: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<WebHostRun> {
  const t0 = performance.now();
  const child = spawnCli(['--data-dir', dataDir, '--port', '0'], undefined, env);
  const { url, stderr, exited } = await waitForUrlLine(child, timeoutMs);
  const startMs = performance.now() - t0;
  return {
    url,
    origin: new URL(url).origin,
    startMs,
    stderr,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A page of the app, opened at the host's token URL (the page keeps the token in its sessionStorage), once loaded. */
export async function openApp(browser: Browser, host: WebHostRun): Promise<Page> {
  const context = await newBritishContext(browser);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.locator('main h1').first().waitFor({ timeout: 120_000 });
  return page;
}

/** Calls a channel from the page, as the renderer's web transport does; the answer's `value`. */
export async function rpc(page: Page, channel: string, input: unknown): Promise<unknown> {
  const result = (await page.evaluate(
    `fetch('/rpc/' + encodeURIComponent(${JSON.stringify(channel)}), {
       method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('boardkeeper.token') },
       body: ${JSON.stringify(JSON.stringify(input))},
     }).then((r) => r.json())`,
  )) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'refused'}`);
  return result.value;
}

/** Calls a channel from the page and times it there, from the request to the whole answer parsed; ms. */
export async function timedRpc(page: Page, channel: string, input: unknown): Promise<number> {
  return (await page.evaluate(
    `(async () => {
       const t0 = performance.now();
       const response = await fetch('/rpc/' + encodeURIComponent(${JSON.stringify(channel)}), {
         method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('boardkeeper.token') },
         body: ${JSON.stringify(JSON.stringify(input))},
       });
       const result = await response.json();
       if (!result.ok) throw new Error(${JSON.stringify(channel)} + ': ' + result.error.message);
       return performance.now() - t0;
     })()`,
  )) as number;
}

/**
 * Waits until the backend's search index is ready (it builds in the
 * background after the store opens, with pauses of the event loop that
 * would land in any figure taken meanwhile). Returns how long that took.
 */
export async function waitForSearchIndex(page: Page, timeoutMs = 180_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const answer = (await rpc(page, 'search:query', { q: 'contract', perGroup: 1 })) as { source: string };
    if (answer.source === 'index') return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`the search index was not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Lets the page settle: `ms` of quiet, then two frames. */
export async function settle(page: Page, ms: number): Promise<void> {
  await page.waitForTimeout(ms);
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined))))',
  );
}

/**
 * In-page: a promise of the moment the frame after now has been painted.
 * A requestAnimationFrame callback runs just before the browser's style,
 * layout and paint of that frame; a message posted from it is handled just
 * after them. Rasterising and compositing happen off the main thread and
 * are not counted.
 */
export const AFTER_PAINT_JS = `() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(null);
}))`;

/** One request to the web host, by its resource timing (page milliseconds). */
export interface Request {
  readonly channel: string;
  readonly start: number;
  /** When the whole answer was in. */
  readonly end: number;
}

/** The last request on `channel` in a navigation, if any. */
export function requestOn(navigation: Navigation, channel: string): Request | undefined {
  return navigation.requests.filter((r) => r.channel === channel).at(-1);
}

/** What {@link NAVIGATE_JS} reports, in page milliseconds (performance.now()). */
export interface Navigation {
  /** When the address was changed. */
  readonly start: number;
  /** When the awaited element first matched (a MutationObserver, right after React's commit). */
  readonly inDom: number;
  /** When the frame showing it was painted. */
  readonly painted: number;
  /** The backend requests the page made after the start, by their resource timing. */
  readonly requests: readonly Request[];
  /** Text characters in the element. */
  readonly chars: number;
  /** With `completeSelector`: when it matched (the whole content in the page), and the text characters then. */
  readonly complete?: number;
  readonly completeChars?: number;
}

/**
 * In-page: changes the address to `hash` (as following a link in the app
 * does) and resolves when `selector` matches an element with text and the
 * frame showing it is painted, with the timings of the backend requests
 * made on the way. With `attributes`, changes of those attributes are
 * watched as well (a selector that matches once an attribute says so).
 */
export const NAVIGATE_JS = `async ({ hash, selector, completeSelector, attributes, timeoutMs }) => {
  const afterPaint = ${AFTER_PAINT_JS};
  const found = () => {
    const element = document.querySelector(selector);
    return element !== null && (element.textContent || '').length > 0 ? element : null;
  };
  if (found() !== null) throw new Error('already on the page before navigating: ' + selector);
  performance.clearResourceTimings();
  return await new Promise((resolve, reject) => {
    let start = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('not on the page after ' + timeoutMs + ' ms: ' + selector));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      const element = found();
      if (element === null) return;
      const inDom = performance.now();
      const chars = (element.textContent || '').length;
      observer.disconnect();
      // Content that comes in parts: when the whole of it is in the page (its element stops saying it is busy).
      const whole = new Promise((done) => {
        if (!completeSelector) return done(null);
        const check = () => {
          const all = document.querySelector(completeSelector);
          if (all === null) return false;
          done({ complete: performance.now(), completeChars: (all.textContent || '').length });
          return true;
        };
        if (check()) return;
        const watch = new MutationObserver(() => { if (check()) watch.disconnect(); });
        watch.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
      });
      afterPaint().then(async (painted) => {
        const rest = await whole;
        clearTimeout(timer);
        const requests = performance.getEntriesByType('resource')
          .filter((e) => e.startTime >= start && new URL(e.name).pathname.startsWith('/rpc/'))
          .map((e) => ({
            channel: decodeURIComponent(new URL(e.name).pathname.slice('/rpc/'.length)),
            start: e.startTime,
            end: e.responseEnd,
          }));
        resolve({ start, inDom, painted, requests, chars, ...(rest || {}) });
      });
    });
    observer.observe(document.body, {
      childList: true, subtree: true, characterData: true, ...(attributes ? { attributeFilter: attributes } : {}),
    });
    start = performance.now();
    location.hash = hash;
  });
}`;

/** Runs {@link NAVIGATE_JS} in the page. */
export function navigate(
  page: Page,
  args: {
    hash: string;
    selector: string;
    completeSelector?: string;
    attributes?: readonly string[];
    timeoutMs?: number;
  },
): Promise<Navigation> {
  return page.evaluate(`(${NAVIGATE_JS})(${JSON.stringify({ timeoutMs: 300_000, ...args })})`) as Promise<Navigation>;
}

/**
 * An init script (runs before the app's own scripts on every load of the
 * page): records in `window.__benchLoad` when `selector` first matches with
 * text and when that frame is painted, counted from the navigation's start
 * (performance.now() is 0 at the navigation's start).
 */
export function coldLoadScript(selector: string): string {
  return `(() => {
  const afterPaint = ${AFTER_PAINT_JS};
  const found = () => {
    const element = document.querySelector(${JSON.stringify(selector)});
    return element !== null && (element.textContent || '').length > 0;
  };
  const watch = () => {
    const observer = new MutationObserver(() => {
      if (!found()) return;
      const inDom = performance.now();
      window.__benchInDom = inDom;
      observer.disconnect();
      afterPaint().then((painted) => { window.__benchLoad = { inDom, painted }; });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  };
  watch();
})();`;
}

/**
 * The printed address (token included) at `hash`: a new tab has no token in
 * its sessionStorage (it is kept per tab), so it must open from this address,
 * as a person opens the printed link.
 */
export function hostAddress(host: Pick<WebHostRun, 'url'>, hash: string): string {
  const url = new URL(host.url);
  url.hash = hash;
  return url.toString();
}

/** Loads `url` afresh in `page` (which has {@link coldLoadScript} installed) and waits for its figures. */
export async function coldLoad(page: Page, url: string): Promise<{ inDom: number; painted: number }> {
  // From another document, so that a change of the hash alone is still a fresh load; in front, so frames are drawn.
  await page.goto('about:blank');
  await page.bringToFront();
  await page.goto(url);
  // Polled from here: waitForFunction with source text would need eval, which the app's CSP forbids.
  const t0 = performance.now();
  for (;;) {
    const figures = (await page.evaluate('window.__benchLoad ?? null')) as { inDom: number; painted: number } | null;
    if (figures !== null) return figures;
    if (performance.now() - t0 > 120_000) {
      const shown = (await page.evaluate(`document.body.innerText.replace(/\\s+/g, ' ').slice(0, 300)`)) as string;
      const inDom = (await page.evaluate('window.__benchInDom ?? null')) as number | null;
      throw new Error(
        `${url}: nothing painted within 120 s (${inDom === null ? 'the awaited element never appeared' : `the element appeared at ${inDom} ms but no frame was painted after it`}); the page shows: ${shown}`,
      );
    }
    await page.waitForTimeout(50);
  }
}

/** A long animation frame (Chromium's Long Animation Frames API) seen while scrolling. */
export interface LongFrame {
  readonly duration: number;
  /** Time in scripts (event handlers, React's scheduler, timers, fetch callbacks). */
  readonly script: number;
  /** From the start of style and layout to the frame's end (style, layout, paint). */
  readonly styleLayout: number;
  /** The scripts that ran, slowest first: what invoked them and for how long. */
  readonly invokers: readonly string[];
}

/** What one scroll of some frames gives: the gaps between frames (ms) and the long frames met. */
export interface Scroll {
  readonly gaps: number[];
  readonly long: LongFrame[];
}

/**
 * In-page: scrolls `step` pixels a frame for `frames` frames (the window,
 * or the element `selector` names); the gaps between frames, in ms, and
 * the long animation frames (over 50 ms) met. A frame's time is the gap
 * between two requestAnimationFrame callbacks, so any work the scroll
 * causes (new rows or pages, React, style, layout, paint) lengthens the
 * frame it lands in.
 */
const SCROLL_JS = `async ({ frames, step, selector }) => {
  const box = selector ? document.querySelector(selector) : null;
  if (selector && box === null) throw new Error('nothing to scroll: ' + selector);
  const gaps = [];
  const entries = [];
  const observer = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? new PerformanceObserver((list) => entries.push(...list.getEntries()))
    : null;
  observer?.observe({ type: 'long-animation-frame' });
  await new Promise((resolve) => {
    let last = 0;
    let n = 0;
    const tick = (now) => {
      if (last !== 0) gaps.push(now - last);
      last = now;
      if (n === frames) return resolve(undefined);
      n++;
      if (box) box.scrollTop += step;
      else window.scrollBy(0, step);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (observer) {
    entries.push(...observer.takeRecords());
    observer.disconnect();
  }
  const long = entries.map((e) => ({
    duration: e.duration,
    script: e.scripts.reduce((n, s) => n + s.duration, 0),
    styleLayout: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
    invokers: [...e.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3)
      .map((s) => (s.invoker || s.invokerType) + ' ' + Math.round(s.duration) + ' ms'),
  }));
  return { gaps, long };
}`;

/** Scrolls `step` pixels a frame for `frames` frames, the window or the element `selector` names (see SCROLL_JS). */
export async function scrollFrames(page: Page, frames: number, step: number, selector?: string): Promise<Scroll> {
  return (await page.evaluate(`(${SCROLL_JS})(${JSON.stringify({ frames, step, selector })})`)) as Scroll;
}

/** In-page: the gap between frames when nothing happens (the display's own rate), over `frames` frames. */
export async function idleFrame(page: Page, frames: number): Promise<number> {
  const { gaps } = await scrollFrames(page, frames, 0);
  return summarise(gaps).median;
}

/** One speed's frames in words: "steady (2 rows a frame): median …, p95 …, longest …; 3 of 120 frames over 50 ms". */
export function scrollFramesText(speed: string, gaps: readonly number[], maxMs: number): string {
  const s = summarise(gaps);
  const over = gaps.filter((g) => g > maxMs).length;
  return `${speed}: median ${formatValue(s.median, 'ms')}, p95 ${formatValue(s.p95, 'ms')}, longest ${formatValue(s.max, 'ms')}; ${over} of ${gaps.length} frames over ${maxMs} ms`;
}

/** What the long frames met while scrolling were made of, in a sentence for a row's notes. */
export function longFramesText(longFrames: readonly LongFrame[]): string {
  const longest = [...longFrames].sort((a, b) => b.duration - a.duration)[0];
  const sum = (xs: readonly number[]): number => xs.reduce((n, x) => n + x, 0);
  // A long frame with little work in it was the page waiting (for a CPU, or for the compositor), not working.
  const idleLong = longFrames.filter((f) => f.script + f.styleLayout < f.duration / 2).length;
  return longest === undefined
    ? 'Chromium reported no long animation frame (over 50 ms) while scrolling'
    : `Chromium's Long Animation Frames API saw ${longFrames.length} frames over 50 ms while scrolling, ${formatValue(sum(longFrames.map((f) => f.script)), 'ms')} of scripts and ${formatValue(sum(longFrames.map((f) => f.styleLayout)), 'ms')} of style, layout and paint in all; in ${idleLong} of them scripts, style and layout took less than half the frame (the page was waiting, for a CPU or the compositor, not working); the longest, ${formatValue(longest.duration, 'ms')}, was ${formatValue(longest.script, 'ms')} of scripts (${longest.invokers.join(', ') || 'none'}) and ${formatValue(longest.styleLayout, 'ms')} of style, layout and paint`;
}
