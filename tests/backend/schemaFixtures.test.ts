// One test per schema version: a data folder as that version wrote it opens,
// migrates to the current version, is checkpointed at once, and holds the same records.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointAdapter } from '../../electron/backend/store/checkpoint.ts';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import { MIGRATIONS } from '../../shared/schema/migrations.ts';
import { missedDue } from '../../shared/rules/conditionRules.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import { tempDir } from '../helpers/tempDir.ts';

const fixtures = join(process.cwd(), 'tests', 'fixtures');

/** A temp copy of the data folder `tests/fixtures/<name>`. */
async function fixtureCopy(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(fixtures, name), dir, { recursive: true });
  return dir;
}

/**
 * Opens the store on `dir` and checks it is ready at the current version with a checkpoint at
 * entry `seq`, its last: migrated, so a checkpoint of the new version was written at once.
 */
async function openMigrated(dir: string, seq: number): Promise<Store> {
  const store = await openStore({ dataDir: dir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
  expect(store.status()).toMatchObject({
    status: 'ready',
    seq,
    checkpointSeq: seq,
    schemaVersion: CURRENT_SCHEMA_VERSION,
  });
  return store;
}

describe('schema version fixtures', () => {
  it('version 1 (checkpoint at entry 2, one entry after it) opens at the current version', async () => {
    const dir = await fixtureCopy('schema-v1');
    const store = await openMigrated(dir, 3);
    const onDisk = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(onDisk.state.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const state = store.state();
    expect(state.settings).toMatchObject({ boardName: 'Policing Oversight Board', quorum: 3, callInWorkingDays: 5 });
    expect(state.members.get('mem_chair')).toEqual({
      id: 'mem_chair',
      createdAt: '2026-06-24T09:00:00.000Z',
      updatedAt: '2026-06-24T09:00:00.000Z',
      name: 'Chair of the board',
      role: 'chair',
      jobTitle: '',
      email: '',
      interests: [],
      activeFrom: '',
      activeTo: '',
    });
    // The entry after the old checkpoint was replayed from the journal before migrating.
    expect(state.contracts.get('ctr_pilot')).toMatchObject({
      title: 'Misconduct analytics pilot',
      suppliers: ['(unknown supplier)'],
    });
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 3 });
  });

  it('version 2 (members, a meeting, a paper with its text as a blob, a loose contract) opens at the current version', async () => {
    const dir = await fixtureCopy('schema-v2');
    const store = await openMigrated(dir, 5);
    const state = store.state();
    expect(state.settings).toMatchObject({
      quorum: 2,
      decisionReferencePattern: 'PCD {yyyy}-{seq:3}',
      holidayRegion: 'england-and-wales',
    });
    expect(state.members.values().map((m) => m.name)).toEqual(['Chair of the board']);
    const [meeting] = state.meetings.values();
    const [paper] = state.papers.values();
    expect(meeting!.agenda[0]!.paperIds).toEqual([paper!.id]);
    expect((await store.blobs.get(paper!.versions[0]!.body!)).toString()).toBe('# Extension\n\nApprove.');
    expect(state.contracts.get('ctr_pilot')).toMatchObject({
      title: 'Misconduct analytics pilot',
      suppliers: ['(unknown supplier)'],
      route: 'open',
      notes: expect.stringMatching(/check the supplier/),
    });
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 5, blobsChecked: 1 });
  });

  it('migration 1 -> 2 turns each old record into the new shape', () => {
    const step = MIGRATIONS.find((m) => m.from === 1)!;
    const at = '2026-05-01T10:00:00.000Z';
    const old = {
      schemaVersion: 1,
      settings: { boardName: 'B', timeZone: 'Europe/London', localUserName: 'S' },
      members: [{ id: 'mem_a', createdAt: at, updatedAt: at, role: 'treasurer' }],
      meetings: [{ id: 'mtg_a', createdAt: at, updatedAt: at, title: ' Board meeting ', date: 'not a date' }],
      papers: [{ id: 'pap_a', createdAt: at, updatedAt: at, classification: 'confidential' }],
    };
    const migrated = step.migrate(old);
    expect(migrated.settings).toEqual({ ...old.settings, quorum: 3 });
    expect(migrated.members).toEqual([
      {
        id: 'mem_a',
        createdAt: at,
        updatedAt: at,
        name: '(unnamed member)',
        role: 'member',
        email: '',
        interests: [],
        activeFrom: '',
        activeTo: '',
      },
    ]);
    expect(migrated.meetings).toEqual([
      {
        id: 'mtg_a',
        createdAt: at,
        updatedAt: at,
        title: 'Board meeting',
        date: '2026-05-01',
        time: '',
        place: '',
        remote: false,
        status: 'planned',
        agenda: [],
        attendance: [],
      },
    ]);
    expect(migrated.papers).toMatchObject([
      {
        reference: 'pap_a',
        title: '(untitled paper)',
        classification: 'confidential',
        versions: [{ version: 1, body: null }],
      },
    ]);
    expect(migrated.paperMarks).toEqual([]);
  });

  it('version 3 (the sample board as loaded by version 3) opens at the current version', async () => {
    const dir = await fixtureCopy('schema-v3');
    const store = await openMigrated(dir, 1);
    const state = store.state();
    expect(state.settings).toMatchObject({
      boardName: 'Policing Oversight Board',
      reminderLeadDays: [90, 30, 7, 1, 0],
      reminderTime: '09:00',
      papersDueWorkingDays: 5,
    });
    expect(
      state.decisions
        .values()
        .map((d) => d.reference)
        .sort(),
    ).toEqual(['PCD 2026-094', 'PCD 2026-117', 'PCD-FOLLOW-01']);
    expect(state.conditions.size).toBe(6);
    expect(state.minutes.size).toBe(0);
    expect(state.deadlines.size).toBe(0);
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 1, blobsChecked: 6 });
  });

  it('version 4 (checkpoint with its state hash at entry 6, one settings change after it) opens at the current version', async () => {
    const dir = await fixtureCopy('schema-v4');
    // The checkpoint's hash matches its state: only the version tells the store to migrate and validate it.
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ stateVerified: true, state: { schemaVersion: 4 } });
    expect((raw!.state as { settings: object }).settings).not.toHaveProperty('papersDueRuleChangedAt');

    const store = await openMigrated(dir, 7);
    const state = store.state();
    // The settings as version 4 left them (the change after the checkpoint replayed), with the later fields empty.
    expect(state.settings).toEqual({
      boardName: 'Policing Oversight Board',
      timeZone: 'Europe/London',
      localUserName: 'Secretariat',
      quorum: 3,
      decisionReferencePattern: 'PCD {yyyy}-{seq:3}',
      callInWorkingDays: 5,
      holidayRegion: 'scotland',
      extraHolidays: [],
      removedHolidays: [],
      reminderLeadDays: [60, 14, 1, 0],
      reminderTime: '09:00',
      papersDueWorkingDays: 7,
      papersDueRuleChangedAt: '',
      leadDaysChangedAt: '',
      // Version 7: no OCDS prefix set yet.
      ocdsPrefix: '',
      // Version 11: no supplier aliases yet.
      supplierAliases: [],
    });
    expect(
      state.deadlines
        .values()
        .map((d) => d.source)
        .sort(),
    ).toEqual(['derived', 'manual']);
    expect(state.reminderLedger.values().map((e) => e.outcome)).toEqual(['dismissed']);
    expect(state.minutes.values().map((m) => m.opening)).toEqual(['The chair welcomed members.']);
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 7, blobsChecked: 6 });

    // Written at once at the current version; opened again, it is the same state.
    const onDisk = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(onDisk.state.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(onDisk.state.settings).toMatchObject({ papersDueRuleChangedAt: '', leadDaysChangedAt: '' });
    await store.close();
    const again = await openStore({ dataDir: dir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
    expect(again.state().settings).toEqual(state.settings);
    expect(again.status()).toMatchObject({ seq: 7, checkpointSeq: 7 });
    await again.close();
  });

  it('migration 4 -> 5 adds the settings change times, empty', () => {
    const step = MIGRATIONS.find((m) => m.from === 4)!;
    const settings = { boardName: 'B', papersDueWorkingDays: 7, reminderLeadDays: [30, 0] };
    const old = { schemaVersion: 4, settings, meetings: [{ id: 'mtg_a' }] };
    expect(step.migrate(old)).toEqual({
      schemaVersion: 4,
      settings: { ...settings, papersDueRuleChangedAt: '', leadDaysChangedAt: '' },
      meetings: [{ id: 'mtg_a' }],
    });
  });

  it('version 5 (text with control characters, checkpoint at entry 5, one settings change after it) opens at the current version with them removed', async () => {
    const dir = await tempDir();
    await cp(join(fixtures, 'schema-v5'), dir, { recursive: true });
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ stateVerified: true, state: { schemaVersion: 5 } });
    expect(JSON.stringify(raw!.state)).toContain('Chair\\u0000 of the board');

    const store = await openStore({ dataDir: dir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
    expect(store.status()).toMatchObject({
      status: 'ready',
      seq: 6,
      checkpointSeq: 6,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    });
    const state = store.state();
    // The change after the checkpoint (a local user name with a backspace) was replayed, then cleaned.
    expect(state.settings).toMatchObject({ boardName: 'PolicingOversight Board', localUserName: 'Clerk to the board' });
    const [member] = state.members.values();
    expect(member).toMatchObject({ name: 'Chair of the board', interests: ['Adviser to the supplier'] });
    const [meeting] = state.meetings.values();
    expect(meeting).toMatchObject({ title: 'Board meetingDTSTART:19700101', place: 'Room 1' });
    const [paper] = state.papers.values();
    expect(paper).toMatchObject({ title: 'Extension request' });
    const [decision] = state.decisions.values();
    // Tabs and newlines stay; CR, SOH, ESC and the lone surrogate go.
    expect(decision).toMatchObject({
      title: 'Approve[31m the extension',
      wording: 'Line one\nline two\n\ttabbed  lone',
      reference: 'PCD 2027-001',
    });
    expect((await store.blobs.get(paper!.versions[0]!.body!)).toString()).toBe('# Body\n\ntab\there');
    // Nothing in the state holds a control character any more.
    const onDisk = await readFile(join(dir, 'db.json'), 'utf8');
    expect(JSON.parse(onDisk).state.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(JSON.stringify(JSON.parse(onDisk).state)).not.toMatch(
      /\\u00[01][0-9a-f]|\\ud800|[\u0080-\u009f\u2028\u2029]/i,
    );
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 6 });
    await store.close();
  });

  it('migration 5 -> 6 removes controls other than tab and newline from every string, and keeps a required text non-empty', () => {
    const step = MIGRATIONS.find((m) => m.from === 5)!;
    const old = {
      schemaVersion: 5,
      settings: { boardName: 'Board\u2028X', quorum: 3 },
      members: [{ id: 'mem_a', name: '\u0007', interests: ['a\u0085b', 'c\ud83d\ude00d'] }],
      decisions: [
        { id: 'dec_a', wording: 'one\r\ntwo\tthree\u000b\u000c\u007f\u2029\udc00', votes: null, keyDecision: true },
      ],
    };
    const paper = (name: string) => ({
      id: 'pap_a',
      versions: [{ version: 1, attachments: [{ blob: 'b', name, type: 'application/pdf', bytes: 1 }] }],
    });
    expect(step.migrate({ ...old, papers: [paper('invoice\u202efdp.exe'), paper('\u200b\u2066')] }).papers).toEqual([
      paper('invoicefdp.exe'),
      paper('attachment'),
    ]);
    expect(step.migrate(old)).toEqual({
      schemaVersion: 5,
      settings: { boardName: 'BoardX', quorum: 3 },
      members: [{ id: 'mem_a', name: '\ufffd', interests: ['ab', 'c\ud83d\ude00d'] }],
      decisions: [{ id: 'dec_a', wording: 'one\ntwo\tthree', votes: null, keyDecision: true }],
    });
  });

  it('version 6 (checkpoint at entry 5, one settings change after it) opens at the current version, its records unchanged in meaning', async () => {
    const dir = await fixtureCopy('schema-v6');
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ stateVerified: true, state: { schemaVersion: 6 } });

    const store = await openMigrated(dir, 6);
    const state = store.state();
    expect(state.settings.boardName).toBe('West Policing Oversight Board');
    const contracts = new Map(state.contracts.values().map((c) => [c.reference, c]));
    // The old "total value" is the value with options; the initial value was never recorded.
    expect(contracts.get('CTR-2026-007')).toMatchObject({
      kind: 'held',
      annualValueGbp: 25_300_000,
      initialValueGbp: null,
      valueWithOptionsGbp: 50_100_000,
      termEnd: '2027-03-31',
      plannedMonths: null,
    });
    expect(contracts.get('EXT-NHS-330')).toMatchObject({ kind: 'held', valueWithOptionsGbp: 330_000_000 });
    // An option exercised under version 6 did not move the end: the stored end is the end as let.
    const custody = contracts.get('CTR-OLD-1')!;
    expect(custody).toMatchObject({ termEnd: '2026-01-31', initialValueGbp: null, valueWithOptionsGbp: 3_000_000 });
    expect(custody.extensionOptions).toMatchObject([{ months: 1, exercised: true, exercisedOn: '' }]);
    // The signatory is who signed it in the app, on the day of the sign-off in London: what the notice printed.
    const decisions = new Map(state.decisions.values().map((d) => [d.reference, d]));
    expect(decisions.get('PCD 2026-117')).toMatchObject({
      signatory: 'Secretariat',
      signatoryMemberId: null,
      signedOn: '2026-06-25',
      signedBy: 'Secretariat',
      confidential: false,
    });
    expect(decisions.get('PCD 2025-001')).toMatchObject({
      status: 'signed',
      signatory: 'Secretariat',
      signedOn: '2027-05-20',
    });
    expect(decisions.get('PCD-FOLLOW-01')).toMatchObject({ status: 'draft', signatory: '', signedOn: '' });
    expect(state.members.values().every((m) => m.jobTitle === '')).toBe(true);
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 6 });
    await store.close();
  });

  it('migration 6 -> 7 keeps the old total value as the value with options and dates signatures in the board zone', () => {
    const step = MIGRATIONS.find((m) => m.from === 6)!;
    const old = {
      schemaVersion: 6,
      settings: { timeZone: 'Europe/London' },
      members: [{ id: 'mem_a', name: 'A' }],
      decisions: [
        { id: 'dec_a', status: 'signed', signedBy: 'Clerk', signedAt: '2026-06-24T23:30:00.000Z' },
        { id: 'dec_b', status: 'draft', signedBy: '', signedAt: null },
      ],
      contracts: [{ id: 'ctr_a', totalValueGbp: 7, extensionOptions: [{ id: 'opt_a', exercised: true }] }],
    };
    expect(step.migrate(old)).toEqual({
      schemaVersion: 6,
      settings: { timeZone: 'Europe/London' },
      members: [{ id: 'mem_a', name: 'A', jobTitle: '' }],
      decisions: [
        {
          id: 'dec_a',
          status: 'signed',
          signedBy: 'Clerk',
          signedAt: '2026-06-24T23:30:00.000Z',
          // 00:30 on 25 June in London.
          signatory: 'Clerk',
          signatoryMemberId: null,
          signedOn: '2026-06-25',
          confidential: false,
        },
        {
          id: 'dec_b',
          status: 'draft',
          signedBy: '',
          signedAt: null,
          signatory: '',
          signatoryMemberId: null,
          signedOn: '',
          confidential: false,
        },
      ],
      contracts: [
        {
          id: 'ctr_a',
          kind: 'held',
          initialValueGbp: null,
          valueWithOptionsGbp: 7,
          plannedMonths: null,
          extensionOptions: [{ id: 'opt_a', exercised: true, exercisedOn: '' }],
        },
      ],
    });
  });

  it('version 7 (checkpoint at entry 3, one contract added after it) opens at the current version with ocids and the OCDS prefix empty', async () => {
    const dir = await fixtureCopy('schema-v7');
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ stateVerified: true, state: { schemaVersion: 7 } });
    const store = await openMigrated(dir, 4);
    const state = store.state();
    expect(state.settings).toMatchObject({ boardName: 'Policing Oversight Board', ocdsPrefix: '' });
    expect(
      state.contracts
        .values()
        .map((c) => [c.reference, c.ocid])
        .sort(),
    ).toEqual([
      ['CTR 2026/04', ''],
      ['CTR 2026/05', ''],
    ]);
    const onDisk = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(onDisk.state.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 4 });
    await store.close();
  });

  it('migration 7 -> 8 gives every contract an empty ocid and the settings an empty OCDS prefix', () => {
    const step = MIGRATIONS.find((m) => m.from === 7)!;
    const old = { schemaVersion: 7, settings: { boardName: 'B' }, contracts: [{ id: 'ctr_a', reference: 'C1' }] };
    expect(step.migrate(old)).toEqual({
      schemaVersion: 7,
      settings: { boardName: 'B', ocdsPrefix: '' },
      contracts: [{ id: 'ctr_a', reference: 'C1', ocid: '' }],
    });
  });
  it('version 8 (the sample board, a note on its quarterly report, a partly met plan) opens at the current version', async () => {
    const dir = await fixtureCopy('schema-v8');
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ state: { schemaVersion: 8 } });
    const store = await openMigrated(dir, 3);
    const state = store.state();
    const quarterly = state.conditions.get('cnd_b055314081053838')!;
    // Loaded on 27 November 2026; the note of 2 December answered, in order, the first date after that day.
    expect(quarterly.learnedAt).toBe('2026-11-27T09:00:00.000Z');
    expect(quarterly.ongoing).toBe(false);
    expect(quarterly.history.map((h) => [h.on, h.answers, h.evidenceFile])).toEqual([
      ['2026-11-27', '', null],
      ['2026-12-02', '2026-12-24', null],
    ]);
    // What version 8 hid (due before the board was loaded) now counts: 24 September is owed.
    expect(missedDue(quarterly, '2026-12-06')).toBe('2026-09-24');
    const plan = state.conditions.get('cnd_28c6f700840059e8')!;
    expect(plan.history.map((h) => [h.status, h.on, h.answers])).toEqual([
      ['open', '2026-11-27', ''],
      ['partially_met', '2026-12-03', ''],
    ]);
    const report = await store.verify();
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
    await store.close();
  });

  it('migration 8 -> 9 gives each update the date it answered (in order, after the day recorded) and the day it happened', () => {
    const step = MIGRATIONS.find((m) => m.from === 8)!;
    const h = (at: string) => ({ status: 'open', at, by: 'S', note: '', evidencePaperId: null });
    const old = {
      schemaVersion: 8,
      settings: { timeZone: 'Europe/London' },
      conditions: [
        {
          id: 'cnd_q',
          createdAt: '2026-11-27T09:00:00.000Z',
          updatedAt: '2026-12-02T10:00:00.000Z',
          recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-03-24' },
          due: '',
          // Recorded, then three updates: they answered 24 December and 24 March; the third had none left.
          history: [
            h('2026-11-27T09:00:00.000Z'),
            h('2026-12-01T23:30:00.000Z'),
            h('2027-01-05T10:00:00.000Z'),
            h('2027-04-01T10:00:00.000Z'),
          ],
        },
        {
          id: 'cnd_o',
          createdAt: '2026-07-01T09:00:00.000Z',
          updatedAt: '2026-07-01T09:00:00.000Z',
          recurrence: null,
          due: '2026-08-01',
          history: [h('2026-07-02T09:00:00.000Z')],
        },
      ],
    };
    const migrated = step.migrate(old) as {
      conditions: Array<{ learnedAt: string; ongoing: boolean; history: Array<{ on: string; answers: string }> }>;
    };
    expect(migrated.conditions[0]!.history.map((x) => [x.on, x.answers])).toEqual([
      ['2026-11-27', ''],
      // 23:30 UTC on 1 December is 1 December in London (GMT in winter).
      ['2026-12-01', '2026-12-24'],
      ['2027-01-05', '2027-03-24'],
      ['2027-04-01', ''],
    ]);
    expect(migrated.conditions[1]).toMatchObject({
      learnedAt: '2026-07-01T09:00:00.000Z',
      ongoing: false,
      history: [{ on: '2026-07-02', answers: '', evidenceFile: null }],
    });
  });

  it('version 8 (two papers, one read, each with its single private note) opens with notes on the whole paper and the version read', async () => {
    const dir = await fixtureCopy('schema-v8-packs');
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ state: { schemaVersion: 8 } });
    const store = await openMigrated(dir, 7);
    const state = store.state();
    const [a, b] = ['pap_a42561eb5152ce82', 'pap_5272d03d5f9b40db'];
    expect(state.papers.get(a)!.versions.map((v) => v.version)).toEqual([1, 2]);
    // The read paper was read at its newest version then (2); the unread one has no version read.
    expect(state.paperMarks.get('pmk_a42561eb5152ce82')).toEqual({
      id: 'pmk_a42561eb5152ce82',
      createdAt: '2026-06-10T09:14:00.000Z',
      updatedAt: '2026-06-10T09:16:00.000Z',
      paperId: a,
      readAt: '2026-06-10T09:14:00.000Z',
      readVersion: 2,
    });
    expect(state.paperMarks.get('pmk_5272d03d5f9b40db')).toMatchObject({ readAt: null, readVersion: null });
    // Each single note is now a note on the whole paper, word for word.
    expect(state.paperNotes.values().sort((x, y) => y.text.localeCompare(x.text))).toEqual([
      {
        id: 'pnt_5272d03d5f9b40db',
        createdAt: '2026-06-10T09:18:00.000Z',
        updatedAt: '2026-06-10T09:18:00.000Z',
        paperId: b,
        anchor: null,
        text: 'Timetable?',
      },
      {
        id: 'pnt_a42561eb5152ce82',
        createdAt: '2026-06-10T09:16:00.000Z',
        updatedAt: '2026-06-10T09:16:00.000Z',
        paperId: a,
        anchor: null,
        text: 'Ask about the data export plan.',
      },
    ]);
    expect(state.packLog.size).toBe(0);
    expect(state.publishers.size).toBe(0);
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 7 });
    await store.close();
  });

  it('version 10 (three contracts, one competitive restricted, a member with interests) opens with Act routes, a regime each, no plan', async () => {
    const dir = await fixtureCopy('schema-v10-procurement');
    const raw = await new CheckpointAdapter(join(dir, 'db.json')).read();
    expect(raw).toMatchObject({ state: { schemaVersion: 10 } });
    const store = await openMigrated(dir, 5);
    const state = store.state();
    const byRef = (ref: string) => state.contracts.values().find((c) => c.reference === ref)!;
    // Restricted became competitive flexible; the old label is kept.
    expect(byRef('CTR-2024-003')).toMatchObject({
      route: 'competitive_flexible',
      formerRouteLabel: 'Competitive (restricted)',
      regime: 'pcr2015',
      milestones: [{ title: 'Tender returns', due: '2026-11-30', done: false, planStep: null }],
      notices: [],
      modifications: [],
      kpis: [],
      retenderPlan: null,
    });
    // Let after 24 February 2025: the Act; not let yet: the Act (today's law).
    expect(byRef('CTR-2025-019')).toMatchObject({ route: 'direct_award', regime: 'pa2023', formerRouteLabel: '' });
    expect(byRef('CTR-2026-007')).toMatchObject({ route: 'open', regime: 'pa2023', status: 'proposed' });
    expect(state.settings.supplierAliases).toEqual([]);
    // Members keep their interests; no organisation recorded for them.
    const member = state.members.values()[0]!;
    expect(member.interests).toEqual(['Shareholding in Acme Analytics Ltd', 'Trustee of a youth charity']);
    expect(member.interestOrganisations).toBeUndefined();
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 5 });
    await store.close();
  });

  it('migration 11 -> 12 renames only the restricted route and dates the regime by the term start', () => {
    const step = MIGRATIONS.find((m) => m.from === 11)!;
    const out = step.migrate({
      schemaVersion: 11,
      settings: { boardName: 'B' },
      contracts: [
        { id: 'ctr_a', route: 'competitive_restricted', termStart: '2025-02-23', milestones: [] },
        { id: 'ctr_b', route: 'framework_call_off', termStart: '2025-02-24', milestones: [{ id: 'mst_x' }] },
      ],
    });
    expect(out.settings).toEqual({ boardName: 'B', supplierAliases: [] });
    expect(out.contracts).toMatchObject([
      { route: 'competitive_flexible', formerRouteLabel: 'Competitive (restricted)', regime: 'pcr2015' },
      {
        route: 'framework_call_off',
        formerRouteLabel: '',
        regime: 'pa2023',
        milestones: [{ id: 'mst_x', planStep: null }],
      },
    ]);
  });

  it('migration 9 -> 10 moves a note out of its read mark, keeps the version read, starts the pack log empty', () => {
    const step = MIGRATIONS.find((m) => m.from === 9)!;
    const old = {
      schemaVersion: 9,
      papers: [{ id: 'pap_x', versions: [{ version: 1 }, { version: 3 }] }],
      paperMarks: [
        {
          id: 'pmk_x',
          paperId: 'pap_x',
          readAt: '2026-06-01T00:00:00.000Z',
          note: 'n',
          updatedAt: '2026-06-02T00:00:00.000Z',
        },
        { id: 'pmk_y', paperId: 'pap_y', readAt: null, note: '', updatedAt: '2026-06-02T00:00:00.000Z' },
      ],
    };
    expect(step.migrate(old)).toEqual({
      ...old,
      paperMarks: [
        {
          id: 'pmk_x',
          paperId: 'pap_x',
          readAt: '2026-06-01T00:00:00.000Z',
          readVersion: 3,
          updatedAt: '2026-06-02T00:00:00.000Z',
        },
        { id: 'pmk_y', paperId: 'pap_y', readAt: null, readVersion: null, updatedAt: '2026-06-02T00:00:00.000Z' },
      ],
      paperNotes: [
        {
          id: 'pnt_x',
          paperId: 'pap_x',
          anchor: null,
          text: 'n',
          createdAt: '2026-06-02T00:00:00.000Z',
          updatedAt: '2026-06-02T00:00:00.000Z',
        },
      ],
      packLog: [],
      publishers: [],
    });
  });
});
