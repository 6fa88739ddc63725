/**
 * Keyboard and zoom users can do everything (issue 18, WCAG 2.2 AA): the
 * everyday flows driven with the keyboard alone (Tab to a control, then
 * Enter, Space, arrow keys or typing; never the mouse), asserting where the
 * focus is after each step; then every screen at 320 px and at 200% zoom
 * (no sideways scrolling, each register's main column at least 30% of its
 * table, truncated text readable in full; a PDF paper's reader with its page
 * thumbnails open among them), and the calendar in forced-colours mode. axe
 * stays at 0.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import { makePdf } from '../helpers/paperFileMakers.ts';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';
import { pageRpc } from './pageRpc.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** After the data-export plan fell due (24 December 2026): the sample has overdue conditions. */
const FAKE_NOW = '2027-01-10T09:00:00Z';
const DATA_EXPORT = 'Produce a data-export plan so another provider can take over';

let app: BrowserApp | undefined;
let page: Page;
let pageProblems: string[];
/** A PDF paper added to the sample (dated early, so the papers register still lists a Markdown paper first). */
let pdfPaperId = '';

/** What has the focus, in words a failing assertion can show: tag, role, name. */
async function focused(): Promise<string> {
  const described: unknown = await page.evaluate(`(() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return 'BODY';
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 90);
    return el.tagName.toLowerCase() + (el.getAttribute('role') ? '[' + el.getAttribute('role') + ']' : '') + ': ' + name;
  })()`);
  return String(described);
}

/** Whether `locator` (one element) has the focus. */
function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

/** Waits until `locator` has the focus; fails saying what has it instead. */
async function expectFocusOn(locator: Locator, what: string): Promise<void> {
  await expect.poll(() => hasFocus(locator), { timeout: 5000, message: `focus on ${what}` }).toBe(true);
}

