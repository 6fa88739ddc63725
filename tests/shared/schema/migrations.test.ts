import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDocument, type Migration } from '../../../shared/schema/migrations.ts';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/schema/state.ts';

describe('migrateDocument', () => {
  it('has a migration for every version below the current one, in order', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('runs the steps in order, each from the version it names', () => {
    const steps: Migration[] = [
      { from: 1, describe: 'rename title to name', migrate: (d) => ({ ...d, name: d.title, title: undefined }) },
      { from: 2, describe: 'add tags', migrate: (d) => ({ ...d, tags: [String(d.name)] }) },
    ];
    const result = migrateDocument({ schemaVersion: 1, title: 'Board' }, steps, 3);
    expect(result).toEqual({
      ok: true,
      from: 1,
      migrated: true,
      doc: { schemaVersion: 3, name: 'Board', title: undefined, tags: ['Board'] },
    });
  });

  it('refuses a newer version instead of downgrading it', () => {
    expect(migrateDocument({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toEqual({
      ok: false,
      problem: { kind: 'newer_version', found: CURRENT_SCHEMA_VERSION + 1, supported: CURRENT_SCHEMA_VERSION },
    });
  });

  it('refuses a document without a usable version', () => {
    for (const doc of [null, [], 'x', {}, { schemaVersion: '1' }, { schemaVersion: 0 }, { schemaVersion: 1.5 }]) {
      expect(migrateDocument(doc)).toEqual({ ok: false, problem: { kind: 'missing_version' } });
    }
  });

  it('says when a step is missing', () => {
    expect(migrateDocument({ schemaVersion: 1 }, [], 2)).toEqual({ ok: false, problem: { kind: 'no_path', found: 1 } });
  });
});
