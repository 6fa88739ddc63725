/**
 * What list and detail channels answer: row summaries for lists, one record
 * with its links for a page. Plain types, shared by backend and renderer.
 */
import type { ItemQuorumCheck, QuorumCheck } from './quorum.ts';
import type { DiffLine } from './textDiff.ts';
import type { Meeting } from './schema/meetings.ts';
import type { Member, MemberRole } from './schema/members.ts';
import type { Attachment, Classification, Paper } from './schema/papers.ts';

/** What every change channel answers: the record's id and the journal entry that holds the change. */
export interface Saved {
  readonly id: string;
  readonly seq: number;
  readonly summary: string;
}

/** A member in a list. */
export interface MemberRow {
  readonly id: string;
  readonly name: string;
  readonly role: MemberRole;
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
}

/** A meeting's page: the record, its papers, who can attend, the quorum and the pack. */
export interface MeetingDetail {
  readonly meeting: Meeting;
  readonly papers: Readonly<Record<string, PaperRef>>;
  readonly members: ReadonlyArray<{ readonly id: string; readonly name: string; readonly role: MemberRole }>;
  readonly quorum: { readonly meeting: QuorumCheck; readonly items: readonly ItemQuorumCheck[] };
  readonly pack: PackProgress;
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
  readonly mark: { readonly readAt: string | null; readonly note: string };
}

/** One version of a paper, with its difference from the version before. */
export interface PaperVersionView {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly body: string;
  readonly attachments: readonly Attachment[];
  readonly diff: readonly DiffLine[];
}
