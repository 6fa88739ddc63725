// The deadline register derived from the sample board, and the time rules reminders stand on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveDeadlines } from '../../../shared/caches/deadlineDerivation.ts';
import { bandOf, chaseMessage, greetingOf, type Deadline } from '../../../shared/rules/deadlines.ts';
import { addDays, addMonths, dayCount, longDate } from '../../../shared/dates/calendarDates.ts';
import {
  answeredDates,
  dueDates,
  isOpen,
  isOverdue,
  isPending,
  dueAndOverdue,
  missedDue,
  nextDue,
} from '../../../shared/rules/conditionRules.ts';
import { remindersDue } from '../../../shared/caches/reminderColumns.ts';
import type { Condition } from '../../../shared/schema/conditions.ts';
import { applyChanges, type State } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import { addWorkingDays } from '../../../shared/dates/workingDays.ts';
import { sampleState } from '../sampleState.ts';

const LONDON = 'Europe/London';

function byTitle(list: readonly Deadline[], text: string): Deadline[] {
  return list.filter((d) => d.title.includes(text));
}

describe('date rules the deadlines use', () => {
  it('adds months by the calendar and working days across bank holidays', () => {
    expect(addMonths('2026-06-24', 12)).toBe('2027-06-24');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    const ew = { region: 'england-and-wales' as const, extra: [], removed: [] };
    // Five working days before Wednesday 31 March 2027 skip Easter Monday (29th), the weekend and Good Friday (26th).
    expect(addWorkingDays('2027-03-31', -5, ew)).toBe('2027-03-22');
    // Five working days before Tuesday 29 December 2026 skip Christmas (25th) and the 28th (Boxing Day substitute).
    expect(addWorkingDays('2026-12-29', -5, ew)).toBe('2026-12-18');
  });
});

