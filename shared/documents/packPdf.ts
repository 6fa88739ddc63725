/**
 * The compiled pack PDF, as pure rules and documents: which items and papers
 * a public or confidential pack holds (the public one leaves out everything
 * of items taken in private, as the public minutes do, and confidential
 * papers), what a supplement holds (papers added or revised since a version
 * was compiled), and the Markdown documents the printer makes pages of: the
 * cover and agenda (with each item's and paper's page, as links), a paper
 * typed in the app or converted from Word, and the page that stands for a
 * paper left out. The PDF work (merging, stamping, outline) is the backend's
 * (electron/backend/documents/compilePack.ts).
 */
import { publicItemsOf } from '../rules/confidentiality.ts';
import type { CompiledPack, PackScope } from '../schema/compiledPacks.ts';
import type { AgendaItem, Meeting } from '../schema/meetings.ts';
import type { Paper, PaperSourceKind, PaperVersion } from '../schema/papers.ts';
import type { State } from '../schema/state.ts';
import type { BuiltDocument, JournalPosition } from './documentModel.ts';
import { assemble, count, dayDate, embedded, fileStemOf, table, text } from './markdownText.ts';

/** A paper as a pack compiles it: its newest version and the kind of file that version is. */
export interface PackPaperEntry {
  readonly paper: Paper;
  readonly version: PaperVersion;
  readonly kind: PaperSourceKind;
}

/** An agenda item as a pack holds it, with the papers compiled under it. */
export interface PackItemEntry {
  readonly item: AgendaItem;
  readonly papers: readonly PackPaperEntry[];
  /** Confidential papers of a public item that a public pack leaves out (said on its agenda). */
  readonly withheld: number;
}

/** The kind of file a paper version is: its source's kind, or Markdown typed in the app. */
export function paperKindOf(version: PaperVersion): PaperSourceKind {
  return version.source?.kind ?? 'markdown';
}

/** What the pack of `scope` holds of `meeting`: items in agenda order, each with its papers in order. */
export function packContentsOf(state: State, meeting: Meeting, scope: PackScope): PackItemEntry[] {
  const items = (scope === 'public' ? publicItemsOf(meeting.agenda) : meeting.agenda).filter((i) => !i.withdrawn);
  return items.map((item) => {
    const papers: PackPaperEntry[] = [];
    let withheld = 0;
    for (const id of item.paperIds) {
      const paper = state.papers.get(id);
      if (!paper || paper.archivedAt) continue;
      if (scope === 'public' && paper.classification !== 'public') {
        withheld++;
        continue;
      }
      const version = paper.versions[paper.versions.length - 1]!;
      papers.push({ paper, version, kind: paperKindOf(version) });
    }
    return { item, papers, withheld };
  });
}

/** The compiled packs of a meeting and scope, oldest first (by version, then supplement). */
export function compiledPacksOf(state: State, meetingId: string, scope: PackScope): CompiledPack[] {
  return state.compiledPacks
    .values()
    .filter((p) => p.meetingId === meetingId && p.scope === scope)
    .sort((a, b) => a.version - b.version || a.supplement - b.supplement);
}

/** The newest pack version of a scope and the supplements compiled to it, oldest first; empty when none. */
export function latestVersionSet(packs: readonly CompiledPack[]): CompiledPack[] {
  const last = packs[packs.length - 1];
  return last === undefined ? [] : packs.filter((p) => p.version === last.version);
}

/** A paper compiled, or to compile, named for a list. */
export interface PaperChange {
  readonly paperId: string;
  readonly reference: string;
  readonly title: string;
  readonly version: number;
}

/** What changed since the newest version (and its supplements) was compiled. */
export interface PackChangesSince {
  /** On the agenda now and in none of them. */
  readonly added: PaperChange[];
  /** In them at an older version. */
  readonly revised: PaperChange[];
  /** In them but no longer on the pack's agenda. */
  readonly removed: PaperChange[];
}

/** Papers added, revised and removed since `compiled` (a version and its supplements). */
export function changesSince(contents: readonly PackItemEntry[], compiled: readonly CompiledPack[]): PackChangesSince {
  const newest = new Map<string, number>();
  const named = new Map<string, PaperChange>();
  for (const pack of compiled) {
    for (const p of pack.papers) {
      newest.set(p.paperId, Math.max(newest.get(p.paperId) ?? 0, p.version));
      named.set(p.paperId, { paperId: p.paperId, reference: p.reference, title: p.title, version: p.version });
    }
  }
  const added: PaperChange[] = [];
  const revised: PaperChange[] = [];
  const now = new Set<string>();
  for (const entry of contents) {
    for (const { paper, version } of entry.papers) {
      now.add(paper.id);
      const change = { paperId: paper.id, reference: paper.reference, title: paper.title, version: version.version };
      const had = newest.get(paper.id);
      if (had === undefined) added.push(change);
      else if (had < version.version) revised.push(change);
    }
  }
  const removed = [...named.values()].filter((p) => !now.has(p.paperId));
  return { added, revised, removed };
}

