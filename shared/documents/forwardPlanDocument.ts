/**
 * The forward plan as a document for publication: the contract events of the
 * next 12 months that need a decision or a notice, by month, each with the
 * meeting that can take it. Councils publish a forward plan of key decisions;
 * this is the board's. Made from shared/rules/forwardPlan.ts.
 */
import { forwardPlanOf, meetingLabel } from '../rules/forwardPlan.ts';
import type { State } from '../schema/state.ts';
import type { BuildContext, BuiltDocument } from './documentModel.ts';
import { assemble, count, fileStemOf, longDate, table, text } from './markdownText.ts';

/** Builds the forward plan on `today`. */
export function buildForwardPlan(state: State, today: string, context: BuildContext): BuiltDocument {
  const plan = forwardPlanOf(state, today);
  const sections = plan.months.map((m) =>
    [
      `## ${m.label}`,
      table(
        ['Date', 'Event', 'Contract', 'Needs', 'Meeting that can take it'],
        m.events.map((e) => [
          longDate(e.date),
          e.title,
          e.contractReference,
          e.needs === 'notice' ? 'A notice' : 'A decision',
          e.meeting ? meetingLabel(e.meeting) : 'No meeting in the calendar before it',
        ]),
      ),
    ].join('\n\n'),
  );
  const reference = `FP ${today}`;
  return assemble(
    {
      kind: 'forwardPlan',
      boardName: state.settings.boardName,
      reference,
      title: `Forward plan from ${longDate(plan.from)}`,
      version: `As at ${longDate(today)}`,
      classification: 'public',
      generatedAt: context.now,
      timeZone: state.settings.timeZone,
      position: context.position,
    },
    '',
    [
      [
        '## Summary',
        plan.events.length === 0
          ? `No contract event needs a decision or a notice between ${longDate(plan.from)} and ${longDate(plan.to)}.`
          : `${count(plan.events.length, 'contract event')} between ${longDate(plan.from)} and ${longDate(plan.to)} ${plan.events.length === 1 ? 'needs' : 'need'} a decision or a notice of ${text(state.settings.boardName)}.`,
      ].join('\n\n'),
      ...sections,
    ],
    fileStemOf(reference, 'forward-plan'),
  );
}
