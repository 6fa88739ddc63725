/**
 * How a decision's outcome, status and condition summary read on screen,
 * each as a word with a tone.
 */
import type { ReactNode } from 'react';
import type { ConditionSummary } from '../../../../shared/rules/conditionRules.ts';
import { assertNever } from '../../../../shared/contract/result.ts';
import { OUTCOME_LABELS, type Decision, type Outcome } from '../../../../shared/schema/decisions.ts';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';

/** A decision's status in a word. */
export const DECISION_STATUS_LABELS: { readonly [S in Decision['status']]: string } = {
  draft: 'Draft',
  signed: 'Signed',
};

/** A decision's conditions in words, as the register and the page show them. */
export const CONDITION_SUMMARY_LABELS: { readonly [S in ConditionSummary]: string } = {
  none: 'No conditions',
  'all met': 'All met',
  outstanding: 'Outstanding',
  breached: 'Breached',
};

function outcomeTone(outcome: Outcome): Tone {
  switch (outcome) {
    case 'approved':
      return 'good';
    case 'approved_with_conditions':
      return 'info';
    case 'rejected':
    case 'not_approved':
    case 'blocked':
      return 'bad';
    case 'deferred':
      return 'warn';
    case 'noted':
      return 'neutral';
    default:
      return assertNever(outcome);
  }
}

function summaryTone(summary: ConditionSummary): Tone {
  switch (summary) {
    case 'none':
      return 'neutral';
    case 'all met':
      return 'good';
    case 'outstanding':
      return 'info';
    case 'breached':
      return 'bad';
    default:
      return assertNever(summary);
  }
}

/** The outcome ("Approved with conditions"). */
export function OutcomeTag({ outcome }: { readonly outcome: Outcome }): ReactNode {
  return <StatusTag tone={outcomeTone(outcome)}>{OUTCOME_LABELS[outcome]}</StatusTag>;
}

/** Draft or signed. */
export function DecisionStatusTag({ status }: { readonly status: Decision['status'] }): ReactNode {
  return <StatusTag tone={status === 'signed' ? 'good' : 'warn'}>{DECISION_STATUS_LABELS[status]}</StatusTag>;
}

/** All met, outstanding, breached, or no conditions; with how many when there are some. */
export function ConditionSummaryTag({
  summary,
  count,
}: {
  readonly summary: ConditionSummary;
  readonly count?: number;
}): ReactNode {
  return (
    <StatusTag tone={summaryTone(summary)}>
      {CONDITION_SUMMARY_LABELS[summary]}
      {count !== undefined && count > 0 && <span> ({count})</span>}
    </StatusTag>
  );
}
