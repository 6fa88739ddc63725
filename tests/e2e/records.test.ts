/**
 * End to end, as a board secretariat would work: Chromium drives the built
 * renderer through the real `npm run web` process on a real data folder.
 * Three members; two papers with Markdown text and an attached PDF; a
 * meeting with two agenda items (one confidential), a paper on each; a
 * declaration of interest that changes an item's quorum; reading a paper
 * moves the pack to "1 of 2"; a private note; an edit kept as a version with
 * its diff; a refused archive; undo from the toast; a hostile paper that
 * runs and loads nothing. axe-core checks each screen, light and dark.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolationsLightAndDark } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

let app: BrowserApp | undefined;
let context: BrowserContext;
let page: Page;
/** Console errors and page errors (a CSP violation is a console error): there must be none. */
let pageProblems: string[];
/** Every URL the page asked for. */
const requests: string[] = [];

/** A small but valid one-page PDF saying `text`, with a correct cross-reference table. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A calendar date `days` from today (UTC is close enough: the meeting is weeks away). */
function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const MEETING_DATE = dateFromToday(30);
const PAPER_A = {
  reference: 'PAP-2026-041',
  title: 'Extension of the misconduct analytics pilot',
  body: '# Recommendation\n\nApprove a **12-month extension** of the pilot.\n\n## Conditions\n\n- On condition of a re-tender.\n- Report progress to the board quarterly.\n',
};
const PAPER_B = {
  reference: 'PAP-2026-042',
  title: 'Legal advice on the pre-action letter',
  body: 'Privileged legal advice on the supplier’s letter.\n\nThe risk of a judicial review is **moderate**.',
};
const HOSTILE = [
  '# Looks harmless',
  '',
  '<script>window.__pwned=1</script>',
  '',
  '<img src=x onerror="window.__pwned=2">',
  '',
  '[click me](javascript:alert(1))',
  '',
  '<iframe src=https://example.org></iframe>',
  '',
  '![r](https://example.org/t.png)',
  '',
  '<p onmouseover="window.__pwned=3">Hover here</p>',
  '',
  '[The report](https://offline.invalid/report)',
].join('\n');

function nav(label: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true });
}

function toast(text: string | RegExp): Locator {
  return page.locator('.toast-region').filter({ hasText: text });
}

/** Screenshots in light and dark, and axe in both. */
function lookAt(name: string, where: string): Promise<void> {
  return expectNoAxeViolationsLightAndDark(page, `/tmp/boardkeeper-records-${name}`, where);
}

