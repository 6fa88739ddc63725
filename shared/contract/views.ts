/**
 * What list and detail channels answer: row summaries for lists, one record
 * with its links for a page. Plain types, shared by backend and renderer.
 */
import type { ProcurementFlag } from '../rules/procurementAct.ts';
import type { RetenderSchedule } from '../rules/retenderPlan.ts';
import type { DeclarationPrompt } from '../rules/supplierConflicts.ts';
import type { ItemQuorumCheck, QuorumCheck } from '../rules/quorum.ts';
import type { DiffLine } from '../text/textDiff.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { Member, MemberRole } from '../schema/members.ts';
import type { Attachment, Classification, Paper, PaperSource, PaperSourceKind } from '../schema/papers.ts';
import type { ConditionSummary } from '../rules/conditionRules.ts';
import type { DeclarationOnDecision } from '../rules/declarations.ts';
import type { Condition } from '../schema/conditions.ts';
import type { Contract } from '../schema/contracts.ts';
import type { Decision } from '../schema/decisions.ts';

/** What every change channel answers: the record's id and the journal entry that holds the change. */
export interface Saved {
  readonly id: string;
  /** The journal entry of the change; 0 when nothing changed (nothing was recorded, nothing to undo). */
  readonly seq: number;
  readonly summary: string;
}

/** A member in a list. */
export interface MemberRow {
  readonly id: string;
  readonly name: string;
  readonly role: MemberRole;
  /** The role or job title in the board's words ("Deputy Mayor for Policing and Crime"); '' when none. */
  readonly jobTitle: string;
  readonly email: string;
  readonly interests: number;
  readonly activeFrom: string;
  readonly activeTo: string;
  readonly archived: boolean;
}

/** Where a member declared an interest. */
export interface DeclarationRef {
  readonly meetingId: string;
  readonly meetingTitle: string;
  readonly meetingDate: string;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly itemTitle: string;
  readonly interest: string;
}

/** A member's page. */
export interface MemberDetail {
  readonly member: Member;
  readonly declarations: readonly DeclarationRef[];
}

/** Pack progress: how many of a meeting's papers the local user has read. */
export interface PackProgress {
  readonly read: number;
  readonly total: number;
}

/** A meeting in a list. */
export interface MeetingRow {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly remote: boolean;
  readonly status: Meeting['status'];
  readonly items: number;
  readonly pack: PackProgress;
  readonly archived: boolean;
}

/** A paper as a meeting page shows it. */
export interface PaperRef {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly classification: Classification;
  readonly read: boolean;
  readonly archived: boolean;
  /** Where reading stopped in a PDF paper's newest version ("read to page 14 of 32"); null when not opened. */
  readonly position: { readonly page: number; readonly pages: number } | null;
}

/** A meeting's page: the record, its papers, who can attend, the quorum and the pack. */
export interface MeetingDetail {
  readonly meeting: Meeting;
  readonly papers: Readonly<Record<string, PaperRef>>;
  readonly members: ReadonlyArray<{ readonly id: string; readonly name: string; readonly role: MemberRole }>;
  readonly quorum: { readonly meeting: QuorumCheck; readonly items: readonly ItemQuorumCheck[] };
  /** The contracts the agenda items link, by id. */
  readonly contracts: Readonly<
    Record<
      string,
      { readonly id: string; readonly reference: string; readonly title: string; readonly suppliers: readonly string[] }
    >
  >;
  /** Per agenda item: members whose interests name a linked contract's supplier, prompted to declare. */
  readonly declarationPrompts: Readonly<Record<string, readonly DeclarationPrompt[]>>;
  readonly pack: PackProgress;
  /** For a meeting a board pack brought: who published it (read-only in this copy); null for this copy's own. */
  readonly publishedBy: PublishedBy | null;
}

/** Where a paper is on an agenda. */
export interface AgendaRef {
  readonly meetingId: string;
  readonly meetingTitle: string;
  readonly meetingDate: string;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly itemTitle: string;
}

