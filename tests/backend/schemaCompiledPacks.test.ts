// The migration that adds compiled pack PDFs, on a data folder as version 10 wrote it
// (tests/fixtures/schema-v10-compiled-packs: a paper with its text as a blob and a meeting).
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointAdapter } from '../../electron/backend/store/checkpoint.ts';
import { openStore } from '../../electron/backend/store/store.ts';
import { MIGRATIONS } from '../../shared/schema/migrations.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Found by what it does, not by its number: the lead renumbers migrations at merge. */
const step = MIGRATIONS.find((m) => m.describe.startsWith('Compiled pack PDFs'))!;

describe('compiled pack PDFs migration', () => {
  it('a version 10 folder opens at the current version with no compiled packs and its records unchanged', async () => {
    const dir = await tempDir();
    await cp(join(process.cwd(), 'tests', 'fixtures', 'schema-v10-compiled-packs'), dir, { recursive: true });
    const raw = (await new CheckpointAdapter(join(dir, 'db.json')).read()) as { state: Record<string, unknown> };
    expect(raw.state.schemaVersion).toBe(10);
    expect(raw.state).not.toHaveProperty('compiledPacks');
    const store = await openStore({ dataDir: dir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
    expect(store.status()).toMatchObject({
      status: 'ready',
      seq: 2,
      checkpointSeq: 2,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    });
    const state = store.state();
    expect(state.compiledPacks.size).toBe(0);
    const paper = state.papers.get('pap_4a1b2c3d4e5f6071')!;
    expect(paper).toMatchObject({ reference: 'BP-2026-41', classification: 'public' });
    expect((await store.blobs.get(paper.versions[0]!.body!)).toString()).toContain('# Budget monitoring');
    expect(state.meetings.get('mtg_5b6c7d8e9f001122')!.agenda[0]!.paperIds).toEqual([paper.id]);
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 2 });
    await store.close();
  });

  it('adds an empty list and touches nothing else', () => {
    const old = { schemaVersion: step.from, papers: [{ id: 'pap_x' }], packLog: [] };
    expect(step.migrate(old)).toEqual({ ...old, compiledPacks: [] });
  });
});
