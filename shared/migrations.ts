/**
 * Ordered schema migrations: pure functions over the plain JSON of a state
 * document, one per schema version. Each copies the constants it needs rather
 * than importing today's, so it keeps meaning what it meant when written.
 */
import { CURRENT_SCHEMA_VERSION } from './schema/state.ts';

/** A step from `from` to `from + 1`. */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  readonly migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Every migration, in order. Version 1 is the first released shape; there is
 * nothing before it yet. A later version adds `{ from: 1, ... }` here with its
 * fixture test in tests/shared/migrations.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** Why a document cannot be migrated. */
export type MigrationProblem =
  | { readonly kind: 'missing_version' }
  | { readonly kind: 'newer_version'; readonly found: number; readonly supported: number }
  | { readonly kind: 'no_path'; readonly found: number };

/**
 * Brings a document to `target` by running, in order, every migration from its
 * `schemaVersion`. A newer document is refused, never downgraded.
 */
export function migrateDocument(
  doc: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = CURRENT_SCHEMA_VERSION,
):
  | { ok: true; doc: Record<string, unknown>; from: number; migrated: boolean }
  | { ok: false; problem: MigrationProblem } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, problem: { kind: 'missing_version' } };
  const start = (doc as Record<string, unknown>)['schemaVersion'];
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1) {
    return { ok: false, problem: { kind: 'missing_version' } };
  }
  if (start > target) return { ok: false, problem: { kind: 'newer_version', found: start, supported: target } };
  let current = doc as Record<string, unknown>;
  for (let version = start; version < target; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return { ok: false, problem: { kind: 'no_path', found: version } };
    current = { ...step.migrate(current), schemaVersion: version + 1 };
  }
  return { ok: true, doc: current, from: start, migrated: start !== target };
}
