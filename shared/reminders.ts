/**
 * Reminder rules (ARCHITECTURE.md "Reminders"). A deadline has occurrences: a
 * reminder per lead time (days before the due date), a weekly repeat once it
 * is overdue, and the end of a snooze. Each is keyed by deadline key + kind +
 * due date + lead days, overdue week or snooze end, so it fires exactly once
 * across restarts and a moved due date makes fresh ones. Pure: `now` is
 * passed in; the ledger says which occurrences were already dealt with.
 */
import { addDays, daysBetween } from './calendarDates.ts';
import type { Deadline } from './deadlines.ts';
import type { Settings } from './schema/settings.ts';
import { dateInZone, instantOfLocal } from './time.ts';

/** A lead-time reminder, a weekly overdue repeat, or the end of a snooze. */
export type OccurrenceKind = 'lead' | 'overdue' | 'snooze';

/** One reminder occurrence of one deadline. */
export interface Occurrence {
  readonly key: string;
  readonly deadlineKey: string;
  readonly kind: OccurrenceKind;
  /** The deadline's due date when the occurrence was made. */
  readonly due: string;
  /** Days before due (lead), weeks after due (overdue), 0 for a snooze. */
  readonly offset: number;
  /** The instant it comes due (ISO, UTC). */
  readonly at: string;
  readonly title: string;
}

/** What the rules need from Settings. */
export type ReminderSettings = Pick<Settings, 'timeZone' | 'reminderTime'>;

/** What the ledger must answer: has this occurrence been dealt with (fired, superseded or dismissed)? */
export interface RecordedOccurrences {
  has(occurrenceKey: string): boolean;
}

/** The deadline fields the rules read. */
export type RemindedDeadline = Pick<
  Deadline,
  'key' | 'title' | 'due' | 'status' | 'since' | 'leadDays' | 'snoozedUntil'
>;

/** The key of an occurrence: deadline key + kind + due date + lead days, overdue week or snooze end. */
export function occurrenceKey(deadlineKey: string, kind: OccurrenceKind, due: string, offset: number | string): string {
  return `${deadlineKey}|${kind}|${due}|${offset}`;
}

/** Converts local dates to instants at the reminder time, remembering each (one call of the rules asks often). */
function reminderInstants(settings: ReminderSettings): (date: string) => string {
  const cache = new Map<string, string>();
  return (date) => {
    let at = cache.get(date);
    if (at === undefined) {
      at = instantOfLocal(date, settings.reminderTime, settings.timeZone).toISOString();
      cache.set(date, at);
    }
    return at;
  };
}

/**
 * A deadline's occurrences that may fire: those whose time has come (`past`,
 * ascending) and, when asked, the first one after `now`. Never eligible: any
 * of a closed deadline; any whose time fell before the deadline's `since`; a
 * lead or overdue one inside a snooze.
 */
function eligible(
  d: RemindedDeadline,
  instantOf: (date: string) => string,
  now: string,
  today: string,
  wantNext: boolean,
): { past: Occurrence[]; next: Occurrence | undefined } {
  const past: Occurrence[] = [];
  let next: Occurrence | undefined;
  if (d.status !== 'open' || !d.due) return { past, next };
  const make = (kind: OccurrenceKind, offset: number, at: string, keyOffset: number | string = offset): Occurrence => ({
    key: occurrenceKey(d.key, kind, d.due, keyOffset),
    deadlineKey: d.key,
    kind,
    due: d.due,
    offset,
    at,
    title: d.title,
  });
  const consider = (o: Occurrence): void => {
    if (o.at < d.since) return;
    if (o.kind !== 'snooze' && d.snoozedUntil && o.at < d.snoozedUntil) return;
    if (o.at <= now) past.push(o);
    else if (wantNext && (next === undefined || o.at < next.at)) next = o;
  };
  // Largest lead first gives ascending times.
  for (const lead of [...new Set(d.leadDays)].sort((a, b) => b - a)) {
    consider(make('lead', lead, instantOf(addDays(d.due, -lead))));
  }
  // Weekly once overdue: week k falls on due + 7k days. Only the weeks either
  // side of today are looked at: a later week always supersedes the older
  // ones, and after a long absence there would be many.
  const weeksGone = Math.max(0, Math.floor(daysBetween(d.due, today) / 7));
  for (let k = Math.max(1, weeksGone - 1); k <= weeksGone + 1; k++) {
    consider(make('overdue', k, instantOf(addDays(d.due, 7 * k))));
  }
  if (d.snoozedUntil) consider(make('snooze', 0, d.snoozedUntil, d.snoozedUntil));
  past.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { past, next };
}

/** The reminders to deliver now, and the older ones they supersede. */
export interface RemindersDue {
  /** Per deadline at most one: its latest occurrence whose time has come, if the ledger has not recorded it. */
  readonly due: readonly Occurrence[];
  /** Older unrecorded occurrences of the same deadlines: recorded as superseded, never fired. */
  readonly superseded: readonly Occurrence[];
}

/**
 * Per deadline, its latest occurrence whose time has come, unless the ledger
 * already holds it; older unrecorded occurrences of that deadline come back
 * as superseded. Nothing whose time fell before the deadline's `since`, and
 * nothing of a closed deadline.
 */
export function remindersDue(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): RemindersDue {
  const instantOf = reminderInstants(settings);
  const nowIso = now.toISOString();
  const today = dateInZone(now, settings.timeZone);
  const due: Occurrence[] = [];
  const superseded: Occurrence[] = [];
  for (const d of deadlines) {
    const { past } = eligible(d, instantOf, nowIso, today, false);
    const latest = past.at(-1);
    if (latest === undefined || ledger.has(latest.key)) continue;
    due.push(latest);
    for (const older of past.slice(0, -1)) if (!ledger.has(older.key)) superseded.push(older);
  }
  return { due, superseded };
}

/**
 * The earliest instant after `now` at which an occurrence of any deadline
 * comes due (and is not already recorded, e.g. dismissed ahead), or null
 * when there is none. The scheduler arms its timer for it (never more than
 * an hour ahead: see the scheduler).
 */
export function nextOccurrenceAt(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): Date | null {
  const instantOf = reminderInstants(settings);
  const nowIso = now.toISOString();
  const today = dateInZone(now, settings.timeZone);
  let best: string | undefined;
  for (const d of deadlines) {
    const { next } = eligible(d, instantOf, nowIso, today, true);
    if (next !== undefined && !ledger.has(next.key) && (best === undefined || next.at < best)) best = next.at;
  }
  return best === undefined ? null : new Date(best);
}

/** The upcoming occurrences of one deadline after `now`, at most `limit`: what its page lists. */
export function upcomingOccurrences(
  d: RemindedDeadline,
  settings: ReminderSettings,
  now: Date,
  limit = 8,
): Occurrence[] {
  const instantOf = reminderInstants(settings);
  const out: Occurrence[] = [];
  // Walk forward: each step asks for the first occurrence after the last one found.
  let from = now.toISOString();
  for (let i = 0; i < limit; i++) {
    const { next } = eligible(d, instantOf, from, dateInZone(new Date(from), settings.timeZone), true);
    if (next === undefined) break;
    out.push(next);
    from = next.at;
  }
  return out;
}
