// The deadline channels on a real data folder, over the sample board on 25 May 2027.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../shared/schema/settings.ts';
import { testBackend } from '../helpers/backend.ts';

const NOW = new Date('2027-05-25T08:00:00.000Z');

async function sampleBackend() {
  let now = new Date('2027-05-20T10:00:00.000Z');
  const t = await testBackend(() => now);
  await t.ok('sample:load', {});
  now = NOW;
  return { t };
}

describe('deadlines:list', () => {
  it('lists overdue and due-soon deadlines, by window, grouped by owner or contract, paged', async () => {
    const { t } = await sampleBackend();
    const all = await t.ok('deadlines:list', { pageSize: 500 });
    expect(all.today).toBe('2027-05-25');
    expect(all.counts.overdue).toBeGreaterThan(0);
    expect(all.counts.month).toBeGreaterThan(0);
    expect(all.rows.every((r) => r.status === 'open')).toBe(true);
    const overdue = await t.ok('deadlines:list', { window: 'overdue' });
    expect(overdue.total).toBe(all.counts.overdue);
    // The notification centre reads the same counts with its reminders (one request, not two).
    const centre = await t.ok('reminders:list', {});
    expect(centre.deadlines).toEqual({ overdue: all.counts.overdue, week: all.counts.week });
    expect(overdue.rows.every((r) => r.band === 'overdue' && r.due < '2027-05-25')).toBe(true);
    expect(overdue.rows.map((r) => r.title)).toContain('Produce a data-export plan so another provider can take over');
    // The quarterly report's dates count whenever the sample was loaded: 24 December 2026 has no report (the
    // September one is recorded as received), so it is late, as the Conditions list says.
    expect(
      overdue.rows
        .filter((r) => r.title === 'Report progress on the re-tender to the board every quarter')
        .map((r) => r.due),
    ).toEqual(['2026-12-24']);
    const conditionsLate = (await t.ok('conditions:list', { due: 'overdue' })).rows.map((r) => r.wording).sort();
    expect(
      overdue.rows
        .filter((r) => r.source.kind === 'condition')
        .map((r) => r.title)
        .sort(),
    ).toEqual(conditionsLate);
    const month = await t.ok('deadlines:list', { window: '30' });
    expect(month.rows.map((r) => r.title)).toContain('Award a new contract before the extension ends on 24 June 2027');
    expect(month.rows.every((r) => r.due >= '2027-05-25' && r.due <= '2027-06-24')).toBe(true);

    const byContract = await t.ok('deadlines:list', { groupBy: 'contract', window: 'all', pageSize: 500 });
    expect(byContract.rows.map((r) => r.group)).toEqual([...byContract.rows.map((r) => r.group)].sort());
    expect(byContract.rows.filter((r) => r.group === 'CTR-2025-019').length).toBeGreaterThan(3);
    const owner = "The police force's commercial director";
    const mine = await t.ok('deadlines:list', { owner, groupBy: 'owner' });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.owner === owner && r.group === owner)).toBe(true);
    expect(all.owners).toContain(owner);
    const paged = await t.ok('deadlines:list', { page: 1, pageSize: 2 });
    expect(paged.rows).toHaveLength(2);
    expect(paged.rows).toEqual(all.rows.slice(2, 4));
    const closed = await t.ok('deadlines:list', { status: 'closed', source: 'contract' });
    expect(
      closed.rows.every((r) => r.status === 'closed' && r.closedReason !== '' && r.source.kind === 'contract'),
    ).toBe(true);
  });
});

