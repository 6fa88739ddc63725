// PDF and Word papers end to end in Chromium through the web host: drop a real multi-page PDF and a .docx
// on an agenda item; find a phrase from inside the PDF with Ctrl+K and land on its page; highlight a passage
// that occurs twice (its second appearance) and note it; reload and return to the same page; add a revised
// PDF in which the passage moved to another page (the note follows the right appearance) and one in which it
// was removed (the note says so). The reader's strip of page thumbnails: drawn lazily, "Page 7" goes to page 7
// by mouse and by keyboard, collapsed by default at 320 px where it opens without sideways scrolling. axe finds
// nothing on the reader; screenshots are kept in /tmp.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makePdf } from '../helpers/paperFileMakers.ts';
import { expectNoAxeViolations } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';
import { pageRpc } from './pageRpc.ts';

const TWICE = 'must report progress quarterly';
const HIDDEN = 'savings target of one million pounds';

/** Lines of filler for page n. */
const page = (n: number, ...extra: string[]) => [
  `Business case, page ${n}`,
  `Routine text about section ${n}.`,
  ...extra,
];

/** Version 1: the phrase on page 2 and page 5; the hidden words on page 4. */
function version1(): Promise<Buffer> {
  return makePdf([
    page(1),
    page(2, `The force ${TWICE} on the procurement.`),
    page(3),
    page(4, `The board set a ${HIDDEN} for the year.`),
    page(5, `On data, the supplier ${TWICE} to the board.`),
    page(6),
  ]);
}

let app: BrowserApp;
let tab: Page;
let meetingId = '';

function rpc<T>(channel: string, input: unknown): Promise<T> {
  return pageRpc<T>(tab, app.host.token, channel, input);
}

