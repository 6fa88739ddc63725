// The first screen's answer kept for the next start (issue 16): written when the backend closes, bound to
// the journal's head and the board's day, served as provisional while the store opens (before the
// checkpoint is parsed), replaced by the store's own answer once it is open; never used for another
// day, another head, or a file that is not its own.
import { appendFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend.ts';
import { call } from '../../electron/backend/dispatch.ts';
import {
  FIRST_SCREEN_FILE,
  FIRST_SCREEN_RECORDS_FILE,
  journalHeadOnDisk,
  readFirstScreen,
} from '../../electron/backend/firstScreenAnswer.ts';
import { getDashboard } from '../../electron/backend/services/dashboard.ts';
import { openBackendShowingProgress, type OpeningBackend } from '../../electron/backend/openingBackend.ts';
import { openStore } from '../../electron/backend/store/store.ts';
import type { DashboardView } from '../../shared/contract/views.ts';
import { testBackend } from '../helpers/backend.ts';

const now = new Date('2026-06-20T09:00:00.000Z');
const platform = { openPath: async () => false, quit: () => undefined };
const opened: Backend[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

/** A data folder holding the sample board, closed (so its dashboard answer is kept). */
async function sampleFolder(): Promise<{ dataDir: string; dashboard: DashboardView }> {
  const t = await testBackend(now);
  await t.ok('sample:load', {});
  const dashboard = await t.ok('dashboard:get', {});
  await t.backend.close();
  return { dataDir: t.dataDir, dashboard };
}

/** The newest segment of `dataDir`'s journal. */
async function newestSegment(dataDir: string): Promise<string> {
  const names = (await readdir(join(dataDir, 'journal'))).filter((n) => /^\d{12}\.jsonl$/.test(n)).sort();
  return join(dataDir, 'journal', names.at(-1)!);
}

/** The journal head the store's open finds in `dataDir`. */
async function storeHead(dataDir: string): Promise<{ seq: number; hash: string }> {
  const store = await openStore({ dataDir, clock: () => now, backupOnFirstChange: false });
  const head = store.head();
  await store.close();
  return head;
}

/** A closed data folder whose journal ends with a line of over 64 KB (a contract with long notes, some characters of two bytes). */
async function longLastLineFolder(): Promise<string> {
  const t = await testBackend(now);
  await t.ok('sample:load', {});
  await t.ok('contracts:create', {
    reference: 'CTR-2026-031',
    title: 'Custody healthcare',
    suppliers: ['The healthcare supplier'],
    route: 'direct_award',
    directAwardRationale: 'Continuity of care.',
    termStart: '2026-04-01',
    termEnd: '2028-03-31',
    notes: 'The £1,250,000 extension was discussed in the café. '.repeat(1_700),
  });
  await t.backend.close();
  const text = await readFile(await newestSegment(t.dataDir), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  expect(Buffer.byteLength(text.split('\n').at(-2)!)).toBeGreaterThan(64 * 1024);
  return t.dataDir;
}

/** Opens `dataDir` as the hosts do, the store's parse held until `release` is called (to see what is served before it). */
function openHeld(dataDir: string, clock = () => now, errors: string[] = []) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let parsing = false;
  const opening: OpeningBackend = openBackendShowingProgress({
    dataDir,
    platform,
    clock,
    checkpointQuietMs: 60_000,
    logError: (where) => errors.push(where),
    store: {
      beforeParse: async () => {
        await held;
        parsing = true;
      },
    },
  });
  return { opening, release, parsing: () => parsing };
}

async function dashboardOf(opening: OpeningBackend): Promise<DashboardView> {
  const answer = await call(opening.backend.handlers, 'dashboard:get', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** The kept records' file of `dataDir`, a JSON value a line. */
async function recordLines(dataDir: string): Promise<unknown[]> {
  const text = await readFile(join(dataDir, FIRST_SCREEN_RECORDS_FILE), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

async function writeRecordLines(dataDir: string, lines: readonly unknown[]): Promise<void> {
  await writeFile(join(dataDir, FIRST_SCREEN_RECORDS_FILE), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

/**
 * The sample folder opened 60 days after its close (its dashboard worked out from the records kept),
 * not held; `order` is told when the store's parse may begin.
 */
async function openSixtyDaysLater(): Promise<{ opening: OpeningBackend; order: string[] }> {
  const { dataDir } = await sampleFolder();
  const later = new Date(now.getTime() + 60 * 86_400_000);
  const opening = openBackendShowingProgress(
    { dataDir, platform, clock: () => later, checkpointQuietMs: 60_000 },
    { keptAnswerWaitMs: 600_000 },
  );
  await opening.locked;
  const order: string[] = [];
  void opening.parseBegins.then(() => order.push('the store’s parse'));
  return { opening, order };
}

/** Lets the held open go on and returns the store's own dashboard (not provisional). */
async function storeOwn(opening: OpeningBackend, release: () => void): Promise<DashboardView> {
  release();
  opened.push(await opening.opened);
  const own = await dashboardOf(opening);
  expect(own.provisional).toBeUndefined();
  return own;
}

/** A dashboard without its provisional mark. */
function withoutMark(view: DashboardView): Omit<DashboardView, 'provisional'> {
  const { provisional, ...rest } = view;
  void provisional;
  return rest;
}

/** Opens `dataDir` held and checks the kept answer is not used: the dashboard waits for the store; returns its answer. */
async function storeAnswers(dataDir: string, clock = () => now): Promise<DashboardView> {
  const { opening, release } = openHeld(dataDir, clock);
  await opening.locked;
  const answer = dashboardOf(opening);
  const race = await Promise.race([answer.then(() => 'answered'), new Promise((r) => setTimeout(r, 200, 'waiting'))]);
  expect(race).toBe('waiting');
  release();
  await opening.opened;
  opened.push(opening.backend);
  const own = await answer;
  expect(own.provisional).toBeUndefined();
  return own;
}

describe('the first screen kept for the next start', () => {
  it('is written at close, bound to the journal head as it stands on disk', async () => {
    const { dataDir, dashboard } = await sampleFolder();
    const kept = JSON.parse(await readFile(join(dataDir, FIRST_SCREEN_FILE), 'utf8')) as {
      journal: { seq: number; hash: string };
      dashboards: DashboardView[];
    };
    const store = await openStore({ dataDir, clock: () => now, backupOnFirstChange: false });
    expect(kept.journal).toEqual(store.head());
    await store.close();
    expect(await journalHeadOnDisk(dataDir)).toEqual(kept.journal);
    expect(kept.dashboards.map((d) => d.today)).toEqual(['2026-06-20', '2026-06-21']);
    expect(kept.dashboards[0]).toEqual(dashboard);
  });

  it('on the next day (closed at night, opened in the morning) it answers with that day’s, as the store would', async () => {
    const { dataDir } = await sampleFolder();
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const { opening, release } = openHeld(dataDir, () => tomorrow);
    await opening.locked;
    const kept = await dashboardOf(opening);
    expect(kept.today).toBe('2026-06-21');
    expect(kept.provisional).toBeDefined();
    expect(withoutMark(kept)).toEqual(await storeOwn(opening, release));
  });

  it('answers dashboard:get as provisional while the store opens, then the store answers it', async () => {
    const { dataDir, dashboard } = await sampleFolder();
    const { opening, release, parsing } = openHeld(dataDir);
    await opening.locked;
    const first = await dashboardOf(opening);
    // Served before the checkpoint was parsed, with the store still opening.
    expect(parsing()).toBe(false);
    expect((await call(opening.backend.handlers, 'store:status', {})).ok).toBe(true);
    expect(opening.backend.status().status).toBe('opening');
    expect(first.provisional?.keptAt).toBe(now.toISOString());
    expect(withoutMark(first)).toEqual(dashboard);
    // Once the page has it, the open goes on (here the test's own hold stands for the rest of the open).
    expect(await storeOwn(opening, release)).toEqual(dashboard);
  });

  it('the open goes on once the page has both its first answers: the kept dashboard and the status', async () => {
    const { dataDir } = await sampleFolder();
    const opening = openBackendShowingProgress(
      { dataDir, platform, clock: () => now, checkpointQuietMs: 60_000 },
      { keptAnswerWaitMs: 600_000 },
    );
    let isOpen = false;
    void opening.opened.then(() => (isOpen = true));
    await opening.locked;
    expect((await dashboardOf(opening)).provisional).toBeDefined();
    // The page has its dashboard but not yet the status it shows its frame on: the open still waits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isOpen).toBe(false);
    const status = await call(opening.backend.handlers, 'store:status', {});
    expect(status.ok && status.value.status).toBe('opening');
    opened.push(await opening.opened);
    expect((await dashboardOf(opening)).provisional).toBeUndefined();
  });

  it('any other request lets the open go on at once: it needs the store', async () => {
    const { dataDir } = await sampleFolder();
    // Were it held for the page, the wait for one would outlast the test.
    const opening = openBackendShowingProgress(
      { dataDir, platform, clock: () => now, checkpointQuietMs: 60_000 },
      { keptAnswerWaitMs: 600_000 },
    );
    await opening.locked;
    const members = await call(opening.backend.handlers, 'members:list', {});
    opened.push(await opening.opened);
    expect(members.ok).toBe(true);
  });

  it('on any later day it is worked out from the records kept at the close, and is the store’s own answer', async () => {
    const { dataDir } = await sampleFolder();
    const later = new Date(now.getTime() + 60 * 86_400_000);
    const { opening, release, parsing } = openHeld(dataDir, () => later);
    await opening.locked;
    const workedOut = await dashboardOf(opening);
    expect(parsing()).toBe(false);
    expect(workedOut.today).toBe('2026-08-19');
    expect(workedOut.provisional).toEqual({ keptAt: now.toISOString(), from: 'records' });
    expect(withoutMark(workedOut)).toEqual(await storeOwn(opening, release));
  });

  it('on a later day the page’s other first requests wait for the dashboard worked out from the records, then for the store', async () => {
    const { opening, order } = await openSixtyDaysLater();
    const dashboard = dashboardOf(opening).then((d) => {
      order.push('dashboard');
      return d;
    });
    // The page asks for its settings and offers beside the dashboard: they need the store, after the dashboard.
    const settings = call(opening.backend.handlers, 'settings:get', {}).then(() => order.push('settings'));
    expect((await dashboard).provisional?.from).toBe('records');
    opened.push(await opening.opened);
    await settings;
    expect(order).toEqual(['dashboard', 'the store’s parse', 'settings']);
  });

  it('on a later day a page that asks for another screen first does not wait for the dashboard to be worked out', async () => {
    const { opening, order } = await openSixtyDaysLater();
    const members = call(opening.backend.handlers, 'members:list', {});
    // The parse is let go at once (a turn of the event loop), not after the dashboard is worked out (file reads).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['the store’s parse']);
    opened.push(await opening.opened);
    expect((await members).ok).toBe(true);
    // Given up or not, what the dashboard answers now is the store's own.
    expect((await dashboardOf(opening)).provisional).toBeUndefined();
  });

  it('the records kept give the store’s answer on every day, week by week, two years either side of the close', async () => {
    // Loaded in December: the quarterly report's September date is answered by an update, and a note follows it.
    const december = new Date('2026-12-07T09:00:00.000Z');
    const t = await testBackend(december);
    await t.ok('sample:load', {});
    const quarterly = (await t.ok('conditions:list', { search: 'every quarter' })).rows[0]!;
    await t.ok('conditions:setStatus', { id: quarterly.id, status: 'open', on: '2026-11-02', note: 'A note only.' });
    const dataDir = t.dataDir;
    await t.backend.close();
    const store = await openStore({ dataDir, clock: () => december, backupOnFirstChange: false });
    const state = store.state();
    await store.close();
    const kept = await readFile(join(dataDir, FIRST_SCREEN_RECORDS_FILE), 'utf8');
    // Smaller than the checkpoint: the collections the dashboard never reads and the texts it never shows are left out.
    expect(kept.length).toBeLessThan((await readFile(join(dataDir, 'db.json'), 'utf8')).length);
    expect(kept).not.toContain('approves a 12-month extension of the existing misconduct analytics pilot');
    const history = state.conditions.get(quarterly.id)!.history;
    expect(history.map((h) => h.answers)).toEqual(['', '2026-09-24', '']);
    let overdueSeen = 0;
    for (let week = -104; week <= 104; week++) {
      const day = new Date(december.getTime() + week * 7 * 86_400_000);
      const today = day.toISOString().slice(0, 10);
      const workedOut = await readFirstScreen(dataDir, day);
      expect(workedOut?.provisional?.from).toBe(week === 0 ? 'answer' : 'records');
      const own = getDashboard(state, today);
      expect(withoutMark(workedOut!), today).toEqual(own);
      overdueSeen += own.overdue.total;
    }
    // The weeks cover days with overdue conditions, not only an empty list.
    expect(overdueSeen).toBeGreaterThan(0);
  });

  it('without records kept for the journal’s head, a later day waits for the store', async () => {
    const { dataDir } = await sampleFolder();
    const dayAfter = new Date(now.getTime() + 2 * 86_400_000);
    await rm(join(dataDir, FIRST_SCREEN_RECORDS_FILE));
    expect((await storeAnswers(dataDir, () => dayAfter)).today).toBe('2026-06-22');
    await opened.pop()!.close();
    // Records kept for another head (a later close's, put back beside an older answer): not used either.
    const lines = await recordLines(dataDir);
    (lines[0] as { journal: { seq: number } }).journal.seq += 1;
    await writeRecordLines(dataDir, lines);
    // Another day again: that close kept its own day's answer.
    const weekAfter = new Date(now.getTime() + 7 * 86_400_000);
    await storeAnswers(dataDir, () => weekAfter);
  });

  it('a close with nothing changed since the records were kept does not write them again; a change does', async () => {
    const { dataDir } = await sampleFolder();
    const path = join(dataDir, FIRST_SCREEN_RECORDS_FILE);
    const before = await stat(path);
    const t = await testBackend(now, {}, dataDir);
    await t.backend.close();
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    const again = await testBackend(now, {}, dataDir);
    await again.ok('members:create', { name: 'Late Member', role: 'member' });
    await again.backend.close();
    const kept = await readFile(path, 'utf8');
    expect(kept).toContain('Late Member');
    expect((await recordLines(dataDir))[0]).toMatchObject({ journal: await journalHeadOnDisk(dataDir) });
  });

  it('records the dashboard cannot read are not used, and nothing fails', async () => {
    const { dataDir } = await sampleFolder();
    // A day of its own for each open: each close keeps its own day's answer.
    let days = 0;
    const dayAfter = () => new Date(now.getTime() + (days += 2) * 86_400_000);
    const path = join(dataDir, FIRST_SCREEN_RECORDS_FILE);
    const lines = await recordLines(dataDir);
    const [head, settings, ...rest] = lines;
    const conditionsAt = rest.findIndex((line) => (line as unknown[])[0] === 'conditions');
    expect(conditionsAt).toBeGreaterThan(-1);
    const withConditions = (records: unknown): unknown[] =>
      [head, settings, ...rest].map((line, i) => (i === conditionsAt + 2 ? ['conditions', records] : line));
    for (const spoilt of [
      withConditions([{ id: 'cnd_x', status: 'open' }]),
      withConditions(null),
      [{ ...(head as object), formatVersion: 999 }, settings, ...rest],
      // A line left out: the count at the end says so.
      [head, settings, ...rest.filter((_, i) => i !== conditionsAt)],
      [head, settings, ['members', 'not records'], ...rest],
    ]) {
      await writeRecordLines(dataDir, spoilt);
      const day = dayAfter();
      await storeAnswers(dataDir, () => day);
      await opened.pop()!.close();
    }
    // Cut short: not used, and the next close writes them whole again (the same head or not).
    await writeFile(path, '{"format":"boardkeeper.first-screen-records"');
    const day = dayAfter();
    await storeAnswers(dataDir, () => day);
    await opened.pop()!.close();
    expect((await recordLines(dataDir))[0]).toMatchObject({ format: 'boardkeeper.first-screen-records' });
    expect((await readFile(path, 'utf8')).endsWith(`${JSON.stringify(lines.at(-1))}\n`)).toBe(true);
    const later = dayAfter();
    const { opening, release } = openHeld(dataDir, () => later);
    await opening.locked;
    expect((await dashboardOf(opening)).provisional?.from).toBe('records');
    release();
    opened.push(await opening.opened);
  });

  it('is not used once the journal has moved on from it', async () => {
    const { dataDir } = await sampleFolder();
    const kept = await readFile(join(dataDir, FIRST_SCREEN_FILE));
    // A change made by a run that did not keep its answer (it stopped without closing): the old file is back.
    const t = await testBackend(now, {}, dataDir);
    await t.ok('members:create', { name: 'Late Member', role: 'member' });
    await t.backend.close();
    await writeFile(join(dataDir, FIRST_SCREEN_FILE), kept);
    await storeAnswers(dataDir);
  });

  it('an unfinished last journal line does not move the head it is bound to (the open sets that line aside)', async () => {
    const { dataDir } = await sampleFolder();
    const before = await journalHeadOnDisk(dataDir);
    const newest = (await readdir(join(dataDir, 'journal')))
      .filter((n) => /^\d{12}\.jsonl$/.test(n))
      .sort()
      .at(-1)!;
    await appendFile(join(dataDir, 'journal', newest), '{"seq":999,"time":"2026-06-20T09:');
    expect(await journalHeadOnDisk(dataDir)).toEqual(before);
    const { opening, release } = openHeld(dataDir);
    await opening.locked;
    expect((await dashboardOf(opening)).provisional).toBeDefined();
    release();
    const backend = await opening.opened;
    opened.push(opening.backend);
    expect(backend.status().seq).toBe(before!.seq);
    expect(backend.status().warnings.map((w) => w.code)).toContain('torn_journal_line');
  });

  it('a last journal line longer than the first read of the segment’s end (64 KB) is found whole, as the store finds it', async () => {
    const dataDir = await longLastLineFolder();
    const head = await storeHead(dataDir);
    expect(await journalHeadOnDisk(dataDir)).toEqual(head);
    // So the kept answer, bound to it, is used.
    const { opening, release } = openHeld(dataDir);
    await opening.locked;
    expect((await dashboardOf(opening)).provisional).toBeDefined();
    release();
    opened.push(await opening.opened);
    expect(opening.backend.status().seq).toBe(head.seq);
  });

  it('a torn last line longer than 64 KB, or a short one after a line that long, leaves the head where the open finds it', async () => {
    const long = await longLastLineFolder();
    const longHead = await journalHeadOnDisk(long);
    await appendFile(await newestSegment(long), '{"seq":999,"time":"2026-06-20T09:');
    expect(await journalHeadOnDisk(long)).toEqual(longHead);
    expect(await storeHead(long)).toEqual(longHead);

    const { dataDir } = await sampleFolder();
    const before = await journalHeadOnDisk(dataDir);
    await appendFile(
      await newestSegment(dataDir),
      `{"seq":999,"time":"2026-06-20T09:00:00.000Z","notes":"${'£'.repeat(40_000)}`,
    );
    expect(await journalHeadOnDisk(dataDir)).toEqual(before);
    expect(await storeHead(dataDir)).toEqual(before);
  });

  it('a kept answer edited by hand is shown only until the store opens, and the difference is logged', async () => {
    const { dataDir, dashboard } = await sampleFolder();
    const path = join(dataDir, FIRST_SCREEN_FILE);
    const kept = JSON.parse(await readFile(path, 'utf8')) as { dashboards: DashboardView[] };
    const forged = Object.fromEntries(Object.keys(dashboard.conditionsByStatus).map((k) => [k, 999]));
    kept.dashboards[0] = { ...kept.dashboards[0]!, conditionsByStatus: forged as DashboardView['conditionsByStatus'] };
    await writeFile(path, JSON.stringify(kept));
    const errors: string[] = [];
    const { opening, release } = openHeld(dataDir, () => now, errors);
    await opening.locked;
    expect((await dashboardOf(opening)).conditionsByStatus).toEqual(forged);
    release();
    opened.push(await opening.opened);
    const own = await dashboardOf(opening);
    expect(own).toEqual(dashboard);
    expect(own.conditionsByStatus).not.toEqual(forged);
    expect(errors).toContain('first-screen');
  });

  it('a file that is not a kept answer is not used', async () => {
    const { dataDir } = await sampleFolder();
    for (const text of ['', '{"format":"boardkeeper.first-screen"}', 'not json', '[]', 'null']) {
      await writeFile(join(dataDir, FIRST_SCREEN_FILE), text);
      await storeAnswers(dataDir);
      // Its close writes a good one again.
      await opened.pop()!.close();
      await rm(join(dataDir, FIRST_SCREEN_FILE), { force: true });
    }
  });
});