/** A paper in a list. */
export interface PaperRow {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly author: string;
  readonly date: string;
  readonly classification: Classification;
  readonly read: boolean;
  readonly version: number;
  readonly attachments: number;
  readonly meetings: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  readonly archived: boolean;
}

/** A version in a paper's history. */
export interface VersionSummary {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly bodyChars: number;
  readonly attachments: number;
}

/** A paper's reader page: the newest text and attachments, history, links and the local user's marks. */
export interface PaperDetail {
  readonly paper: Omit<Paper, 'versions'> & { readonly version: number };
  readonly body: string;
  readonly attachments: readonly Attachment[];
  readonly versions: readonly VersionSummary[];
  readonly links: readonly AgendaRef[];
  readonly mark: {
    readonly readAt: string | null;
    /** The version read; null when never read. */
    readonly readVersion: number | null;
    /** Read, but a newer version came since (an edit, or a revised paper from a pack). */
    readonly changedSinceRead: boolean;
    /** The private note on the whole paper. */
    readonly note: string;
    /** Where reading stopped in the newest version, when it is a PDF; null when not opened. */
    readonly position: { readonly page: number; readonly pages: number } | null;
  };
  /** The file the newest version came from (PDF, Word, Markdown, text); null when typed in the app. */
  readonly source: PaperSource | null;
  /** For a record a pack brought: who published it (read-only in this copy); null for this copy's own. */
  readonly publishedBy: PublishedBy | null;
}

/** Who published a record this copy imported from a pack. */
export interface PublishedBy {
  readonly boardName: string;
  readonly publisherName: string;
  readonly fingerprint: string;
  readonly packNumber: number;
  readonly importedAt: string;
}

/** One version of a paper, with its difference from the version before. */
export interface PaperVersionView {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly body: string;
  readonly attachments: readonly Attachment[];
  readonly diff: readonly DiffLine[];
  /** The file this version came from; null when typed in the app. */
  readonly source: PaperSource | null;
}

/** A paper (or a new version) added from a file. */
export interface PaperFromFile extends Saved {
  readonly reference: string;
  readonly version: number;
  readonly kind: PaperSourceKind;
  readonly pages: number | null;
  /** What the file's reading said: what did not convert, a scan without text, scripts not run. */
  readonly notes: readonly string[];
}

/** A decision in the register. */
export interface DecisionRow {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly date: string;
  readonly outcome: Decision['outcome'];
  readonly status: Decision['status'];
  readonly keyDecision: boolean;
  readonly confidential: boolean;
  readonly conditions: ConditionSummary;
  readonly conditionCount: number;
  readonly contracts: ReadonlyArray<{ readonly id: string; readonly reference: string }>;
  readonly archived: boolean;
}

/** A condition in a list, with its decision and next due date. */
export interface ConditionRow {
  readonly id: string;
  readonly decisionId: string;
  readonly decisionReference: string;
  readonly wording: string;
  readonly owner: string;
  /** The date to chase (the first missed one when late), else the next one; '' when it has none. */
  readonly due: string;
  readonly recurring: boolean;
  /** An ongoing obligation: shown as "Ongoing" where it has no date. */
  readonly ongoing: boolean;
  readonly status: Condition['status'];
  readonly overdue: boolean;
  readonly lastUpdate: string;
}

/** Another decision linked to this one, either way. */
export interface LineageLink {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly date: string;
  /** Read as "<this decision> <kind> <that one>" for `earlier`, and "<that one> <kind> <this>" for `later`. */
  readonly kind: Decision['links'][number]['kind'];
}

/** A paper a decision relied on, pinned to a version. */
export interface ReliedOnView {
  readonly paperId: string;
  readonly reference: string;
  readonly title: string;
  readonly version: number;
  readonly currentVersion: number;
  /** True when the paper changed after the decision was signed. */
  readonly changedSinceSigning: boolean;
}

