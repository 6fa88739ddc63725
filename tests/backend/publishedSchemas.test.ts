// The published JSON Schemas match the code, and real files from the store
// validate against them with an independent validator (ajv).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/backend/store/store.ts';
import { publishedSchemas } from '../../shared/schema/published.ts';
import { tempDir } from '../helpers/tempDir.ts';

const root = process.cwd();

describe('published JSON Schemas', () => {
  it('docs/schema holds exactly what the code describes (run `npm run schema` after a change)', async () => {
    for (const [name, schema] of Object.entries(publishedSchemas())) {
      const committed = JSON.parse(await readFile(join(root, 'docs', 'schema', name), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });

  it('a checkpoint state and every journal line written by the store validate', async () => {
    // zod writes `date-time`, `email` and its own `starts_with` formats: check the first two, accept the third (a pattern beside it checks it).
    const ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      formats: {
        'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
        email: /^[^@\s]+@[^@\s]+$/,
        starts_with: true,
      },
    });
    const schemas = publishedSchemas();
    const state = ajv.compile(schemas['state.schema.json'] as object);
    const line = ajv.compile(schemas['journal-entry.schema.json'] as object);
    // A real data folder, written by the store.
    const dir = await tempDir();
    const store = await openStore({ dataDir: dir, backupOnFirstChange: false });
    await store.mutate('Clerk', 'Renamed', (s) => ({
      changes: [{ target: 'settings', id: 'settings', after: { ...s.settings, boardName: 'Board' } }],
      value: 0,
    }));
    await store.close();
    const checkpoint = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(state(checkpoint.state), JSON.stringify(state.errors)).toBe(true);
    const lines = (await readFile(join(dir, 'journal/000000000001.jsonl'), 'utf8')).trim().split('\n');
    for (const text of lines) expect(line(JSON.parse(text)), JSON.stringify(line.errors)).toBe(true);
    // And the validator is not a rubber stamp.
    expect(state({ ...checkpoint.state, settings: { boardName: '' } })).toBe(false);
    expect(line({ ...JSON.parse(lines[0]!), prev: 'abc' })).toBe(false);
  });
});