/** Drops files on a drop zone as a person dragging them from the desktop would. */
async function dropFiles(
  zone: Locator,
  files: ReadonlyArray<{ name: string; type: string; data: Buffer }>,
): Promise<void> {
  // Page code as text: this file is type-checked without the DOM's types.
  const list = JSON.stringify(files.map((f) => ({ name: f.name, type: f.type, b64: f.data.toString('base64') })));
  const transfer = await tab.evaluateHandle(
    `((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return dt;
    })(${list})`,
  );
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

async function chooseFile(label: string, name: string, data: Buffer): Promise<void> {
  await tab
    .getByLabel(label, { exact: true })
    .and(tab.locator('input[type=file]'))
    .setInputFiles({ name, mimeType: 'application/pdf', buffer: data });
}

async function waitForPage(n: number, of: number): Promise<void> {
  await tab.locator('.pdf-position', { hasText: `Page ${n} of ${of}` }).waitFor();
  await tab.locator(`.pdf-page[data-page="${n}"][data-drawn="true"]`).waitFor();
}

/** Selects the first appearance of `words` in the text layer of page `n`, as a mouse would. */
async function selectOnPage(n: number, words: string): Promise<void> {
  const found = await tab.evaluate(
    `((n, w) => {
      const layer = document.querySelector('.pdf-page[data-page="' + n + '"] .textLayer');
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(w);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        layer.closest('.pdf-pages').dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return true;
      }
      return false;
    })(${n}, ${JSON.stringify(words)})`,
  );
  expect(found, `"${words}" is on page ${n}`).toBe(true);
}

/** The passage highlighted as the one shown now: its words, page, and whether it is in the reader's view and on screen. */
async function currentHighlight(): Promise<{
  text: string;
  page: string;
  inBox: boolean;
  onScreen: boolean;
  /** How far down the reader's view it is, in thirds of the view's height. */
  down: number;
}> {
  const read = () =>
    tab.evaluate(
      `(() => {
        const h = CSS.highlights.get('bk-passage-current');
        const range = h ? [...h][0] : undefined;
        if (!range) return null;
        const rect = range.getBoundingClientRect();
        const box = document.querySelector('.pdf-pages').getBoundingClientRect();
        return {
          text: range.toString(),
          page: range.startContainer.parentElement.closest('.pdf-page').getAttribute('data-page'),
          inBox: rect.top >= box.top && rect.bottom <= box.bottom,
          onScreen: rect.top >= 0 && rect.bottom <= window.innerHeight,
          down: (rect.top - box.top) / (document.querySelector('.pdf-pages').clientHeight / 3),
        };
      })()`,
    ) as Promise<{ text: string; page: string; inBox: boolean; onScreen: boolean; down: number } | null>;
  const end = Date.now() + 20_000;
  let found = await read();
  while ((found === null || !found.inBox || !found.onScreen || Math.abs(found.down - 1) > 0.2) && Date.now() < end) {
    await tab.waitForTimeout(100);
    found = await read();
  }
  expect(found, 'a highlight marked current').not.toBeNull();
  return found!;
}

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('bk-e2e-paperfiles-'),
    fakeNow: '2026-07-01T09:00:00.000Z',
  });
  tab = app.page;
  const saved = await rpc<{ id: string }>('meetings:create', {
    title: 'Board meeting',
    date: '2026-07-14',
    agenda: [{ number: '3', title: 'Analytics platform extension' }],
  });
  meetingId = saved.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('PDF and Word papers', () => {
  let paperUrl = '';

  it('drops a multi-page PDF and a Word file on an agenda item', async () => {
    await tab.goto(`${new URL(tab.url()).origin}/#/meetings/${meetingId}`);
    const zone = tab.getByRole('region', { name: 'Add papers to item 3 from files' });
    await zone.waitFor();
    const docx = await makeDocx(
      'Procurement advice',
      ['The board must retender the contract.'],
      [
        ['Year', 'Cost'],
        ['2026', '£1,250,000'],
      ],
    );
    await dropFiles(zone, [
      { name: 'Business case.pdf', type: 'application/pdf', data: await version1() },
      {
        name: 'Procurement advice.docx',
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        data: docx,
      },
    ]);
    await zone.getByText('Added PAP-2026-001 from Business case.pdf (PDF, 6 pages).').waitFor();
    await zone.getByText('Added PAP-2026-002 from Procurement advice.docx (Word).').waitFor();
    await tab
      .getByRole('list', { name: 'Papers for item 3' })
      .getByRole('link', { name: /PAP-2026-002/ })
      .waitFor();
    await tab.screenshot({ path: '/tmp/boardkeeper-paperfiles-dropped.png', fullPage: true });

    // The Word paper reads as Markdown, its table kept, with its original to download.
    await tab
      .getByRole('list', { name: 'Papers for item 3' })
      .getByRole('link', { name: /PAP-2026-002/ })
      .click();
    const text = tab.getByRole('article', { name: 'Text of PAP-2026-002' });
    await text.getByRole('cell', { name: '£1,250,000' }).waitFor();
    await tab.getByRole('button', { name: /Download the original/ }).waitFor();
  });

  it('finds words inside the PDF with Ctrl+K and opens the reader at their page', async () => {
    await tab.keyboard.press('Control+K');
    const dialog = tab.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    await tab.keyboard.type('million pounds');
    const option = dialog.getByRole('option').filter({ hasText: 'PAP-2026-001' });
    await option.waitFor();
    await tab.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await waitForPage(4, 6);
    expect(tab.url()).toMatch(/#\/papers\/pap_[^?]+\?page=4$/);
    expect(await tab.locator('.pdf-page[data-page="4"] .textLayer').textContent()).toContain(HIDDEN);
    paperUrl = tab.url().replace(/\?page=4$/, '');
    await tab.screenshot({ path: '/tmp/boardkeeper-paperfiles-reader.png' });
  });

  it('highlights the second appearance of a passage, notes it, and returns to the same page after a reload', async () => {
    await tab.getByLabel('Page', { exact: true }).fill('5');
    await tab.getByRole('button', { name: 'Go to the page' }).click();
    await waitForPage(5, 6);
    await selectOnPage(5, TWICE);
    const form = tab.getByRole('form', { name: 'Note the selected passage' });
    await form.getByText('Selected on page 5').waitFor();
    await form.getByLabel('Your note on it (optional)').fill('Ask how often the supplier reports.');
    await form.getByRole('button', { name: 'Highlight and save the note' }).click();
    const notes = tab.getByRole('list', { name: 'Your notes on passages' });
    await notes.getByRole('link', { name: 'Page 5' }).waitFor();
    await tab.locator('.pdf-page[data-page="5"][data-highlights="1"]').waitFor();
    expect(await tab.locator('.pdf-page[data-page="2"]').getAttribute('data-highlights')).toBe('0');
    await expectNoAxeViolations(tab, 'the PDF reader with a note');
    await tab.screenshot({ path: '/tmp/boardkeeper-paperfiles-note.png' });

    // Reading position: a reload opens page 5 again, and so does opening the paper afresh.
    await tab.waitForTimeout(1500);
    await tab.reload();
    await waitForPage(5, 6);
    await tab.goto(paperUrl.replace(/#.*/, '#/papers'));
    await tab.goto(paperUrl);
    await waitForPage(5, 6);
    await tab.getByText('Read to page 5 of 6.').waitFor();
  });

  it('finds the private note with Ctrl+K, marked as such, and opens the paper at its page', async () => {
    await tab.goto(paperUrl.replace(/#.*/, '#/papers'));
    await tab.getByRole('heading', { level: 1, name: 'Papers' }).waitFor();
    await tab.keyboard.press('Control+K');
    const dialog = tab.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    await tab.keyboard.type('how often');
    const option = dialog.getByRole('option').filter({ hasText: 'Private note' });
    await option.waitFor();
    expect(await option.textContent()).toContain('PAP-2026-001');
    expect(await option.textContent()).toContain('Ask how often the supplier reports.');
    await dialog.getByRole('group', { name: 'My notes' }).waitFor();
    await expectNoAxeViolations(tab, 'search results with a private note');
    await tab.screenshot({ path: '/tmp/boardkeeper-notesearch.png' });
    await option.click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForPage(5, 6);
    // At the note: its passage scrolled into the reader's view, its highlight marked as the one shown, the note marked.
    const current = await currentHighlight();
    expect(current.text).toBe(TWICE);
    expect(current.page).toBe('5');
    expect(current.inBox && current.onScreen).toBe(true);
    // Scrolled to it (a third of the way down the reader's view), not left at the top of its page.
    expect(current.down).toBeGreaterThan(0.8);
    expect(current.down).toBeLessThan(1.2);
    await tab
      .locator('.passage-note[aria-current="true"]', { hasText: 'Ask how often the supplier reports.' })
      .waitFor();
    await waitForPage(5, 6);
    expect(tab.url().startsWith(`${paperUrl}?page=5`), tab.url()).toBe(true);
  });

  it('follows the noted appearance into a revision where it moved page, and says when it was removed', async () => {
    const moved = await makePdf([
      page(1),
      page(2, `The force ${TWICE} on the procurement.`),
      page(3),
      ['A new page of background.'],
      page(4, `The board set a ${HIDDEN} for the year.`),
      page(5, `On data, the supplier ${TWICE} to the board.`),
      page(6),
    ]);
    await chooseFile('New version from a file', 'Business case v2.pdf', moved);
    await tab.getByText(/Added version 2 of PAP-2026-001 from Business case v2\.pdf/).waitFor();
    const notes = tab.getByRole('list', { name: 'Your notes on passages' });
    await notes.getByRole('link', { name: 'Page 6' }).waitFor();
    await notes.getByText('On data, the supplier', { exact: false }).waitFor();
    // The revised file is open (7 pages); its note's link goes to the page the passage is on now.
    await tab.locator('.pdf-position', { hasText: 'of 7' }).waitFor();
    await tab.getByRole('link', { name: 'Page 6' }).click();
    await waitForPage(6, 7);
    await tab.locator('.pdf-page[data-page="6"][data-highlights="1"]').waitFor();
    expect(await tab.locator('.pdf-page[data-page="2"]').getAttribute('data-highlights')).toBe('0');

    const removed = await makePdf([
      page(1, `The force ${TWICE} on the procurement.`),
      page(2, 'On data, the supplier reports yearly.'),
    ]);
    await chooseFile('New version from a file', 'Business case v3.pdf', removed);
    await tab.getByText(/Added version 3 of PAP-2026-001/).waitFor();
    await notes.getByText('The passage you noted changed. You noted, in version 1:').waitFor();
    await tab.screenshot({ path: '/tmp/boardkeeper-paperfiles-changed.png', fullPage: true });
    expect(app.pageProblems).toEqual([]);
  });
});

/** Whether the thumbnail of page `n` has something drawn on it (a pixel that is not white). */
async function thumbnailHasInk(n: number): Promise<boolean> {
  return (await tab.evaluate(
    `((n) => {
      const canvas = document.querySelector('.pdf-thumb[data-page="' + n + '"] canvas');
      if (!canvas || canvas.width === 0) return false;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 160 && data[i + 3] > 0) return true;
      return false;
    })(${n})`,
  )) as boolean;
}

/** Whether the page scrolls sideways. */
async function scrollsSideways(): Promise<boolean> {
  return (await tab.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth')) as boolean;
}

describe('the reader’s page thumbnails', () => {
  const PAGES = 12;
  const only = (n: number) => `Words found only on sheet ${n} of the pack.`;
  let address = '';

  beforeAll(async () => {
    const pdf = await makePdf(Array.from({ length: PAGES }, (_, i) => [`Thumbnail pack, sheet ${i + 1}`, only(i + 1)]));
    const saved = await rpc<{ id: string }>('papers:addFromFile', {
      fileName: 'Thumbnail pack.pdf',
      dataBase64: pdf.toString('base64'),
      date: '2026-07-01',
    });
    address = `${new URL(tab.url()).origin}/#/papers/${saved.id}`;
  });

  afterAll(async () => {
    await tab.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows a strip of thumbnails, drawn near view only; clicking or pressing “Page 7” goes to page 7', async () => {
    await tab.setViewportSize({ width: 1280, height: 800 });
    await tab.goto(address);
    await waitForPage(1, PAGES);
    const strip = tab.getByRole('navigation', { name: /^Thumbnails of / });
    await strip.waitFor();
    expect(await strip.getByRole('button').count()).toBe(PAGES);
    const thumb = (n: number) => strip.getByRole('button', { name: `Page ${n}`, exact: true });
    expect(await thumb(1).getAttribute('aria-current')).toBe('page');
    await tab.locator('.pdf-thumb[data-page="1"][data-drawn="true"]').waitFor();
    expect(await thumbnailHasInk(1)).toBe(true);
    // Lazily: the last thumbnails, far below the strip's view, are not drawn.
    expect(await tab.locator(`.pdf-thumb[data-page="${PAGES}"]`).getAttribute('data-drawn')).toBe('false');
    expect(await thumbnailHasInk(PAGES)).toBe(false);

    // By keyboard: Tab from the toolbar reaches the strip on the page in view; the arrows move; Enter goes.
    await tab.getByRole('button', { name: 'Print the whole PDF' }).focus();
    await tab.keyboard.press('Tab');
    expect(await thumb(1).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    for (let i = 0; i < 6; i++) await tab.keyboard.press('ArrowDown');
    expect(await thumb(7).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await tab.keyboard.press('Enter');
    await waitForPage(7, PAGES);
    expect(await tab.locator('.pdf-page[data-page="7"] .textLayer').textContent()).toContain(only(7));
    expect(await thumb(7).getAttribute('aria-current')).toBe('page');
    expect(await thumb(1).getAttribute('aria-current')).toBeNull();
    // The address names the page once it has stayed in view a moment (useQuietOwnAddress).
    await expect.poll(() => tab.url()).toMatch(/\?page=7$/);

    // By mouse: back to page 1, then a click on "Page 7".
    await thumb(1).click();
    await waitForPage(1, PAGES);
    await thumb(7).click();
    await waitForPage(7, PAGES);
    expect(await tab.locator('.pdf-page[data-page="7"] .textLayer').textContent()).toContain(only(7));
    await tab.locator('.pdf-thumb[data-page="7"][data-drawn="true"]').waitFor();
    expect(await thumbnailHasInk(7)).toBe(true);
    await expectNoAxeViolations(tab, 'the PDF reader with its thumbnails');
    await tab.screenshot({ path: '/tmp/boardkeeper-paperfiles-thumbnails-1280.png' });

    // The strip folds away and comes back.
    await tab.getByRole('button', { name: 'Hide pages' }).click();
    await strip.waitFor({ state: 'detached' });
    expect(await tab.getByRole('button', { name: 'Show pages' }).getAttribute('aria-expanded')).toBe('false');
    await tab.getByRole('button', { name: 'Show pages' }).click();
    await strip.waitFor();
  });

  it('keeps one pdf.js worker for every PDF opened (started as the bytes are asked for), not one per opening', async () => {
    const started: string[] = [];
    const onWorker = (worker: { url(): string }): void => {
      if (/pdf\.worker/.test(worker.url())) started.push(worker.url());
    };
    tab.on('worker', onWorker);
    try {
      for (let i = 0; i < 3; i++) {
        await tab.goto(address.replace(/#.*/, '#/papers'));
        await tab.getByRole('heading', { level: 1, name: 'Papers' }).waitFor();
        await tab.goto(`${address}?page=2`);
        await waitForPage(2, PAGES);
      }
    } finally {
      tab.off('worker', onWorker);
    }
    // The page was loaded before (the worker of the earlier tests is still there): no new one for three openings.
    expect(started).toEqual([]);
    expect(tab.workers().filter((w) => /pdf\.worker/.test(w.url()))).toHaveLength(1);
  });

  it('at 320 px the strip starts folded away, and opens without the page scrolling sideways', async () => {
    await tab.setViewportSize({ width: 320, height: 640 });
    // Opened afresh at this width (from the library, as a person would).
    await tab.goto(address.replace(/#.*/, '#/papers'));
    await tab.getByRole('heading', { level: 1, name: 'Papers' }).waitFor();
    await tab.goto(`${address}?page=3`);
    await waitForPage(3, PAGES);
    const show = tab.getByRole('button', { name: 'Show pages' });
    await show.waitFor();
    expect(await tab.getByRole('navigation', { name: /^Thumbnails of / }).count()).toBe(0);
    expect(await scrollsSideways()).toBe(false);
    await show.click();
    const strip = tab.getByRole('navigation', { name: /^Thumbnails of / });
    await strip.waitFor();
    await tab.locator('.pdf-thumb[data-page="3"][data-drawn="true"]').waitFor();
    expect(await strip.getByRole('button', { name: 'Page 3', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await scrollsSideways()).toBe(false);
    await expectNoAxeViolations(tab, 'the PDF reader with its thumbnails at 320 px');
    await strip.scrollIntoViewIfNeeded();
    await tab.screenshot({ path: '/tmp/boardkeeper-paperfiles-thumbnails-320.png' });
    expect(app.pageProblems).toEqual([]);
  });
});
