// Highlights and notes on passages of Markdown and Word papers, end to end in Chromium through the web host
// (issue 20): a phrase that occurs twice in a long Markdown paper, its second appearance (in a part of the text
// put in the page later) selected by a mouse drag, highlighted with a note; after a reload the highlight is drawn
// on the second appearance, not the first; a second passage selected in the page; "Show in the text" and
// Ctrl+K bring the passage into view, marked as the current one; a revision without the first appearance keeps
// the note on its passage. A Word paper (a real .docx made with the `docx` package): select, highlight. axe finds
// nothing on the reader with highlights; screenshots are kept in /tmp.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../helpers/paperFileMakers.ts';
import { expectNoAxeViolations } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';
import { pageRpc } from './pageRpc.ts';

const TWICE = 'must report progress quarterly';
const FIRST = `The force ${TWICE} on the procurement.`;
const SECOND = `On data, the supplier ${TWICE} to the board.`;
const OTHER = 'savings target of one million pounds';

/** Routine paragraphs: about 27,000 characters, more than the first part of the text put in the page. */
const filler = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) =>
    `Paragraph ${from + i}: routine text about the depot, the vehicles and the timetable for section ${from + i}. `.repeat(
      5,
    ),
  );

function markdown(withFirst: boolean): string {
  return [
    '# Fleet review',
    '',
    withFirst ? FIRST : 'The force reports on the procurement.',
    '',
    ...filler(1, 60).flatMap((p) => [p, '']),
    `- ${SECOND}`,
    `- The board set a ${OTHER} for the year.`,
    '',
    ...filler(61, 4).flatMap((p) => [p, '']),
  ].join('\n');
}

let app: BrowserApp;
let tab: Page;
let paperId = '';
let paperUrl = '';

function rpc<T>(channel: string, input: unknown): Promise<T> {
  return pageRpc<T>(tab, app.host.token, channel, input);
}

interface Drawn {
  readonly text: string;
  /** The text of the paragraph or list item the highlight starts in. */
  readonly block: string;
  readonly top: number;
  readonly bottom: number;
}

/** The ranges of a CSS highlight ('bk-passage' or 'bk-passage-current'), as their words and where they are. */
async function highlighted(name: string): Promise<Drawn[]> {
  return (await tab.evaluate(
    `(() => {
      const h = CSS.highlights.get(${JSON.stringify(name)});
      if (!h) return [];
      return [...h].map((r) => {
        const rect = r.getBoundingClientRect();
        const block = r.startContainer.parentElement.closest('p, li, td, .pdf-page');
        return { text: r.toString(), block: block ? block.textContent : '', top: rect.top, bottom: rect.bottom };
      });
    })()`,
  )) as Drawn[];
}

/** Waits until a CSS highlight holds exactly `count` ranges. */
async function waitForHighlights(name: string, count: number): Promise<Drawn[]> {
  const end = Date.now() + 20_000;
  let drawn = await highlighted(name);
  while (drawn.length !== count && Date.now() < end) {
    await tab.waitForTimeout(100);
    drawn = await highlighted(name);
  }
  expect(drawn, `${name} ranges`).toHaveLength(count);
  return drawn;
}

/** Whether a highlighted range is on screen. */
async function onScreen(drawn: Drawn): Promise<boolean> {
  const height = (await tab.evaluate('window.innerHeight')) as number;
  return drawn.top >= 0 && drawn.bottom <= height;
}

/** Where the n-th appearance of `words` (inside one text node of the paper's text) is on screen, scrolled to. */
async function placeOf(words: string, n: number): Promise<{ x1: number; x2: number; y: number; y2: number }> {
  const place = (await tab.evaluate(
    `((w, n) => {
      const box = document.querySelector('.reader-text .markdown');
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let at = node.data.indexOf(w); at !== -1; at = node.data.indexOf(w, at + 1)) {
          if (++seen < n) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + w.length);
          node.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
          const rects = range.getClientRects();
          const first = rects[0];
          const last = rects[rects.length - 1];
          return { x1: first.left + 1, y: (first.top + first.bottom) / 2, x2: last.right - 1, y2: (last.top + last.bottom) / 2 };
        }
      }
      return null;
    })(${JSON.stringify(words)}, ${n})`,
  )) as { x1: number; x2: number; y: number; y2: number } | null;
  expect(place, `"${words}" appears ${n} times in the text`).not.toBeNull();
  return place!;
}

