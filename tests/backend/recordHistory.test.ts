// A record's history (history:ofRecord) through the contract, on a real data folder: the journal
// entries that changed one record, newest first and paged; Undo offered on the newest exactly when
// the toast's Undo would succeed, and doing the same.
import { describe, expect, it } from 'vitest';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_DIR } from '../../electron/backend/store/backups.ts';
import { RecordIndex, recordsOfLine } from '../../electron/backend/store/recordIndex.ts';
import { testBackend } from '../helpers/backend.ts';

async function board() {
  const t = await testBackend();
  const decision = await t.ok('decisions:create', {
    reference: 'PCD 2026-117',
    title: 'Extension of the misconduct analytics pilot',
    date: '2026-06-24',
    outcome: 'approved_with_conditions',
    wording: 'The board approves a 12-month extension of the pilot.',
    decisionMaker: 'The oversight board',
  });
  const exportPlan = await t.ok('conditions:create', {
    decisionId: decision.id,
    wording: 'Produce a data-export plan so another provider can take over',
    owner: { name: 'The chief information officer' },
    due: '2026-10-31',
  });
  const retender = await t.ok('conditions:create', {
    decisionId: decision.id,
    wording: 'Run a new competitive procurement',
    owner: { name: 'The commercial director' },
    due: '2027-06-24',
  });
  return { ...t, decision, exportPlan, retender };
}

describe('a record’s history', () => {
  it('offers Undo on the newest change exactly as the toast does, and undoing from it is the toast’s undo', async () => {
    const { ok, refused, exportPlan } = await board();
    const before = (await ok('conditions:get', { id: exportPlan.id })).condition;
    // The change a toast would report, with its Undo (seq).
    const toast = await ok('conditions:update', { id: exportPlan.id, owner: { name: 'The data protection officer' } });
    const history = await ok('history:ofRecord', { target: 'conditions', id: exportPlan.id });
    expect(history.total).toBe(2);
    const [newest, created] = history.entries;
    expect(newest).toMatchObject({ seq: toast.seq, summary: toast.summary, actor: expect.any(String) });
    expect(newest!.undo).toEqual({ possible: true });
    expect(newest!.time).toBe('2026-06-20T09:00:00.000Z');
    expect(created!.summary).toMatch(/^Added a condition to PCD 2026-117/);
    expect(created!.undo).toEqual({
      possible: false,
      reason: `“${created!.summary}” cannot be undone: the record has changed since. Edit it instead.`,
    });
    // The reason listed is the very refusal undo gives.
    expect((await refused('history:undo', { seq: created!.seq })).message).toBe(
      (created!.undo as { reason: string }).reason,
    );

    const undone = await ok('history:undo', { seq: newest!.seq });
    expect(undone.summary).toBe(`Undid: ${toast.summary}`);
    const after = (await ok('conditions:get', { id: exportPlan.id })).condition;
    expect({ ...after, updatedAt: '' }).toEqual({ ...before, updatedAt: '' });

    // Now the undo is the newest: not offered (the toast offers no Undo of an undo), and the change it undid not either.
    const again = await ok('history:ofRecord', { target: 'conditions', id: exportPlan.id });
    expect(again.total).toBe(3);
    expect(again.entries.map((e) => e.summary)).toEqual([undone.summary, toast.summary, created!.summary]);
    expect(again.entries.every((e) => !e.undo.possible)).toBe(true);
    expect((await refused('history:undo', { seq: toast.seq })).message).toMatch(/has changed since/);
  });

  it('lists only the entries that changed the record, and says why a signed record’s change cannot be undone', async () => {
    const { ok, decision, exportPlan, retender } = await board();
    await ok('conditions:update', { id: retender.id, due: '2027-07-01' });
    await ok('conditions:update', { id: retender.id, due: '2027-07-02' });
    const mine = await ok('history:ofRecord', { target: 'conditions', id: exportPlan.id });
    expect(mine.total).toBe(1);
    expect(mine.entries.map((e) => e.seq)).toEqual([exportPlan.seq]);
    const theirs = await ok('history:ofRecord', { target: 'conditions', id: retender.id });
    expect(theirs.entries.map((e) => e.summary)).toEqual([
      expect.stringMatching(/./),
      expect.stringMatching(/./),
      expect.stringMatching(/^Added a condition to PCD 2026-117/),
    ]);
    expect(theirs.entries.map((e) => e.seq)).toEqual([...theirs.entries.map((e) => e.seq)].sort((a, b) => b - a));
    // Same id in another collection names nothing.
    expect((await ok('history:ofRecord', { target: 'decisions', id: retender.id })).total).toBe(0);

    await ok('decisions:sign', { id: decision.id, signatory: 'Sam Chair', signedOn: '2026-06-25' });
    const signed = await ok('history:ofRecord', { target: 'decisions', id: decision.id });
    expect(signed.entries[0]!.undo).toEqual({
      possible: false,
      reason: expect.stringMatching(/cannot be undone: the record is signed/),
    });
  });

  it('pages newest first with a total, bounds the page size, and answers the same from a reopened folder', async () => {
    const { ok, refused, backend, dataDir, exportPlan } = await board();
    for (let day = 1; day <= 24; day++) {
      await ok('conditions:update', { id: exportPlan.id, due: `2026-11-${String(day).padStart(2, '0')}` });
    }
    const pages = [];
    for (let page = 0; page < 3; page++) {
      pages.push(await ok('history:ofRecord', { target: 'conditions', id: exportPlan.id, page, pageSize: 10 }));
    }
    expect(pages.map((p) => [p.total, p.entries.length])).toEqual([
      [25, 10],
      [25, 10],
      [25, 5],
    ]);
    const seqs = pages.flatMap((p) => p.entries.map((e) => e.seq));
    expect(new Set(seqs).size).toBe(25);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(pages[0]!.entries.filter((e) => e.undo.possible).map((e) => e.seq)).toEqual([seqs[0]]);
    expect(
      (await ok('history:ofRecord', { target: 'conditions', id: exportPlan.id, page: 3, pageSize: 10 })).entries,
    ).toEqual([]);

    const tooMany = await refused('history:ofRecord', { target: 'conditions', id: exportPlan.id, pageSize: 51 });
    expect(tooMany.code).toBe('invalid_input');
    expect(tooMany.message).toMatch(/pageSize: must be at most 50/);
    expect((await refused('history:ofRecord', { target: 'nonsense', id: exportPlan.id })).message).toMatch(/^target: /);

    // A new run builds its index from the journal on disk: the same answer.
    await backend.close();
    const reopened = await testBackend(undefined, {}, dataDir);
    const first = await reopened.ok('history:ofRecord', { target: 'conditions', id: exportPlan.id, pageSize: 10 });
    expect(first).toEqual(pages[0]);
  });
});

