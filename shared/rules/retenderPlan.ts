/**
 * Re-tender plans: the milestones of a new procurement scheduled backwards
 * from the day the new contract must start, by the Act's day rules (the
 * standstill in working days of any part of the UK, the tender period in
 * calendar days), and the warnings when a date has passed or a stage is
 * shorter than the law allows. The plan's steps are kept as milestones on the
 * contract (`planStep`), so they are deadlines with reminders like any other;
 * {@link withPlanMilestones} moves the steps not yet done whenever the plan,
 * its award meeting or the start date moves. Pure: `today` is passed in.
 */
import { addDays, daysBetween, longDate } from '../dates/calendarDates.ts';
import type { HolidayRules } from '../dates/workingDays.ts';
import {
  RETENDER_STEPS,
  type Contract,
  type Milestone,
  type RetenderPlan,
  type RetenderStep,
} from '../schema/contracts.ts';
import type { Meeting } from '../schema/meetings.ts';
import { latestAwardNotice, minimumTenderDays, noticePhrase, PROCUREMENT_RULES } from './procurementAct.ts';

/** What each step is called, as a milestone title. */
export const RETENDER_STEP_LABELS: { [S in RetenderStep]: string } = {
  business_case: 'Specification and business case to the board',
  market_engagement: `Preliminary market engagement (${PROCUREMENT_RULES.notices.market_engagement.code} notice)`,
  tender_notice: `Publish the ${noticePhrase('tender')}`,
  tender_close: 'Tender period closes',
  award_decision: 'Board award decision',
  award_notice: `Publish the ${noticePhrase('contract_award')}`,
  contract_start: 'New contract starts',
};

/** One step of a scheduled plan. */
export interface ScheduledStep {
  readonly step: RetenderStep;
  readonly title: string;
  readonly date: string;
  readonly done: boolean;
  /** Where the date comes from. */
  readonly basis: 'done' | 'fixed' | 'meeting' | 'schedule';
  /** The meeting that takes the step, for the award decision ('' when none). */
  readonly meetingId: string;
}

/** A plan laid out: its steps in order, and its warnings (none: on track). */
export interface RetenderSchedule {
  readonly steps: readonly ScheduledStep[];
  readonly warnings: readonly string[];
  readonly onTrack: boolean;
}

/** Meetings that can take a decision: not cancelled, not archived. */
function usable(meetings: readonly Meeting[]): Meeting[] {
  return meetings.filter((m) => m.status !== 'cancelled' && !m.archivedAt);
}

/**
 * Lays out a plan backwards from its required start. A step already done
 * keeps its milestone's date; a step a person fixed keeps that date; the
 * award decision falls on the chosen meeting, or else the last meeting on or
 * before the latest day for the award notice.
 */
