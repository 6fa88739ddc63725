// The deadline register's cache: whatever was asked before, an answer equals the one worked out
// from scratch (from fresh objects, which no cache has seen).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/calendarDates.ts';
import { answeredDates, dueDates, missedDue } from '../../../shared/rules/conditionRules.ts';
import { deadlinesByKey, deriveDeadlines } from '../../../shared/caches/deadlineDerivation.ts';
import type { Deadline } from '../../../shared/rules/deadlines.ts';
import { RecordMap } from '../../../shared/schema/recordMap.ts';
import type { Condition } from '../../../shared/schema/conditions.ts';
import type { Deadline as StoredDeadline } from '../../../shared/schema/deadlines.ts';
import { applyChanges, COLLECTION_NAMES, type RecordChange, type State } from '../../../shared/schema/state.ts';
import { sampleState } from '../sampleState.ts';

/** The same state built from fresh copies of every record: nothing cached knows these objects. */
function fresh(state: State): State {
  const copy: Record<string, unknown> = { ...state, settings: structuredClone(state.settings) };
  for (const name of COLLECTION_NAMES) {
    copy[name] = RecordMap.from(
      state[name].values().map((r) => structuredClone(r)),
      (r: { id: string }) => r.id,
    );
  }
  return copy as State;
}

const byKey = (a: Deadline, b: Deadline) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const sorted = (list: readonly Deadline[]) => [...list].sort(byKey);

const STAMP = '2026-12-01T10:00:00.000Z';

/** One edit of the kind that changes what deadlines derive from. */
type Edit =
  | { readonly t: 'day'; readonly days: number }
  | { readonly t: 'condition-due'; readonly which: number; readonly days: number }
  | { readonly t: 'condition-status'; readonly which: number; readonly status: Condition['status'] }
  | { readonly t: 'condition-recurrence'; readonly which: number; readonly every: 'monthly' | 'quarterly' | 'annually' }
  | { readonly t: 'condition-update'; readonly which: number }
  | { readonly t: 'decision-reference'; readonly which: number }
  | { readonly t: 'decision-archive'; readonly which: number }
  | { readonly t: 'contract-status'; readonly which: number; readonly status: 'ended' | 'active' }
  | { readonly t: 'member-name'; readonly which: number }
  | { readonly t: 'lead-days'; readonly days: readonly number[] }
  | { readonly t: 'working-days'; readonly days: number }
  | { readonly t: 'rule-times'; readonly papersDue: boolean; readonly leadDays: boolean }
  | { readonly t: 'own-settings'; readonly which: number; readonly days: readonly number[] };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ t: fc.constant('day' as const), days: fc.integer({ min: -400, max: 400 }) }),
  fc.record({ t: fc.constant('condition-due' as const), which: fc.nat(), days: fc.integer({ min: -200, max: 200 }) }),
  fc.record({
    t: fc.constant('condition-status' as const),
    which: fc.nat(),
    status: fc.constantFrom('open', 'met', 'breached', 'waived' as const),
  }),
  fc.record({
    t: fc.constant('condition-recurrence' as const),
    which: fc.nat(),
    every: fc.constantFrom('monthly', 'quarterly', 'annually' as const),
  }),
  fc.record({ t: fc.constant('condition-update' as const), which: fc.nat() }),
  fc.record({ t: fc.constant('decision-reference' as const), which: fc.nat() }),
  fc.record({ t: fc.constant('decision-archive' as const), which: fc.nat() }),
  fc.record({
    t: fc.constant('contract-status' as const),
    which: fc.nat(),
    status: fc.constantFrom('ended', 'active' as const),
  }),
  fc.record({ t: fc.constant('member-name' as const), which: fc.nat() }),
  fc.record({ t: fc.constant('lead-days' as const), days: fc.subarray([90, 30, 14, 7, 1, 0], { minLength: 1 }) }),
  fc.record({ t: fc.constant('working-days' as const), days: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ t: fc.constant('rule-times' as const), papersDue: fc.boolean(), leadDays: fc.boolean() }),
  fc.record({
    t: fc.constant('own-settings' as const),
    which: fc.nat(),
    days: fc.subarray([60, 20, 3, 0], { minLength: 1 }),
  }),
);

