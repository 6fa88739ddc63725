/**
 * The deadline register and its reminders: lists and pages of deadlines
 * (derived from their sources, plus manual ones), manual deadlines, a
 * deadline's own lead times, snooze and dismiss, the notification centre,
 * the calendar export and the chasing e-mail. A derived deadline is never
 * edited here: the refusal names its source.
 */
import { byText, byCode } from '../../../shared/text/compare.ts';
import type { Handlers, ParsedInputOf } from '../../../shared/contract/api.ts';
import {
  DEADLINE_SOURCE_LABELS,
  bandOf,
  chaseMessage,
  deriveDeadlines,
  type Deadline,
} from '../../../shared/rules/deadlines.ts';
import type { DeadlineRow, OccurrenceView, ReminderRow, StartAtLogin } from '../../../shared/contract/deadlineViews.ts';
import { deadlinesToIcs } from '../../../shared/documents/ics.ts';
import { pageOf } from '../../../shared/contract/paging.ts';
import { upcomingOccurrences, type OccurrenceKind } from '../../../shared/rules/reminders.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { Deadline as StoredDeadline, LedgerEntry } from '../../../shared/schema/deadlines.ts';
import type { State } from '../../../shared/schema/state.ts';
import { addDays, longDate } from '../../../shared/dates/calendarDates.ts';
import { dateInZone, instantOfLocal } from '../../../shared/dates/time.ts';
import { mustGet, newId, save, type ServiceContext } from './context.ts';

/** How start at login is read and changed where the host can (the Electron shell). */
export interface StartAtLoginControl {
  get(): Promise<StartAtLogin>;
  set(enabled: boolean): Promise<StartAtLogin>;
}

type Filter = ParsedInputOf<'deadlines:ics'>;

/** `YYYY-MM-DD` as "24 June 2027": the one in shared/dates/calendarDates.ts, still exported here for the scheduler. */
export { longDate };

function todayOf(ctx: ServiceContext, state: State): string {
  return dateInZone(ctx.clock(), state.settings.timeZone);
}

function rowOf(d: Deadline, today: string, group: string): DeadlineRow {
  return {
    key: d.key,
    kind: d.kind,
    title: d.title,
    due: d.due,
    owner: d.owner.name,
    ownerEmail: d.owner.email,
    source: d.source,
    reference: d.reference,
    contract: d.contract,
    status: d.status,
    closedReason: d.closedReason,
    derived: d.derived,
    band: bandOf(d, today),
    snoozedUntil: d.snoozedUntil,
    group,
  };
}

function matches(d: Deadline, f: Filter, today: string): boolean {
  if (f.status !== 'all' && d.status !== f.status) return false;
  if (f.owner !== undefined && f.owner !== '' && d.owner.name !== f.owner) return false;
  if (f.contractId !== undefined && d.contract?.id !== f.contractId) return false;
  if (f.source !== undefined && d.source.kind !== f.source) return false;
  if (f.from !== undefined && d.due < f.from) return false;
  if (f.to !== undefined && d.due > f.to) return false;
  const band = bandOf(d, today);
  switch (f.window) {
    case 'overdue':
      return band === 'overdue';
    case 'week':
      return band === 'week';
    case '30':
      return d.due >= today && d.due <= addDays(today, 30);
    case '90':
      return d.due >= today && d.due <= addDays(today, 90);
    case 'all':
      return true;
  }
}

/** The deadline with `key`, or a not_found failure. */
function findDeadline(state: State, today: string, key: string): Deadline {
  const found = deriveDeadlines(state, today).find((d) => d.key === key);
  if (!found) {
    throw new AppFailure(
      'not_found',
      `There is no deadline ${key}: its source may have been removed, or its date moved (a moved date makes a new deadline).`,
    );
  }
  return found;
}

/** What a person calls a deadline's source, e.g. "the condition of PCD 2026-117". */
function sourceName(d: Deadline): string {
  const label = DEADLINE_SOURCE_LABELS[d.source.kind].toLowerCase();
  return d.reference ? `the ${label} ${d.source.kind === 'condition' ? 'of ' : ''}${d.reference}` : `its ${label}`;
}

function refuseDerived(d: Deadline): never {
  throw new AppFailure(
    'conflict',
    `“${d.title}” follows its source, ${sourceName(d)}: change its date, owner or status there, and the deadline follows.`,
    { derived: true, source: d.source },
  );
}

/** The stored record that holds a deadline's own settings (the manual deadline itself, or a `derived` record). */
function settingsRecordOf(state: State, key: string): StoredDeadline | undefined {
  const manual = state.deadlines.get(key);
  if (manual && manual.source === 'manual') return manual;
  return state.deadlines.values().find((r) => r.source === 'derived' && r.key === key && !r.archivedAt);
}