describe('the sample case, on 25 May 2027 at 09:00 in London', () => {
  const now = new Date('2027-05-25T08:00:00.000Z');
  const today = dateInZone(now, LONDON);
  // Loaded a few days earlier, so only what comes due after loading can fire.
  const state = sampleState('2027-05-20T10:00:00.000Z');
  const deadlines = deriveDeadlines(state, today);

  it('derives the deadlines of conditions, contracts, meetings and decisions, with stable keys', () => {
    const award = byTitle(deadlines, 'Award a new contract before the extension ends')[0]!;
    expect(award).toMatchObject({
      kind: 'condition',
      due: '2027-06-24',
      status: 'open',
      derived: true,
      reference: 'PCD 2026-117',
      owner: { name: "The police force's commercial director" },
      leadDays: [90, 30, 7, 1, 0],
      since: '2027-05-20T10:00:00.000Z',
    });
    expect(award.key).toBe(`cnd:${award.source.id}:2027-06-24`);
    expect(award.contract?.reference).toBe('CTR-2025-019');
    const pilot = [...state.contracts.values()].find((c) => c.reference === 'CTR-2025-019')!;
    const keys = deadlines.filter((d) => d.source.id === pilot.id).map((d) => d.key);
    expect(keys).toContain(`ctr:${pilot.id}:end`);
    expect(keys).toContain(`ctr:${pilot.id}:brk:${pilot.breakClauses[0]!.id}:notice`);
    for (const m of pilot.milestones) expect(keys).toContain(`ctr:${pilot.id}:mst:${m.id}`);
    // The maximum extent is the term end itself: not a second deadline.
    expect(keys).not.toContain(`ctr:${pilot.id}:maxextent`);
    // Break on 24 December 2026 with 90 days' notice: notice by 25 September 2026; long passed, so closed.
    expect(deadlines.find((d) => d.key.includes(':brk:') && d.source.id === pilot.id)).toMatchObject({
      due: '2026-09-25',
      status: 'closed',
      closedReason: 'Lapsed on 25 September 2026',
    });
    const enterprise = [...state.contracts.values()].find((c) => c.reference === 'CTR-2026-007')!;
    expect(
      deadlines.find((d) => d.key === `ctr:${enterprise.id}:opt:${enterprise.extensionOptions[0]!.id}:notice`),
    ).toMatchObject({ status: 'closed', closedReason: 'Contract not approved' });
    const next = byTitle(deadlines, 'Papers due').find((d) => d.status === 'open')!;
    const meeting = state.meetings.get(next.source.id)!;
    expect(next.due).toBe(addWorkingDays(meeting.date, -5, { region: 'england-and-wales', extra: [], removed: [] }));
    expect(byTitle(deadlines, 'Call-in period ends').map((d) => d.status)).toEqual(['closed', 'closed']);
    // Dates in words people read, ISO dates only in keys.
    expect(next.title).toBe(`Papers due for the ${meeting.title} of ${longDate(meeting.date)}`);
    expect(next.reference).toBe(`${meeting.title}, ${longDate(meeting.date)}`);
    expect(next.detail).toBe(
      `Papers for the ${meeting.title} on ${longDate(meeting.date)} are due 5 working days before, on ${longDate(next.due)}.`,
    );
    expect(next.key).toBe(`mtg:${meeting.id}:papers`);
    expect(deadlines.find((d) => d.key.includes(':brk:') && d.source.id === pilot.id)?.title).toBe(
      'Last day to give notice for the break on 24 December 2026: Misconduct analytics pilot',
    );
  });

  it('writes no ISO date in a title, reference or detail, and keys every deadline as before', () => {
    const iso = /\d{4}-\d{2}-\d{2}/;
    const derived = deadlines.filter((d) => d.derived);
    expect(derived.length).toBeGreaterThan(10);
    for (const d of derived) {
      expect([d.title, d.reference, d.detail].join(' | ')).not.toMatch(iso);
      // The keys the reminder ledger refers to: ids and ISO dates, unchanged.
      expect(d.key).toMatch(
        /^(cnd:cnd_[0-9a-f]+:\d{4}-\d{2}-\d{2}|ctr:ctr_[0-9a-f]+:(end|maxextent|opt:[^:]+:notice|brk:[^:]+:notice|mst:[^:]+)|mtg:mtg_[0-9a-f]+:papers|dec:dec_[0-9a-f]+:callin)$/,
      );
      if (d.kind === 'condition') expect(d.key).toBe(`cnd:${d.source.id}:${d.due}`);
    }
  });

  it('shows the quarterly report condition’s first unanswered date as overdue, though it fell before the sample was loaded', () => {
    const quarterly = byTitle(deadlines, 'every quarter').sort((a, b) => a.due.localeCompare(b.due));
    // September's report is recorded as received; December's is not, so it is owed (March as well, listed after it).
    expect(quarterly.map((d) => [d.due, d.status, d.closedReason])).toEqual([
      ['2026-12-24', 'open', ''],
      ['2027-06-24', 'open', ''],
    ]);
    expect(bandOf(quarterly[0]!, today)).toBe('overdue');
    expect(bandOf(quarterly[1]!, today)).toBe('month');
  });

  it('makes the 30-day reminder for awarding the new contract due now', () => {
    const { due } = remindersDue(deadlines, new Set<string>(), state.settings, now);
    const award = due.find((o) => o.title.startsWith('Award a new contract'));
    expect(award).toMatchObject({ kind: 'lead', offset: 30, due: '2027-06-24', at: '2027-05-25T08:00:00.000Z' });
    // Everything due at this moment is one reminder per deadline, never older ones.
    expect(new Set(due.map((o) => o.deadlineKey)).size).toBe(due.length);
    // Nothing from before the sample was loaded fires.
    for (const o of due) expect(o.at >= '2027-05-20T10:00:00.000Z').toBe(true);
  });

  it('sets off no burst when the sample is loaded at that very moment', () => {
    const fresh = sampleState('2027-05-25T08:30:00.000Z');
    const list = deriveDeadlines(fresh, today);
    const { due, superseded } = remindersDue(list, new Set<string>(), fresh.settings, new Date('2027-05-25T08:30:00Z'));
    expect(due).toEqual([]);
    expect(superseded).toEqual([]);
  });

  it('follows a source: a met condition closes its deadline; a moved due date makes a new key', () => {
    const award = byTitle(deadlines, 'Award a new contract')[0]!;
    const condition = state.conditions.get(award.source.id)!;
    const met = applyChanges(state, [
      { target: 'conditions', id: condition.id, after: { ...condition, status: 'met', updatedAt: now.toISOString() } },
    ]);
    expect(deriveDeadlines(met, today).find((d) => d.key === award.key)).toMatchObject({
      status: 'closed',
      closedReason: 'Met',
    });
    const moved = applyChanges(state, [
      {
        target: 'conditions',
        id: condition.id,
        after: { ...condition, due: '2027-07-24', updatedAt: now.toISOString() },
      },
    ]);
    const keys = deriveDeadlines(moved, today).map((d) => d.key);
    expect(keys).not.toContain(award.key);
    expect(keys).toContain(`cnd:${condition.id}:2027-07-24`);
  });

  it('knows a deadline from the last change of the rules that shape it, and re-derives only what they shape', () => {
    // Changed half an hour after this morning's reminders.
    const changed = '2027-05-25T08:30:00.000Z';
    const look = new Date('2027-05-25T08:45:00.000Z');
    const award = byTitle(deadlines, 'Award a new contract')[0]!;
    const papers = byTitle(deadlines, 'Papers due');
    // A deadline with lead times of its own does not follow the board's.
    const own = applyChanges(state, [
      {
        target: 'deadlines',
        id: 'ddl_own',
        after: {
          id: 'ddl_own',
          createdAt: '2027-05-21T10:00:00.000Z',
          updatedAt: '2027-05-21T10:00:00.000Z',
          source: 'derived',
          key: award.key,
          title: '',
          due: '',
          owner: { memberId: null, name: '', email: '' },
          notes: '',
          contractId: null,
          decisionId: null,
          status: 'open',
          leadDays: [14],
          snoozedUntil: '',
        },
      },
    ]);
    const before = deriveDeadlines(own, today);
    const ownAward = before.find((d) => d.key === award.key)!;
    expect(ownAward).toMatchObject({ since: '2027-05-21T10:00:00.000Z', ownLeadDays: true });

    const rule = applyChanges(own, [
      {
        target: 'settings',
        id: 'settings',
        after: { ...own.settings, papersDueWorkingDays: 7, papersDueRuleChangedAt: changed },
      },
    ]);
    const afterRule = deriveDeadlines(rule, today);
    for (const d of afterRule) {
      if (d.kind === 'papers-due') expect(d.since).toBe(changed);
      else expect(before).toContain(d);
    }
    expect(afterRule.filter((d) => d.kind === 'papers-due').map((d) => d.key)).toEqual(papers.map((d) => d.key));

    const lead = applyChanges(rule, [
      {
        target: 'settings',
        id: 'settings',
        after: { ...rule.settings, reminderLeadDays: [90, 30, 14, 7, 1, 0], leadDaysChangedAt: changed },
      },
    ]);
    const afterLead = deriveDeadlines(lead, today);
    for (const d of afterLead) {
      if (d.ownLeadDays) expect(afterRule).toContain(d);
      else expect(d).toMatchObject({ since: changed, leadDays: [90, 30, 14, 7, 1, 0] });
    }
    expect(afterLead).toContain(afterRule.find((d) => d.key === award.key));
    // This morning's reminders, not yet recorded, are owed before the change; after it nothing that came due before it is.
    expect(remindersDue(before, new Set<string>(), own.settings, look).due.length).toBeGreaterThan(0);
    expect(remindersDue(afterLead, new Set<string>(), lead.settings, look).due).toEqual([]);
  });

  it('drafts the chasing e-mail with the reference, the due date and the condition quoted', () => {
    const award = byTitle(deadlines, 'Award a new contract')[0]!;
    const mail = chaseMessage(
      { ...award, owner: { ...award.owner, email: 'commercial@force.example' } },
      '24 June 2027',
      'Policing Oversight Board',
      today,
    );
    expect(mail.subject).toBe(
      'PCD 2026-117: Award a new contract before the extension ends on 24 June 2027 (due 24 June 2027)',
    );
    expect(mail.body).toContain('> Award a new contract before the extension ends on 24 June 2027');
    expect(mail.mailto.startsWith('mailto:commercial@force.example?subject=PCD%202026-117%3A%20Award')).toBe(true);
    expect(mail.mailto).toContain('%0D%0A');
    expect(mail.text).toContain('To: commercial@force.example\nSubject: PCD 2026-117');
  });

  it('greets an owner named by role without "Dear The ...", and a person by name', () => {
    const role = greetingOf({ name: "The force's commercial director", memberId: null });
    expect(role).toEqual(["For the attention of the force's commercial director", '', 'Dear colleague,']);
    expect(greetingOf({ name: 'Sam Okoro', memberId: 'mem_1' })).toEqual(['Dear Sam Okoro,']);
    expect(greetingOf({ name: '', memberId: null })).toEqual(['Dear colleague,']);
    const award = byTitle(deadlines, 'Award a new contract')[0]!;
    const body = chaseMessage(award, '24 June 2027', 'Board', today).body;
    expect(body).not.toMatch(/Dear The/);
    expect(body.startsWith("For the attention of the police force's commercial director\n\nDear colleague,")).toBe(
      true,
    );
  });

  it('counts days in words: one day, not "1 days"', () => {
    expect(dayCount(1)).toBe('1 day');
    expect(dayCount(90)).toBe('90 days');
  });
});

