// The deadline register derived from the sample board, and the time rules reminders stand on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveDeadlines } from '../../../shared/caches/deadlineDerivation.ts';
import { bandOf, chaseMessage, greetingOf, type Deadline } from '../../../shared/rules/deadlines.ts';
import { addDays, addMonths, dayCount, longDate } from '../../../shared/dates/calendarDates.ts';
import { isOverdue, isPending, missedDue } from '../../../shared/rules/conditionRules.ts';
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

  it('shows the quarterly report condition’s next dates; the past one, due before it was recorded, is not owed', () => {
    const quarterly = byTitle(deadlines, 'every quarter').sort((a, b) => a.due.localeCompare(b.due));
    expect(quarterly.map((d) => [d.due, d.status, d.closedReason])).toEqual([
      ['2027-03-24', 'closed', 'Due before the condition was recorded'],
      ['2027-06-24', 'open', ''],
    ]);
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
 * What the Conditions list says of one date of a condition on `today` (shared/rules/conditionRules.ts):
 * owed and late, answered by an update, or neither. One update answers one date, in order, so a
 * date is answered when nothing up to it is missed as of the day after it; dates before the
 * condition was recorded are not missed.
 */
function ruleFor(c: Condition, due: string, today: string): 'overdue' | 'answered' | 'neither' {
  if (!c.recurrence) return isOverdue(c, today) ? 'overdue' : 'neither';
  if (missedDue(c, addDays(due, 1)) !== '') return isOverdue(c, today) && due < today ? 'overdue' : 'neither';
  return isPending(c.status) && due > c.createdAt.slice(0, 10) ? 'answered' : 'neither';
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
  expect(late).toEqual(isOverdue(c, today) ? [c.recurrence ? missedDue(c, today) : c.due] : []);
  return mine;
}

describe('the register and the Conditions list, one rule (conditionRules)', () => {
  const loadedAt = '2026-11-27T09:00:00.000Z';
  const sample = sampleState(loadedAt);
  const quarterly = sample.conditions.values().find((c) => c.recurrence !== null)!;

  /** The quarterly condition with `n` updates recorded after it (a status change or a note each). */
  function withUpdates(state: State, n: number, at = '2027-01-02T10:00:00.000Z'): State {
    const c = state.conditions.get(quarterly.id)!;
    const history = [
      ...c.history,
      ...Array.from({ length: n }, (_, i) => ({
        status: 'open' as const,
        at: new Date(Date.parse(at) + i * 60_000).toISOString(),
        by: 'Secretariat',
        note: 'Quarterly report received',
        evidencePaperId: null,
      })),
    ];
    return applyChanges(state, [{ target: 'conditions', id: c.id, after: { ...c, history, updatedAt: at } }]);
  }

  it('does not count the sample’s 24 September 2026 report as late when the board is loaded on 27 November 2026', () => {
    const today = '2026-11-27';
    expect(isOverdue(quarterly, today)).toBe(false);
    const mine = expectAgreement(sample, quarterly.id, today);
    expect(mine[0]).toMatchObject({
      due: '2026-09-24',
      status: 'closed',
      closedReason: 'Due before the condition was recorded',
    });
    expect(mine.slice(1).map((d) => [d.due, d.status])).toEqual([
      ['2026-12-24', 'open'],
      ['2027-03-24', 'open'],
      ['2027-06-24', 'open'],
    ]);
  });

  it('makes a missed date late until an update answers it, then the next missed one', () => {
    // 24 December 2026 and 24 March 2027 pass with no report: the first is what is late (as the list shows it).
    let state = sample;
    let mine = expectAgreement(state, quarterly.id, '2027-04-01');
    expect(mine.filter((d) => d.status === 'open').map((d) => [d.due, bandOf(d, '2027-04-01')])).toEqual([
      ['2026-12-24', 'overdue'],
      ['2027-06-24', 'quarter'],
    ]);
    // One report answers 24 December; 24 March is still owed.
    state = withUpdates(state, 1);
    mine = expectAgreement(state, quarterly.id, '2027-04-01');
    expect(mine.find((d) => bandOf(d, '2027-04-01') === 'overdue')?.due).toBe('2027-03-24');
    // A second answers 24 March: nothing late; the latest past date shows as answered.
    state = withUpdates(state, 1, '2027-04-02T10:00:00.000Z');
    mine = expectAgreement(state, quarterly.id, '2027-04-03');
    expect(mine.map((d) => [d.due, d.closedReason])).toEqual([
      ['2027-03-24', 'Update recorded'],
      ['2027-06-24', ''],
    ]);
    // A third, early, answers 24 June before it comes: no reminders for a report already in.
    state = withUpdates(state, 1, '2027-05-01T10:00:00.000Z');
    mine = expectAgreement(state, quarterly.id, '2027-05-02');
    expect(mine.map((d) => [d.due, d.status, d.closedReason])).toEqual([
      ['2027-03-24', 'closed', 'Update recorded'],
      ['2027-06-24', 'closed', 'Update recorded'],
    ]);
  });

  it('agrees for a monthly report kept for decades (more dates than either side once counted)', () => {
    // Monthly since 1960, recorded then, 600 reports in: the 601st date (15 January 2010) is the one owed.
    const c = quarterly;
    const createdAt = '1960-01-01T10:00:00.000Z';
    const history = Array.from({ length: 600 }, (_, i) => ({
      status: 'open' as const,
      at: new Date(Date.parse('1960-02-01T10:00:00.000Z') + i * 86_400_000).toISOString(),
      by: 'Secretariat',
      note: 'Monthly report received',
      evidencePaperId: null,
    }));
    const state = applyChanges(sample, [
      {
        target: 'conditions',
        id: c.id,
        after: {
          ...c,
          createdAt,
          updatedAt: createdAt,
          recurrence: { every: 'monthly', from: '1960-01-15', until: '' },
          history,
        },
      },
    ]);
    const today = '2026-11-27';
    expect(missedDue(state.conditions.get(c.id)!, today)).toBe('2010-01-15');
    const mine = expectAgreement(state, c.id, today);
    expect(mine.filter((d) => bandOf(d, today) === 'overdue').map((d) => d.due)).toEqual(['2010-01-15']);
  });

  it('agrees for any recurrence, recording date, updates, status and day', () => {
    const oneOff = sample.conditions.values().find((c) => c.recurrence === null && c.due !== '')!;
    fc.assert(
      fc.property(
        fc.record({
          recurring: fc.boolean(),
          every: fc.constantFrom('monthly', 'quarterly', 'annually' as const),
          from: fc.integer({ min: -900, max: 400 }),
          until: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
          recordedDays: fc.integer({ min: -800, max: 300 }),
          updates: fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 8 }),
          status: fc.constantFrom('open', 'open', 'open', 'partially_met', 'breached', 'met' as const),
          todayDays: fc.integer({ min: -300, max: 900 }),
        }),
        (p) => {
          const base = p.recurring ? quarterly : oneOff;
          const createdAt = `${addDays('2026-06-01', p.recordedDays)}T10:00:00.000Z`;
          const from = addDays('2026-01-31', p.from);
          const condition: Condition = {
            ...base,
            createdAt,
            updatedAt: createdAt,
            due: p.recurring ? '' : addDays('2026-06-01', p.from),
            recurrence: p.recurring
              ? { every: p.every, from, until: p.until === null ? '' : addDays(from, p.until) }
              : null,
            status: p.status,
            history: [
              { status: 'open', at: createdAt, by: 'Secretariat', note: 'Recorded', evidencePaperId: null },
              ...p.updates
                .sort((a, b) => a - b)
                .map((h) => ({
                  status: 'open' as const,
                  at: new Date(Date.parse(createdAt) + (h + 1) * 86_400_000).toISOString(),
                  by: 'Secretariat',
                  note: 'Update',
                  evidencePaperId: null,
                })),
            ],
          };
          const state = applyChanges(sample, [{ target: 'conditions', id: base.id, after: condition }]);
          expectAgreement(state, base.id, addDays('2026-06-01', p.todayDays));
        },
      ),
      { numRuns: 400 },
    );
  });
});