/** A new or updated settings record for `d`, with `patch` applied. */
function withSettings(
  state: State,
  d: Deadline,
  now: string,
  patch: Partial<Pick<StoredDeadline, 'leadDays' | 'snoozedUntil'>>,
): StoredDeadline {
  const current = settingsRecordOf(state, d.key);
  if (current) return { ...current, ...patch, updatedAt: now };
  return {
    id: newId('ddl_'),
    createdAt: now,
    updatedAt: now,
    source: 'derived',
    key: d.key,
    title: d.title.slice(0, 300),
    due: '',
    owner: { memberId: null, name: '', email: '' },
    notes: '',
    contractId: null,
    decisionId: null,
    status: 'open',
    leadDays: null,
    snoozedUntil: '',
    ...patch,
  };
}

function ledgerByKey(state: State): Map<string, LedgerEntry> {
  const map = new Map<string, LedgerEntry>();
  for (const e of state.reminderLedger.values()) map.set(e.key, e);
  return map;
}

/** A deadline's title from its key when the deadline itself is gone (its date moved or its source closed). */
function titleFromKey(state: State, deadlineKey: string): string {
  const [prefix, id] = deadlineKey.split(':');
  if (prefix === 'cnd' && id) return state.conditions.get(id)?.wording ?? 'A condition';
  if (prefix === 'ctr' && id) return state.contracts.get(id)?.title ?? 'A contract';
  if (prefix === 'mtg' && id) return `Papers for ${state.meetings.get(id)?.title ?? 'a meeting'}`;
  if (prefix === 'dec' && id) return state.decisions.get(id)?.reference ?? 'A decision';
  return state.deadlines.get(deadlineKey)?.title ?? 'A deadline';
}

function checkLinks(state: State, input: { contractId?: string | null; decisionId?: string | null }): void {
  if (input.contractId) mustGet(state, 'contracts', input.contractId, 'contract');
  if (input.decisionId) mustGet(state, 'decisions', input.decisionId, 'decision');
}

/** The instant a snooze ends. */
function snoozeEnd(state: State, now: Date, input: ParsedInputOf<'deadlines:snooze'>): string {
  switch (input.for) {
    case '1d':
      return new Date(now.getTime() + 86_400_000).toISOString();
    case '1w':
      return new Date(now.getTime() + 7 * 86_400_000).toISOString();
    case 'until': {
      const at = instantOfLocal(input.until ?? '', state.settings.reminderTime, state.settings.timeZone);
      if (at.getTime() <= now.getTime()) {
        throw new AppFailure('invalid_input', 'until: must be a date still to come', {
          issues: [{ field: 'until', message: 'must be a date still to come' }],
        });
      }
      return at.toISOString();
    }
    case 'clear':
      return '';
  }
}

/** Handlers for the deadline and reminder channels. */
export function deadlineHandlers(
  ctx: ServiceContext & { readonly platform: { readonly startAtLogin?: StartAtLoginControl | undefined } },
): Pick<
  Handlers,
  | 'deadlines:list'
  | 'deadlines:get'
  | 'deadlines:createManual'
  | 'deadlines:updateManual'
  | 'deadlines:closeManual'
  | 'deadlines:setReminders'
  | 'deadlines:snooze'
  | 'deadlines:dismiss'
  | 'deadlines:ics'
  | 'deadlines:chase'
  | 'reminders:list'
  | 'app:getStartAtLogin'
  | 'app:setStartAtLogin'
