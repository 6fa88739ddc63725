/**
 * The system's Chromium as the end-to-end tests and the benchmark drive it:
 * Debian's /usr/bin/chromium through playwright-core (never a downloaded
 * browser), headless, with the background traffic a test does not want
 * turned off, and a British user's locale, time zone and window.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The launch arguments of every end-to-end test and browser measure. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  // Chromium's own language, which its date fields follow (dd/mm/yyyy for en-GB): honoured on Windows and macOS;
  // on Linux Chromium reads it from the environment instead (CHROMIUM_ENV).
  '--lang=en-GB',
];

/**
 * The environment Chromium runs in: a British user's. On Linux Chromium takes
 * its language from LANGUAGE/LANG, not from --lang, and only when that
 * language's resources are installed (Debian's chromium-l10n, which .ci/run
 * installs): without them `<input type="date">` shows mm/dd/yyyy whatever the
 * page's lang or the context's locale.
 */
export const CHROMIUM_ENV: Readonly<Record<string, string>> = { LANGUAGE: 'en_GB', LANG: 'en_GB.UTF-8' };

/** The window of the end-to-end tests and browser measures. */
export const VIEWPORT = { width: 1280, height: 900 } as const;

/** Launches the system's Chromium with {@link CHROMIUM_ARGS}, then `extraArgs`. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: { ...process.env, ...CHROMIUM_ENV },
  });
}

/** A fresh browser context as a British user's: en-GB, Europe/London, {@link VIEWPORT}. */
export function newBritishContext(
  browser: Browser,
  options: { acceptDownloads?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: VIEWPORT, ...options });
}