/** The contents a supplement holds: only the papers added or revised since `compiled`, under their items. */
export function supplementContentsOf(
  contents: readonly PackItemEntry[],
  compiled: readonly CompiledPack[],
): PackItemEntry[] {
  const { added, revised } = changesSince(contents, compiled);
  const wanted = new Set([...added, ...revised].map((p) => p.paperId));
  return contents
    .map((entry) => ({ ...entry, papers: entry.papers.filter((p) => wanted.has(p.paper.id)), withheld: 0 }))
    .filter((entry) => entry.papers.length > 0);
}

/** "Public pack, version 2" or "Supplement 1 to the confidential pack, version 2". */
export function packLabelOf(pack: Pick<CompiledPack, 'scope' | 'version' | 'supplement'>): string {
  const scope = pack.scope === 'public' ? 'public pack' : 'confidential pack';
  return pack.supplement === 0
    ? `${scope[0]!.toUpperCase()}${scope.slice(1)}, version ${pack.version}`
    : `Supplement ${pack.supplement} to the ${scope}, version ${pack.version}`;
}

/** The file name of a compiled pack: `Board-meeting-2026-09-24-public-pack-v2.pdf`, `…-v2-supplement-1.pdf`. */
export function packFileNameOf(
  meeting: Pick<Meeting, 'title' | 'date'>,
  pack: Pick<CompiledPack, 'scope' | 'version' | 'supplement'>,
): string {
  const supplement = pack.supplement > 0 ? `supplement-${pack.supplement}` : '';
  return `${fileStemOf(meeting.title, meeting.date, `${pack.scope}-pack`, `v${pack.version}`, supplement)}.pdf`;
}

/** Where a paper of the pack starts, for the agenda; `leftOut` when its pages are replaced by a note. */
export interface FrontPaper {
  readonly reference: string;
  readonly title: string;
  readonly kind: PaperSourceKind;
  readonly firstPage: number;
  readonly pages: number;
  readonly leftOut: boolean;
}

/** An agenda item for the agenda page. */
export interface FrontItem {
  readonly number: string;
  readonly title: string;
  readonly presenter: string;
  readonly firstPage: number | null;
  readonly papers: readonly FrontPaper[];
  readonly withheld: number;
}

/** What the cover and agenda say. */
export interface FrontMatterInput {
  readonly boardName: string;
  readonly timeZone: string;
  readonly meeting: Pick<Meeting, 'title' | 'date' | 'time' | 'place' | 'remote'>;
  readonly pack: Pick<CompiledPack, 'scope' | 'version' | 'supplement'>;
  readonly compiledAt: string;
  readonly position: JournalPosition;
  readonly items: readonly FrontItem[];
  /** Pages in the whole pack, when known (the second printing). */
  readonly totalPages: number | null;
  /** The link a page number carries; the backend turns it into a jump to that page. */
  readonly pageLink: (page: number) => string;
  /** Items of the meeting the pack leaves out (taken in private, in a public pack): their count only. */
  readonly privateItems: number;
}

function pageCell(page: number | null, link: (page: number) => string): { md: string } {
  return { md: page === null ? '–' : `[${page}](${link(page)})` };
}

/** The cover (head) and agenda (body) of a compiled pack: the agenda starts on a page of its own. */
export function packFrontMatter(input: FrontMatterInput): BuiltDocument {
  const { meeting, pack } = input;
  const label = packLabelOf(pack);
  const when = [dayDate(meeting.date), meeting.time].filter(Boolean).join(', ');
  const where = [meeting.place, meeting.remote ? (meeting.place ? 'and remotely' : 'Held remotely') : '']
    .filter(Boolean)
    .join(' ');
  const confidential = pack.scope === 'confidential';
  const subtitle = [
    `- **Meeting:** ${text(meeting.title)}`,
    `- **Date:** ${text(when)}`,
    `- **Place:** ${where ? text(where) : 'Not recorded'}`,
    pack.supplement > 0
      ? `- **Holds:** papers added or revised after version ${pack.version} was compiled; keep it with that version`
      : '',
    input.totalPages === null ? '' : `- **Pages:** ${input.totalPages}`,
    confidential
      ? '- **Contents:** every item, including those taken in private (not for publication)'
      : input.privateItems > 0
        ? `- **Contents:** public items only; ${count(input.privateItems, 'item')} taken in private ${input.privateItems === 1 ? 'is' : 'are'} not in this pack`
        : '- **Contents:** public items',
  ]
    .filter(Boolean)
    .join('\n');
  const rows: Array<Array<string | { md: string }>> = [];
  for (const item of input.items) {
    rows.push([
      { md: `**${text(item.number)}**` },
      { md: `**${text(item.title)}**${item.presenter ? ` (${text(item.presenter)})` : ''}` },
      pageCell(item.firstPage, input.pageLink),
    ]);
    for (const paper of item.papers) {
      const note = paper.leftOut
        ? ' (password-protected: not included; the page says where to find it)'
        : ` (${count(paper.pages, 'page')})`;
      rows.push([
        '',
        { md: `${text(paper.reference)}: ${text(paper.title)}${note}` },
        pageCell(paper.firstPage, input.pageLink),
      ]);
    }
    if (item.papers.length === 0) rows.push(['', 'No papers for this item in this pack.', '']);
    if (item.withheld > 0) {
      rows.push(['', `${count(item.withheld, 'confidential paper')} not in the public pack.`, '']);
    }
  }
  const agenda = [
    pack.supplement > 0 ? '## Contents of this supplement' : '## Agenda',
    'Page numbers are those printed at the foot of each page of this file ("Page N of M"); in the app, the same numbers.',
    rows.length > 0 ? table(['Item', 'Business and papers', 'Page'], rows) : 'The agenda has no items.',
  ].join('\n\n');
  const reference = `PACK ${meeting.date} ${pack.scope === 'public' ? 'P' : 'C'}${pack.version}${pack.supplement > 0 ? `.${pack.supplement}` : ''}`;
  return assemble(
    {
      kind: 'pack',
      boardName: input.boardName,
      reference,
      title: `${pack.supplement > 0 ? 'Board pack supplement' : 'Board pack'}: ${meeting.title}, ${dayDate(meeting.date)}`,
      version: label,
      classification: confidential ? 'confidential' : 'public',
      generatedAt: input.compiledAt,
      timeZone: input.timeZone,
      position: input.position,
    },
    subtitle,
    [agenda],
    fileStemOf(meeting.title, meeting.date, 'pack'),
  );
}