/**
 * What the one rule (shared/rules/conditionRules.ts) says of one date of a condition on `today`:
 * owed and late (the first unanswered past date of an open, unbreached condition), answered by an
 * update that said so, or neither.
 */
function ruleFor(c: Condition, due: string, today: string): 'overdue' | 'answered' | 'neither' {
  if (isOverdue(c, today) && missedDue(c, today) === due) return 'overdue';
  return isPending(c.status) && answeredDates(c).has(due) ? 'answered' : 'neither';
}

/** What the register says of the same date. */
function registerSays(d: Deadline, today: string): 'overdue' | 'answered' | 'neither' {
  if (bandOf(d, today) === 'overdue') return 'overdue';
  return d.closedReason === 'Update recorded' ? 'answered' : 'neither';
}

/** The register and the rules, date by date, for one condition; and the date the Conditions list shows as late. */
function expectAgreement(state: State, conditionId: string, today: string): Deadline[] {
  const c = state.conditions.get(conditionId)!;
  const mine = deriveDeadlines(state, today).filter((d) => d.source.id === conditionId);
  for (const d of mine) expect([d.due, registerSays(d, today)]).toEqual([d.due, ruleFor(c, d.due, today)]);
  const late = mine.filter((d) => bandOf(d, today) === 'overdue').map((d) => d.due);
  expect(late).toEqual(isOverdue(c, today) ? [missedDue(c, today)] : []);
  // Every view shows the same date: the missed one when late.
  if (isOverdue(c, today)) expect(nextDue(c, today)).toBe(late[0]);
  // The register's row asks both at once.
  expect(dueAndOverdue(c, today)).toEqual({ due: nextDue(c, today), overdue: isOverdue(c, today) });
  return mine;
}

