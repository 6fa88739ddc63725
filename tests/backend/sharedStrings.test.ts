// The store's pass over its records' strings (Store.shareRecordStrings): the record reads the
// same before and after, the checkpoint written after it proves the same state, and a closed
// store is left alone.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/backend/store/store.ts';
import { toDocument } from '../../shared/schema/state.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Six members, five named outside ASCII, with their history (schema 13). */
const FIXTURE = join(process.cwd(), 'tests', 'fixtures', 'schema-v13-utf8-checkpoint');
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 7, 9, 0, 0, tick++));

describe('sharing the records’ strings in the store', () => {
  it('changes nothing the record says, nor the checkpoint written after it', async () => {
    const dir = await tempDir();
    await cp(FIXTURE, dir, { recursive: true });
    const options = { dataDir: dir, clock, checkpointQuietMs: 60_000, backupOnFirstChange: false };
    const store = await openStore(options);
    const before = JSON.stringify(toDocument(store.state()));
    const shared = await store.shareRecordStrings();
    expect(shared?.looked).toBeGreaterThan(0);
    expect(JSON.stringify(toDocument(store.state()))).toBe(before);
    await store.checkpoint();
    await store.close();
    expect(await store.shareRecordStrings()).toBeNull();
    const reopened = await openStore(options);
    expect(reopened.status().status).toBe('ready');
    expect(JSON.stringify(toDocument(reopened.state()))).toBe(before);
    await reopened.close();
  });
});
