/**
 * The decision form's draft: what each field holds while it is being filled
 * in, the labels its problems are reported under, and the draft of a
 * decision (or of a new one).
 */
import {
  DECISION_LINK_KINDS,
  OUTCOMES,
  type DecisionLinkKind,
  type Outcome,
} from '../../../../../shared/schema/decisions.ts';
import type { DecisionDetail } from '../../../../../shared/contract/views.ts';

/** One declaration of interest being filled in. */
export interface DeclarationRow {
  readonly key: number;
  readonly who: string;
  readonly interest: string;
}
/** A paper cited, at the version the board read. */
export interface PaperChoice {
  readonly paperId: string;
  readonly reference: string;
  readonly title: string;
  readonly version: number;
  readonly latest: number;
}
/** A link to an earlier decision. */
export interface LinkChoice {
  readonly decisionId: string;
  readonly reference: string;
  readonly title: string;
  readonly kind: DecisionLinkKind;
}

/** Everything the decision form holds. */
export interface Draft {
  readonly reference: string;
  readonly confidential: boolean;
  readonly title: string;
  readonly date: string;
  readonly outcome: Outcome | '';
  readonly meetingId: string;
  readonly itemId: string;
  readonly wording: string;
  readonly summary: string;
  readonly reasons: string;
  readonly alternatives: string;
  readonly financialImplications: string;
  readonly legalImplications: string;
  readonly equalityImplications: string;
  readonly declarations: readonly DeclarationRow[];
  readonly votesRecorded: boolean;
  readonly votes: { readonly for: string; readonly against: string; readonly abstain: string };
  readonly decisionMaker: string;
  readonly keyDecision: boolean;
  readonly publishedOn: string;
  readonly effectiveDate: string;
  readonly reliedOn: readonly PaperChoice[];
  readonly contractIds: readonly string[];
  readonly links: readonly LinkChoice[];
}

/** The Markdown fields of a decision. */
export type TextField =
  | 'wording'
  | 'summary'
  | 'reasons'
  | 'alternatives'
  | 'financialImplications'
  | 'legalImplications'
  | 'equalityImplications';

/** The Markdown fields in the order the form asks for them, with their labels and hints. */
export const MARKDOWN_FIELDS: ReadonlyArray<{
  readonly field: TextField;
  readonly label: string;
  readonly hint: string;
}> = [
  {
    field: 'wording',
    label: 'Wording',
    hint: 'What the board resolved, in the words of the resolution. Needed before signing.',
  },
  { field: 'summary', label: 'Summary', hint: 'A short account for the decision notice.' },
  { field: 'reasons', label: 'Reasons', hint: 'Why the board decided this.' },
  { field: 'alternatives', label: 'Alternatives considered', hint: 'What else was considered, and why not.' },
  { field: 'financialImplications', label: 'Financial implications', hint: '' },
  { field: 'legalImplications', label: 'Legal implications', hint: '' },
  { field: 'equalityImplications', label: 'Equality implications', hint: '' },
];

/** Each field's label, to name it in the error summary. */
export const LABELS: Readonly<Record<string, string>> = {
  reference: 'Reference',
  title: 'Title',
  date: 'Date of the decision',
  outcome: 'Outcome',
  meetingId: 'Meeting',
  itemId: 'Agenda item',
  decisionMaker: 'Decision-maker',
  publishedOn: 'Published on',
  effectiveDate: 'Takes effect on',
  'votes.for': 'Votes for',
  'votes.against': 'Votes against',
  'votes.abstain': 'Abstentions',
  ...Object.fromEntries(MARKDOWN_FIELDS.map((f) => [f.field, f.label])),
};

let nextKey = 1;

/** A new, blank declaration row. */
export function newDeclaration(): DeclarationRow {
  return { key: nextKey++, who: '', interest: '' };
}

/** The draft of `detail`'s decision, or of a new one. */
export function draftOf(detail: DecisionDetail | undefined): Draft {
  const d = detail?.decision;
  return {
    reference: d?.reference ?? '',
    confidential: d?.confidential ?? false,
    title: d?.title ?? '',
    date: d?.date ?? '',
    outcome: d?.outcome ?? '',
    meetingId: d?.meetingId ?? '',
    itemId: d?.itemId ?? '',
    wording: d?.wording ?? '',
    summary: d?.summary ?? '',
    reasons: d?.reasons ?? '',
    alternatives: d?.alternatives ?? '',
    financialImplications: d?.financialImplications ?? '',
    legalImplications: d?.legalImplications ?? '',
    equalityImplications: d?.equalityImplications ?? '',
    declarations: (d?.declarations ?? []).map((x) => ({ key: nextKey++, who: x.who, interest: x.interest })),
    votesRecorded: d?.votes != null,
    votes: {
      for: String(d?.votes?.for ?? 0),
      against: String(d?.votes?.against ?? 0),
      abstain: String(d?.votes?.abstain ?? 0),
    },
    decisionMaker: d?.decisionMaker ?? '',
    keyDecision: d?.keyDecision ?? false,
    publishedOn: d?.publishedOn ?? '',
    effectiveDate: d?.effectiveDate ?? '',
    reliedOn: (detail?.reliedOn ?? []).map((r) => ({
      paperId: r.paperId,
      reference: r.reference,
      title: r.title,
      version: r.version,
      latest: r.currentVersion,
    })),
    contractIds: d?.contractIds ?? [],
    links: (detail?.earlier ?? []).map((l) => ({
      decisionId: l.id,
      reference: l.reference,
      title: l.title,
      kind: l.kind,
    })),
  };
}

/** Whether `value` is an outcome. */
export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}
/** Whether `value` is a kind of link between decisions. */
export function isLinkKind(value: string): value is DecisionLinkKind {
  return (DECISION_LINK_KINDS as readonly string[]).includes(value);
}
/** A declaration row is sent unless both its fields are left blank. */
export function isDeclared(row: DeclarationRow): boolean {
  return row.who.trim() !== '' || row.interest.trim() !== '';
}
/** A vote count typed in: blank counts as 0. */
export function count(text: string): number {
  return text.trim() === '' ? 0 : Number(text);
}

/** What each section of the decision form is given: the draft, a way to change one field, and the problems found. */
export interface DecisionSectionProps {
  readonly draft: Draft;
  readonly set: <K extends keyof Draft>(field: K, value: Draft[K]) => void;
  readonly errors: Readonly<Record<string, string>>;
}

/** Props of a section that finds records to add: whether its finder is open. */
export interface FindingProps {
  readonly finding: boolean;
  readonly onFinding: (open: boolean) => void;
}
