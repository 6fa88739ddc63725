// The reminder scheduler in the real backend, on a real data folder, with a
// fake clock, fake timers, a fake power monitor and a fake notifier.
import { describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, RESCHEDULE_QUIET_MS, SCHEDULER_ACTOR } from '../../electron/backend/reminders/scheduler.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { openWithFakeTime as open } from '../helpers/schedulerHarness.ts';

describe('the reminder scheduler', () => {
  it('ends a three-day sleep with one merged notification, delivered once', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2027-05-22T10:00:00.000Z') };
    const h = await open(dataDir, clock);
    try {
      await h.ok('sample:load', {});
      // Loading the sample sets off nothing, and the timer is armed, never beyond an hour.
      await h.timers.run(60_000);
      expect(h.notices).toEqual([]);
      await vi.waitFor(() => expect(h.timers.pending.size).toBe(1));

      // Asleep: no timer fires. Then the lid opens.
      h.clock.now = Date.parse('2027-05-25T10:00:00.000Z');
      h.power.emit('resume');
      await vi.waitFor(() => expect(h.notices).toHaveLength(1), { timeout: 15_000 });
      const notice = h.notices[0]!;
      expect(notice.count).toBeGreaterThan(1);
      expect(notice.message).toBe(`${notice.count} reminders while you were away`);
      expect(notice.titles).toContain('Award a new contract before the extension ends on 24 June 2027');
      expect(notice.items.find((i) => i.title.startsWith('Award a new contract'))).toMatchObject({
        kind: 'lead',
        offset: 30,
        due: '2027-06-24',
        source: { kind: 'condition' },
      });
      // The page gets the same notice as an event; before it, the in-app summary of what the sample brought
      // already overdue (never a system notification).
      expect(h.events.filter((e) => e.kind === 'reminders')).toEqual(h.notices);
      expect(h.events.filter((e) => e.kind === 'arrivals').map((e) => e.message)).toEqual([
        expect.stringMatching(/^\d+ obligations were already overdue when recorded$/),
      ]);
      // One per deadline, never two of the same one.
      expect(new Set(notice.items.map((i) => i.deadlineKey)).size).toBe(notice.count);

      // Unlocking the screen, or a timer, finds nothing more.
      h.power.emit('unlock-screen');
      await h.timers.run(30 * 60_000);
      expect(h.notices).toHaveLength(1);
      const centre = await h.ok('reminders:list', {});
      expect(centre.active).toBe(notice.count);
      expect(centre.rows.map((r) => r.key).sort()).toEqual(notice.items.map((i) => i.key).sort());
      expect(h.timers.delays.every((ms) => ms >= 0 && ms <= MAX_TIMER_MS)).toBe(true);

      // Dismissed from the notification centre: off the active list, still in the full one.
      await h.ok('deadlines:dismiss', { occurrence: centre.rows[0]!.key });
      expect((await h.ok('reminders:list', {})).active).toBe(notice.count - 1);
      const everything = await h.ok('reminders:list', { show: 'all' });
      expect(everything.rows.find((r) => r.key === centre.rows[0]!.key)).toMatchObject({ dismissed: true });
    } finally {
      await h.backend.close();
    }

    // A restart at the same moment delivers nothing again.
    const again = await open(dataDir, clock);
    try {
      await again.timers.run(1000);
      expect(again.notices).toEqual([]);
    } finally {
      await again.backend.close();
    }
  });

  it('while awake, fires each reminder at its time on the timer, one notice each', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2027-05-24T20:00:00.000Z') };
    const h = await open(dataDir, clock);
    try {
      await h.ok('sample:load', {});
      const created = await h.ok('deadlines:createManual', {
        title: 'Publish the decision notice',
        due: '2027-05-26',
        leadDays: [1],
      });
      // 12 hours awake: at 09:00 BST (08:00Z) on 25 May the timer fires on time.
      await h.timers.run(12 * 3_600_000);
      expect(h.notices).toHaveLength(1);
      expect(h.notices[0]!.message).toBe(`${h.notices[0]!.count} reminders`);
      expect(h.notices[0]!.items.map((i) => i.deadlineKey)).toContain(created.id);
      // The timer never waited more than an hour, even with nothing due for hours.
      expect(Math.max(...h.timers.delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
      expect(h.timers.delays.filter((ms) => ms === MAX_TIMER_MS).length).toBeGreaterThan(5);
    } finally {
      await h.backend.close();
    }
  });

  it('reaches a reminder added for a few minutes ahead before its hour is up', async () => {
    const clock = { now: Date.parse('2027-05-25T07:50:00.000Z') };
    const h = await open(await tempDir(), clock);
    try {
      expect(h.timers.delays.at(-1)).toBe(MAX_TIMER_MS);
      await h.ok('deadlines:createManual', { title: 'Sign the notice', due: '2027-05-25', leadDays: [0] });
      // A moment after the change, the timer is re-armed for 09:00 BST, ten minutes away.
      await h.timers.run(RESCHEDULE_QUIET_MS);
      await vi.waitFor(() => expect(h.timers.delays.at(-1)).toBe(10 * 60_000 - RESCHEDULE_QUIET_MS));
      await h.timers.run(10 * 60_000);
      expect(h.notices.map((n) => [n.message, n.body])).toEqual([['Sign the notice', 'Due today, 25 May 2027']]);
    } finally {
      await h.backend.close();
    }
  });

  it('sets off no old reminders when papers-due days or the lead times change; the next ones fire at their times', async () => {
    const clock = { now: Date.parse('2027-01-04T10:00:00.000Z') };
    const h = await open(await tempDir(), clock);
    try {
      await h.ok('sample:load', {});
      // Twelve monthly meetings, on the 15th from February 2027 to January 2028.
      const meetings: string[] = [];
      for (let i = 0; i < 12; i++) {
        const month = ((1 + i) % 12) + 1;
        const year = 2027 + Math.floor((1 + i) / 12);
        const date = `${year}-${String(month).padStart(2, '0')}-15`;
        meetings.push((await h.ok('meetings:create', { title: 'Board meeting', date })).id);
      }
      const papersDue = async (id: string) => (await h.ok('deadlines:get', { key: `mtg:${id}:papers` })).deadline.due;
      // 15 April 2027 is a Thursday; Good Friday and Easter Monday (26 and 29 March) do not fall in the week before.
      expect(await papersDue(meetings[2]!)).toBe('2027-04-08');

      // Away until 25 March, 12:00 (09:00 is past): waking delivers what came due meanwhile.
      h.clock.now = Date.parse('2027-03-25T12:00:00.000Z');
      h.power.emit('resume');
      await vi.waitFor(() => expect(h.notices.length).toBeGreaterThan(0), { timeout: 15_000 });
      await h.timers.run(61 * 60_000);
      const delivered = h.notices.length;
      const fired = (await h.ok('reminders:list', { show: 'all', pageSize: 500 })).total;

      // Papers due 7 working days before instead of 5: every papers-due date moves (and with it the
      // reminder keys), but nothing that came due before the change is owed now.
      await h.ok('settings:update', { papersDueWorkingDays: 7 });
      expect(await papersDue(meetings[2]!)).toBe('2027-04-06');
      await h.timers.run(61 * 60_000);
      h.power.emit('unlock-screen');
      await h.timers.run(60_000);
      expect(h.notices.slice(delivered)).toEqual([]);

      // A lead time of 14 days added to the board's: its reminders already past are not owed either.
      await h.ok('settings:update', { reminderLeadDays: [90, 30, 14, 7, 1, 0] });
      await h.timers.run(61 * 60_000);
      h.power.emit('unlock-screen');
      await h.timers.run(60_000);
      expect(h.notices.slice(delivered)).toEqual([]);
      expect((await h.ok('reminders:list', { show: 'all', pageSize: 500 })).total).toBe(fired);

      // The next reminders still fire, on the timer, each at its time.
      const open = (await h.ok('deadlines:list', { pageSize: 500 })).rows;
      const pending: Array<{ key: string; at: string; deadlineKey: string; kind: string; offset: number }> = [];
      for (const row of open) {
        for (const o of (await h.ok('deadlines:get', { key: row.key })).upcoming) {
          if (o.outcome === 'pending') pending.push({ ...o, deadlineKey: row.key });
        }
      }
      // The moved papers-due dates and the new lead time have reminders to come.
      expect(pending).toContainEqual(
        expect.objectContaining({
          deadlineKey: `mtg:${meetings[2]}:papers`,
          kind: 'lead',
          offset: 7,
          due: '2027-04-06',
        }),
      );
      expect(pending).toContainEqual(
        expect.objectContaining({ deadlineKey: `mtg:${meetings[3]}:papers`, kind: 'lead', offset: 14 }),
      );
      const instants = [...new Set(pending.map((o) => o.at))].sort().slice(0, 3);
      // 26 March (an overdue week of a milestone: the next after the change fires as normal), 29 March,
      // and 30 March, which brings the 7-day reminder of the moved papers-due date of 6 April.
      expect(instants).toEqual(['2027-03-26T09:00:00.000Z', '2027-03-29T08:00:00.000Z', '2027-03-30T08:00:00.000Z']);
      expect(pending).toContainEqual(
        expect.objectContaining({ key: `mtg:${meetings[2]}:papers|lead|2027-04-06|7`, at: instants[2] }),
      );
      for (const at of instants) {
        const before = h.notices.length;
        h.clock.now = Date.parse(at) - 30 * 60_000;
        await h.timers.run(29 * 60_000);
        expect(h.notices.length).toBe(before);
        await h.timers.run(2 * 60_000);
        expect(h.notices.length).toBe(before + 1);
        const notice = h.notices.at(-1)!;
        expect(notice.message).not.toMatch(/while you were away/);
        expect(notice.items.map((i) => i.key).sort()).toEqual(
          pending
            .filter((o) => o.at === at)
            .map((o) => o.key)
            .sort(),
        );
      }
    } finally {
      await h.backend.close();
    }
  });

  it('sets off no old reminder when an edit is undone: the record is known as it was from the undo on', async () => {
    const clock = { now: Date.parse('2027-01-04T10:00:00.000Z') };
    const h = await open(await tempDir(), clock);
    try {
      // Monday 15 February 2027: papers due five working days before, Monday 8 February.
      const meeting = (await h.ok('meetings:create', { title: 'Board meeting', date: '2027-02-15' })).id;
      const papers = `mtg:${meeting}:papers`;
      expect((await h.ok('deadlines:get', { key: papers })).deadline.due).toBe('2027-02-08');
      await h.timers.run(61 * 60_000);

      // Moved a month on the 31st of January; its 7-day reminder (1 February, 09:00) passes while it stands.
      h.clock.now = Date.parse('2027-01-31T10:00:00.000Z');
      const moved = await h.ok('meetings:update', { id: meeting, date: '2027-03-15' });
      h.clock.now = Date.parse('2027-02-02T10:00:00.000Z');
      h.power.emit('resume');
      await h.timers.run(61 * 60_000);
      const before = h.notices.length;

      // Undone on the 2nd: the papers are due on the 8th again, and the reminder of the 1st is not owed now.
      await h.ok('history:undo', { seq: moved.seq });
      expect((await h.ok('deadlines:get', { key: papers })).deadline.due).toBe('2027-02-08');
      await h.timers.run(61 * 60_000);
      h.power.emit('unlock-screen');
      await h.timers.run(60_000);
      expect(h.notices.slice(before)).toEqual([]);

      // The next one, a day before (7 February, 09:00), fires at its time.
      h.clock.now = Date.parse('2027-02-07T08:30:00.000Z');
      await h.timers.run(29 * 60_000);
      expect(h.notices.length).toBe(before);
      await h.timers.run(2 * 60_000);
      expect(h.notices.length).toBe(before + 1);
      expect(h.notices.at(-1)!.items.map((i) => i.key)).toEqual([`${papers}|lead|2027-02-08|1`]);
    } finally {
      await h.backend.close();
    }
  });

  it('in the app, catches up only once the first screen has its answers, never before them', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2027-05-22T10:00:00.000Z') };
    const h = await open(dataDir, clock);
    await h.ok('sample:load', {});
    await h.backend.close();

    // Three days later the app starts: the page's first requests are answered before any catch-up.
    clock.now = Date.parse('2027-05-25T10:00:00.000Z');
    const later = await open(dataDir, clock, [], 'after-first-screen');
    try {
      expect(await later.ok('store:status', {})).toMatchObject({ status: 'ready' });
      expect(await later.ok('dashboard:get', {})).toMatchObject({ empty: false });
      expect(later.notices).toEqual([]);
      expect((await later.ok('reminders:list', {})).active).toBe(0);
      // Then, the page quiet, the reminders that came due while it was closed are delivered.
      await later.backend.startupWorkBegun();
      await vi.waitFor(() => expect(later.notices).toHaveLength(1), { timeout: 10_000 });
      expect(later.notices[0]!.message).toMatch(/reminders while you were away$/);
    } finally {
      await later.backend.close();
    }
  });

  it('announces a catch-up recorded in many changes to the pages once, at its end', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2026-06-01T10:00:00.000Z') };
    const h = await open(dataDir, clock);
    try {
      await h.ok('sample:load', {});
      // Enough obligations that what comes due in two months is recorded in several changes (LEDGER_BATCH each).
      const decision = await h.ok('decisions:create', {
        title: 'Monthly reporting',
        date: '2026-05-20',
        outcome: 'approved_with_conditions',
      });
      // (A catch-up writes one entry per due occurrence and one per deadline plan with superseded ones.)
      for (let i = 0; i < 100; i++) {
        await h.ok('conditions:create', {
          decisionId: decision.id,
          wording: `Monthly report number ${i + 1}`,
          owner: { name: 'The force' },
          recurrence: { every: 'monthly', from: '2026-06-08', until: '2027-06-01' },
        });
      }
      await h.timers.run(5000);
    } finally {
      await h.backend.close();
    }

    clock.now = Date.parse('2026-09-01T10:00:00.000Z');
    const later = await open(dataDir, clock, [], 'after-first-screen');
    const changes: Array<{ seq: number; targets: readonly string[] }> = [];
    later.backend.on('data:changed', (payload) => changes.push(payload));
    try {
      const before = (await later.ok('audit:list', { pageSize: 1 })).total;
      await later.backend.startupWorkBegun();
      await vi.waitFor(() => expect(later.notices).toHaveLength(1), { timeout: 20_000 });
      const audit = await later.ok('audit:list', { pageSize: 200 });
      const recorded = audit.entries
        .slice(0, audit.total - before)
        .filter((e) => e.actor === SCHEDULER_ACTOR && /fired/.test(e.summary));
      // Not a test of one change: the catch-up took several (each at most LEDGER_BATCH ledger entries).
      expect(recorded.length).toBeGreaterThanOrEqual(2);
      // Announced one by one, each made every open page read its reminders again (minutes at ten-year scale).
      const ledgerEvents = changes.filter((c) => c.targets.includes('reminderLedger'));
      expect(ledgerEvents).toHaveLength(1);
      expect(ledgerEvents[0]!.seq).toBe(Math.max(...recorded.map((e) => e.seq)));
    } finally {
      await later.backend.close();
    }
  });

  it('tells obligations already overdue when recorded once, in the app only, and never notifies their old dates', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2026-12-06T10:00:00.000Z') };
    const h = await open(dataDir, clock);
    let conditionId: string;
    try {
      await h.timers.run(1000);
      const decision = await h.ok('decisions:create', {
        title: 'Extension of the pilot',
        date: '2026-06-24',
        outcome: 'approved_with_conditions',
      });
      const made = await h.ok('conditions:create', {
        decisionId: decision.id,
        wording: 'Report progress every quarter',
        owner: { name: 'The force' },
        recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-06-24' },
      });
      conditionId = made.id;
      // In the overdue list at once.
      const overdue = await h.ok('deadlines:list', { window: 'overdue' });
      expect(overdue.rows.map((r) => r.due)).toEqual(['2026-09-24']);
      // A moment later the scheduler tells it once, in the app: no system notification.
      await h.timers.run(5000);
      await vi.waitFor(() => expect(h.events).toHaveLength(1));
      expect(h.events[0]).toMatchObject({
        kind: 'arrivals',
        count: 1,
        message: '1 obligation was already overdue when recorded',
        items: [{ due: '2026-09-24' }],
      });
      expect(h.notices).toEqual([]);
      // A chase note changes nothing of that; nothing more is told.
      await h.ok('conditions:setStatus', { id: conditionId, status: 'open', note: 'Not received yet' });
      await h.timers.run(5000);
      expect(h.events).toHaveLength(1);
    } finally {
      await h.backend.close();
    }
    // Eight days on, restarted: the weekly overdue reminder, counted from when it was recorded, is the only
    // notification; nothing for any time before the condition was recorded, and no second summary.
    clock.now = Date.parse('2026-12-14T10:00:00.000Z');
    const later = await open(dataDir, clock);
    try {
      await later.timers.run(5000);
      expect(later.events.filter((e) => e.kind === 'arrivals')).toEqual([]);
      const fired = await later.ok('reminders:list', { show: 'all' });
      for (const row of fired.rows)
        expect(Date.parse(row.at)).toBeGreaterThanOrEqual(Date.parse('2026-12-06T10:00:00.000Z'));
      // The first weekly repeat, a week after the condition was recorded (13 December, 09:00 GMT).
      expect(later.notices.flatMap((n) => n.items.map((i) => [i.due, i.kind, i.offset]))).toEqual([
        ['2026-09-24', 'overdue', 1],
      ]);
      expect(later.notices[0]!.body).toBe('Overdue since 24 September 2026 (11 weeks)');
      expect(fired.rows.map((r) => r.at)).toEqual(['2026-12-13T09:00:00.000Z']);
    } finally {
      await later.backend.close();
    }
  });
});