function nth<T>(map: RecordMap<T>, which: number): T {
  const all = map.values();
  return all[which % all.length]!;
}

/** A distinct instant per edit, some before and some after the sample's records were stamped. */
function stampOf(serial: number): string {
  return new Date(Date.parse('2026-11-20T10:00:00.000Z') + serial * 86_400_000).toISOString();
}

/** Applies an edit: a new state (as the store makes one) and maybe a new today. */
function applyEdit(state: State, today: string, e: Edit, serial: number): { state: State; today: string } {
  const change = (c: RecordChange): State => applyChanges(state, [c]);
  switch (e.t) {
    case 'day':
      return { state, today: addDays(today, e.days) };
    case 'condition-due': {
      const c = nth(state.conditions, e.which);
      const due = addDays(today, e.days);
      return { state: change({ target: 'conditions', id: c.id, after: { ...c, due, recurrence: null } }), today };
    }
    case 'condition-status': {
      const c = nth(state.conditions, e.which);
      return { state: change({ target: 'conditions', id: c.id, after: { ...c, status: e.status } }), today };
    }
    case 'condition-recurrence': {
      const c = nth(state.conditions, e.which);
      const recurrence = { every: e.every, from: addDays(today, -500 + serial * 37), until: '' };
      return { state: change({ target: 'conditions', id: c.id, after: { ...c, recurrence } }), today };
    }
    case 'condition-update': {
      // An update answers the first unanswered date when it says so (every other one); a note answers nothing.
      const c = nth(state.conditions, e.which);
      const at = `2026-12-${String((serial % 28) + 1).padStart(2, '0')}T10:00:00.000Z`;
      const answered = answeredDates(c);
      const answers = serial % 2 === 0 ? (dueDates(c, addDays(today, 730)).find((d) => !answered.has(d)) ?? '') : '';
      const history = [
        ...c.history,
        {
          status: c.status,
          at,
          on: at.slice(0, 10),
          by: 'Secretariat',
          note: answers ? 'Report received' : 'Chased',
          evidencePaperId: null,
          evidenceFile: null,
          answers,
        },
      ];
      return { state: change({ target: 'conditions', id: c.id, after: { ...c, history, updatedAt: at } }), today };
    }
    case 'decision-reference': {
      const d = nth(state.decisions, e.which);
      return {
        state: change({ target: 'decisions', id: d.id, after: { ...d, reference: `PCD 2026-${900 + serial}` } }),
        today,
      };
    }
    case 'decision-archive': {
      const d = nth(state.decisions, e.which);
      const archivedAt = d.archivedAt ? null : STAMP;
      return { state: change({ target: 'decisions', id: d.id, after: { ...d, archivedAt } }), today };
    }
    case 'contract-status': {
      const k = nth(state.contracts, e.which);
      return { state: change({ target: 'contracts', id: k.id, after: { ...k, status: e.status } }), today };
    }
    case 'member-name': {
      const m = nth(state.members, e.which);
      return { state: change({ target: 'members', id: m.id, after: { ...m, name: `Member ${serial}` } }), today };
    }
    case 'lead-days':
      return {
        state: change({
          target: 'settings',
          id: 'settings',
          after: { ...state.settings, reminderLeadDays: [...e.days], leadDaysChangedAt: stampOf(serial) },
        }),
        today,
      };
    case 'working-days':
      return {
        state: change({
          target: 'settings',
          id: 'settings',
          after: { ...state.settings, papersDueWorkingDays: e.days, papersDueRuleChangedAt: stampOf(serial) },
        }),
        today,
      };
    case 'rule-times':
      // Only the times the rules last changed (their values as they were): `since` follows them.
      return {
        state: change({
          target: 'settings',
          id: 'settings',
          after: {
            ...state.settings,
            ...(e.papersDue ? { papersDueRuleChangedAt: stampOf(serial + 100) } : {}),
            ...(e.leadDays ? { leadDaysChangedAt: stampOf(serial + 200) } : {}),
          },
        }),
        today,
      };
    case 'own-settings': {
      const all = deriveDeadlines(state, today);
      const target = all[e.which % all.length]!;
      if (!target.derived) return { state, today };
      const existing = state.deadlines.values().find((r) => r.source === 'derived' && r.key === target.key);
      const id = existing?.id ?? `ddl_${serial.toString(16).padStart(16, '0')}`;
      const record: StoredDeadline = {
        id,
        createdAt: STAMP,
        updatedAt: `2026-12-0${(serial % 9) + 1}T10:00:00.000Z`,
        source: 'derived',
        key: target.key,
        title: '',
        due: '',
        owner: { memberId: null, name: '', email: '' },
        notes: '',
        contractId: null,
        decisionId: null,
        status: 'open',
        leadDays: [...e.days],
        snoozedUntil: serial % 2 ? '2027-01-05T09:00:00.000Z' : '',
      };
      return { state: change({ target: 'deadlines', id, after: record }), today };
    }
  }
}

