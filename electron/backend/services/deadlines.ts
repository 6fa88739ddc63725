/**
 * The deadline register and its reminders: lists and pages of deadlines
 * (derived from their sources, plus manual ones), manual deadlines, a
 * deadline's own lead times, snooze and dismiss, the notification centre,
 * the calendar export and the chasing e-mail. A derived deadline is never
 * edited here: the refusal names its source.
 */
import { byText, byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { deadlinesByKey, deriveDeadlines } from '../../../shared/caches/deadlineDerivation.ts';
import {
  DEADLINE_SOURCE_LABELS,
  LAPSED_PREFIX,
  bandOf,
  chaseMessage,
  type Deadline,
} from '../../../shared/rules/deadlines.ts';
import type {
  ChaseView,
  DeadlineDetail,
  DeadlineList,
  DeadlineRow,
  IcsExport,
  OccurrenceView,
  ReminderList,
  ReminderRow,
} from '../../../shared/contract/deadlineViews.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import { deadlinesToIcs } from '../../../shared/documents/ics.ts';
import { pageOf } from '../../../shared/contract/paging.ts';
import { upcomingOccurrences } from '../../../shared/caches/reminderPlans.ts';
import { nextOccurrenceAt } from '../../../shared/caches/reminderColumns.ts';
import { OccurrenceLedger } from '../../../shared/caches/occurrenceLedger.ts';
import type { OccurrenceKind } from '../../../shared/rules/reminders.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { Deadline as StoredDeadline, LedgerEntry } from '../../../shared/schema/deadlines.ts';
import type { State } from '../../../shared/schema/state.ts';
import { addDays, longDate } from '../../../shared/dates/calendarDates.ts';
import { instantOfLocal } from '../../../shared/dates/time.ts';
import { mustGet, newId, save, todayOf, type ServiceContext } from './context.ts';

type Filter = Omit<ParsedInputOf<'deadlines:ics'>, 'todos'>;

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
  if (f.status === 'lapsed') {
    if (!d.closedReason.startsWith(LAPSED_PREFIX)) return false;
  } else if (f.status !== 'all' && d.status !== f.status) return false;
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

/**
 * What the reads ask of one version of the reminder ledger, found in one
 * pass and kept per version (the ledger's map is immutable: a change makes a
 * new one): the notification centre, each deadline's page and the next
 * notification are read again on every change of the register, by every open
 * page, and a ten-year ledger holds tens of thousands of entries.
 */
interface LedgerIndex {
  readonly byKey: ReadonlyMap<string, LedgerEntry>;
  readonly byDeadline: ReadonlyMap<string, readonly LedgerEntry[]>;
  /** Fired ones, and dismissed ones that had fired (the centre's "all"); sorted when first asked. */
  readonly fired: LedgerEntry[];
  readonly dismissedAfterFiring: LedgerEntry[];
  sorted: { fired: readonly LedgerEntry[]; all: readonly LedgerEntry[] } | null;
  readonly arrived: ReminderList['arrived'];
  readonly recorded: OccurrenceLedger;
}

const ledgerIndexes = new WeakMap<State['reminderLedger'], LedgerIndex>();

const newestFirst = (a: LedgerEntry, b: LedgerEntry): number => byCode(b.at, a.at) || byCode(a.key, b.key);

function ledgerIndexOf(ledger: State['reminderLedger']): LedgerIndex {
  let index = ledgerIndexes.get(ledger);
  if (index !== undefined) return index;
  const byKey = new Map<string, LedgerEntry>();
  const byDeadline = new Map<string, LedgerEntry[]>();
  const fired: LedgerEntry[] = [];
  const dismissedAfterFiring: LedgerEntry[] = [];
  const recorded = new OccurrenceLedger();
  let latestArrival = '';
  let arrivals = 0;
  for (const e of ledger) {
    byKey.set(e.key, e);
    const mine = byDeadline.get(e.deadlineKey);
    if (mine === undefined) byDeadline.set(e.deadlineKey, [e]);
    else mine.push(e);
    if (e.outcome === 'fired') fired.push(e);
    else if (e.outcome === 'dismissed' && e.createdAt >= e.at) dismissedAfterFiring.push(e);
    if (e.kind === 'arrival') {
      if (e.at > latestArrival) {
        latestArrival = e.at;
        arrivals = 0;
      }
      if (e.at === latestArrival) arrivals++;
    }
    recorded.record(e);
  }
  index = {
    byKey,
    byDeadline,
    fired,
    dismissedAfterFiring,
    sorted: null,
    arrived: latestArrival ? { count: arrivals, at: latestArrival } : null,
    recorded,
  };
  ledgerIndexes.set(ledger, index);
  return index;
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

/** How many deadlines are overdue, due this week, and open and due within 30 and 90 days, on `today`. */
function bandCounts(deadlines: Iterable<Deadline>, today: string): DeadlineList['counts'] {
  const counts = { overdue: 0, week: 0, month: 0, quarter: 0 };
  for (const d of deadlines) {
    const band = bandOf(d, today);
    if (band === 'overdue' || band === 'week') counts[band] += 1;
    if (d.status === 'open' && d.due >= today && d.due <= addDays(today, 30)) counts.month += 1;
    if (d.status === 'open' && d.due >= today && d.due <= addDays(today, 90)) counts.quarter += 1;
  }
  return counts;
}

/** The deadline register on `today`: counts by band, then the deadlines the filter keeps, grouped and paged. */
export function listDeadlines(
  state: State,
  { groupBy, page, pageSize, ...filter }: ParsedInputOf<'deadlines:list'>,
  today: string,
): DeadlineList {
  const all = deriveDeadlines(state, today);
  const counts = bandCounts(all, today);
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
}

/** A deadline's page at `now`: its lead times, its coming reminders and those already fired or dismissed. */
export function getDeadline(state: State, key: string, now: Date): DeadlineDetail {
  const today = todayOf(state, now);
  const d = findDeadline(state, today, key);
  const ledger = ledgerIndexOf(state.reminderLedger);
  const upcoming: OccurrenceView[] = upcomingOccurrences(d, state.settings, now, 6).map((o) => ({
    key: o.key,
    kind: o.kind,
    offset: o.offset,
    at: o.at,
    due: o.due,
    outcome: ledger.byKey.get(o.key)?.outcome ?? 'pending',
  }));
  const past: OccurrenceView[] = (ledger.byDeadline.get(key) ?? [])
    .slice()
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
}

/** The notification centre on `today`: fired reminders (and, with `all`, those dismissed after firing), newest first. */
export function listReminders(
  state: State,
  { show, page, pageSize }: ParsedInputOf<'reminders:list'>,
  now: Date,
): ReminderList {
  const today = todayOf(state, now);
  // The register by key is kept per state (the scheduler's own); only the page's rows are made.
  const deadlines = deadlinesByKey(state, today);
  const ledger = ledgerIndexOf(state.reminderLedger);
  ledger.sorted ??= {
    fired: ledger.fired.slice().sort(newestFirst),
    all: [...ledger.fired, ...ledger.dismissedAfterFiring].sort(newestFirst),
  };
  const fired = show === 'all' ? ledger.sorted.all : ledger.sorted.fired;
  const rows: ReminderRow[] = fired.slice(page * pageSize, (page + 1) * pageSize).map((e) => {
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
  // The next notification, as the scheduler's timer will find it (the ledger says what was dealt with).
  const nextAt = nextOccurrenceAt(deadlines.values(), ledger.recorded, state.settings, now);
  // The register's counts ride along: the centre shows them beside its reminders, read again on the same changes.
  const { overdue, week } = bandCounts(deadlines.values(), today);
  return {
    rows,
    total: fired.length,
    page,
    pageSize,
    active: ledger.fired.length,
    arrived: ledger.arrived,
    nextAt: nextAt?.toISOString() ?? '',
    deadlines: { overdue, week },
  };
}

/** The deadlines the filter keeps at `now`, as an iCalendar file. */
export function deadlinesIcs(state: State, { todos, ...filter }: Filter & { todos?: boolean }, now: Date): IcsExport {
  const today = todayOf(state, now);
  const list = deriveDeadlines(state, today).filter((d) => matches(d, filter, today));
  const text = deadlinesToIcs(list, {
    now,
    calendarName: `${state.settings.boardName}: deadlines`,
    reminderTime: state.settings.reminderTime,
    today,
    todos: todos === true,
  });
  return { filename: `deadlines-${today}.ics`, text, count: list.length };
}

/** The chasing e-mail for a deadline on `today`. */
export function chaseDeadline(state: State, key: string, today: string): ChaseView {
  const d = findDeadline(state, today, key);
  return chaseMessage(d, longDate(d.due), state.settings.boardName, today);
}

/** Adds a manual deadline (open); the contract and decision it names must exist. */
export function createManualDeadline(
  ctx: ServiceContext,
  input: ParsedInputOf<'deadlines:createManual'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
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
  });
}

/** Edits a manual deadline; a derived one is refused, naming its source. */
export function updateManualDeadline(
  ctx: ServiceContext,
  { key, ...patch }: ParsedInputOf<'deadlines:updateManual'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = state.deadlines.get(key);
    if (!current || current.source !== 'manual') refuseDerived(findDeadline(state, todayOf(state, ctx.clock()), key));
    checkLinks(state, patch);
    const next: StoredDeadline = { ...current, ...patch, updatedAt: now };
    return {
      changes: [{ target: 'deadlines', id: key, after: next }],
      id: key,
      summary: `Edited the deadline “${next.title.slice(0, 80)}”`,
    };
  });
}