/** A decision's page. */
export interface DecisionDetail {
  readonly decision: Decision;
  /** Marked confidential, or taken under an agenda item in private. */
  readonly confidential: boolean;
  /** Declarations of interest: the agenda item's and the decision's own. */
  readonly declarations: readonly DeclarationOnDecision[];
  /** Unexercised extension options of the linked contracts, which this decision may exercise. */
  readonly exercisableOptions: ReadonlyArray<{
    readonly contractId: string;
    readonly contractReference: string;
    readonly optionId: string;
    readonly months: number;
    /** The contract's current end, and where exercising the option would take it. */
    readonly currentEnd: string;
    readonly newEnd: string;
  }>;
  readonly conditions: readonly ConditionRow[];
  readonly conditionSummary: ConditionSummary;
  readonly contracts: ReadonlyArray<{
    readonly id: string;
    readonly reference: string;
    readonly title: string;
    readonly route: Contract['route'];
    /** The contract's procurement flags, shown on the decision that approves it. */
    readonly flags: readonly ProcurementFlag[];
  }>;
  readonly earlier: readonly LineageLink[];
  readonly later: readonly LineageLink[];
  readonly reliedOn: readonly ReliedOnView[];
  readonly meeting: {
    readonly id: string;
    readonly title: string;
    readonly date: string;
    readonly itemNumber: string;
    readonly itemTitle: string;
  } | null;
}

/** A condition's page. */
export interface ConditionDetail {
  readonly condition: Condition;
  readonly decision: {
    readonly id: string;
    readonly reference: string;
    readonly title: string;
    readonly status: Decision['status'];
  };
  readonly nextDue: string;
  /** Past its due date and still open; for a recurring condition, a date was missed. */
  readonly overdue: boolean;
  readonly upcoming: readonly string[];
  /** The due dates an update has answered, in order. */
  readonly answered: readonly string[];
  /** The dates an update may say it answers: unanswered ones up to a year ahead. */
  readonly answerable: readonly string[];
  /** The backend's today, for the date an update happened (never after it). */
  readonly today: string;
  readonly evidence: ReadonlyArray<{ readonly paperId: string; readonly reference: string; readonly title: string }>;
}

/** A contract in a list. */
export interface ContractRow {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly suppliers: readonly string[];
  /** Held by the board, or watched only (kept out of the board's totals). */
  readonly kind: Contract['kind'];
  readonly route: Contract['route'];
  readonly directAward: boolean;
  readonly initialValueGbp: number | null;
  readonly valueWithOptionsGbp: number | null;
  /** The current end (moved by exercised options); '' for a proposed contract with no dates. */
  readonly termEnd: string;
  /** The planned length of a contract with no dates yet, in months. */
  readonly plannedMonths: number | null;
  readonly status: Contract['status'];
  readonly decisions: number;
  readonly archived: boolean;
  /** The contract's procurement flags, in short (the contract page says why). */
  readonly flags: ReadonlyArray<{ readonly code: ProcurementFlag['code']; readonly title: string }>;
}

/** A contract's page. */
export interface ContractDetail {
  readonly contract: Contract;
  readonly decisions: ReadonlyArray<{
    readonly id: string;
    readonly reference: string;
    readonly title: string;
    readonly date: string;
    readonly outcome: Decision['outcome'];
  }>;
  readonly conditions: readonly ConditionRow[];
  readonly warnings: readonly string[];
  /** What procurement law asks of it and is not recorded: each says why, citing its section. */
  readonly flags: readonly ProcurementFlag[];
  /** Its re-tender plan laid out against the calendar, with warnings; null without a plan. */
  readonly retender: RetenderSchedule | null;
  /** The end as let moved by every exercised option; '' when the contract has no end yet. */
  readonly currentTermEnd: string;
  /** The board's today, to say which notice dates have lapsed. */
  readonly today: string;
  /** The end as let, then each exercised option's new end, with when and by which decision. */
  readonly termHistory: ReadonlyArray<{
    readonly end: string;
    readonly optionMonths: number | null;
    readonly exercisedOn: string;
    readonly decision: { readonly id: string; readonly reference: string } | null;
  }>;
}

/** What the dashboard shows before a meeting. */
/** The first rows of a longer list, with how many there are in all: a dashboard section. */
export interface ListHead<Row> {
  /** At most {@link DASHBOARD_ROWS} rows, in the list's own order. */
  readonly rows: readonly Row[];
  /** How many rows the whole list holds. */
  readonly total: number;
}