describe('a derived deadline', () => {
  it('is not edited by hand: the refusal points to its source', async () => {
    const { t } = await sampleBackend();
    const award = (await t.ok('deadlines:list', { window: '30' })).rows.find((r) => r.title.startsWith('Award'))!;
    const refused = await t.refused('deadlines:updateManual', { key: award.key, due: '2027-07-01' });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toBe(
      '“Award a new contract before the extension ends on 24 June 2027” follows its source, the condition of PCD 2026-117: change its date, owner or status there, and the deadline follows.',
    );
    expect(refused.details).toMatchObject({ derived: true, source: { kind: 'condition', id: award.source.id } });
    expect((await t.refused('deadlines:closeManual', { key: award.key, status: 'done' })).code).toBe('conflict');
  });

  it('takes its own lead times, a snooze and a dismissed reminder, shown on its page', async () => {
    const { t } = await sampleBackend();
    const award = (await t.ok('deadlines:list', { window: '30' })).rows.find((r) => r.title.startsWith('Award'))!;
    await t.ok('deadlines:setReminders', { key: award.key, leadDays: [7, 14, 2] });
    let detail = await t.ok('deadlines:get', { key: award.key });
    expect(detail.deadline).toMatchObject({ leadDays: [14, 7, 2], ownLeadDays: true, derived: true });
    expect(detail.upcoming.map((o) => [o.kind, o.offset, o.outcome])).toEqual([
      ['lead', 14, 'pending'],
      ['lead', 7, 'pending'],
      ['lead', 2, 'pending'],
      ['overdue', 1, 'pending'],
      ['overdue', 2, 'pending'],
      ['overdue', 3, 'pending'],
    ]);
    await t.ok('deadlines:dismiss', { occurrence: detail.upcoming[0]!.key });
    detail = await t.ok('deadlines:get', { key: award.key });
    expect(detail.upcoming[0]?.outcome).toBe('dismissed');
    await t.ok('deadlines:snooze', { key: award.key, for: 'until', until: '2027-06-20' });
    detail = await t.ok('deadlines:get', { key: award.key });
    expect(detail.deadline.snoozedUntil).toBe('2027-06-20T08:00:00.000Z');
    expect(detail.upcoming.map((o) => [o.kind, o.at])[0]).toEqual(['snooze', '2027-06-20T08:00:00.000Z']);
    expect(
      (await t.refused('deadlines:snooze', { key: award.key, for: 'until', until: '2027-05-01' })).message,
    ).toContain('must be a date still to come');
    await t.ok('deadlines:setReminders', { key: award.key, leadDays: null });
    expect((await t.ok('deadlines:get', { key: award.key })).deadline.leadDays).toEqual([90, 30, 7, 1, 0]);
  });
});

describe('settings that shape deadlines', () => {
  it('stamp when the papers-due rule or the lead times last changed, and each deadline is known from then', async () => {
    let now = new Date('2027-05-20T10:00:00.000Z');
    const t = await testBackend(() => now);
    await t.ok('sample:load', {});
    const meeting = await t.ok('meetings:create', { title: 'Board meeting', date: '2027-09-15' });
    const papers = `mtg:${meeting.id}:papers`;
    const manual = await t.ok('deadlines:createManual', { title: 'Send the annual report', due: '2027-08-31' });
    const own = await t.ok('deadlines:createManual', { title: 'Own reminders', due: '2027-08-31', leadDays: [3] });
    const award = (await t.ok('deadlines:list', { window: '90' })).rows.find((r) => r.title.startsWith('Award'))!;
    const since = async (key: string) => (await t.ok('deadlines:get', { key })).deadline.since;
    const loaded = '2027-05-20T10:00:00.000Z';
    expect(await t.ok('settings:get', {})).toMatchObject({ papersDueRuleChangedAt: '', leadDaysChangedAt: '' });

    // Other settings leave the stamps alone.
    now = new Date('2027-05-21T10:00:00.000Z');
    await t.ok('settings:update', { boardName: 'Audit Committee', reminderTime: '08:30', callInWorkingDays: 7 });
    expect(await t.ok('settings:get', {})).toMatchObject({ papersDueRuleChangedAt: '', leadDaysChangedAt: '' });

    // Papers due 7 working days before: the papers-due deadlines are known from now; others as before.
    now = new Date('2027-05-22T10:00:00.000Z');
    await t.ok('settings:update', { papersDueWorkingDays: 7 });
    expect(await t.ok('settings:get', {})).toMatchObject({
      papersDueRuleChangedAt: '2027-05-22T10:00:00.000Z',
      leadDaysChangedAt: '',
    });
    expect(await since(papers)).toBe('2027-05-22T10:00:00.000Z');
    expect(await since(award.key)).toBe(loaded);
    expect(await since(manual.id)).toBe(loaded);

    // The same value again changes nothing: nothing is journaled and the stamp stays.
    now = new Date('2027-05-23T10:00:00.000Z');
    const seq = t.backend.status().seq;
    await t.ok('settings:update', { papersDueWorkingDays: 7, reminderLeadDays: [90, 30, 7, 1, 0] });
    expect(t.backend.status().seq).toBe(seq);
    expect((await t.ok('settings:get', {})).papersDueRuleChangedAt).toBe('2027-05-22T10:00:00.000Z');

    // The holidays place papers-due dates too.
    const holidays: Array<[string, SettingsPatch]> = [
      ['2027-05-24T10:00:00.000Z', { extraHolidays: ['2027-09-10'] }],
      ['2027-05-25T10:00:00.000Z', { removedHolidays: ['2027-08-30'] }],
      ['2027-05-26T10:00:00.000Z', { holidayRegion: 'scotland' }],
    ];
    for (const [at, patch] of holidays) {
      now = new Date(at);
      await t.ok('settings:update', patch);
      expect(await since(papers)).toBe(at);
    }
    expect(await since(award.key)).toBe(loaded);

    // The board's lead times: every deadline that uses them is known from now, but not one with its own.
    now = new Date('2027-05-27T10:00:00.000Z');
    await t.ok('settings:update', { reminderLeadDays: [90, 30, 14, 7, 1, 0] });
    expect(await t.ok('settings:get', {})).toMatchObject({
      papersDueRuleChangedAt: '2027-05-26T10:00:00.000Z',
      leadDaysChangedAt: '2027-05-27T10:00:00.000Z',
    });
    for (const key of [papers, award.key, manual.id]) expect(await since(key)).toBe('2027-05-27T10:00:00.000Z');
    expect(await since(own.id)).toBe(loaded);

    // Undoing a change of a rule changes it back: known from the undo on.
    now = new Date('2027-05-28T10:00:00.000Z');
    const saved = await t.ok('settings:update', { papersDueWorkingDays: 3 });
    expect(saved.papersDueRuleChangedAt).toBe('2027-05-28T10:00:00.000Z');
    now = new Date('2027-05-28T11:00:00.000Z');
    await t.ok('history:undo', { seq: t.backend.status().seq });
    expect(await t.ok('settings:get', {})).toMatchObject({
      papersDueWorkingDays: 7,
      papersDueRuleChangedAt: '2027-05-28T11:00:00.000Z',
      leadDaysChangedAt: '2027-05-27T10:00:00.000Z',
    });

    // The stamps are the backend's: a patch cannot set them.
    for (const input of [{ papersDueRuleChangedAt: '' }, { leadDaysChangedAt: '2027-01-01T00:00:00.000Z' }]) {
      const refused = await t.refused('settings:update', input);
      expect(refused.code).toBe('invalid_input');
      expect(refused.details?.issues?.[0]?.field).toBe('(input)');
    }
  });
});