/** Marks a manual deadline done or cancelled, or reopens it; a derived one is refused, naming its source. */
export function closeManualDeadline(
  ctx: ServiceContext,
  { key, status }: ParsedInputOf<'deadlines:closeManual'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = state.deadlines.get(key);
    if (!current || current.source !== 'manual') refuseDerived(findDeadline(state, todayOf(state, ctx.clock()), key));
    const said = status === 'open' ? 'reopened' : status === 'done' ? 'marked done' : 'cancelled';
    return {
      changes: [{ target: 'deadlines', id: key, after: { ...current, status, updatedAt: now } }],
      id: key,
      summary: `Deadline “${current.title.slice(0, 80)}” ${said}`,
    };
  });
}

/** Sets a deadline’s own lead times (null: the board’s again). */
export function setDeadlineReminders(
  ctx: ServiceContext,
  { key, leadDays }: ParsedInputOf<'deadlines:setReminders'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const d = findDeadline(state, todayOf(state, ctx.clock()), key);
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
  });
}

/** Snoozes a deadline’s reminders (a day, a week, until a date) or ends the snooze; its fired reminders leave the notification centre. */
export function snoozeDeadline(ctx: ServiceContext, input: ParsedInputOf<'deadlines:snooze'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    const d = findDeadline(state, todayOf(state, ctx.clock()), input.key);
    const until = snoozeEnd(state, ctx.clock(), input);
    const record = withSettings(state, d, now, { snoozedUntil: until });
    // A snoozed reminder has been seen: it leaves the notification centre.
    const seen = (ledgerIndexOf(state.reminderLedger).byDeadline.get(d.key) ?? [])
      .filter((e) => e.outcome === 'fired')
      .map((e) => ({
        target: 'reminderLedger' as const,
        id: e.id,
        after: { ...e, outcome: 'dismissed' as const, updatedAt: now },
      }));
    return {
      changes: [{ target: 'deadlines', id: record.id, after: record }, ...seen],
      id: record.id,
      summary: until ? `Snoozed “${d.title.slice(0, 80)}” until ${until}` : `Snooze of “${d.title.slice(0, 80)}” ended`,
    };
  });
}

/** Dismisses a reminder, fired or still to come. */
export function dismissReminder(
  ctx: ServiceContext,
  { occurrence }: ParsedInputOf<'deadlines:dismiss'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const existing = ledgerIndexOf(state.reminderLedger).byKey.get(occurrence);
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
    const d = findDeadline(state, todayOf(state, ctx.clock()), deadlineKey);
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
  });
}