/** Selects the n-th appearance of `words` in the paper's text by dragging the mouse over it. */
async function dragOver(words: string, n: number): Promise<void> {
  await placeOf(words, n);
  // Where it is once the page has settled (the rest of the text put in, the focus on the heading).
  await tab.waitForTimeout(300);
  const at = await placeOf(words, n);
  await tab.mouse.move(at.x1, at.y);
  await tab.mouse.down();
  await tab.mouse.move((at.x1 + at.x2) / 2, (at.y + at.y2) / 2, { steps: 4 });
  await tab.mouse.move(at.x2, at.y2, { steps: 4 });
  await tab.mouse.up();
}

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('bk-e2e-papernotes-'),
    fakeNow: '2026-07-01T09:00:00.000Z',
  });
  tab = app.page;
  const added = await rpc<{ id: string }>('papers:addFromFile', {
    fileName: 'Fleet review.md',
    dataBase64: Buffer.from(markdown(true)).toString('base64'),
    date: '2026-07-01',
  });
  paperId = added.id;
  paperUrl = `${new URL(tab.url()).origin}/#/papers/${paperId}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('notes on passages of Markdown and Word papers', () => {
  it('highlights the second appearance of a phrase selected with the mouse, with a note, and draws it there after a reload', async () => {
    await tab.goto(paperUrl);
    await tab
      .getByRole('article', { name: /^Text of / })
      .getByText(SECOND.slice(0, 20))
      .waitFor();
    await dragOver(TWICE, 2);
    expect(await tab.evaluate('window.getSelection().toString()')).toBe(TWICE);
    const form = tab.getByRole('form', { name: 'Note the selected passage' });
    await form.getByText('Selected:').waitFor();
    expect(await form.locator('q').textContent()).toBe(TWICE);
    await form.getByLabel('Your note on it (optional)').fill('Ask whether quarterly is enough for the numbat fleet.');
    await form.getByRole('button', { name: 'Highlight and save the note' }).click();
    await form.getByText('Highlighted, with your note.').waitFor();
    const notes = tab.getByRole('list', { name: 'Your notes on passages' });
    await notes.getByText('Ask whether quarterly is enough').waitFor();

    const drawn = await waitForHighlights('bk-passage', 1);
    expect(drawn[0]!.text).toBe(TWICE);
    expect(drawn[0]!.block).toBe(SECOND);

    await tab.reload();
    await tab
      .getByRole('article', { name: /^Text of / })
      .getByText(SECOND.slice(0, 20))
      .waitFor();
    const again = await waitForHighlights('bk-passage', 1);
    expect(again[0]!.text).toBe(TWICE);
    expect(again[0]!.block).toBe(SECOND);
    expect(again[0]!.block).not.toBe(FIRST);
  });

  it('highlights a second passage selected in the page', async () => {
    // Chromium extends a selection with Shift and the arrow keys only in caret browsing (F7), which a test
    // cannot switch on: the selection is set in the page as those keys would leave it.
    await placeOf(OTHER, 1);
    await tab.evaluate(
      `((w) => {
        const box = document.querySelector('.reader-text .markdown');
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(w);
          if (at === -1) continue;
          window.getSelection().setBaseAndExtent(node, at, node, at + w.length);
          return;
        }
      })(${JSON.stringify(OTHER)})`,
    );
    expect(await tab.evaluate('window.getSelection().toString()')).toBe(OTHER);
    const form = tab.getByRole('form', { name: 'Note the selected passage' });
    await form.getByText(OTHER).waitFor();
    await form.getByRole('button', { name: 'Highlight', exact: true }).click();
    await form.getByText('Highlighted.').waitFor();
    const drawn = await waitForHighlights('bk-passage', 2);
    expect(drawn.map((d) => d.text).sort()).toEqual([TWICE, OTHER].sort());

    await expectNoAxeViolations(tab, 'a Markdown paper with two highlights');
    await tab.evaluate('window.scrollTo(0, 0)');
    const notes = tab.getByRole('list', { name: 'Your notes on passages' });
    await notes.scrollIntoViewIfNeeded();
    await tab.screenshot({ path: '/tmp/boardkeeper-papernotes-panel.png' });
  });

  it('"Show in the text" scrolls to the passage and marks it as the one shown', async () => {
    await tab.evaluate('window.scrollTo(0, 0)');
    const notes = tab.getByRole('list', { name: 'Your notes on passages' });
    const item = notes.getByRole('listitem').filter({ hasText: 'numbat' });
    await item.getByRole('button', { name: /^Show in the text/ }).click();
    const current = await waitForHighlights('bk-passage-current', 1);
    expect(current[0]!.text).toBe(TWICE);
    expect(current[0]!.block).toBe(SECOND);
    expect(await onScreen(current[0]!)).toBe(true);
    expect(await item.getAttribute('aria-current')).toBe('true');
    await item.getByText('Shown in the text, highlighted.').waitFor();
    await tab.screenshot({ path: '/tmp/boardkeeper-papernotes-shown.png' });
  });

  it('finds the note with Ctrl+K and opens the paper scrolled to its highlighted passage', async () => {
    await tab.goto(paperUrl.replace(/#.*/, '#/papers'));
    await tab.getByRole('heading', { level: 1, name: 'Papers' }).waitFor();
    await waitForHighlights('bk-passage', 0);
    await tab.keyboard.press('Control+K');
    const dialog = tab.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    await tab.keyboard.type('numbat');
    await dialog.getByRole('option').filter({ hasText: 'Private note' }).waitFor();
    await tab.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(tab.url()).toMatch(new RegExp(`#/papers/${paperId}\\?note=pnt_`));
    const current = await waitForHighlights('bk-passage-current', 1);
    expect(current[0]!.text).toBe(TWICE);
    expect(current[0]!.block).toBe(SECOND);
    // Scrolled down the long text to it (it is far below the first screen), and on screen.
    await tab.waitForTimeout(300);
    const settled = (await highlighted('bk-passage-current'))[0]!;
    expect(await onScreen(settled)).toBe(true);
    expect((await tab.evaluate('window.scrollY')) as number).toBeGreaterThan(2000);
    const item = tab.getByRole('list', { name: 'Your notes on passages' }).locator('li[aria-current="true"]');
    await item.getByText('numbat').waitFor();
    await tab.screenshot({ path: '/tmp/boardkeeper-papernotes-found.png' });
  });

  it('keeps the note on its passage in a revision without the first appearance', async () => {
    await rpc('papers:addFromFile', {
      fileName: 'Fleet review v2.md',
      dataBase64: Buffer.from(markdown(false)).toString('base64'),
      paperId,
    });
    await tab
      .getByRole('article', { name: /^Text of / })
      .getByText('The force reports on the procurement.')
      .waitFor();
    // The old version's ranges go with its text; the new text's are drawn a moment after it is in the page.
    await expect
      .poll(async () => (await highlighted('bk-passage')).find((d) => d.text === TWICE)?.block, { timeout: 20_000 })
      .toBe(SECOND);
    await waitForHighlights('bk-passage', 2);
    const notes = tab.getByRole('list', { name: 'Your notes on passages' });
    expect(await notes.getByText('The passage you noted changed').count()).toBe(0);
    expect(app.pageProblems).toEqual([]);
  });

  it('highlights passages selected in a Word paper', async () => {
    const docx = await makeDocx(
      'Procurement advice',
      [`The force ${TWICE} on the contract.`, 'The board must retender the contract.', SECOND],
      [
        ['Year', 'Cost'],
        ['2026', '£1,250,000'],
      ],
    );
    const added = await rpc<{ id: string }>('papers:addFromFile', {
      fileName: 'Procurement advice.docx',
      dataBase64: docx.toString('base64'),
      date: '2026-07-02',
    });
    await tab.goto(`${new URL(tab.url()).origin}/#/papers/${added.id}`);
    await tab
      .getByRole('article', { name: /^Text of / })
      .getByRole('cell', { name: '£1,250,000' })
      .waitFor();
    await dragOver('must retender the contract', 1);
    const form = tab.getByRole('form', { name: 'Note the selected passage' });
    await form.getByText('must retender the contract').waitFor();
    await form.getByRole('button', { name: 'Highlight', exact: true }).click();
    await form.getByText('Highlighted.').waitFor();
    const drawn = await waitForHighlights('bk-passage', 1);
    expect(drawn[0]!.text).toBe('must retender the contract');

    // And the second of the phrase's two appearances, with a note.
    await dragOver(TWICE, 2);
    await form.getByText(TWICE).waitFor();
    await form.getByLabel('Your note on it (optional)').fill('Check the dates the board set for these reports.');
    await form.getByRole('button', { name: 'Highlight and save the note' }).click();
    await form.getByText('Highlighted, with your note.').waitFor();
    const both = await waitForHighlights('bk-passage', 2);
    expect(both.find((d) => d.text === TWICE)?.block).toBe(SECOND);

    await expectNoAxeViolations(tab, 'a Word paper with two highlights');
    await tab.evaluate('window.getSelection().removeAllRanges(); window.scrollTo(0, 0)');
    // The text with its two highlights beside the notes panel: a window tall enough for both.
    const size = tab.viewportSize();
    await tab.setViewportSize({ width: 1280, height: 1500 });
    await tab.screenshot({ path: '/tmp/boardkeeper-papernotes-word.png' });
    // In forced colours the highlights take the system's Mark colour (and keep their underline).
    await tab.emulateMedia({ forcedColors: 'active' });
    await tab.screenshot({ path: '/tmp/boardkeeper-papernotes-word-forced.png' });
    await tab.emulateMedia({ forcedColors: 'none' });
    if (size) await tab.setViewportSize(size);
    expect(app.pageProblems).toEqual([]);
  });
});