describe('the deadline register, derived incrementally', () => {
  it('equals the register derived from scratch, over any sequence of edits and days', () => {
    const base = sampleState('2026-11-27T09:00:00.000Z');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let state = base;
        let today = '2026-11-27';
        edits.forEach((e, serial) => {
          ({ state, today } = applyEdit(state, today, e, serial));
          const cached = deriveDeadlines(state, today);
          expect(sorted(cached)).toEqual(sorted(deriveDeadlines(fresh(state), today)));
          // Known no earlier than the last change of the rules that shape it (checked apart from any cache).
          const { papersDueRuleChangedAt, leadDaysChangedAt } = state.settings;
          for (const d of cached) {
            if (d.kind === 'papers-due') expect(d.since >= papersDueRuleChangedAt).toBe(true);
            if (!d.ownLeadDays) expect(d.since >= leadDaysChangedAt).toBe(true);
          }
          const index = deadlinesByKey(state, today);
          expect(index.size).toBe(new Set(cached.map((d) => d.key)).size);
          for (const d of cached) expect(index.get(d.key)).toBe(d);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('gives back the same objects for what did not change, and new ones for what did', () => {
    const state = sampleState('2026-11-27T09:00:00.000Z');
    const before = deriveDeadlines(state, '2026-11-27');
    const condition = state.conditions.values().find((c) => !c.recurrence && c.due)!;
    const after = deriveDeadlines(
      applyChanges(state, [{ target: 'conditions', id: condition.id, after: { ...condition, wording: 'Changed' } }]),
      '2026-11-27',
    );
    const mine = (d: Deadline) => d.source.id === condition.id;
    const old = new Map(before.map((d) => [d.key, d]));
    for (const d of after) {
      if (mine(d)) expect(d).not.toBe(old.get(d.key));
      else expect(d).toBe(old.get(d.key));
    }
  });

  it('lists a recurring condition’s dates as slicing all its dates up to the horizon would, the first missed first', () => {
    const state = sampleState('2026-11-27T09:00:00.000Z');
    const condition = state.conditions.values()[0]!;
    fc.assert(
      fc.property(
        fc.constantFrom('monthly', 'quarterly', 'annually' as const),
        fc.integer({ min: -40_000, max: 2_000 }),
        fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: null }),
        fc.integer({ min: 0, max: 1200 }),
        (every, fromDays, untilDays, todayDays) => {
          const from = addDays('2026-01-31', fromDays);
          const recurrence = { every, from, until: untilDays === null ? '' : addDays(from, untilDays) };
          const today = addDays('2025-06-30', todayDays);
          const changed = { ...condition, recurrence, status: 'open' as const };
          const next = applyChanges(state, [{ target: 'conditions', id: condition.id, after: changed }]);
          // The rule as first written: every date up to two years ahead (at most 1000), the last past one on;
          // the past one shown is the first missed, when one is (conditionRules: the Conditions list's date).
          const all = dueDates({ due: '', recurrence }, addDays(today, 730), 1000);
          const firstFuture = all.findIndex((d) => d >= today);
          const start = Math.max(0, firstFuture === -1 ? all.length - 1 : firstFuture - 1);
          const expected = all.slice(start, start + 12);
          if (expected[0] !== undefined && expected[0] < today) expected[0] = missedDue(changed, today) || expected[0];
          const got = deriveDeadlines(next, today)
            .filter((d) => d.source.id === condition.id)
            .map((d) => d.due);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