export function scheduleRetender(
  plan: RetenderPlan,
  milestones: readonly Milestone[],
  meetings: readonly Meeting[],
  rules: HolidayRules,
  today: string,
): RetenderSchedule {
  const warnings: string[] = [];
  const doneDate = (s: RetenderStep): string | undefined => {
    const m = milestones.find((x) => x.planStep === s);
    return m?.done ? m.due : undefined;
  };
  const dates = new Map<RetenderStep, { date: string; basis: ScheduledStep['basis']; meetingId: string }>();
  const place = (s: RetenderStep, computed: string, basis: ScheduledStep['basis'] = 'schedule', meetingId = '') => {
    const done = doneDate(s);
    const fixed = plan.fixed[s];
    dates.set(
      s,
      done !== undefined
        ? { date: done, basis: 'done', meetingId }
        : fixed !== undefined
          ? { date: fixed, basis: 'fixed', meetingId }
          : { date: computed, basis, meetingId },
    );
    return dates.get(s)!.date;
  };
  const start = place('contract_start', plan.requiredStart);
  const noticeBy = latestAwardNotice(start, rules);
  const awardNotice = place('award_notice', noticeBy);
  const open = usable(meetings).sort((a, b) => (a.date < b.date ? -1 : 1));
  let meeting: Meeting | undefined;
  if (plan.awardMeetingId) {
    meeting = open.find((m) => m.id === plan.awardMeetingId);
    if (!meeting)
      warnings.push(
        'The meeting chosen for the award decision is not in the calendar (cancelled or removed): choose another.',
      );
  } else {
    meeting = open.filter((m) => m.date <= awardNotice).at(-1);
    if (!meeting)
      warnings.push(
        `No board meeting in the calendar on or before ${longDate(awardNotice)} can take the award decision: add one.`,
      );
  }
  const decision = place(
    'award_decision',
    meeting?.date ?? awardNotice,
    meeting ? 'meeting' : 'schedule',
    meeting?.id ?? '',
  );
  const tenderClose = place('tender_close', addDays(decision, -7 * plan.evaluationWeeks));
  const tenderNotice = place('tender_notice', addDays(tenderClose, -plan.tenderDays));
  const engagement = place('market_engagement', addDays(tenderNotice, -7 * plan.marketEngagementWeeks));
  place('business_case', addDays(engagement, -7 * plan.businessCaseWeeks));

  const steps: ScheduledStep[] = RETENDER_STEPS.map((step) => {
    const d = dates.get(step)!;
    return {
      step,
      title: RETENDER_STEP_LABELS[step],
      date: d.date,
      done: d.basis === 'done',
      basis: d.basis,
      meetingId: d.meetingId,
    };
  });

  // The law's minimum periods.
  const tenderDays = daysBetween(tenderNotice, tenderClose);
  const minimum = minimumTenderDays(tenderNotice, plan.plannedProcurementNotice);
  if (tenderDays < minimum) {
    warnings.push(
      `Tender period ${tenderDays} days: the minimum is ${minimum} (${PROCUREMENT_RULES.tenderPeriodDays.source}).`,
    );
  }
  const standstill = PROCUREMENT_RULES.standstillWorkingDays.value;
  if (awardNotice > noticeBy) {
    warnings.push(
      `The award notice on ${longDate(awardNotice)} leaves less than the ${standstill}-working-day standstill before the start on ${longDate(start)}: publish it by ${longDate(noticeBy)} (${PROCUREMENT_RULES.standstillWorkingDays.source}).`,
    );
  }
  for (let i = 1; i < steps.length; i++) {
    if (steps[i]!.date < steps[i - 1]!.date) {
      warnings.push(
        `${steps[i]!.title} (${longDate(steps[i]!.date)}) comes before ${steps[i - 1]!.title.toLowerCase()} (${longDate(steps[i - 1]!.date)}).`,
      );
    }
  }
  for (const s of steps) {
    if (!s.done && s.date < today) warnings.push(`${s.title}: ${longDate(s.date)} is already past.`);
  }
  return { steps, warnings, onTrack: warnings.length === 0 };
}

/**
 * The contract's milestones with its plan's steps brought up to date: each
 * step not done gets the schedule's date and title (a new milestone when it
 * has none yet); steps done, and milestones not of the plan, are kept as they
 * are. Without a plan, the plan's steps not done are removed.
 */
export function withPlanMilestones(
  c: Pick<Contract, 'milestones' | 'retenderPlan'>,
  meetings: readonly Meeting[],
  rules: HolidayRules,
  today: string,
  newId: () => string,
): Milestone[] {
  if (!c.retenderPlan) return c.milestones.filter((m) => m.planStep === null || m.done);
  const schedule = scheduleRetender(c.retenderPlan, c.milestones, meetings, rules, today);
  const out: Milestone[] = c.milestones.filter((m) => m.planStep === null);
  for (const s of schedule.steps) {
    const existing = c.milestones.find((m) => m.planStep === s.step);
    if (existing?.done) out.push(existing);
    else out.push({ id: existing?.id || newId(), title: s.title, due: s.date, done: false, planStep: s.step });
  }
  return out;
}
