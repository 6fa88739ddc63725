// The deadline register derived from the sample board, and the time rules reminders stand on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, chaseMessage, deriveDeadlines, type Deadline } from '../../shared/deadlines.ts';
import { addMonths } from '../../shared/calendarDates.ts';
import { remindersDue } from '../../shared/reminders.ts';
import { applyChanges } from '../../shared/schema/state.ts';
import { dateInZone, instantOfLocal } from '../../shared/time.ts';
import { addWorkingDays } from '../../shared/workingDays.ts';
import { sampleState } from './sampleState.ts';

const LONDON = 'Europe/London';

function byTitle(list: readonly Deadline[], text: string): Deadline[] {
  return list.filter((d) => d.title.includes(text));
}

describe('the instant of a local time in the board’s zone', () => {
  it('follows the clock changes at the end of March and October in Europe/London', () => {
    expect(instantOfLocal('2026-03-28', '09:00', LONDON).toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(instantOfLocal('2026-03-29', '09:00', LONDON).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(instantOfLocal('2026-10-24', '09:00', LONDON).toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(instantOfLocal('2026-10-25', '09:00', LONDON).toISOString()).toBe('2026-10-25T09:00:00.000Z');
    // 01:30 does not exist on 29 March 2026 (01:00 GMT jumps to 02:00 BST): it is taken as 02:30 BST.
    expect(instantOfLocal('2026-03-29', '01:30', LONDON).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 happens twice on 25 October 2026: the first (BST) is taken.
    expect(instantOfLocal('2026-10-25', '01:30', LONDON).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOfLocal('2027-03-28', '09:00', LONDON).toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(instantOfLocal('2026-07-01', '00:00', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('lands on the same date and clock reading, for any date and time (outside the skipped hour)', () => {
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: LONDON,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2080-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, h, m) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const at = instantOfLocal(date, time, LONDON);
          expect(dateInZone(at, LONDON)).toBe(date);
          if (h !== 1) expect(wall.format(at)).toBe(time);
        },
      ),
    );
  });
});

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
      closedReason: 'Date passed',
    });
    const enterprise = [...state.contracts.values()].find((c) => c.reference === 'CTR-2026-007')!;
    expect(
      deadlines.find((d) => d.key === `ctr:${enterprise.id}:opt:${enterprise.extensionOptions[0]!.id}:notice`),
    ).toMatchObject({ status: 'closed', closedReason: 'Contract not approved' });
    const next = byTitle(deadlines, 'Papers due').find((d) => d.status === 'open')!;
    const meeting = state.meetings.get(next.source.id)!;
    expect(next.due).toBe(addWorkingDays(meeting.date, -5, { region: 'england-and-wales', extra: [], removed: [] }));
    expect(byTitle(deadlines, 'Call-in period ends').map((d) => d.status)).toEqual(['closed', 'closed']);
  });

  it('shows the quarterly report condition’s next dates, the latest past one still open', () => {
    const quarterly = byTitle(deadlines, 'every quarter').sort((a, b) => a.due.localeCompare(b.due));
    expect(quarterly.map((d) => [d.due, d.status])).toEqual([
      ['2027-03-24', 'open'],
      ['2027-06-24', 'open'],
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
});