/** An update of a condition: a note when `answers` is '', else the report for that date received. */
function update(at: string, answers = '', status: Condition['status'] = 'open'): Condition['history'][number] {
  return {
    status,
    at,
    on: at.slice(0, 10),
    by: 'Secretariat',
    note: answers ? `Report for ${answers} received` : 'Chased: not yet received',
    evidencePaperId: null,
    evidenceFile: null,
    answers,
  };
}

describe('the register and the Conditions list, one rule (conditionRules)', () => {
  const loadedAt = '2026-11-27T09:00:00.000Z';
  const sample = sampleState(loadedAt);
  const quarterly = sample.conditions.values().find((c) => c.recurrence !== null)!;

  /** The quarterly condition with these updates added. */
  function withUpdates(state: State, ...updates: Array<Condition['history'][number]>): State {
    const c = state.conditions.get(quarterly.id)!;
    const at = updates.at(-1)?.at ?? c.updatedAt;
    const history = [...c.history, ...updates];
    return applyChanges(state, [{ target: 'conditions', id: c.id, after: { ...c, history, updatedAt: at } }]);
  }

  /** The quarterly condition as typed in late (on `at`) with only its first history entry: no report recorded. */
  function recordedLate(at: string): State {
    const c = quarterly;
    const after: Condition = { ...c, createdAt: at, updatedAt: at, learnedAt: at, history: [c.history[0]!] };
    return applyChanges(sample, [{ target: 'conditions', id: c.id, after }]);
  }

  it('shows the sample’s 24 September 2026 report as answered (received 2 October), then the next dates', () => {
    const today = '2026-11-27';
    expect(isOverdue(quarterly, today)).toBe(false);
    expect(nextDue(quarterly, today)).toBe('2026-12-24');
    const mine = expectAgreement(sample, quarterly.id, today);
    expect(mine[0]).toMatchObject({ due: '2026-09-24', status: 'closed', closedReason: 'Update recorded' });
    expect(mine.slice(1).map((d) => [d.due, d.status])).toEqual([
      ['2026-12-24', 'open'],
      ['2027-03-24', 'open'],
      ['2027-06-24', 'open'],
    ]);
  });

  it('counts a date due before the condition was recorded like any other: 24 September 2026 is overdue on 6 December', () => {
    const state = recordedLate('2026-12-06T10:00:00.000Z');
    const c = state.conditions.get(quarterly.id)!;
    const today = '2026-12-06';
    expect(missedDue(c, today)).toBe('2026-09-24');
    expect(nextDue(c, today)).toBe('2026-09-24');
    expect(isOverdue(c, today)).toBe(true);
    const mine = expectAgreement(state, c.id, today);
    expect(mine.map((d) => [d.due, bandOf(d, today)])).toEqual([
      ['2026-09-24', 'overdue'],
      ['2026-12-24', 'month'],
      ['2027-03-24', 'later'],
      ['2027-06-24', 'later'],
    ]);
  });

  it('lets a note answer nothing, and an update answer only the date it names', () => {
    const today = '2026-12-06';
    let state = recordedLate('2026-12-06T10:00:00.000Z');
    // A chase note: 24 September is still owed, and 24 December still open, in the list and the register.
    state = withUpdates(state, update('2026-12-06T11:00:00.000Z'));
    let mine = expectAgreement(state, quarterly.id, today);
    expect(mine.map((d) => [d.due, d.status])).toEqual([
      ['2026-09-24', 'open'],
      ['2026-12-24', 'open'],
      ['2027-03-24', 'open'],
      ['2027-06-24', 'open'],
    ]);
    // December's report in early, September's still not: September stays the one owed.
    state = withUpdates(state, update('2026-12-06T12:00:00.000Z', '2026-12-24'));
    mine = expectAgreement(state, quarterly.id, today);
    expect(mine.map((d) => [d.due, d.closedReason])).toEqual([
      ['2026-09-24', ''],
      ['2026-12-24', 'Update recorded'],
      ['2027-03-24', ''],
      ['2027-06-24', ''],
    ]);
    // September's report received: nothing late; the next date owed is 24 March (December was answered).
    state = withUpdates(state, update('2026-12-06T13:00:00.000Z', '2026-09-24'));
    const c = state.conditions.get(quarterly.id)!;
    expect(isOverdue(c, today)).toBe(false);
    expect(nextDue(c, today)).toBe('2027-03-24');
    expectAgreement(state, quarterly.id, today);
  });

  it('makes a missed date late until an update answers it, then the next missed one', () => {
    let state = sample;
    let mine = expectAgreement(state, quarterly.id, '2027-04-01');
    expect(mine.filter((d) => d.status === 'open').map((d) => [d.due, bandOf(d, '2027-04-01')])).toEqual([
      ['2026-12-24', 'overdue'],
      ['2027-06-24', 'quarter'],
    ]);
    state = withUpdates(state, update('2027-04-01T10:00:00.000Z', '2026-12-24'));
    mine = expectAgreement(state, quarterly.id, '2027-04-01');
    expect(mine.find((d) => bandOf(d, '2027-04-01') === 'overdue')?.due).toBe('2027-03-24');
    state = withUpdates(state, update('2027-04-02T10:00:00.000Z', '2027-03-24'));
    mine = expectAgreement(state, quarterly.id, '2027-04-03');
    expect(mine.map((d) => [d.due, d.closedReason])).toEqual([
      ['2027-03-24', 'Update recorded'],
      ['2027-06-24', ''],
    ]);
    // Answered ahead: no reminders for a report already in.
    state = withUpdates(state, update('2027-05-01T10:00:00.000Z', '2027-06-24'));
    mine = expectAgreement(state, quarterly.id, '2027-05-02');
    expect(mine.map((d) => [d.due, d.status, d.closedReason])).toEqual([
      ['2027-03-24', 'closed', 'Update recorded'],
      ['2027-06-24', 'closed', 'Update recorded'],
    ]);
  });

  it('agrees for a monthly report kept for decades (more dates than either side once counted)', () => {
    // Monthly since 1960, 600 reports in: the 601st date (15 January 2010) is the one owed.
    const c = quarterly;
    const createdAt = '1960-01-01T10:00:00.000Z';
    const recurrence = { every: 'monthly' as const, from: '1960-01-15', until: '' };
    const dates = dueDates({ due: '', recurrence }, '2010-01-14');
    expect(dates).toHaveLength(600);
    const history = dates.map((d, i) =>
      update(new Date(Date.parse('1960-02-01T10:00:00.000Z') + i * 86_400_000).toISOString(), d),
    );
    const state = applyChanges(sample, [
      { target: 'conditions', id: c.id, after: { ...c, createdAt, updatedAt: createdAt, recurrence, history } },
    ]);
    const today = '2026-11-27';
    expect(missedDue(state.conditions.get(c.id)!, today)).toBe('2010-01-15');
    const mine = expectAgreement(state, c.id, today);
    expect(mine.filter((d) => bandOf(d, today) === 'overdue').map((d) => d.due)).toEqual(['2010-01-15']);
  });

  it('treats a record imported today with months-old dates like one typed in then, but knows it only from today', () => {
    // Exported elsewhere in July (its createdAt and updatedAt travel with it), learned of here on 6 December.
    const c = quarterly;
    const old = '2026-07-01T10:00:00.000Z';
    const learnedAt = '2026-12-06T10:00:00.000Z';
    const imported: Condition = { ...c, createdAt: old, updatedAt: old, learnedAt, history: [update(old)] };
    const state = applyChanges(sample, [{ target: 'conditions', id: c.id, after: imported }]);
    const today = '2026-12-06';
    expect(missedDue(imported, today)).toBe('2026-09-24');
    const mine = expectAgreement(state, c.id, today);
    // Its deadlines are known from the moment it arrived, not from July: no burst of old reminders.
    expect(mine.every((d) => d.since === learnedAt && d.learnedAt === learnedAt)).toBe(true);
    const due = remindersDue(mine, new Set(), state.settings, new Date('2026-12-06T12:00:00.000Z'));
    expect(due.due).toEqual([]);
  });

  it('shows an ongoing condition as ongoing: no date, never overdue; its review is reminded and can be late', () => {
    const c = sample.conditions.values().find((x) => x.recurrence === null && x.due !== '')!;
    const ongoing: Condition = { ...c, ongoing: true, due: '', recurrence: null };
    let state = applyChanges(sample, [{ target: 'conditions', id: c.id, after: ongoing }]);
    expect(nextDue(ongoing, '2026-12-06')).toBe('');
    expect(isOverdue(ongoing, '2026-12-06')).toBe(false);
    expect(deriveDeadlines(state, '2026-12-06').filter((d) => d.source.id === c.id)).toEqual([]);
    // A review on 1 December, not yet recorded: late; the review recorded: not.
    const review: Condition = { ...ongoing, due: '2026-12-01' };
    state = applyChanges(sample, [{ target: 'conditions', id: c.id, after: review }]);
    expect(isOverdue(review, '2026-12-06')).toBe(true);
    const [deadline] = expectAgreement(state, c.id, '2026-12-06');
    expect(deadline).toMatchObject({ due: '2026-12-01', title: `Review: ${c.wording}`, status: 'open' });
    const reviewed: Condition = {
      ...review,
      history: [...review.history, update('2026-12-02T10:00:00.000Z', '2026-12-01')],
    };
    expect(isOverdue(reviewed, '2026-12-06')).toBe(false);
    // Ongoing, it stays open after its review: it is never "met" by a date.
    expect(isOpen(reviewed.status)).toBe(true);
  });

  it('agrees for any recurrence, recording date, answered dates, notes, status and day', () => {
    const oneOff = sample.conditions.values().find((c) => c.recurrence === null && c.due !== '')!;
    fc.assert(
      fc.property(
        fc.record({
          recurring: fc.boolean(),
          every: fc.constantFrom('monthly', 'quarterly', 'annually' as const),
          from: fc.integer({ min: -900, max: 400 }),
          until: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
          recordedDays: fc.integer({ min: -800, max: 300 }),
          // Which of the first dates are answered (by index), and how many notes.
          answered: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 8 }),
          notes: fc.integer({ min: 0, max: 3 }),
          status: fc.constantFrom('open', 'open', 'open', 'partially_met', 'breached', 'met' as const),
          todayDays: fc.integer({ min: -300, max: 900 }),
        }),
        (p) => {
          const base = p.recurring ? quarterly : oneOff;
          const createdAt = `${addDays('2026-06-01', p.recordedDays)}T10:00:00.000Z`;
          const from = addDays('2026-01-31', p.from);
          const shape = {
            due: p.recurring ? '' : addDays('2026-06-01', p.from),
            recurrence: p.recurring
              ? { every: p.every, from, until: p.until === null ? '' : addDays(from, p.until) }
              : null,
          };
          const dates = dueDates(shape, '2035-12-31', 21);
          const answers = [...new Set(p.answered.map((i) => dates[i]).filter((d): d is string => d !== undefined))];
          const condition: Condition = {
            ...base,
            ...shape,
            createdAt,
            updatedAt: createdAt,
            learnedAt: createdAt,
            status: p.status,
            history: [
              update(createdAt),
              ...answers.map((d, i) => update(new Date(Date.parse(createdAt) + (i + 1) * 3_600_000).toISOString(), d)),
              ...Array.from({ length: p.notes }, (_, i) =>
                update(new Date(Date.parse(createdAt) + (i + 50) * 3_600_000).toISOString()),
              ),
            ],
          };
          const state = applyChanges(sample, [{ target: 'conditions', id: base.id, after: condition }]);
          const today = addDays('2026-06-01', p.todayDays);
          expectAgreement(state, base.id, today);
          // Never hidden by when it was recorded: an open condition's first unanswered past date is owed.
          const firstOwed = dueDates(shape, addDays(today, -1)).find((d) => !answers.includes(d)) ?? '';
          if (p.status === 'open' || p.status === 'partially_met')
            expect(isOverdue(condition, today)).toBe(firstOwed !== '');
        },
      ),
      { numRuns: 400 },
    );
  });
});
