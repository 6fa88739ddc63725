/**
 * The seal of a signed decision: SHA-256 over the RFC 8785 canonical JSON
 * (JCS) of a documented list of its fields. Anyone holding the record (an
 * exported archive's state.json) can recompute it: docs/seals.md gives the
 * canonical form, docs/check_seal.py does it in Python.
 *
 * The seal covers, as `sealMaterial` builds it (and nothing else):
 * - `scheme`: "boardkeeper-seal-1"
 * - `reference`, `date`, `outcome`, `wording`, `votes` (for, against,
 *   abstain; or null) of the decision
 * - `conditions`: each condition of the decision, sorted by id, as
 *   `{ id, wording, due, recurrence }` (`recurrence` is `{ every, from,
 *   until }` or null): the wording and the due rule
 * - `papers`: each paper version relied on, in the decision's order, as
 *   `{ paperId, version, body, attachments }` with `body` the SHA-256 of the
 *   text blob (or null) and `attachments` the SHA-256 of each attached file,
 *   plus `source`, the SHA-256 of the file the version came from (a PDF, a
 *   Word file), only when it has one: absent, not null, otherwise
 * - `amendments`: each amendment as `{ what, why, at }`, in order, so each
 *   amendment makes a new seal (the journal keeps the old ones checkable)
 *
 * Pure: the hash itself is computed where SHA-256 is at hand (the backend;
 * Python's hashlib); this module gives the exact text that is hashed.
 */
import { canonicalJson, type JsonValue } from '../documents/canonicalJson.ts';
import type { Condition } from '../schema/conditions.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Paper } from '../schema/papers.ts';

/** The seal scheme's name, inside what is hashed: a future change of field list is a new scheme. */
export const SEAL_SCHEME = 'boardkeeper-seal-1';

/** The fields a seal covers, in words, for the page and the docs. */
export const SEAL_FIELDS = [
  'reference',
  'date',
  'outcome',
  'wording',
  'votes',
  "conditions' wording and due rules",
  'stored-file hashes of the paper versions relied on',
  'amendments (what, why, when)',
] as const;

/** The parts of a decision a seal reads (old journal lines may lack later fields). */
export type SealedDecision = Pick<Decision, 'reference' | 'date' | 'outcome' | 'wording'> & {
  readonly votes?: Decision['votes'] | undefined;
  readonly reliedOn?: Decision['reliedOn'] | undefined;
  readonly amendments?: Decision['amendments'] | undefined;
};

/** The parts of a condition a seal reads. */
export type SealedCondition = Pick<Condition, 'id' | 'wording'> & {
  readonly due?: Condition['due'] | undefined;
  readonly recurrence?: Condition['recurrence'] | undefined;
};

/** What is hashed for the seal of `decision`, with its `conditions` and the `papers` it relied on. */
export function sealMaterial(
  decision: SealedDecision,
  conditions: readonly SealedCondition[],
  paperOf: (id: string) => Pick<Paper, 'versions'> | undefined,
): JsonValue {
  const votes = decision.votes ?? null;
  return {
    scheme: SEAL_SCHEME,
    reference: decision.reference,
    date: decision.date,
    outcome: decision.outcome,
    wording: decision.wording,
    votes: votes === null ? null : { for: votes.for, against: votes.against, abstain: votes.abstain },
    conditions: [...conditions]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((c) => ({
        id: c.id,
        wording: c.wording,
        due: c.due ?? '',
        recurrence: c.recurrence
          ? { every: c.recurrence.every, from: c.recurrence.from, until: c.recurrence.until }
          : null,
      })),
    papers: (decision.reliedOn ?? []).map((r) => {
      const version = paperOf(r.paperId)?.versions.find((v) => v.version === r.version);
      return {
        paperId: r.paperId,
        version: r.version,
        body: version?.body ?? null,
        attachments: (version?.attachments ?? []).map((a) => a.blob),
        // Only when the version came from a file, so the seals of typed versions stay as they were.
        ...(version?.source && { source: version.source.blob }),
      };
    }),
    amendments: (decision.amendments ?? []).map((a) => ({ what: a.what, why: a.why, at: a.at })),
  };
}

/** The exact text a seal hashes (UTF-8): the canonical JSON of the material. */
export function sealText(material: JsonValue): string {
  return canonicalJson(material);
}

/** A seal as printed short: its first 16 hex digits in groups of four. */
export function shortSeal(seal: string): string {
  return (seal.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}

/** A typed or pasted seal, cleaned (spaces and case), or null when it is not 12–64 hex digits. */
export function normaliseSeal(typed: string): string | null {
  const clean = typed.replace(/[\s:-]+/g, '').toLowerCase();
  return /^[0-9a-f]{12,64}$/.test(clean) ? clean : null;
}