async function addMember(name: string, role: string, interests: readonly string[]): Promise<void> {
  await page
    .getByRole('link', { name: /^Add (a|the first) member$/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: 'Add a member' }).waitFor();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption(role);
  for (const [i, interest] of interests.entries()) {
    await page.getByRole('button', { name: 'Add an interest' }).click();
    await page.getByLabel(`Interest ${i + 1}`, { exact: true }).fill(interest);
  }
  await page.getByRole('button', { name: 'Add the member' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await toast(`Added member ${name}.`).waitFor();
  await nav('Members').click();
  await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
}

async function addPaper(paper: {
  reference: string;
  title: string;
  body: string;
  confidential?: boolean;
  pdf?: string;
}): Promise<void> {
  await nav('Papers').click();
  await page
    .getByRole('link', { name: /^Add (a|the first) paper$/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: 'Add a paper' }).waitFor();
  await page.getByLabel('Reference').fill(paper.reference);
  await page.getByLabel('Date').fill('2026-06-10');
  await page.getByLabel('Title').fill(paper.title);
  await page.getByLabel('Author').fill('The force’s commercial director');
  if (paper.confidential === true) await page.getByLabel('Confidential').check();
  if (paper.body.length < 20_000) {
    await page.getByLabel('Text').fill(paper.body);
  } else {
    // Playwright's fill inserts text through Input.insertText, which in this textarea grows with the square of
    // the text (83 KB: 3 s), though a person's paste of the same 83 KB (Ctrl+V) takes 0.16 s. Setting the value
    // and sending the input event, as a paste ends up doing, takes 60 ms.
    await page.getByLabel('Text').evaluate((element, value) => {
      // In the page (the test's own types know no DOM): React listens for the value set by the prototype's setter.
      const page = globalThis as unknown as { HTMLTextAreaElement: { prototype: object } };
      Object.getOwnPropertyDescriptor(page.HTMLTextAreaElement.prototype, 'value')?.set?.call(element, value);
      element.dispatchEvent(new Event('input', { bubbles: true }));
    }, paper.body);
  }
  if (paper.pdf !== undefined) {
    await page
      .getByLabel('Add files')
      .setInputFiles({ name: paper.pdf, mimeType: 'application/pdf', buffer: tinyPdf(paper.title) });
    await page.getByRole('list', { name: 'To be added' }).getByText(paper.pdf).first().waitFor();
  }
  await page.getByRole('button', { name: 'Add the paper' }).click();
  await page.getByRole('heading', { level: 1, name: paper.title }).waitFor();
}

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-records-'),
    // Date fields show the day first, as for a British user.
    extraChromiumArgs: ['--lang=en-GB'],
    acceptDownloads: true,
    onPage: (opened) => opened.on('request', (request) => requests.push(request.url())),
  });
  ({ context, page, pageProblems } = app);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe('members, meetings and papers, end to end', () => {
  it('lists Members in the navigation, in a sensible order', async () => {
    const labels = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(labels.slice(0, 4)).toEqual(['Dashboard', 'Meetings', 'Papers', 'Members']);
    expect(labels.at(-1)).toBe('Settings');
  });

  it('starts with empty states that say what to do', async () => {
    await nav('Members').click();
    await page.getByRole('heading', { level: 2, name: 'No members yet' }).waitFor();
    await nav('Papers').click();
    await page.getByRole('heading', { level: 2, name: 'No papers yet' }).waitFor();
    await nav('Meetings').click();
    await page.getByRole('heading', { level: 2, name: 'No meetings yet' }).waitFor();
    await lookAt('meetings-empty', 'the empty meetings page');
  });

  it('refuses a member without a name, saying so next to the field', async () => {
    await nav('Members').click();
    await page.getByRole('link', { name: 'Add the first member' }).click();
    await page.getByRole('button', { name: 'Add the member' }).click();
    const name = page.getByLabel('Name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: 'The member was not added' }).waitFor();
    expect(await page.locator('.field-error').first().textContent()).toContain('Name is required');
    expect(await name.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await lookAt('member-form-error', 'the member form with an error');
    await page.getByRole('link', { name: 'Cancel' }).click();
  });

  it('adds three members, one with a registered interest', async () => {
    await addMember('Chair of the board', 'chair', []);
    await addMember('Deputy Mayor', 'member', ['Former adviser to the software supplier']);
    await addMember('Independent member', 'independent_member', []);
    const table = page.getByRole('table', { name: 'Members' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    await lookAt('members', 'the members list');
    // Filters live in the address.
    await page.getByLabel('Role').selectOption('chair');
    await expect.poll(() => page.url()).toMatch(/#\/members\?role=chair$/);
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await page.getByLabel('Role').selectOption('');
  });

  it('adds two papers with Markdown text and an attached PDF, and refuses a duplicate reference', async () => {
    await addPaper({ ...PAPER_A, pdf: 'business-case.pdf' });
    const text = page.getByRole('article', { name: `Text of ${PAPER_A.reference}` });
    expect(await text.getByRole('heading', { level: 2 }).textContent()).toBe('Recommendation');
    expect(await text.locator('strong').textContent()).toBe('12-month extension');
    await page.getByRole('button', { name: 'Download business-case.pdf' }).waitFor();
    // Saving it did not count as reading it.
    await page.getByText('Not marked as read.').waitFor();

    await addPaper({ ...PAPER_B, confidential: true, pdf: 'legal-advice.pdf' });
    await page.getByText('Confidential', { exact: true }).first().waitFor();

    await nav('Papers').click();
    await page.getByRole('link', { name: 'Add a paper' }).click();
    await page.getByLabel('Reference').fill('pap-2026-041');
    await page.getByLabel('Date').fill('2026-06-11');
    await page.getByLabel('Title').fill('A copy');
    await page.getByRole('button', { name: 'Add the paper' }).click();
    const reference = page.getByLabel('Reference');
    await expect.poll(() => reference.getAttribute('aria-invalid')).toBe('true');
    await page.getByText(`Reference pap-2026-041 is already the reference of “${PAPER_A.title}”`).first().waitFor();
    await lookAt('paper-form-error', 'the paper form with an error');
  });

  it('plans a meeting, records attendance, and builds a two-item agenda with a paper on each', async () => {
    await nav('Meetings').click();
    await page.getByRole('link', { name: 'Plan the first meeting' }).click();
    await page.getByLabel('Title').fill('Board meeting');
    await page.getByLabel('Date').fill(MEETING_DATE);
    await page.getByLabel('Time').fill('10:00');
    await page.getByLabel('Place').fill('City Hall, Committee Room 2');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    await toast(/Added meeting Board meeting/).waitFor();

    for (const name of ['Chair of the board', 'Deputy Mayor', 'Independent member']) {
      await page.getByLabel(`Attendance of ${name}`).selectOption('present');
    }
    await page.getByRole('button', { name: 'Save attendance' }).click();
    const quorum = page.getByRole('region', { name: 'Quorum' });
    await quorum.getByText('3 voting members are present; the quorum is 3.').waitFor();

    await page.getByRole('link', { name: 'Edit the agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda: Board meeting' }).waitFor();
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page
      .getByRole('group', { name: /^Item 1/ })
      .getByLabel('Title')
      .fill('Misconduct analytics pilot: extension');
    await page.getByRole('button', { name: 'Add an item' }).click();
    // Saving with the second title empty: the problem shows at that item's title.
    await page.getByRole('button', { name: 'Save the agenda' }).click();
    const item2 = page.getByRole('group', { name: /^Item 2/ });
    await expect.poll(() => item2.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: 'Item 2: Title is required' }).waitFor();
    expect(await item2.getByLabel('Title').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    await item2.getByLabel('Title').fill('Pre-action letter');
    await item2.getByLabel('Presenter').fill('Head of legal services');
    await item2.getByLabel('Confidential: taken in private').check();

    const item1 = page.getByRole('group', { name: /^Item 1/ });
    await item1.getByRole('button', { name: 'Add a paper to item 1' }).click();
    await page.getByLabel('Find a paper for item 1').fill('041');
    await page.getByRole('button', { name: `Add ${PAPER_A.reference} to item 1` }).click();
    await item1.getByRole('button', { name: 'Done' }).click();
    await item2.getByRole('button', { name: 'Add a paper to item 2' }).click();
    await page.getByLabel('Find a paper for item 2').fill('legal');
    await page.getByRole('button', { name: `Add ${PAPER_B.reference} to item 2` }).click();
    await lookAt('agenda-editor', 'the agenda editor');
    await page.getByRole('button', { name: 'Save the agenda' }).click();

    await page.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await agenda
      .getByRole('heading', { level: 3, name: /Pre-action letter\s*Confidential: taken in private/ })
      .waitFor();
    await page.getByRole('region', { name: 'Board pack' }).getByText('0 of 2 papers read').waitFor();
    await lookAt('meeting', 'the meeting page');
  });

  it('declares an interest on an item and sees that item’s quorum change', async () => {
    const quorum = page.getByRole('region', { name: 'Quorum' });
    const row = quorum.getByRole('row').filter({ hasText: 'Misconduct analytics pilot' });
    expect(await row.textContent()).toContain('Quorate');
    expect(await row.textContent()).toContain('3 of 3 needed');

    await page.getByRole('link', { name: 'Edit the agenda' }).click();
    const item1 = page.getByRole('group', { name: /^Item 1/ });
    await item1.getByRole('button', { name: 'Add a declaration on item 1' }).click();
    await item1.getByLabel('Member').selectOption({ label: 'Deputy Mayor' });
    await item1.getByLabel('Interest declared').fill('Former adviser to the software supplier');
    await page.getByRole('button', { name: 'Save the agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();

    await expect.poll(() => row.textContent()).toContain('Not quorate');
    expect(await row.textContent()).toContain('2 of 3 needed');
    expect(await row.textContent()).toContain('Deputy Mayor');
    const other = quorum.getByRole('row').filter({ hasText: 'Pre-action letter' });
    expect(await other.textContent()).toContain('Quorate');
    await page.getByRole('region', { name: 'Agenda' }).getByText('Former adviser to the software supplier').waitFor();

    // The member's page lists the declaration, linked to the item.
    await page.getByRole('region', { name: 'Agenda' }).getByRole('link', { name: 'Deputy Mayor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deputy Mayor' }).waitFor();
    const declarations = page.getByRole('table', { name: /declared an interest/ });
    await declarations.getByRole('link', { name: '1. Misconduct analytics pilot: extension' }).waitFor();
    await lookAt('member', 'the member page');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
  });

  it('opens a paper from the pack, and the pack moves to 1 of 2 read', async () => {
    await page
      .getByRole('region', { name: 'Board pack' })
      .getByRole('link', { name: new RegExp(PAPER_A.title) })
      .click();
    await page.getByRole('heading', { level: 1, name: PAPER_A.title }).waitFor();
    await page.getByText(/Marked as read when you opened it/).waitFor();
    await page
      .getByRole('region', { name: 'On the agenda' })
      .getByRole('link', { name: /Item 1/ })
      .waitFor();
    await lookAt('reader', 'the paper reader');
    // The attachment comes back as the very PDF that was attached.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download business-case.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('business-case.pdf');
    expect((await readFile(await download.path())).equals(tinyPdf(PAPER_A.title))).toBe(true);
    await page.goBack();
    await page.getByRole('region', { name: 'Board pack' }).getByText('1 of 2 papers read').waitFor();
    await nav('Meetings').click();
    await page
      .getByRole('table', { name: /Upcoming meetings/ })
      .getByText('1 of 2 papers read')
      .waitFor();
    await lookAt('meetings', 'the meetings list');
  });

  it('keeps a private note on this computer', async () => {
    await nav('Papers').click();
    await page.getByRole('link', { name: PAPER_A.title }).click();
    const notes = page.getByRole('region', { name: 'Your private notes' });
    await notes.getByText('These notes stay on this computer').waitFor();
    await notes.getByLabel('Your private notes').fill('Ask about the data-export plan.');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await toast(/Saved a private note on paper PAP-2026-041/).waitFor();
    await page.reload();
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Your private notes' }).getByLabel('Your private notes').inputValue(),
      )
      .toBe('Ask about the data-export plan.');
  });

  it('edits the paper and finds the old version, with what changed, in its history', async () => {
    await page.getByRole('link', { name: 'Edit the paper' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit the paper' }).waitFor();
    await page.getByLabel('Text').fill(PAPER_A.body.replace('a re-tender', 'a competitive re-tender'));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: PAPER_A.title }).waitFor();
    await toast(/Edited paper PAP-2026-041 \(version 2\)/).waitFor();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('link', { name: 'Version 2 (current)' }).click();
    await page.getByRole('heading', { level: 1, name: `${PAPER_A.reference}, version 2` }).waitFor();
    const diff = page.getByRole('list', { name: 'Changes to the text' });
    expect(await diff.locator('del').textContent()).toContain('On condition of a re-tender.');
    expect(await diff.locator('ins').textContent()).toContain('On condition of a competitive re-tender.');
    await lookAt('paper-version', 'a version with its diff');
    await page.goBack();
    await page.getByRole('region', { name: 'Versions' }).getByRole('link', { name: 'Version 1' }).click();
    await page.getByRole('heading', { level: 1, name: `${PAPER_A.reference}, version 1` }).waitFor();
    await page.getByText('This is an earlier version. The current one is version 2.').waitFor();
    await page.getByRole('region', { name: 'Text of version 1' }).getByText('On condition of a re-tender.').waitFor();
    await page.goBack();
  });

  it('refuses to archive a paper an agenda item links to, saying why', async () => {
    await page.getByRole('heading', { level: 1, name: PAPER_A.title }).waitFor();
    await page.getByRole('button', { name: 'Archive' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be archived' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Paper PAP-2026-041 cannot be archived: item 1 “Misconduct analytics pilot: extension” of the meeting “Board meeting” \(\d{1,2} [A-Z][a-z]+ \d{4}\) links to it\. Remove it from the agenda \(or the decision\) first\.$/,
    );
  });

  it('undoes a change from the toast, with the keyboard', async () => {
    await nav('Members').click();
    await page.getByRole('link', { name: 'Independent member' }).click();
    await page.getByRole('link', { name: 'Edit Independent member' }).click();
    await page.getByLabel('Name').fill('Independent member (wrong name)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Independent member (wrong name)' }).waitFor();
    const region = page.locator('.toast-region');
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await toast('Edited member Independent member (wrong name).').waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-records-toast.png' });
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await toast('Undone: Edited member Independent member (wrong name).').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Independent member', exact: true }).waitFor();
  });

  it('lets the toast go after about ten seconds', async () => {
    await page.mouse.move(10, 10);
    await page.locator('body').focus();
    await expect.poll(() => page.locator('.toast').count(), { timeout: 15_000, interval: 500 }).toBe(0);
  });

  it('keeps the library’s filters in the address, so Back returns to them', async () => {
    await nav('Papers').click();
    await page.getByLabel('Classification').selectOption('confidential');
    await page.getByLabel('Read', { exact: true }).selectOption('unread');
    await expect.poll(() => page.url()).toMatch(/#\/papers\?classification=confidential&read=unread$/);
    const table = page.getByRole('table', { name: 'Papers' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.textContent()).toContain(PAPER_B.reference);
    await lookAt('papers', 'the papers library, filtered');
    await table.getByRole('link', { name: PAPER_B.title }).click();
    await page.getByRole('heading', { level: 1, name: PAPER_B.title }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Papers' }).waitFor();
    expect(await page.getByLabel('Classification').inputValue()).toBe('confidential');
    expect(await page.getByLabel('Read', { exact: true }).inputValue()).toBe('unread');
    // Opening PAP-2026-042 read it: it has left the unread list.
    await expect.poll(() => table.count()).toBe(0);
    await page.getByText('No papers match these filters.').waitFor();
  });

  it('renders a hostile paper inert in Chromium: nothing runs, nothing loads, links open apart', async () => {
    const before = requests.length;
    await addPaper({ reference: 'PAP-EVIL', title: 'A paper with hostile text', body: HOSTILE });
    const text = page.getByRole('article', { name: 'Text of PAP-EVIL' });
    await text.getByRole('heading', { level: 2, name: 'Looks harmless' }).waitFor();
    await text.getByText('Hover here').hover();
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await text.locator('script, iframe, object, embed, [onerror], [onmouseover]').count()).toBe(0);
    expect(await text.locator('a[href^="javascript:" i]').count()).toBe(0);
    await text.getByText('Image not loaded (Boardkeeper loads nothing from the network): r').waitFor();

    // A link in a paper opens apart from the app, which stays where it is.
    const appUrl = page.url();
    const link = text.getByRole('link', { name: 'The report' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.close();
    expect(page.url()).toBe(appUrl);
    await page.getByRole('heading', { level: 1, name: 'A paper with hostile text' }).waitFor();

    const origin = new URL(appUrl).origin;
    const foreign = requests.slice(before).filter((url) => !url.startsWith(origin) && !url.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(requests.filter((url) => url.includes('example.org'))).toEqual([]);
  });

  it('shows a long paper’s first screen at once and the rest in parts, every part sanitised', async () => {
    const sections = Array.from(
      { length: 700 },
      (_, i) =>
        `# Section ${i + 1}\n\nThe board considered the extension of contract ${i + 1}. ${'The re-tender timetable and the spend to date were reported. '.repeat(6)}\n\n- one\n- two`,
    );
    const body = `${sections.join('\n\n')}\n\n<img src=x onerror="window.__pwned=2">\n\n# The end of the paper\n\nLast words.`;
    expect(body.length).toBeGreaterThan(300_000);
    await addPaper({ reference: 'PAP-LONG', title: 'A very long paper', body });
    const text = page.getByRole('article', { name: 'Text of PAP-LONG' });
    await text.getByRole('heading', { level: 2, name: 'Section 1', exact: true }).waitFor();
    // Then the rest comes in (a # heading is an h2 under the page's h1), and the box stops saying it is busy.
    await text.getByRole('heading', { level: 2, name: 'The end of the paper' }).waitFor();
    await text.locator('.markdown:not([aria-busy])').waitFor();
    expect(await text.getByRole('heading', { level: 2 }).count()).toBe(701);
    expect(await text.locator('script, [onerror]').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('saw no console errors and no CSP violations in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});
