// The sample board, the dashboard and search, on a real data folder.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.ts';

async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the sample board', () => {
  it('loads the 2026 case with its real dates and links', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    expect((await t.ok('dashboard:get', {})).empty).toBe(true);
    const loaded = await t.ok('sample:load', {});
    expect(loaded).toMatchObject({ summary: 'Loaded the sample board', backup: null });
    expect((await t.ok('settings:get', {})).boardName).toBe('Policing Oversight Board');
    const june = (await t.ok('decisions:list', { search: 'PCD 2026-117' })).rows[0]!;
    const detail = await t.ok('decisions:get', { id: june.id });
    expect(detail.decision).toMatchObject({
      date: '2026-06-24',
      outcome: 'approved_with_conditions',
      status: 'signed',
    });
    expect(detail.conditions.map((c) => c.wording)).toEqual([
      'Report progress on the re-tender to the board every quarter',
      'Produce a data-export plan so another provider can take over',
      'Run a new competitive procurement for a long-term provider',
      'Award a new contract before the extension ends on 24 June 2027',
    ]);
    expect(detail.conditions.map((c) => c.due)).toEqual(['2026-12-24', '2026-12-24', '2027-03-31', '2027-06-24']);
    expect(detail.contracts).toMatchObject([{ title: 'Misconduct analytics pilot', route: 'direct_award' }]);
    expect(detail.later).toMatchObject([
      { kind: 'implements', title: 'Re-tender of the misconduct analytics service: progress noted' },
    ]);
    const blocked = (await t.ok('contracts:list', { search: 'Enterprise analytics' })).rows[0]!;
    expect(blocked).toMatchObject({
      initialValueGbp: 25_300_000,
      valueWithOptionsGbp: 50_100_000,
      status: 'blocked',
      directAward: true,
      termEnd: '',
      plannedMonths: 12,
    });
    const audit = await t.ok('audit:list', { page: 0, pageSize: 5 });
    expect(audit.entries[0]).toMatchObject({ summary: 'Loaded the sample board', actor: 'Secretariat' });
  });

  it('places follow-ups around now, so something is overdue and something is due soon, whenever it is loaded', async () => {
    for (const now of ['2026-11-27T09:00:00.000Z', '2027-05-25T08:00:00.000Z']) {
      const t = await testBackend(new Date(now));
      await t.ok('sample:load', {});
      const dash = await t.ok('dashboard:get', {});
      expect(dash.empty).toBe(false);
      expect(dash.overdue.length, now).toBeGreaterThan(0);
      expect(dash.dueSoon.length, now).toBeGreaterThan(0);
      expect(dash.nextMeeting?.title).toBe('Oversight board');
      expect(dash.nextMeeting?.pack).toEqual({ read: 0, total: 1 });
      expect(dash.directAwards.map((c) => c.reference).sort()).toEqual(['CTR-2025-019', 'CTR-2026-007']);
    }
  });

  it('is refused over existing data unless confirmed, and then backs up first', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    await t.ok('members:create', { name: 'Existing member', role: 'member' });
    const error = await t.refused('sample:load', {});
    expect(error).toMatchObject({ code: 'conflict', details: { needsConfirm: true } });
    expect(error.message).toMatch(/already holds 1 records.*a backup is made first/);
    const loaded = await t.ok('sample:load', { confirm: true });
    expect(loaded.backup).toMatchObject({ reason: 'before-sample', seq: 1 });
    expect((await t.ok('members:list', { search: 'Existing' })).rows).toHaveLength(1);
  });

  it('marking the data-export plan met changes the dashboard’s counts', async () => {
    const t = await testBackend(new Date('2027-01-10T09:00:00.000Z'));
    await t.ok('sample:load', {});
    const before = await t.ok('dashboard:get', {});
    const plan = before.overdue.find((r) => r.wording.startsWith('Produce a data-export plan'))!;
    await t.ok('conditions:setStatus', { id: plan.id, status: 'met', note: 'Plan received' });
    const after = await t.ok('dashboard:get', {});
    expect(after.overdue.length).toBe(before.overdue.length - 1);
    expect(after.conditionsByStatus.met).toBe(before.conditionsByStatus.met + 1);
  });
});

describe('search', () => {
  it('finds records by reference, title, wording and paper text, grouped by type, by index once built', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    await t.ok('sample:load', {});
    await waitFor(async () => (await t.ok('search:query', { q: 'pilot' })).source === 'index');
    const byWording = await t.ok('search:query', { q: 'competitive procurement' });
    expect(byWording.groups.find((g) => g.kind === 'decision')?.hits.map((h) => h.reference)).toContain('PCD 2026-117');
    const byPaperText = await t.ok('search:query', { q: '45,000 officers' });
    expect(byPaperText.groups.find((g) => g.kind === 'paper')?.hits.map((h) => h.reference)).toContain('PAP-2026-046');
    const prefix = await t.ok('search:query', { q: 'retend' });
    expect(prefix.total).toBe(0);
    const prefix2 = await t.ok('search:query', { q: 're-tend' });
    expect(prefix2.total).toBeGreaterThan(0);
    expect((await t.ok('search:query', { q: 'PCD 2026-094' })).groups[0]).toMatchObject({
      kind: 'decision',
      hits: [{ reference: 'PCD 2026-094' }],
    });
  });

  it('keeps the index up to date per change, and scans before it is ready', async () => {
    const t = await testBackend(new Date('2026-11-27T09:00:00.000Z'));
    const early = await t.ok('search:query', { q: 'anything' });
    expect(['scan', 'index']).toContain(early.source);
    await t.ok('sample:load', {});
    await waitFor(async () => (await t.ok('search:query', { q: 'pilot' })).source === 'index');
    const paper = await t.ok('papers:create', {
      reference: 'PAP-NEW',
      title: 'Zephyrine report',
      date: '2026-11-20',
      body: 'The quokka clause applies.',
    });
    await waitFor(async () => (await t.ok('search:query', { q: 'quokka' })).total === 1);
    await t.ok('papers:update', { id: paper.id, body: 'The wombat clause applies.' });
    await waitFor(async () => (await t.ok('search:query', { q: 'quokka' })).total === 0);
    expect((await t.ok('search:query', { q: 'wombat' })).groups[0]!.hits[0]!.snippet).toContain('wombat clause');
  });
});
