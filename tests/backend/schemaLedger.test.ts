// The migration that records superseded reminder occurrences as one `settled` entry per deadline
// plan, on a data folder as version 12 wrote it (tests/fixtures/schema-v12-ledger: three manual
// deadlines, two catch-ups' fired and superseded occurrences, a reminder dismissed ahead in the
// journal's tail after a sealed checkpoint).
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CheckpointAdapter } from '../../electron/backend/store/checkpoint.ts';
import { openStore } from '../../electron/backend/store/store.ts';
import { OccurrenceLedger } from '../../shared/caches/occurrenceLedger.ts';
import { isRecorded } from '../../shared/rules/reminders.ts';
import type { LedgerEntry } from '../../shared/schema/deadlines.ts';
import { MIGRATIONS } from '../../shared/schema/migrations.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import { openWithFakeTime } from '../helpers/schedulerHarness.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Found by what it does, not by its number: the lead renumbers migrations at merge. */
const step = MIGRATIONS.find((m) => m.describe.startsWith('Reminder ledger: superseded occurrences'))!;

const A = 'ddl_annualreport01';
const B = 'ddl_auditresponse1';
const C = 'ddl_estatesreview1';

async function fixtureCopy(): Promise<string> {
  const dir = await tempDir();
  await cp(join(process.cwd(), 'tests', 'fixtures', 'schema-v12-ledger'), dir, { recursive: true });
  return dir;
}

/** The version 12 ledger: the checkpoint's and the journal tail's entries. */
async function version12Ledger(dir: string): Promise<LedgerEntry[]> {
  const raw = (await new CheckpointAdapter(join(dir, 'db.json')).read()) as {
    state: { schemaVersion: number; reminderLedger: LedgerEntry[] };
  };
  expect(raw.state.schemaVersion).toBe(12);
  return raw.state.reminderLedger;
}