describe('the index of entries by record, read ahead', () => {
  it('answers from memory once warmed (the journal could be gone), and a stopped one reads nothing', async () => {
    const { ok, backend, dataDir, exportPlan, retender } = await board();
    for (let day = 1; day <= 5; day++) {
      await ok('conditions:update', { id: exportPlan.id, due: `2026-11-${String(day).padStart(2, '0')}` });
    }
    const history = await ok('history:ofRecord', { target: 'conditions', id: exportPlan.id, pageSize: 50 });
    const head = backend.status().seq;
    await backend.close();

    const warmed = new RecordIndex(join(dataDir, JOURNAL_DIR));
    await warmed.warm(head);
    // Nothing left to read: the answer comes from memory even with the journal moved away.
    await rename(join(dataDir, JOURNAL_DIR), join(dataDir, 'journal-away'));
    const seqs = await warmed.seqsOf({ target: 'conditions', id: exportPlan.id }, head);
    expect([...seqs].reverse()).toEqual(history.entries.map((e) => e.seq));
    expect(await warmed.seqsOf({ target: 'conditions', id: retender.id }, head)).toHaveLength(1);
    await rename(join(dataDir, 'journal-away'), join(dataDir, JOURNAL_DIR));

    // Stopped (its store closing): the read-ahead ends without reading, and says nothing went wrong.
    const stopped = new RecordIndex(join(dataDir, JOURNAL_DIR));
    stopped.stop();
    await stopped.warm(head);
    expect(await stopped.seqsOf({ target: 'conditions', id: exportPlan.id }, head)).toEqual([]);
  });
});

describe('the record index’s lists', () => {
  it('answers as a plain list per record would, past the room it starts with (1,024 records, 4,096 changes)', async () => {
    const index = new RecordIndex('/nonexistent-journal');
    const plain = new Map<string, number[]>();
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const targets = ['conditions', 'decisions', 'reminderLedger'];
    for (let seq = 1; seq <= 6_000; seq++) {
      // One to three records an entry, sometimes the same one twice (kept once), from 3,000 records.
      const records = Array.from({ length: 1 + next(3) }, () => ({
        target: targets[next(3)]!,
        id: `r_${next(1_000)}`,
      }));
      index.add(seq, records);
      for (const r of records) {
        const list = plain.get(`${r.target}/${r.id}`) ?? [];
        if (list.at(-1) !== seq) list.push(seq);
        plain.set(`${r.target}/${r.id}`, list);
      }
    }
    // Not the next entry: left for a catch-up to read (none is read here).
    index.add(9_000, [{ target: 'conditions', id: 'r_1' }]);
    expect(plain.size).toBeGreaterThan(2_500);
    for (const head of [6_000, 3_001, 1]) {
      for (const [key, seqs] of plain) {
        const [target, id] = key.split('/') as [string, string];
        expect(await index.seqsOf({ target, id }, head)).toEqual(seqs.filter((s) => s <= head));
      }
    }
    expect(await index.seqsOf({ target: 'conditions', id: 'never' }, 6_000)).toEqual([]);
  });
});

describe('reading a journal line’s records for the index', () => {
  const line = (changes: unknown[]) =>
    JSON.stringify({ seq: 7, time: '2026-06-20T09:00:00.000Z', actor: 'A', summary: 'S', v: 12, changes, prev: '0' });

  it('skims the usual shape and parses any other, with the same answer as parsing', () => {
    const usual = line([
      {
        target: 'conditions',
        id: 'cnd_1',
        after: { id: 'cnd_1', note: 'a "quoted" {"target":"x"} text' },
        before: null,
      },
      { target: 'settings', id: 'settings', after: {}, before: {} },
    ]);
    expect(recordsOfLine(usual)).toEqual([
      { target: 'conditions', id: 'cnd_1' },
      { target: 'settings', id: 'settings' },
    ]);
    // Another key order: found by parsing the line whole.
    const reordered = line([{ id: 'dec_2', target: 'decisions', after: null, before: { id: 'dec_2' } }]);
    expect(recordsOfLine(reordered)).toEqual([{ target: 'decisions', id: 'dec_2' }]);
    // A record holding an object of that shape: the keys outnumber the changes, so the line is parsed.
    const nested = line([
      { target: 'papers', id: 'pap_3', after: { id: 'pap_3', link: { target: 'elsewhere', id: 'x' } }, before: null },
    ]);
    expect(recordsOfLine(nested)).toEqual([{ target: 'papers', id: 'pap_3' }]);
  });
});