/** What a paper's own pages say besides its text: board, time zone, the record's position. */
export interface PaperDocumentContext {
  readonly boardName: string;
  readonly timeZone: string;
  readonly compiledAt: string;
  readonly position: JournalPosition;
}

function paperMeta(ctx: PaperDocumentContext, paper: Paper, version: PaperVersion) {
  return {
    kind: 'paper' as const,
    boardName: ctx.boardName,
    reference: paper.reference,
    title: paper.title,
    version: `${version.version}`,
    classification: paper.classification,
    generatedAt: ctx.compiledAt,
    timeZone: ctx.timeZone,
    position: ctx.position,
  };
}

function paperSubtitle(paper: Paper, version: PaperVersion): string {
  return [
    `- **Reference:** ${text(paper.reference)}`,
    paper.author ? `- **Author:** ${text(paper.author)}` : '',
    `- **Date:** ${text(dayDate(paper.date))}`,
    `- **Version:** ${version.version}${version.source ? ` (from ${text(version.source.name)})` : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Plain text as Markdown paragraphs that show exactly that text. */
function plainParagraphs(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((para) => para.split('\n').map(text).join('  \n'))
    .filter((para) => para.trim() !== '')
    .join('\n\n');
}

/**
 * A paper typed in the app, or converted from Word (its body is the Markdown
 * converted from the file), or plain text, as a document for the printer: its
 * own headings pushed under its title, inert (no raw HTML, links only to the web).
 */
export function paperDocument(
  ctx: PaperDocumentContext,
  paper: Paper,
  version: PaperVersion,
  body: string,
): BuiltDocument {
  const kind = paperKindOf(version);
  const content = kind === 'text' ? plainParagraphs(body) : embedded(body, 2);
  const notes = version.source?.conversionNotes ?? [];
  const converted =
    kind === 'docx'
      ? `*Converted from the Word file ${text(version.source?.name ?? '')} for printing.${notes.length > 0 ? ` ${notes.map(text).join(' ')}` : ''}*`
      : '';
  return paperBuilt(ctx, paper, version, [converted, content || '*This paper has no text.*'], 'paper');
}

/** A paper's document: its own title and details (not a formal document's control list), then `body`. */
function paperBuilt(
  ctx: PaperDocumentContext,
  paper: Paper,
  version: PaperVersion,
  body: readonly string[],
  stem: string,
): BuiltDocument {
  const headMarkdown = `# ${text(paper.title)}\n\n${paperSubtitle(paper, version)}\n`;
  const bodyMarkdown = `${body.filter((part) => part.trim() !== '').join('\n\n')}\n`;
  return {
    meta: paperMeta(ctx, paper, version),
    headMarkdown,
    bodyMarkdown,
    markdown: `${headMarkdown}\n${bodyMarkdown}`,
    fileStem: fileStemOf(paper.reference, stem),
  };
}

/** The page that stands in a pack for a password-protected PDF paper whose password was not given. */
export function leftOutPaperDocument(ctx: PaperDocumentContext, paper: Paper, version: PaperVersion): BuiltDocument {
  const file = version.source?.name ?? 'its PDF file';
  const body = [
    '## Not included in this pack',
    `This paper is a password-protected PDF (${text(file)}), and its password was not given when the pack was compiled, so its pages are not here.`,
    `Read it in Boardkeeper under **Papers**, ${text(paper.reference)} (version ${version.version}), where it asks for the password; or ask the secretariat for the file and its password.`,
  ];
  return paperBuilt(ctx, paper, version, body, 'left-out');
}