/** How many rows each list of the dashboard carries: the rest is a link to its register. */
export const DASHBOARD_ROWS = 20;

/** The dashboard: counts and the first rows of each list, never a whole register (its answer stays small). */
export interface DashboardView {
  readonly today: string;
  /** True when there are no records yet: the app offers the sample board. */
  readonly empty: boolean;
  readonly nextMeeting: Pick<MeetingRow, 'id' | 'title' | 'date' | 'time' | 'place' | 'pack'> | null;
  /** Overdue conditions, longest overdue first (the conditions register's `due: overdue`). */
  readonly overdue: ListHead<ConditionRow>;
  /** Overdue contract milestones (a re-tender's market engagement, tender notice, award), shown beside the conditions. */
  readonly overdueMilestones: ListHead<OverdueMilestone>;
  /** Conditions due in the next 30 days, soonest first (the register's `due: next30`). */
  readonly dueSoon: ListHead<ConditionRow>;
  /** Active contracts ending within 12 months, soonest first. */
  readonly contractsEnding: ListHead<ContractRow>;
  readonly conditionsByStatus: Readonly<Record<Condition['status'], number>>;
  /** Active direct awards, by end of term. */
  readonly directAwards: ListHead<ContractRow>;
  /** Procurement flags of the board's contracts, one row per flag. */
  readonly procurementFlags: ListHead<ContractFlagRow>;
  /** Re-tender plans and whether each is on track. */
  readonly retenderPlans: ListHead<RetenderPlanRow>;
  /**
   * Set while the store is still opening, on the answer kept from the last run (the same journal, the
   * same day) or worked out from the records it kept (the same journal, another day:
   * electron/backend/firstScreenAnswer.ts), with when they were kept; the page asks again until the
   * store's own answer comes.
   */
  readonly provisional?: { readonly keptAt: string; readonly from: 'answer' | 'records' };
}

/** One procurement flag of one contract, as the dashboard lists it. */
export interface ContractFlagRow {
  readonly contractId: string;
  readonly reference: string;
  readonly title: string;
  readonly flag: ProcurementFlag;
}

/** A re-tender plan in short: on track or not, and its next step not done. */
export interface RetenderPlanRow {
  readonly contractId: string;
  readonly reference: string;
  readonly title: string;
  readonly requiredStart: string;
  readonly onTrack: boolean;
  readonly warnings: readonly string[];
  readonly nextStep: { readonly title: string; readonly date: string } | null;
}

/** A contract milestone past its date and not done. */
export interface OverdueMilestone {
  readonly key: string;
  readonly title: string;
  readonly due: string;
  readonly contractId: string;
  readonly contractReference: string;
  readonly owner: string;
}

/** One search hit. */
export interface SearchHit {
  readonly kind: 'decision' | 'condition' | 'contract' | 'paper' | 'meeting' | 'member' | 'note';
  /** The record found (for a note, the note's id: it opens its paper, `paperId`). */
  readonly id: string;
  /** The page to open: for a condition, its own id; the renderer builds the route. */
  readonly title: string;
  readonly reference: string;
  readonly snippet: string;
  /** A confidential decision or paper: marked as such in the results. */
  readonly confidential: boolean;
  /** In a PDF paper: the page the words were found on (the reader opens there); absent otherwise. */
  readonly page?: number;
  /** A note: the member's own private note (never published), shown as such; title and reference are its paper's. */
  readonly private?: true;
  /** A note: the paper it is on (opened at the note's page for a passage of a PDF). */
  readonly paperId?: string;
}

/** Search results grouped by type, best first within each. */
export interface SearchResults {
  readonly query: string;
  readonly groups: ReadonlyArray<{ readonly kind: SearchHit['kind']; readonly hits: readonly SearchHit[] }>;
  readonly total: number;
  /** `index` once the paper-text index is ready; `scan` while it builds. */
  readonly source: 'index' | 'scan';
}
