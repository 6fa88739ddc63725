// The reminder ledger after catch-ups: fired reminders one entry each (the notification centre
// lists them), the occurrences they supersede one `settled` entry per deadline plan, moved on in
// place by each later catch-up; so the ledger grows with what was notified, never with the length
// of an absence. Real backend, real data folder, fake clock and timers.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CheckpointAdapter } from '../../electron/backend/store/checkpoint.ts';
import type { LedgerEntry } from '../../shared/schema/deadlines.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { openWithFakeTime as open } from '../helpers/schedulerHarness.ts';

/** The reminder ledger in the folder's checkpoint (the backend writes one at close). */
async function ledgerOnDisk(dataDir: string): Promise<LedgerEntry[]> {
  const read = (await new CheckpointAdapter(join(dataDir, 'db.json')).read()) as {
    state: { reminderLedger: LedgerEntry[] };
  };
  return read.state.reminderLedger;
}

const YEAR = 365 * 86_400_000;

describe('the reminder ledger over long absences', () => {
  it('grows by one fired entry per deadline at each catch-up, however long the absence: superseded ones are one entry per plan, moved on', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2026-06-01T10:00:00.000Z') };
    const deadlines = 6;
    const keys: string[] = [];
    const first = await open(dataDir, clock);
    try {
      await first.timers.run(1000);
      for (let i = 0; i < deadlines; i++) {
        // The board's lead times (90, 30, 7, 1 and 0 days before), due within the coming weeks.
        const made = await first.ok('deadlines:createManual', {
          title: `Annual return ${i + 1}`,
          due: `2026-07-${10 + i}`,
        });
        keys.push(made.id);
      }
      await first.timers.run(5000);
      expect(first.notices).toEqual([]);
    } finally {
      await first.backend.close();
    }
    expect(await ledgerOnDisk(dataDir)).toEqual([]);

    // Away one year, then three, then ten more: each return delivers one reminder per deadline (its latest
    // overdue week) and supersedes the rest (its lead times, the week before).
    const settledBefore = new Map<string, LedgerEntry>();
    let catchUps = 0;
    for (const years of [1, 3, 10]) {
      clock.now += years * YEAR;
      const back = await open(dataDir, clock);
      try {
        await back.timers.run(1000);
        await vi.waitFor(() => expect(back.notices).toHaveLength(1), { timeout: 15_000 });
        expect(back.notices[0]).toMatchObject({
          count: deadlines,
          message: `${deadlines} reminders while you were away`,
        });
        expect(back.notices[0]!.items.every((item) => item.kind === 'overdue')).toBe(true);
        // A deadline's page lists the reminders sent and, in one line, those superseded.
        const page = await back.ok('deadlines:get', { key: keys[0]! });
        expect(page.past.filter((o) => o.outcome === 'fired')).toHaveLength(catchUps + 1);
        expect(page.past.filter((o) => o.outcome === 'superseded')).toMatchObject([
          { kind: 'settled', offset: catchUps + 5 },
        ]);
      } finally {
        await back.backend.close();
      }
      catchUps++;
      const ledger = await ledgerOnDisk(dataDir);
      const fired = ledger.filter((e) => e.outcome === 'fired');
      const settled = ledger.filter((e) => e.kind === 'settled');
      // Bounded: the fired ones so far, and one settled entry per deadline plan, nothing else.
      expect(fired).toHaveLength(deadlines * catchUps);
      expect(settled).toHaveLength(deadlines);
      expect(ledger).toHaveLength(deadlines * (catchUps + 1));
      for (const e of settled) {
        expect(e).toMatchObject({ outcome: 'superseded', id: `rem_settled|${e.deadlineKey}|${e.due}` });
        // Moved on in place: the same entry, at a later instant, standing for more occurrences.
        const before = settledBefore.get(e.id);
        if (before !== undefined) {
          expect(e.createdAt).toBe(before.createdAt);
          expect(Date.parse(e.at)).toBeGreaterThan(Date.parse(before.at));
          expect(e.offset).toBe(before.offset + 1);
        } else {
          // The first catch-up superseded the 30, 7, 1 and 0-day reminders and the week before the one sent.
          expect(e.offset).toBe(5);
        }
        settledBefore.set(e.id, e);
        // The reminder just sent is later than every occurrence it superseded.
        const sent = fired.filter((x) => x.deadlineKey === e.deadlineKey).map((x) => x.at);
        expect(sent.sort().at(-1)! > e.at).toBe(true);
      }
    }
  }, 60_000);

  it('a condition entered today with a due date in 2024 is overdue at once and told once in the app; its old reminders are never notified, and after a year away one reminder comes', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2026-12-07T10:00:00.000Z') };
    const h = await open(dataDir, clock);
    let conditionId: string;
    try {
      await h.timers.run(1000);
      const decision = await h.ok('decisions:create', {
        title: 'Body-worn video retention',
        date: '2024-02-01',
        outcome: 'approved_with_conditions',
      });
      conditionId = (
        await h.ok('conditions:create', {
          decisionId: decision.id,
          wording: 'Report on the retention audit',
          owner: { name: 'The force' },
          due: '2024-05-01',
        })
      ).id;
      // Overdue from its own date, not from when it was typed.
      const overdue = await h.ok('deadlines:list', { window: 'overdue' });
      expect(overdue.rows.map((r) => r.due)).toEqual(['2024-05-01']);
      await h.timers.run(5000);
      await vi.waitFor(() => expect(h.events).toHaveLength(1));
      expect(h.events[0]).toMatchObject({ kind: 'arrivals', count: 1, items: [{ due: '2024-05-01' }] });
      // Two and a half years of lead times and weekly repeats: not one notification.
      expect(h.notices).toEqual([]);
    } finally {
      await h.backend.close();
    }
    expect((await ledgerOnDisk(dataDir)).map((e) => [e.kind, e.outcome])).toEqual([['arrival', 'summarised']]);

    // A year away: one reminder (the latest weekly repeat), the weeks between superseded in one entry.
    clock.now += YEAR;
    const later = await open(dataDir, clock);
    try {
      await later.timers.run(1000);
      await vi.waitFor(() => expect(later.notices).toHaveLength(1), { timeout: 15_000 });
      expect(later.notices[0]!.items).toMatchObject([{ due: '2024-05-01', kind: 'overdue' }]);
      expect(later.events.filter((e) => e.kind === 'arrivals')).toEqual([]);
      const centre = await later.ok('reminders:list', { show: 'all' });
      expect(centre.total).toBe(1);
      const still = await later.ok('conditions:get', { id: conditionId });
      expect(still.overdue).toBe(true);
    } finally {
      await later.backend.close();
    }
    const ledger = await ledgerOnDisk(dataDir);
    expect(ledger.map((e) => [e.kind, e.outcome]).sort()).toEqual([
      ['arrival', 'summarised'],
      ['overdue', 'fired'],
      ['settled', 'superseded'],
    ]);
    const settled = ledger.find((e) => e.kind === 'settled')!;
    const fired = ledger.find((e) => e.outcome === 'fired')!;
    // Every occurrence before the one sent is settled, and none from before the condition was entered.
    expect(settled.at < fired.at).toBe(true);
    expect(Date.parse(settled.at)).toBeGreaterThan(Date.parse('2026-12-07T10:00:00.000Z'));
  }, 60_000);
});