describe('manual deadlines', () => {
  it('are created, edited, closed and reopened, with checks on their links', async () => {
    const { t } = await sampleBackend();
    const saved = await t.ok('deadlines:createManual', {
      title: 'Send the annual report to the commissioner',
      due: '2027-06-30',
      owner: { memberId: null, name: 'Head of secretariat', email: 'secretariat@board.example' },
    });
    await t.ok('deadlines:updateManual', { key: saved.id, due: '2027-07-15' });
    let detail = await t.ok('deadlines:get', { key: saved.id });
    expect(detail.deadline).toMatchObject({
      due: '2027-07-15',
      derived: false,
      status: 'open',
      source: { kind: 'manual' },
    });
    await t.ok('deadlines:closeManual', { key: saved.id, status: 'done' });
    detail = await t.ok('deadlines:get', { key: saved.id });
    expect(detail.deadline).toMatchObject({ status: 'closed', closedReason: 'Done' });
    expect(detail.upcoming).toEqual([]);
    const bad = await t.refused('deadlines:createManual', { title: '', due: '2027-02-30', contractId: 'ctr_nope' });
    expect(bad.code).toBe('invalid_input');
    expect(
      (await t.refused('deadlines:createManual', { title: 'x', due: '2027-06-01', contractId: 'ctr_nope' })).code,
    ).toBe('not_found');
  });
});

describe('chasing and the calendar', () => {
  it('drafts the chasing e-mail for a deadline', async () => {
    const { t } = await sampleBackend();
    const award = (await t.ok('deadlines:list', { window: '30' })).rows.find((r) => r.title.startsWith('Award'))!;
    const chase = await t.ok('deadlines:chase', { key: award.key });
    expect(chase.subject).toBe(
      'PCD 2026-117: Award a new contract before the extension ends on 24 June 2027 (due 24 June 2027)',
    );
    expect(chase.to).toBe('');
    expect(chase.mailto.startsWith('mailto:?subject=')).toBe(true);
    expect(chase.body).toContain('Policing Oversight Board');
  });

  it('exports the filtered deadlines as .ics that ical.js reads', async () => {
    const { t } = await sampleBackend();
    const owner = "The police force's commercial director";
    const list = await t.ok('deadlines:list', { owner, pageSize: 500 });
    const ics = await t.ok('deadlines:ics', { owner });
    expect(ics.count).toBe(list.total);
    expect(ics.filename).toBe('deadlines-2027-05-25.ics');
    const calendar = new ICAL.Component(ICAL.parse(ics.text));
    expect(
      calendar
        .getAllSubcomponents('vevent')
        .map((e) => e.getFirstPropertyValue('summary'))
        .sort(),
    ).toEqual(list.rows.map((r) => r.title).sort());
  });
});