describe('reminder ledger migration (superseded occurrences settled per plan)', () => {
  it('a version 12 folder opens at the current version with one settled entry per plan; fired and dismissed entries unchanged; every occurrence recorded before still is', async () => {
    const dir = await fixtureCopy();
    const checkpointed = await version12Ledger(dir);
    expect(checkpointed).toHaveLength(19);
    const store = await openStore({ dataDir: dir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
    try {
      expect(store.status()).toMatchObject({ status: 'ready', seq: 5, schemaVersion: CURRENT_SCHEMA_VERSION });
      const ledger = store.state().reminderLedger.values();
      const byId = new Map(ledger.map((e) => [e.id, e]));
      // 20 entries (13 superseded) become 12: 6 fired, 1 dismissed (the tail's), 5 plans settled.
      expect(ledger).toHaveLength(12);
      const dismissed = ledger.filter((e) => e.outcome === 'dismissed');
      expect(dismissed.map((e) => e.key)).toEqual([`${A}|lead|2026-03-31|1`]);
      for (const old of checkpointed.filter((e) => e.outcome !== 'superseded')) expect(byId.get(old.id)).toEqual(old);
      expect(ledger.filter((e) => e.outcome === 'superseded').sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        {
          id: `rem_settled|${A}|2026-03-31`,
          createdAt: '2026-03-25T10:00:00.000Z',
          updatedAt: '2026-03-25T10:00:00.000Z',
          key: `${A}|settled|2026-03-31|0`,
          deadlineKey: A,
          kind: 'settled',
          due: '2026-03-31',
          offset: 2,
          outcome: 'superseded',
          at: '2026-03-17T09:00:00.000Z',
        },
        {
          id: `rem_settled|${B}|2025-11-03`,
          createdAt: '2025-12-22T10:00:00.000Z',
          updatedAt: '2026-03-25T10:00:00.000Z',
          key: `${B}|settled|2025-11-03|0`,
          deadlineKey: B,
          kind: 'settled',
          due: '2025-11-03',
          offset: 4,
          outcome: 'superseded',
          at: '2026-03-16T09:00:00.000Z',
        },
        expect.objectContaining({ id: `rem_settled|${C}|2025-11-17`, offset: 3, at: '2025-12-15T09:00:00.000Z' }),
        expect.objectContaining({ id: `rem_settled|${C}|2025-12-15`, offset: 1, at: '2025-12-08T09:00:00.000Z' }),
        expect.objectContaining({ id: `rem_settled|${C}|2026-02-02`, offset: 3, at: '2026-03-16T09:00:00.000Z' }),
      ]);
      // Every occurrence version 12 had recorded (fired, superseded or dismissed) is dealt with still.
      const recorded = OccurrenceLedger.of(ledger);
      for (const old of checkpointed) expect(isRecorded(recorded, old), old.key).toBe(true);
      expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 5 });
    } finally {
      await store.close();
    }
    // Written at once at the new version.
    const raw = (await new CheckpointAdapter(join(dir, 'db.json')).read()) as {
      state: { schemaVersion: number; reminderLedger: unknown[] };
    };
    expect(raw.state).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(raw.state.reminderLedger).toHaveLength(12);
  });

  it('notifies no occurrence twice across the migration, even with the clock set back to before the last catch-up; the next ones fire once', async () => {
    const dir = await fixtureCopy();
    // The clock set back five days (before the last catch-up, 25 March 10:00): each deadline's latest
    // occurrence is then one version 12 recorded as superseded (A's 14-day reminder, B's week 19, C's week 6).
    const clock = { now: Date.parse('2026-03-20T10:00:00.000Z') };
    const h = await openWithFakeTime(dir, clock);
    try {
      await h.timers.run(60_000);
      expect(h.notices).toEqual([]);
      // An hour after the last catch-up: still nothing (A's 7-day, B's week 20 and C's week 7 fired then).
      h.clock.now = Date.parse('2026-03-25T11:00:00.000Z');
      h.power.emit('resume');
      await h.timers.run(60_000);
      expect(h.notices).toEqual([]);
      // 30 March: A's 1-day reminder was dismissed ahead; B's week 21 and C's week 8 come, once each.
      h.clock.now = Date.parse('2026-03-30T10:00:00.000Z');
      h.power.emit('resume');
      await vi.waitFor(() => expect(h.notices).toHaveLength(1), { timeout: 15_000 });
      expect(h.notices[0]!.items.map((i) => i.key).sort()).toEqual([
        `${B}|overdue|2025-11-03|21`,
        `${C}|overdue|2026-02-02|8`,
      ]);
      h.power.emit('resume');
      await h.timers.run(60_000);
      expect(h.notices).toHaveLength(1);
    } finally {
      await h.backend.close();
    }
  });

  it('shrinks a ledger of tens of thousands of superseded entries to one per plan, keeping the others as they are', () => {
    const entries: Array<Record<string, unknown>> = [];
    let n = 0;
    const plans = 8000;
    for (let p = 0; p < plans; p++) {
      const deadlineKey = `cnd:cnd_${p}:2024-05-01`;
      for (let week = 1; week <= 6; week++) {
        const at = new Date(Date.parse('2024-05-01T08:00:00.000Z') + week * 7 * 86_400_000).toISOString();
        entries.push({
          id: `rem_${n++}`,
          createdAt: '2026-03-01T10:00:00.000Z',
          updatedAt: '2026-03-01T10:00:00.000Z',
          key: `${deadlineKey}|overdue|2024-05-01|${week}`,
          deadlineKey,
          kind: 'overdue',
          due: '2024-05-01',
          offset: week,
          outcome: week === 6 ? 'fired' : 'superseded',
          at,
        });
      }
    }
    const doc = { schemaVersion: step.from, deadlines: [], reminderLedger: entries };
    const migrated = step.migrate(doc) as { reminderLedger: Array<Record<string, unknown>>; deadlines: unknown[] };
    expect(entries.filter((e) => e.outcome === 'superseded')).toHaveLength(40_000);
    expect(migrated.reminderLedger).toHaveLength(2 * plans);
    expect(migrated.deadlines).toBe(doc.deadlines);
    expect(migrated.reminderLedger.filter((e) => e.outcome === 'fired')).toEqual(
      entries.filter((e) => e.outcome === 'fired'),
    );
    expect(migrated.reminderLedger.find((e) => e.id === 'rem_settled|cnd:cnd_7:2024-05-01|2024-05-01')).toMatchObject({
      kind: 'settled',
      offset: 5,
      at: '2024-06-05T08:00:00.000Z',
    });
    // A second run finds nothing more to compact.
    expect(step.migrate(migrated)).toEqual(migrated);
  });
});
