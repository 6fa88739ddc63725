// One test per schema version: a data folder as that version wrote it opens,
// migrates to the current version and holds the same records.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/backend/store/store.ts';
import { CURRENT_SCHEMA_VERSION } from '../../shared/schema/state.ts';
import { tempDir } from '../helpers/tempDir.ts';

const fixtures = join(process.cwd(), 'tests', 'fixtures');

describe('schema version fixtures', () => {
  it('version 1: checkpoint at entry 2 plus a journal tail of one entry', async () => {
    const dir = await tempDir();
    await cp(join(fixtures, 'schema-v1'), dir, { recursive: true });
    const store = await openStore({ dataDir: dir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
    expect(store.status()).toMatchObject({
      status: 'ready',
      seq: 3,
      checkpointSeq: 2,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    });
    const state = store.state();
    expect(state.settings.boardName).toBe('Policing Oversight Board');
    expect(state.members.get('mem_chair')).toMatchObject({ name: 'Chair of the board', role: 'chair' });
    // The entry after the checkpoint is replayed from the journal.
    expect(state.contracts.get('ctr_pilot')).toMatchObject({ title: 'Misconduct analytics pilot' });
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 3 });
  });
});