/** Presses Tab (Shift+Tab when `back`) until `target` has the focus, as a keyboard user would; fails after `limit` presses. */
async function tabTo(target: Locator, { back = false, limit = 120 } = {}): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < limit; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach the element in ${limit} presses; the focus is on ${await focused()}`);
}

/** Calls a channel from the page, as its own client does (setting up what a test needs). */
function rpc<T = { id: string }>(channel: string, input: unknown): Promise<T> {
  return pageRpc<T>(page, app!.host.token, channel, input);
}

/** A draft decision of its own for a test, by the contract. */
async function draftDecision(title: string): Promise<string> {
  const decision = await rpc('decisions:create', { title, date: '2026-11-20', outcome: 'approved_with_conditions' });
  return decision.id;
}

/** The page's h1 (one element). */
function pageHeading(name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

function nav(label: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true });
}

/** Goes to an area by the navigation, with the keyboard; its h1 then has the focus. */
async function goToArea(label: string): Promise<void> {
  await tabTo(nav(label), { back: true, limit: 200 });
  await page.keyboard.press('Enter');
  await expectFocusOn(pageHeading(label), `the ${label} heading`);
}

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-keyboard-'),
    fakeNow: FAKE_NOW,
    acceptDownloads: true,
  });
  ({ page, pageProblems } = app);
  await loadSample(page, app.host.token);
  const pdf = await makePdf(
    Array.from({ length: 8 }, (_, i) => [`Annual report, page ${i + 1}`, 'The board’s oversight of the force.']),
  );
  pdfPaperId = (
    await pageRpc(page, app.host.token, 'papers:addFromFile', {
      fileName: 'Annual report.pdf',
      dataBase64: pdf.toString('base64'),
      date: '2020-01-01',
    })
  ).id;
  await page.reload();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('with the keyboard alone, the focus lands somewhere after every action', () => {
  it('opens a decision from the dashboard: the focus goes to its heading, the document is named after it', async () => {
    await pageHeading('Dashboard').waitFor();
    const link = page.getByRole('table', { name: /Overdue conditions/ }).getByRole('link', { name: 'PCD 2026-117' });
    await tabTo(link.first());
    await page.keyboard.press('Enter');
    const heading = pageHeading(/Misconduct analytics pilot/);
    await expectFocusOn(heading, 'the decision heading');
    await expect.poll(() => page.title()).toBe('PCD 2026-117 · Decisions · Policing Oversight Board · Boardkeeper');
  });

  it('records a draft decision and adds a condition to it: heading, first field, the section after saving', async () => {
    await goToArea('Decisions');
    await tabTo(page.getByRole('link', { name: 'Record a decision' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading('Record a decision'), 'the form heading');
    // Sent empty: the problems show by their fields, the focus on the first; fixing a field takes its message away.
    await tabTo(page.getByRole('button', { name: 'Record the decision' }));
    await page.keyboard.press('Enter');
    const titleProblem = page.locator('.field-error').filter({ hasText: 'Title is required' });
    await titleProblem.waitFor();
    await expectFocusOn(page.getByLabel('Title', { exact: true }), 'the first field with a problem');
    await page.keyboard.type('Keyboard-only decision');
    await titleProblem.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('.field-error').filter({ hasText: 'Outcome is required' }).count()).toBe(1);
    await tabTo(page.getByLabel('Date of the decision'));
    await page.keyboard.type('08012027');
    await tabTo(page.getByLabel('Outcome'));
    await page.getByLabel('Outcome').press('ArrowDown'); // the keyboard way through a select
    await page.getByLabel('Outcome').selectOption('approved_with_conditions');
    await tabTo(page.getByRole('button', { name: 'Record the decision' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading('Keyboard-only decision'), 'the saved decision’s heading');

    await tabTo(page.getByRole('button', { name: 'Add a condition' }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('region', { name: /Add a condition to/ });
    await expectFocusOn(form.getByLabel('Condition'), 'the form’s first field');
    await page.keyboard.type('Publish the contract notice');
    await tabTo(form.getByLabel('Owner’s name'));
    await page.keyboard.type('Commercial director');
    await tabTo(form.getByLabel('Due by'));
    await page.keyboard.type('15022027');
    await tabTo(form.getByRole('button', { name: 'Add the condition' }));
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await expectFocusOn(page.getByRole('heading', { level: 2, name: 'Conditions' }), 'the Conditions section');
    await page.getByRole('link', { name: 'Publish the contract notice' }).waitFor();
    expect(await focused()).not.toBe('BODY');
  });

  it('marks a condition met: the button keeps the focus while busy; Ctrl+Z undoes; dismissing a toast goes back', async () => {
    await goToArea('Conditions');
    await tabTo(page.getByRole('link', { name: DATA_EXPORT }).first());
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading(DATA_EXPORT), 'the condition heading');
    await tabTo(page.getByLabel('Status', { exact: true }));
    await page.getByLabel('Status', { exact: true }).selectOption('met');
    await tabTo(page.getByLabel('Note'));
    await page.keyboard.type('Plan received.');
    const record = page.getByRole('button', { name: /Record the update|Saving/ });
    await tabTo(record);
    await page.keyboard.press('Enter');
    const toast = page.locator('.toast');
    await toast.filter({ hasText: /marked met/ }).waitFor();
    // The focus never fell to the page body: it is on the button, or the section's heading if the form redrew.
    expect(await focused()).not.toBe('BODY');
    const whereBefore = await focused();

    // The toast's Dismiss is reached with Tab; Enter closes it and the focus goes back where it was.
    await tabTo(toast.getByRole('button', { name: 'Dismiss this message' }), { limit: 200 });
    await page.keyboard.press('Enter');
    await toast.waitFor({ state: 'detached' });
    expect(await focused()).toBe(whereBefore);

    // Ctrl+Z outside a text field undoes the change the toast reported, after the toast has gone.
    await page.keyboard.press('Control+z');
    await page
      .locator('.toast')
      .filter({ hasText: /^Undone: / })
      .waitFor();
    await expect.poll(() => page.getByText('Overdue', { exact: true }).count()).toBeGreaterThan(0);
    expect(await focused()).toBe(whereBefore);
  });

  it('changes a condition, then undoes it from the condition’s history: focus on the history, the value back', async () => {
    const decisionId = await draftDecision('History test decision');
    const wording = 'Send the board the supplier’s exit plan';
    const condition = await rpc('conditions:create', {
      decisionId,
      wording,
      owner: { name: 'The force’s head of digital' },
      due: '2027-03-01',
    });
    await page.evaluate(`location.hash = '#/conditions/${condition.id}'`);
    await expectFocusOn(pageHeading(wording), 'the condition heading');
    const facts = page.locator('dl.facts');
    await facts.getByText('The force’s head of digital', { exact: true }).waitFor();

    await tabTo(page.getByRole('button', { name: 'Edit owner or dates' }));
    await page.keyboard.press('Enter');
    await tabTo(page.getByLabel('Owner’s name'));
    await page.keyboard.press('Control+a');
    await page.keyboard.type('The force’s chief digital officer');
    await tabTo(page.getByRole('button', { name: 'Save changes' }));
    await page.keyboard.press('Enter');
    await facts.getByText('The force’s chief digital officer', { exact: true }).waitFor();

    // The history, opened with the keyboard: the newest change offers Undo, the creation does not.
    const history = page.getByRole('region', { name: 'Change history' });
    const summary = history.locator('summary');
    await tabTo(summary, { limit: 200 });
    await page.keyboard.press('Enter');
    const table = history.getByRole('table', { name: /Changes to this condition/ });
    await table.getByRole('row').nth(2).waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    await table.getByText(/^Edited a condition of /).waitFor();
    const undo = history.getByRole('button', { name: 'Undo this change' });
    expect(await undo.count()).toBe(1);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: '/tmp/boardkeeper-record-history-1280.png', fullPage: true });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.screenshot({ path: '/tmp/boardkeeper-record-history-320.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, 'a condition with its history open');

    await tabTo(undo);
    await page.keyboard.press('Enter');
    await expectFocusOn(history.getByRole('heading', { level: 2, name: 'Change history' }), 'the history’s heading');
    await expect.poll(() => history.getByRole('status').textContent()).toBe('Change undone.');
    await facts.getByText('The force’s head of digital', { exact: true }).waitFor();
    await table.getByText(/^Undid: Edited a condition of /).waitFor();
    expect(await undo.count()).toBe(0);
    expect(await focused()).toMatch(/^h2: Change history/);
  });

  it('plans a meeting, then reorders an agenda: the focus follows the item and its new place is said', async () => {
    await goToArea('Meetings');
    await tabTo(page.getByRole('link', { name: /Plan a meeting/ }).first());
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading('Plan a meeting'), 'the form heading');
    await tabTo(page.getByLabel('Title', { exact: true }));
    await page.keyboard.type('Keyboard meeting');
    await tabTo(page.getByLabel(/^Date/).first());
    await page.keyboard.type('12022027');
    await tabTo(page.getByRole('button', { name: 'Add the meeting' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading('Keyboard meeting'), 'the new meeting’s heading');

    // The sample's June meeting has several items: move the first one down.
    await goToArea('Meetings');
    await tabTo(page.getByRole('link', { name: /^Oversight board/ }).first());
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading(/Oversight board/), 'the meeting heading');
    await tabTo(page.getByRole('link', { name: 'Edit the agenda' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(pageHeading(/^Agenda: /), 'the agenda editor heading');
    const count = await page.locator('.agenda-editor-item').count();
    expect(count).toBeGreaterThan(1);
    const firstTitle = await page.locator('.agenda-editor-item').first().getByLabel('Title').inputValue();
    const down = page.getByRole('button', { name: 'Move down item 1' });
    await tabTo(down);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'moved to position' }).textContent())
      .toBe(`Item 1 moved to position 2 of ${count}.`);
    await expectFocusOn(page.getByRole('button', { name: 'Move down item 1' }), 'the moved item’s Move down');
    expect(await page.locator('.agenda-editor-item').nth(1).getByLabel('Title').inputValue()).toBe(firstTitle);
    // Up again, to the top, where Move up does nothing but keeps the focus.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'moved to position' }).textContent())
      .toBe(`Item 1 moved to position 1 of ${count}.`);
    const up = page.getByRole('button', { name: 'Move up item 1' });
    await expectFocusOn(up, 'the moved item’s Move up');
    expect(await up.getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Enter');
    await expectFocusOn(up, 'Move up, at the top, still');
    // Heading levels do not jump: h1, then the items' h2, then their h3.
    const levels = (await page.evaluate(
      `[...document.querySelectorAll('main h1, main h2, main h3, main h4')].map((h) => Number(h.tagName[1]))`,
    )) as number[];
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
    await expectNoAxeViolations(page, 'the agenda editor');
  });

  it('exports minutes: the Export button keeps the focus, the status says it is done', async () => {
    await goToArea('Documents');
    await tabTo(page.getByLabel('Meeting', { exact: true }));
    await page.getByLabel('Meeting', { exact: true }).selectOption({ label: '24 June 2026: Oversight board' });
    const group = page.getByRole('group', { name: /Export the minutes/ });
    const exportButton = group.getByRole('button', { name: /^Export/ });
    await tabTo(exportButton);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    await download;
    await expect.poll(() => group.getByRole('status').textContent()).toMatch(/^Downloaded /);
    await expectFocusOn(exportButton, 'the Export button');
  });

  it('makes a backup: Back up now keeps the focus, the status says it is done', async () => {
    await goToArea('Settings');
    const button = page.getByRole('button', { name: /Back up now|Backing up/ });
    await tabTo(button);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /Backup made at/ })
      .waitFor();
    await expectFocusOn(button, 'Back up now');
  });

  it('opens the reminders panel and closes it with Escape, and when the focus leaves it', async () => {
    const button = page.getByRole('button', { name: /^Reminders/ });
    await tabTo(button, { limit: 200 });
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Reminders' });
    await panel.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    // Its contents come with their answers: wait for its first link, or Tab would leave the (still empty) panel.
    await panel.getByRole('link').first().waitFor();
    // Escape from inside the panel closes it and puts the focus back on its button.
    await page.keyboard.press('Tab');
    expect(await panel.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expectFocusOn(button, 'the Reminders button');
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    await panel.waitFor();
    // Tab through the panel and out of it: it closes when the focus leaves.
    for (let i = 0; i < 80 && (await panel.count()) > 0; i++) await page.keyboard.press('Tab');
    expect(await panel.count()).toBe(0);
    expect(await focused()).not.toBe('BODY');
  });

  it('opens a deadline from the calendar: the focus goes to its details, and back to the day on close', async () => {
    await page.evaluate(`location.hash = '#/deadlines?view=calendar&month=2026-12'`);
    const calendar = page.getByRole('table', { name: 'Deadlines in December 2026' });
    const item = calendar.getByRole('button', { name: /Produce a data-export plan.*\(overdue\)$/ }).first();
    await tabTo(item, { limit: 200 });
    await page.keyboard.press('Enter');
    const details = page.getByRole('heading', { level: 2, name: /Produce a data-export plan/ });
    await expectFocusOn(details, 'the deadline’s details');
    await tabTo(page.getByRole('button', { name: 'Close details' }));
    await page.keyboard.press('Enter');
    await details.waitFor({ state: 'detached' });
    await expectFocusOn(item, 'the calendar day’s deadline');
  });

  it('names the Search button once, with its shortcut told by aria-keyshortcuts', async () => {
    const search = page.getByRole('banner').getByRole('button', { name: 'Search', exact: true });
    expect(await search.getAttribute('aria-keyshortcuts')).toMatch(/^(Control|Meta)\+K$/);
  });

  it('saw no console errors and no CSP violations in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});

/** What one page measured: how wide the document is against the window, and each register's main column share. */
interface Reflow {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  /** Elements wider than the window (their own scroll boxes excepted), to say what pushes the page. */
  readonly wide: readonly string[];
  /** Per table with a main column: the main column's width over the table's, 0..1. */
  readonly shares: readonly { readonly table: string; readonly share: number }[];
  /** Fixed elements (the Reminders button) that cover a focusable element of the page. */
  readonly overlaps: readonly string[];
}

/** Runs in the page: see {@link Reflow}. */
const MEASURE_REFLOW = `(() => {
    const root = document.documentElement;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.right <= root.clientWidth + 1 || box.width === 0) continue;
      // Inside a box that scrolls sideways on its own: allowed.
      let inScroller = false;
      for (let p = el.parentElement; p !== null && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) inScroller = true;
      }
      if (!inScroller) wide.push(el.tagName.toLowerCase() + '.' + el.className + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[' + el.getAttribute('name') + ']' : '') + ': right ' + Math.round(box.right));
    }
    const shares = [];
    for (const table of document.querySelectorAll('main table')) {
      const headers = [...table.querySelectorAll('thead th')];
      const main = headers.findIndex((th) => th.hasAttribute('data-main-column'));
      if (main === -1) continue;
      const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.children.length === headers.length);
      const cell = row?.children[main];
      if (cell === undefined) continue;
      shares.push({
        table: table.querySelector('caption')?.textContent ?? headers.map((h) => h.textContent).join('|'),
        share: cell.getBoundingClientRect().width / table.getBoundingClientRect().width,
      });
    }
    const overlaps = [];
    for (const fixed of document.querySelectorAll('.notification-centre > button')) {
      const a = fixed.getBoundingClientRect();
      for (const el of document.querySelectorAll('main a[href], main button, main input, main select')) {
        const b = el.getBoundingClientRect();
        if (b.width === 0) continue;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          overlaps.push((el.textContent ?? '').trim().slice(0, 40));
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 8), shares, overlaps };
  })()`;

async function measureReflow(): Promise<Reflow> {
  return (await page.evaluate(MEASURE_REFLOW)) as Reflow;
}

/** Every screen of the sample, by its address (hash). */
function screens(): { readonly name: string; readonly hash: string }[] {
  return [
    { name: 'dashboard', hash: '#/dashboard' },
    { name: 'decisions', hash: '#/decisions' },
    { name: 'conditions', hash: '#/conditions' },
    { name: 'contracts', hash: '#/contracts' },
    { name: 'meetings', hash: '#/meetings' },
    { name: 'papers', hash: '#/papers' },
    { name: 'members', hash: '#/members' },
    { name: 'deadlines', hash: '#/deadlines' },
    { name: 'calendar', hash: '#/deadlines?view=calendar&month=2026-12' },
    { name: 'documents', hash: '#/documents' },
    { name: 'settings', hash: '#/settings' },
    { name: 'forward-plan', hash: '#/contracts/forward-plan' },
    { name: 'suppliers', hash: '#/contracts/suppliers' },
  ];
}

/** Opens the first record a register links to (e.g. the first decision), returning its address. */
async function firstRecordOf(area: string): Promise<string> {
  await page.evaluate(`location.hash = ${JSON.stringify(`#/${area}`)}`);
  const link = page.locator(`main table a[href^="#/${area}/"]`).first();
  await link.waitFor();
  return (await link.getAttribute('href')) ?? '';
}

/** A long owner and a long condition (so a long calendar title): they must be readable in full at 320 px. */
const LONG_OWNER =
  'The Office of the Police and Crime Commissioner’s interim chief finance officer and deputy monitoring officer';
const LONG_WORDING =
  'Commission an independent review of the supplier’s data-retention practices, covering every copy held by its subcontractors';

/** Screens made for this test (a PDF paper, a meeting with a compiled pack, its reader, an agenda editor). */
const madeScreens: { readonly name: string; readonly hash: string }[] = [];

describe('at 320 px and at 200% zoom, nothing scrolls sideways and registers give their main column its share', () => {
  beforeAll(async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const pdf = await makePdf([['A PDF paper for the reflow test.'], ['Its second page.']], { title: 'Reflow paper' });
    const paper = await rpc('papers:addFromFile', {
      fileName: 'reflow-paper.pdf',
      dataBase64: pdf.toString('base64'),
      title: 'A PDF paper with a long title to see the reader keep within the window',
      date: '2027-01-05',
    });
    const meeting = await rpc('meetings:create', {
      title: 'Reflow meeting',
      date: '2027-02-01',
      agenda: [{ number: '1', title: 'The PDF paper', paperIds: [paper.id] }],
    });
    const compiled = await rpc<{ status: string; pack?: { id: string } }>('compiledPacks:compile', {
      meetingId: meeting.id,
      scope: 'public',
    });
    expect(compiled.status).toBe('compiled');
    madeScreens.push(
      { name: 'agenda-editor', hash: `#/meetings/${meeting.id}/agenda` },
      { name: 'compiled-pack-panel', hash: `#/meetings/${meeting.id}` },
      { name: 'pack-reader', hash: `#/meetings/${meeting.id}/packs/${compiled.pack?.id ?? ''}?page=1` },
    );
  }, 180_000);

  const sizes = [
    // A phone-width window: WCAG 1.4.10's 320 CSS px.
    { name: '320px', width: 320, height: 640 },
    // A 1280×800 window at 200% zoom lays out as 640×400 CSS px (what zoom changes is the CSS px per device px).
    { name: 'zoom200', width: 640, height: 400 },
    // Where the columns first sit side by side again, and a common laptop.
    { name: '1024px', width: 1024, height: 768 },
    { name: '1280px', width: 1280, height: 800 },
  ];
  for (const size of sizes) {
    it(`at ${size.name}`, async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      const records = [
        await firstRecordOf('decisions'),
        await firstRecordOf('conditions'),
        await firstRecordOf('contracts'),
        await firstRecordOf('meetings'),
        await firstRecordOf('papers'),
        await firstRecordOf('members'),
      ].map((hash) => ({ name: hash.replace(/^#\//, '').replace(/\//g, '-'), hash, thumbnails: false }));
      // The PDF reader with its page thumbnails open (folded away by default on narrow windows).
      records.push({ name: 'paper-pdf-thumbnails', hash: `#/papers/${pdfPaperId}`, thumbnails: true });
      await page.setViewportSize({ width: size.width, height: size.height });
      const problems: string[] = [];
      for (const screen of [...screens(), ...records, ...madeScreens]) {
        await page.evaluate(`location.hash = ${JSON.stringify(screen.hash)}`);
        await page.locator('main [data-page-heading]').waitFor();
        // A PDF's pages are drawn after the page: measure once the first is there.
        if (/pdf|pack-reader/.test(screen.name)) await page.locator('main .pdf-canvas').first().waitFor();
        if ('thumbnails' in screen && screen.thumbnails) {
          const show = page.getByRole('button', { name: 'Show pages' });
          await page.locator('.pdf-toolbar').waitFor();
          if ((await show.count()) > 0) await show.click();
          await page.locator('.pdf-thumb[data-drawn="true"]').first().waitFor();
        }
        await page.waitForTimeout(300);
        const m = await measureReflow();
        if (m.scrollWidth > m.clientWidth)
          problems.push(`${screen.name}: ${m.scrollWidth} px wide in ${m.clientWidth}: ${m.wide.join('; ')}`);
        for (const s of m.shares)
          if (s.share < 0.3)
            problems.push(`${screen.name}: main column of "${s.table}" is ${Math.round(s.share * 100)}%`);
        if (m.overlaps.length > 0)
          problems.push(`${screen.name}: the Reminders button covers ${m.overlaps.join(', ')}`);
        await page.screenshot({ path: `/tmp/boardkeeper-reflow-${size.name}-${screen.name}.png`, fullPage: true });
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('at 320 px, truncated text can be read in full', () => {
  /** How much of an element's text is cut off: [width, height] beyond its box (0, 0 when all of it shows). */
  function cutOff(locator: Locator): Promise<[number, number]> {
    return locator.evaluate((el) => [el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight]);
  }

  it('shows a long owner name in the conditions register and a long title in the calendar', async () => {
    const decisionId = await draftDecision('Truncation test decision');
    await rpc('conditions:create', {
      decisionId,
      wording: LONG_WORDING,
      owner: { name: LONG_OWNER },
      due: '2026-12-18',
    });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.evaluate(`location.hash = '#/conditions?search=subcontractors'`);
    const owner = page.locator('main table').getByText(LONG_OWNER, { exact: true });
    await owner.waitFor();
    await page.waitForTimeout(300);
    expect(await cutOff(owner)).toEqual([0, 0]);
    expect(await owner.isVisible()).toBe(true);

    await page.evaluate(`location.hash = '#/deadlines?view=calendar&month=2026-12'`);
    const item = page
      .getByRole('table', { name: 'Deadlines in December 2026' })
      .locator('.calendar-item')
      .filter({ hasText: 'independent review of the supplier' });
    await item.waitFor();
    expect(await cutOff(item)).toEqual([0, 0]);
    expect(await item.innerText()).toContain('covering every copy held by its subcontractors');
    await page.screenshot({ path: '/tmp/boardkeeper-truncation-320-calendar.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('at 320 px, the backups tables stack rather than scroll', () => {
  it('stacks the backups in the data folder and the copies in a backup folder, each cell under its column’s name', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await rpc('backups:create', {});
    await rpc('backups:folderSet', { folder: await tempDir('bk-e2e-folder-backup-'), keep: 3 });
    await rpc('backups:toFolder', {});
    await page.evaluate(`location.hash = '#/settings'`);
    await page.reload();
    const tables = [
      page.getByRole('table', { name: 'Backups, newest first' }),
      page.getByRole('table', { name: 'Copies in the backup folder, newest first' }),
    ];
    for (const table of tables) {
      await table
        .getByRole('button', { name: /^Restore the (backup|copy) made/ })
        .first()
        .waitFor();
      expect(await table.getAttribute('data-stacked')).toBeNull();
    }
    await page.setViewportSize({ width: 320, height: 640 });
    for (const table of tables) {
      await expect.poll(() => table.getAttribute('data-stacked')).toBe('');
      const made = table.locator('tbody td').first();
      expect(await made.getAttribute('data-label')).toBe('Made');
      // The Restore button's cell carries no label: the button says what it does.
      expect(await table.locator('tbody tr').first().locator('td').last().getAttribute('data-label')).toBeNull();
      const box = await table.evaluate((el) => [el.scrollWidth, el.parentElement!.clientWidth]);
      expect(box[0]).toBeLessThanOrEqual(box[1]!);
    }
    await page.screenshot({ path: '/tmp/boardkeeper-backups-320.png', fullPage: true });
    await expectNoAxeViolations(page, 'the backups at 320 px');
    await page.setViewportSize({ width: 1280, height: 800 });
    // The folder goes with the test: no daily copy to a folder that is no longer there.
    await rpc('backups:folderSet', { folder: null, keep: 3 });
  });
});

describe('in forced-colours mode, colour is not the only signal', () => {
  afterAll(async () => {
    await page.emulateMedia({ forcedColors: 'none' });
  });

  it('names the calendar’s overdue days in text and in their deadlines’ names', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ forcedColors: 'active' });
    await page.evaluate(`location.hash = '#/deadlines?view=calendar&month=2026-12'`);
    const calendar = page.getByRole('table', { name: 'Deadlines in December 2026' });
    const overdueDays = calendar.locator('td.calendar-overdue');
    await overdueDays.first().waitFor();
    const days = await overdueDays.count();
    expect(days).toBeGreaterThan(0);
    for (let i = 0; i < days; i++) expect(await overdueDays.nth(i).innerText()).toMatch(/Overdue/i);
    // A day with nothing overdue says nothing of the kind.
    expect(
      await calendar
        .locator('td:not(.calendar-overdue)')
        .filter({ hasText: /Overdue/i })
        .count(),
    ).toBe(0);
    await calendar
      .getByRole('button', { name: /\(overdue\)$/ })
      .first()
      .waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-calendar-forced-colours.png', fullPage: true });
    // axe's contrast rule reads the authored colours over the forced background in this mode (a false alarm:
    // the user's palette paints both), so axe looks at the same calendar in ordinary colours.
    await page.emulateMedia({ forcedColors: 'none' });
    await expectNoAxeViolations(page, 'the calendar with its overdue days named');
  });

  it('keeps the dashboard’s status bars visible', async () => {
    await page.evaluate(`location.hash = '#/dashboard'`);
    const fill = page.locator('.bar-chart .bar-fill').first();
    await fill.waitFor();
    const colours = (await fill.evaluate((el) => {
      const track = el.parentElement!;
      const view = el.ownerDocument.defaultView!;
      return [view.getComputedStyle(el).backgroundColor, view.getComputedStyle(track).backgroundColor];
    })) as [string, string];
    expect(colours[0]).not.toBe(colours[1]);
    expect(colours[0]).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: '/tmp/boardkeeper-dashboard-forced-colours.png', fullPage: true });
  });
});