> {
  const unsupported: StartAtLogin = {
    supported: false,
    enabled: false,
    how: 'Only the desktop app can start when you log in.',
  };
  return {
    'deadlines:list': async ({ groupBy, page, pageSize, ...filter }) => {
      const state = ctx.store().state();
      const today = todayOf(ctx, state);
      const all = deriveDeadlines(state, today);
      const counts = { overdue: 0, week: 0, month: 0, quarter: 0 };
      for (const d of all) {
        const band = bandOf(d, today);
        if (band === 'overdue' || band === 'week') counts[band] += 1;
        if (d.status === 'open' && d.due >= today && d.due <= addDays(today, 30)) counts.month += 1;
        if (d.status === 'open' && d.due >= today && d.due <= addDays(today, 90)) counts.quarter += 1;
      }
      const groupOf = (d: Deadline): string =>
        groupBy === 'owner'
          ? d.owner.name || 'No owner named'
          : groupBy === 'contract'
            ? (d.contract?.reference ?? 'No contract')
            : '';
      const rows = all
        .filter((d) => matches(d, filter, today))
        .map((d) => rowOf(d, today, groupOf(d)))
        .sort((a, b) => byText(a.group, b.group) || byCode(a.due, b.due) || byCode(a.title, b.title));
      const owners = [...new Set(all.map((d) => d.owner.name).filter(Boolean))].sort((a, b) => byText(a, b));
      const contracts = [...new Map(all.flatMap((d) => (d.contract ? [[d.contract.id, d.contract]] : []))).values()];
      return {
        today,
        ...pageOf(rows, page, pageSize),
        counts,
        owners,
        contracts: contracts.sort((a, b) => byText(a.reference, b.reference)),
      };
    },

    'deadlines:get': async ({ key }) => {
      const state = ctx.store().state();
      const now = ctx.clock();
      const today = todayOf(ctx, state);
      const d = findDeadline(state, today, key);
      const ledger = ledgerByKey(state);
      const upcoming: OccurrenceView[] = upcomingOccurrences(d, state.settings, now, 6).map((o) => ({
        key: o.key,
        kind: o.kind,
        offset: o.offset,
        at: o.at,
        due: o.due,
        outcome: ledger.get(o.key)?.outcome ?? 'pending',
      }));
      const past: OccurrenceView[] = state.reminderLedger
        .values()
        .filter((e) => e.deadlineKey === key)
        .sort((a, b) => byCode(b.at, a.at))
        .map((e) => ({ key: e.key, kind: e.kind, offset: e.offset, at: e.at, due: e.due, outcome: e.outcome }));
      const manual = d.derived ? undefined : state.deadlines.get(d.key);
      return {
        today,
        deadline: {
          ...rowOf(d, today, ''),
          detail: d.detail,
          leadDays: d.leadDays,
          ownLeadDays: d.ownLeadDays,
          since: d.since,
          notes: manual?.notes ?? '',
        },
        boardLeadDays: state.settings.reminderLeadDays,
        upcoming,
        past,
      };
    },

    'deadlines:createManual': async (input) =>
      save(ctx, (state, now) => {
        checkLinks(state, input);
        const id = newId('ddl_');
        const record: StoredDeadline = {
          id,
          createdAt: now,
          updatedAt: now,
          source: 'manual',
          key: id,
          ...input,
          status: 'open',
          snoozedUntil: '',
        };
        return {
          changes: [{ target: 'deadlines', id, after: record }],
          id,
          summary: `Added a deadline: ${input.title.slice(0, 80)} (due ${input.due})`,
        };
      }),

    'deadlines:updateManual': async ({ key, ...patch }) =>
      save(ctx, (state, now) => {
        const current = state.deadlines.get(key);
        if (!current || current.source !== 'manual') refuseDerived(findDeadline(state, todayOf(ctx, state), key));
        checkLinks(state, patch);
        const next: StoredDeadline = { ...current, ...patch, updatedAt: now };
        return {
          changes: [{ target: 'deadlines', id: key, after: next }],
          id: key,
          summary: `Edited the deadline “${next.title.slice(0, 80)}”`,
        };
      }),

    'deadlines:closeManual': async ({ key, status }) =>
      save(ctx, (state, now) => {
        const current = state.deadlines.get(key);
        if (!current || current.source !== 'manual') refuseDerived(findDeadline(state, todayOf(ctx, state), key));
        const said = status === 'open' ? 'reopened' : status === 'done' ? 'marked done' : 'cancelled';
        return {
          changes: [{ target: 'deadlines', id: key, after: { ...current, status, updatedAt: now } }],
          id: key,
          summary: `Deadline “${current.title.slice(0, 80)}” ${said}`,
        };
      }),

    'deadlines:setReminders': async ({ key, leadDays }) =>
      save(ctx, (state, now) => {
        const d = findDeadline(state, todayOf(ctx, state), key);
        const sorted = leadDays === null ? null : [...new Set(leadDays)].sort((a, b) => b - a);
        const record = withSettings(state, d, now, { leadDays: sorted });
        return {
          changes: [{ target: 'deadlines', id: record.id, after: record }],
          id: record.id,
          summary:
            sorted === null
              ? `Reminders of “${d.title.slice(0, 80)}” follow the board’s lead times again`
              : `Reminders of “${d.title.slice(0, 80)}” set to ${sorted.join(', ')} days before`,
        };
      }),

    'deadlines:snooze': async (input) =>
      save(ctx, (state, now) => {
        const d = findDeadline(state, todayOf(ctx, state), input.key);
        const until = snoozeEnd(state, ctx.clock(), input);
        const record = withSettings(state, d, now, { snoozedUntil: until });
        // A snoozed reminder has been seen: it leaves the notification centre.
        const seen = state.reminderLedger
          .values()
          .filter((e) => e.deadlineKey === d.key && e.outcome === 'fired')
          .map((e) => ({
            target: 'reminderLedger' as const,
            id: e.id,
            after: { ...e, outcome: 'dismissed' as const, updatedAt: now },
          }));
        return {
          changes: [{ target: 'deadlines', id: record.id, after: record }, ...seen],
          id: record.id,
          summary: until
            ? `Snoozed “${d.title.slice(0, 80)}” until ${until}`
            : `Snooze of “${d.title.slice(0, 80)}” ended`,
        };
      }),

    'deadlines:dismiss': async ({ occurrence }) =>
      save(ctx, (state, now) => {
        const existing = state.reminderLedger.values().find((e) => e.key === occurrence);
        if (existing) {
          return {
            changes: [
              {
                target: 'reminderLedger',
                id: existing.id,
                after: { ...existing, outcome: 'dismissed', updatedAt: now },
              },
            ],
            id: existing.id,
            summary: `Dismissed a reminder of “${titleFromKey(state, existing.deadlineKey).slice(0, 80)}”`,
          };
        }
        // Not fired yet: it must be one of the deadline's coming occurrences.
        const deadlineKey = occurrence.split('|')[0] ?? '';
        const d = findDeadline(state, todayOf(ctx, state), deadlineKey);
        const coming = upcomingOccurrences(d, state.settings, ctx.clock(), 20).find((o) => o.key === occurrence);
        if (!coming) {
          throw new AppFailure(
            'not_found',
            `There is no reminder ${occurrence} to dismiss: it may have fired already, or its deadline moved.`,
          );
        }
        const id = newId('rem_');
        const entry: LedgerEntry = {
          id,
          createdAt: now,
          updatedAt: now,
          key: coming.key,
          deadlineKey: d.key,
          kind: coming.kind,
          due: coming.due,
          offset: coming.offset,
          outcome: 'dismissed',
          at: coming.at,
        };
        return {
          changes: [{ target: 'reminderLedger', id, after: entry }],
          id,
          summary: `Dismissed the coming reminder of “${d.title.slice(0, 80)}”`,
        };
      }),

    'reminders:list': async ({ show, page, pageSize }) => {
      const state = ctx.store().state();
      const today = todayOf(ctx, state);
      const deadlines = new Map(deriveDeadlines(state, today).map((d) => [d.key, d]));
      const fired = state.reminderLedger
        .values()
        .filter((e) => e.outcome === 'fired' || (show === 'all' && e.outcome === 'dismissed' && e.createdAt >= e.at))
        .sort((a, b) => byCode(b.at, a.at) || byCode(a.key, b.key));
      const rows: ReminderRow[] = fired.map((e) => {
        const d = deadlines.get(e.deadlineKey);
        return {
          key: e.key,
          deadlineKey: e.deadlineKey,
          title: d?.title ?? titleFromKey(state, e.deadlineKey),
          due: e.due,
          kind: e.kind as OccurrenceKind,
          offset: e.offset,
          at: e.at,
          dismissed: e.outcome === 'dismissed',
          deadlineStatus: d === undefined || d.due !== e.due ? 'gone' : d.status,
          source: d?.source ?? null,
        };
      });
      const active = state.reminderLedger.values().filter((e) => e.outcome === 'fired').length;
      return { ...pageOf(rows, page, pageSize), active };
    },

    'deadlines:ics': async (filter) => {
      const state = ctx.store().state();
      const today = todayOf(ctx, state);
      const list = deriveDeadlines(state, today).filter((d) => matches(d, filter, today));
      const text = deadlinesToIcs(list, { now: ctx.clock(), calendarName: `${state.settings.boardName}: deadlines` });
      return { filename: `deadlines-${today}.ics`, text, count: list.length };
    },

    'deadlines:chase': async ({ key }) => {
      const state = ctx.store().state();
      const today = todayOf(ctx, state);
      const d = findDeadline(state, today, key);
      return chaseMessage(d, longDate(d.due), state.settings.boardName, today);
    },

    'app:getStartAtLogin': async () => (ctx.platform.startAtLogin ? ctx.platform.startAtLogin.get() : unsupported),
    'app:setStartAtLogin': async ({ enabled }) => {
      if (!ctx.platform.startAtLogin) throw new AppFailure('conflict', unsupported.how);
      return ctx.platform.startAtLogin.set(enabled);
    },
  };
}
