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

const instantCache = new Map<string, string>();

/**
 * Converts local dates to instants at the reminder time. Each conversion asks
 * Intl (microseconds, but a register holds thousands of dates), so results
 * are kept across calls: the scheduler asks about the same dates every hour.
 */
function reminderInstants(settings: ReminderSettings): (date: string) => string {
  return (date) => {
    const key = `${settings.timeZone}|${settings.reminderTime}|${date}`;
    let at = instantCache.get(key);
    if (at === undefined) {
      if (instantCache.size > 50_000) instantCache.clear();
      at = instantOfLocal(date, settings.reminderTime, settings.timeZone).toISOString();
      instantCache.set(key, at);
    }
    return at;
  };
}

/** An occurrence before its instant is known: a local date at the reminder time, or a fixed instant (a snooze). */
interface Candidate {
  readonly kind: OccurrenceKind;
  readonly offset: number;
  readonly keyOffset: number | string;
  /** The local date it falls on; '' for a snooze. */
  readonly date: string;
  readonly fixedAt: string;
}

/**
 * Compares occurrences with instants by their local dates where that is
 * enough (the UTC date of an instant is within a day of its local date),
 * and converts to an instant only near the boundary: most of a register's
 * dates are weeks away from any boundary, and need no Intl call at all.
 */
class Timing {
  constructor(
    readonly instantOf: (date: string) => string,
    readonly now: string,
    readonly today: string,
  ) {}

  at(c: Candidate): string {
    return c.fixedAt || this.instantOf(c.date);
  }

  /** Whether `c` comes strictly before the instant `bound.iso` (`bound` from {@link boundOf}). */
  before(c: Candidate, bound: Bound): boolean {
    if (c.date) {
      if (c.date < bound.lo) return true;
      if (c.date > bound.hi) return false;
    }
    return this.at(c) < bound.iso;
  }

  /** Whether `c`'s time has come. */
  past(c: Candidate): boolean {
    if (c.date && c.date !== this.today) return c.date < this.today;
    return this.at(c) <= this.now;
  }
}

/** An instant with the local dates it may fall on (its UTC date, a day either side). */
interface Bound {
  readonly iso: string;
  readonly lo: string;
  readonly hi: string;
}

function boundOf(iso: string): Bound {
  const day = iso.slice(0, 10);
  return { iso, lo: addDays(day, -1), hi: addDays(day, 1) };
}

/**
 * A deadline's occurrences that may fire, ascending by time, split into
 * those whose time has come and those to come. Never eligible: any of a
 * closed deadline; any whose time fell before the deadline's `since`; a lead
 * or overdue one inside a snooze. Overdue weeks are looked at only either
 * side of today: a later week always supersedes the older ones, and after a
 * long absence there would be many.
 */
function plan(d: RemindedDeadline, t: Timing): { past: Candidate[]; future: Candidate[] } {
  const past: Candidate[] = [];
  const future: Candidate[] = [];
  if (d.status !== 'open' || !d.due) return { past, future };
  const all: Candidate[] = [];
  // Largest lead first gives ascending dates.
  for (const lead of [...new Set(d.leadDays)].sort((a, b) => b - a)) {
    all.push({ kind: 'lead', offset: lead, keyOffset: lead, date: addDays(d.due, -lead), fixedAt: '' });
  }
  const weeksGone = Math.max(0, Math.floor(daysBetween(d.due, t.today) / 7));
  for (let k = Math.max(1, weeksGone - 1); k <= weeksGone + 1; k++) {
    all.push({ kind: 'overdue', offset: k, keyOffset: k, date: addDays(d.due, 7 * k), fixedAt: '' });
  }
  if (d.snoozedUntil) {
    all.push({ kind: 'snooze', offset: 0, keyOffset: d.snoozedUntil, date: '', fixedAt: d.snoozedUntil });
    // The one out of date order: sort by instant (a snooze is rare, so the Intl calls are too).
    const at = new Map(all.map((c) => [c, t.at(c)]));
    all.sort((a, b) => ((at.get(a) ?? '') < (at.get(b) ?? '') ? -1 : 1));
  }
  const since = boundOf(d.since);
  const snooze = d.snoozedUntil ? boundOf(d.snoozedUntil) : null;
  for (const c of all) {
    if (t.before(c, since)) continue;
    if (c.kind !== 'snooze' && snooze !== null && t.before(c, snooze)) continue;
    (t.past(c) ? past : future).push(c);
  }
  return { past, future };
}

function occurrenceOf(d: RemindedDeadline, c: Candidate, t: Timing): Occurrence {
  return {
    key: occurrenceKey(d.key, c.kind, d.due, c.keyOffset),
    deadlineKey: d.key,
    kind: c.kind,
    due: d.due,
    offset: c.offset,
    at: t.at(c),
    title: d.title,
  };
}

function timingOf(settings: ReminderSettings, now: Date): Timing {
  return new Timing(reminderInstants(settings), now.toISOString(), dateInZone(now, settings.timeZone));
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
  const t = timingOf(settings, now);
  const due: Occurrence[] = [];
  const superseded: Occurrence[] = [];
  for (const d of deadlines) {
    const { past } = plan(d, t);
    const latest = past.at(-1);
    if (latest === undefined || ledger.has(occurrenceKey(d.key, latest.kind, d.due, latest.keyOffset))) continue;
    due.push(occurrenceOf(d, latest, t));
    for (const older of past.slice(0, -1)) {
      const o = occurrenceOf(d, older, t);
      if (!ledger.has(o.key)) superseded.push(o);
    }
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
  const t = timingOf(settings, now);
  // Each deadline's first coming occurrence the ledger does not already hold (e.g. dismissed ahead).
  const firsts: Candidate[] = [];
  for (const d of deadlines) {
    const first = plan(d, t).future.find((c) => !ledger.has(occurrenceKey(d.key, c.kind, d.due, c.keyOffset)));
    if (first !== undefined) firsts.push(first);
  }
  // The earliest date bounds the answer: only dates within a day of it need an instant.
  const earliestDate = firsts.reduce((min, c) => (c.date && (min === '' || c.date < min) ? c.date : min), '');
  const near = earliestDate ? addDays(earliestDate, 1) : '';
  let best: string | undefined;
  for (const c of firsts) {
    if (c.date && c.date > near) continue;
    const at = t.at(c);
    if (best === undefined || at < best) best = at;
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
    const t = new Timing(instantOf, from, dateInZone(new Date(from), settings.timeZone));
    const next = plan(d, t).future.find((c) => t.at(c) > from);
    if (next === undefined) break;
    const o = occurrenceOf(d, next, t);
    out.push(o);
    from = o.at;
  }
  return out;
}
