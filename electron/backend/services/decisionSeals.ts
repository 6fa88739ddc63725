/**
 * Seals of signed decisions (the rules: shared/rules/seals.ts). A seal is
 * derived, not stored: the current one from the record as it stands, the
 * earlier ones by reading the journal, which keeps the decision and its
 * conditions as each entry left them. So a seal printed before an amendment
 * stays checkable, and the check can say what changed since.
 */
import { createHash } from 'node:crypto';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { DecisionSeals, SealAt, SealCheck } from '../../../shared/contract/sealTypes.ts';
import {
  SEAL_FIELDS,
  normaliseSeal,
  sealMaterial,
  sealText,
  shortSeal,
  type SealedCondition,
  type SealedDecision,
} from '../../../shared/rules/seals.ts';
import type { Decision } from '../../../shared/schema/decisions.ts';
import type { State } from '../../../shared/schema/state.ts';
import { longInstant } from '../../../shared/documents/markdownText.ts';
import { mustGet, type ServiceContext } from './context.ts';

/** The SHA-256 (hex) seal of a decision with its conditions, papers looked up in `state`. */
export function sealOf(state: State, decision: SealedDecision, conditions: readonly SealedCondition[]): string {
  const text = sealText(sealMaterial(decision, conditions, (id) => state.papers.get(id)));
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The seal of the decision as it stands now, or null for a draft. */
export function currentSealOf(state: State, decision: Decision): string | null {
  if (decision.status !== 'signed') return null;
  const conditions = state.conditions.values().filter((c) => c.decisionId === decision.id);
  return sealOf(state, decision, conditions);
}

/**
 * Every seal the decision has had, oldest first, each with the journal entry
 * that made it: the journal is read from the start, keeping the decision and
 * its conditions as each entry left them.
 */
export async function decisionSeals(ctx: ServiceContext, decisionId: string): Promise<DecisionSeals> {
  const store = ctx.store();
  const state = store.state();
  const decision = mustGet(state, 'decisions', decisionId, 'decision');
  const head = store.head();
  const history: SealAt[] = [];
  let record: (SealedDecision & { status?: string }) | null = null;
  const conditions = new Map<string, SealedCondition>();
  const CHUNK = 2000;
  for (let lo = 1; lo <= head.seq; lo += CHUNK) {
    for (const entry of await store.entries(lo, Math.min(head.seq, lo + CHUNK - 1))) {
      let touched = false;
      for (const change of entry.changes) {
        if (change.target === 'decisions' && change.id === decisionId) {
          record = (change.after as (SealedDecision & { status?: string }) | null) ?? null;
          touched = true;
        } else if (change.target === 'conditions') {
          const after = change.after as (SealedCondition & { decisionId?: string }) | null;
          const before = change.before as { decisionId?: string } | null;
          if (after?.decisionId === decisionId) {
            conditions.set(change.id, after);
            touched = true;
          } else if (before?.decisionId === decisionId) {
            conditions.delete(change.id);
            touched = true;
          }
        }
      }
      if (!touched || record === null || record.status !== 'signed') continue;
      const seal = sealOf(state, record, [...conditions.values()]);
      if (history.at(-1)?.seal !== seal)
        history.push({
          seal,
          seq: entry.seq,
          at: entry.time,
          summary: entry.summary,
          amendments: record.amendments?.length ?? 0,
        });
    }
  }
  const now = currentSealOf(state, decision);
  // The record as it stands is the truth: should the journal's last seal differ (it cannot, unless the
  // journal was not read to its end), the current one is still reported as current.
  const current =
    now === null
      ? null
      : (history.findLast((h) => h.seal === now) ?? {
          seal: now,
          seq: head.seq,
          at: '',
          summary: '',
          amendments: decision.amendments.length,
        });
  return { decisionId, reference: decision.reference, current, history, fields: [...SEAL_FIELDS] };
}

/** "Check a seal": whether `typed` (the full seal, or at least its first 12 digits) is the decision's, and what changed since. */
export async function checkSeal(ctx: ServiceContext, decisionId: string, typed: string): Promise<SealCheck> {
  const seal = normaliseSeal(typed);
  if (seal === null) {
    throw new AppFailure(
      'invalid_input',
      'A seal is the 64 letters (a–f) and digits printed on the notice; type at least its first 12.',
      { issues: [{ field: 'seal', message: 'must be at least 12 of the letters a–f and digits printed as the seal' }] },
    );
  }
  const seals = await decisionSeals(ctx, decisionId);
  const decision = mustGet(ctx.store().state(), 'decisions', decisionId, 'decision');
  const matches = seals.history.filter((h) => h.seal.startsWith(seal));
  const matched = matches.at(-1) ?? null;
  const base = { reference: seals.reference, matched, current: seals.current };
  if (seals.current === null) {
    return {
      ...base,
      verdict: 'none',
      message: `${seals.reference} is not signed yet: it has no seal.`,
      changesSince: [],
      amendmentsSince: [],
    };
  }
  if (matched === null) {
    return {
      ...base,
      verdict: 'none',
      message: `The seal ${shortSeal(seal)}… was never the seal of ${seals.reference}: the notice it was printed on is not of this record, or it was mistyped.`,
      changesSince: [],
      amendmentsSince: [],
    };
  }
  if (matched.seal === seals.current.seal) {
    return {
      ...base,
      verdict: 'current',
      message: `The seal matches ${seals.reference} as it stands (sealed at journal entry ${matched.seq}).`,
      changesSince: [],
      amendmentsSince: [],
    };
  }
  const changesSince = seals.history.filter((h) => h.seq > matched.seq);
  const amendmentsSince = decision.amendments
    .slice(matched.amendments)
    .map((a) => ({ what: a.what, why: a.why, at: a.at }));
  const tz = ctx.store().state().settings.timeZone;
  return {
    ...base,
    verdict: 'earlier',
    message: `The seal was ${seals.reference}'s at journal entry ${matched.seq} (${longInstant(matched.at, tz)}); the record has changed since: ${
      amendmentsSince.length > 0
        ? `${amendmentsSince.length === 1 ? 'one amendment' : `${amendmentsSince.length} amendments`} (${amendmentsSince.map((a) => a.what).join('; ')})`
        : changesSince.map((c) => c.summary).join('; ')
    }. Its seal now is ${shortSeal(seals.current.seal)}….`,
    changesSince,
    amendmentsSince,
  };
}
