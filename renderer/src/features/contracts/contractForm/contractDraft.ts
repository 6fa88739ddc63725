/**
 * The contract form's draft: what each field holds while it is being filled
 * in (sums and counts as typed), how typed pounds are read, and the labels
 * its problems are reported under.
 */
import type { Contract, ContractKind, Route } from '../../../../../shared/schema/contracts.ts';
import { parseMoney } from '../../../../../shared/text/money.ts';
import type { ContractStatus } from '../contractWords.tsx';

/** An extension option being filled in. */
export interface OptionRow {
  readonly key: number;
  readonly id: string;
  readonly months: string;
  readonly noticeBy: string;
  readonly value: string;
  readonly exercised: boolean;
  readonly exercisedByDecisionId: string;
  readonly exercisedOn: string;
}
/** A break clause being filled in. */
export interface BreakRow {
  readonly key: number;
  readonly id: string;
  readonly earliest: string;
  readonly noticeDays: string;
  readonly note: string;
}
/** A re-tender milestone being filled in. */
export interface MilestoneRow {
  readonly key: number;
  readonly id: string;
  readonly title: string;
  readonly due: string;
  readonly done: boolean;
}
/** Everything the contract form holds. */
export interface Draft {
  readonly reference: string;
  readonly title: string;
  readonly suppliers: string;
  readonly buyer: string;
  readonly ocid: string;
  readonly kind: ContractKind;
  readonly route: Route;
  readonly directAwardRationale: string;
  readonly annualValue: string;
  readonly initialValue: string;
  readonly valueWithOptions: string;
  readonly termStart: string;
  readonly termEnd: string;
  readonly plannedMonths: string;
  readonly maxExtentDate: string;
  readonly status: ContractStatus;
  readonly notes: string;
  readonly options: readonly OptionRow[];
  readonly breaks: readonly BreakRow[];
  readonly milestones: readonly MilestoneRow[];
}

/** Each field's label, to name it in the error summary. */
export const LABELS: Readonly<Record<string, string>> = {
  reference: 'Reference',
  title: 'Title',
  suppliers: 'Suppliers',
  buyer: 'Buyer',
  ocid: 'ocid of the published notice',
  route: 'Procurement route',
  directAwardRationale: 'Why the market was not tested',
  kind: 'Kind',
  annualValueGbp: 'Annual value',
  initialValueGbp: 'Initial value',
  valueWithOptionsGbp: 'Value with all options',
  termStart: 'Term starts',
  termEnd: 'Term ends (as let)',
  plannedMonths: 'Planned length',
  maxExtentDate: 'Maximum extent',
  status: 'Status',
  notes: 'Notes',
};

let nextKey = 1;

function pounds(value: number | null): string {
  return value === null ? '' : String(value);
}

/** The draft of `contract`, or of a new one. */
export function draftOf(contract: Contract | undefined): Draft {
  return {
    reference: contract?.reference ?? '',
    title: contract?.title ?? '',
    suppliers: (contract?.suppliers ?? []).join('\n'),
    buyer: contract?.buyer ?? '',
    ocid: contract?.ocid ?? '',
    kind: contract?.kind ?? 'held',
    route: contract?.route ?? 'open',
    directAwardRationale: contract?.directAwardRationale ?? '',
    annualValue: pounds(contract?.annualValueGbp ?? null),
    initialValue: pounds(contract?.initialValueGbp ?? null),
    valueWithOptions: pounds(contract?.valueWithOptionsGbp ?? null),
    termStart: contract?.termStart ?? '',
    termEnd: contract?.termEnd ?? '',
    plannedMonths: contract?.plannedMonths == null ? '' : String(contract.plannedMonths),
    maxExtentDate: contract?.maxExtentDate ?? '',
    status: contract?.status ?? 'active',
    notes: contract?.notes ?? '',
    options: (contract?.extensionOptions ?? []).map((o) => ({
      key: nextKey++,
      id: o.id,
      months: String(o.months),
      noticeBy: o.noticeBy,
      value: pounds(o.valueGbp),
      exercised: o.exercised,
      exercisedByDecisionId: o.exercisedByDecisionId ?? '',
      exercisedOn: o.exercisedOn,
    })),
    breaks: (contract?.breakClauses ?? []).map((b) => ({
      key: nextKey++,
      id: b.id,
      earliest: b.earliest,
      noticeDays: String(b.noticeDays),
      note: b.note,
    })),
    milestones: (contract?.milestones ?? []).map((m) => ({
      key: nextKey++,
      id: m.id,
      title: m.title,
      due: m.due,
      done: m.done,
    })),
  };
}

/**
 * Whole pounds from a sum as people write it ("£25.3m", "£24.8 million",
 * "25,300,000", "£1.2bn"); null when empty; undefined when it is not a sum.
 */
export function parsePounds(text: string): number | null | undefined {
  const parsed = parseMoney(text);
  return parsed.kind === 'pounds' ? parsed.pounds : parsed.kind === 'empty' ? null : undefined;
}

/** Why a typed sum is not one, in words ('' when it is one, or empty). */
export function poundsProblem(text: string): string {
  const parsed = parseMoney(text);
  return parsed.kind === 'refused' ? parsed.reason : '';
}

/** The part of an option, clause or milestone a problem is about, in the words of the form. */
export const PART_LABELS: Readonly<Record<string, string>> = {
  months: 'months',
  noticeBy: 'notice by',
  valueGbp: 'value',
  exercised: 'exercised',
  exercisedOn: 'exercised on',
  exercisedByDecisionId: 'exercised by',
  earliest: 'earliest break',
  noticeDays: 'days of notice',
  note: 'note',
  title: 'title',
  due: 'due',
  done: 'done',
};

/** A whole number typed in; undefined when it is not one. */
export function whole(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** A new extension option row: 12 months, nothing else yet. */
export function newOption(): OptionRow {
  return {
    key: nextKey++,
    id: '',
    months: '12',
    noticeBy: '',
    value: '',
    exercised: false,
    exercisedByDecisionId: '',
    exercisedOn: '',
  };
}

/** A new break clause row: 90 days' notice. */
export function newBreak(): BreakRow {
  return { key: nextKey++, id: '', earliest: '', noticeDays: '90', note: '' };
}

/** A new milestone row. */
export function newMilestone(): MilestoneRow {
  return { key: nextKey++, id: '', title: '', due: '', done: false };
}

/** What each section of the contract form is given: the draft, a way to change one field, and the problems found. */
export interface ContractSectionProps {
  readonly draft: Draft;
  readonly set: <K extends keyof Draft>(field: K, value: Draft[K]) => void;
  readonly errors: Readonly<Record<string, string>>;
}
