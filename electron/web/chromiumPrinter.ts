/**
 * The web host's PDF printer: the system's Chromium (/usr/bin/chromium, only
 * when it is there) driven by playwright-core, printing a document's HTML with
 * JavaScript off, offline, with the same page size, margins, header and
 * footer, tagging and outline as Electron's printToPDF. The web host runs from
 * a source checkout (`npm run web`), where playwright-core is installed with
 * the development tools; without either, the host has no printer and the app
 * offers HTML instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { PrintSettings } from '../../shared/documents/documentHtml.ts';
import { AppFailure } from '../../shared/contract/result.ts';
import packageJson from '../../package.json' with { type: 'json' };

/** What a printed PDF names as its Creator: the app and its version, not the headless browser. */
export const PDF_CREATOR = `${packageJson.productName} ${packageJson.version}`;

/** Where the web host looks for Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Prints HTML to PDF bytes. */
export type PdfPrinter = (html: string, settings: PrintSettings) => Promise<Uint8Array>;

/** The longest a print may take before it is given up. */
const PRINT_TIMEOUT_MS = 60_000;

/**
 * A printer over Chromium at `executablePath`, or undefined when that file
 * does not exist. Its PDFs name `creator` as their Creator (Chromium writes its
 * user agent there, so the browser is launched with that as its user agent).
 */
export function chromiumPdfPrinter(
  executablePath: string = CHROMIUM_PATH,
  creator: string = PDF_CREATOR,
): PdfPrinter | undefined {
  if (!existsSync(executablePath)) return undefined;
  return async (html, settings) => {
    let playwright: typeof import('playwright-core');
    try {
      // Required, not import()ed: the bundled web host runs with a code cache (electron/codeCache), and on
      // Node 20 an import() in code read from that cache has no loader. Resolved from the program's own
      // path (the checkout's node_modules), the same from source (tsx) and bundled.
      playwright = createRequire(resolve(process.argv[1] ?? 'cli'))(
        'playwright-core',
      ) as typeof import('playwright-core');
    } catch {
      throw new AppFailure(
        'conflict',
        'PDF cannot be made here: the web host needs playwright-core (installed with `npm ci`) to drive Chromium. Export the document as HTML and print it from your browser instead.',
        { pdfUnavailable: true, use: 'html' },
      );
    }
    const browser = await playwright.chromium.launch({
      executablePath,
      timeout: PRINT_TIMEOUT_MS,
      args: [
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        `--user-agent=${creator}`,
      ],
    });
    try {
      // JavaScript off and offline: the document is printed as it is, and fetches nothing.
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
      const m = settings.marginsMm;
      const pdf = await page.pdf({
        format: settings.pageSize,
        margin: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: settings.headerTemplate,
        footerTemplate: settings.footerTemplate,
        tagged: true,
        outline: true,
      });
      return new Uint8Array(pdf);
    } finally {
      await browser.close();
    }
  };
}
