/**
 * Ten years of a board, simulated in order: members, meetings with their
 * papers and agendas, decisions with conditions and their deadlines,
 * contracts with theirs, then the daily work between meetings (condition
 * progress, reminders fired, snoozes, read marks and notes, attendance and
 * declarations corrected, amendments, contract variations and milestones).
 * Records are built to the store's current schemas (their types are imported,
 * so a schema change fails to compile here). Every step is one journal entry with the
 * records it changes, exactly as `store.mutate` would have written it, so the
 * journal replayed from the start gives the checkpoint's state.
 */
import { CONDITION_STATUSES, type Condition } from '../../shared/schema/conditions.ts';
import { NO_PROCUREMENT_RECORDS, ROUTES, type Contract } from '../../shared/schema/contracts.ts';
import { settledEntryId, type Deadline, type LedgerEntry } from '../../shared/schema/deadlines.ts';
import { OUTCOMES, type Decision } from '../../shared/schema/decisions.ts';
import { minutesIdOf, type Minutes } from '../../shared/schema/minutes.ts';
import {
  CURRENT_SCHEMA_VERSION,
  type CollectionName,
  type JournalChange,
  type RecordChange,
  type StoredRecord,
} from '../../shared/schema/state.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schema/settings.ts';
import type { AgendaItem, Meeting } from '../../shared/schema/meetings.ts';
import type { Member, MemberRole } from '../../shared/schema/members.ts';
import { markIdOf, type Paper, type PaperMark } from '../../shared/schema/papers.ts';
import { wholePaperNoteIdOf, type PackLogEntry, type PaperNote, type Publisher } from '../../shared/schema/packs.ts';
import type { CompiledPack } from '../../shared/schema/compiledPacks.ts';
import { occurrenceKey, settledKey } from '../../shared/rules/reminders.ts';
import { TextWriter, type TextContext } from './paperText.ts';
import { Random } from './random.ts';
import {
  COMMITTEES,
  OUTSIDE_BODIES,
  ROLES,
  SUPPLIER_ENDINGS,
  SUPPLIER_KINDS,
  SUPPLIER_STEMS,
  VENUES,
} from './vocabulary.ts';

/**
 * The schema version these records are written for. When the store moves on,
 * the generator refuses (rather than have every open measure a migration)
 * until the record builders below are brought up to date.
 */
export const GENERATED_SCHEMA_VERSION = 13;

/** How big a body to generate. */
export interface BodySize {
  readonly name: 'full' | 'quick';
  readonly members: number;
  readonly meetings: number;
  readonly papersPerMeeting: number;
  readonly decisionsPerMeeting: number;
  /** Conditions in all; each has a due date, so a derived deadline. */
  readonly conditions: number;
  /** Each contract has four derived deadlines: term end, extension notice, break notice, re-tender milestone. */
  readonly contractsPerMeeting: number;
  /** Manual deadlines (stored records) made per meeting. */
  readonly manualDeadlinesPerMeeting: number;
  /** Roughly how many reminder-ledger entries (each one journal entry). */
  readonly reminders: number;
  /** Journal entries in all. */
  readonly entries: number;
  /** Entries after the checkpoint: the tail that opening replays. */
  readonly tail: number;
  /** Mean size of a paper's Markdown body, in characters. */
  readonly paperChars: number;
}

/** The ten-year body of issue 8, and its 10% version. */
export const SIZES: Record<BodySize['name'], BodySize> = {
  full: {
    name: 'full',
    members: 40,
    meetings: 500,
    papersPerMeeting: 10,
    decisionsPerMeeting: 20,
    conditions: 24_000,
    contractsPerMeeting: 3,
    manualDeadlinesPerMeeting: 3,
    reminders: 30_000,
    entries: 200_000,
    tail: 1_000,
    paperChars: 20_000,
  },
  quick: {
    name: 'quick',
    members: 40,
    meetings: 50,
    papersPerMeeting: 10,
    decisionsPerMeeting: 20,
    conditions: 2_400,
    contractsPerMeeting: 3,
    manualDeadlinesPerMeeting: 3,
    reminders: 3_000,
    entries: 20_000,
    tail: 100,
    paperChars: 20_000,
  },
};

/** One journal entry as the simulation makes it (the sink adds seq, v and prev). */
export interface EntryDraft {
  readonly time: string;
  readonly actor: string;
  readonly summary: string;
  readonly changes: readonly JournalChange[];
}

/** Where the simulation sends what it makes. */
export interface HistorySink {
  /** Called once per journal entry, in order; the history's state already includes it. */
  entry(draft: EntryDraft): void;
  /** Stores a paper body; returns its SHA-256 at once (the write may finish later). */
  blob(text: string): string;
}

type Records = {
  members: Map<string, Member>;
  meetings: Map<string, Meeting>;
  papers: Map<string, Paper>;
  paperMarks: Map<string, PaperMark>;
  decisions: Map<string, Decision>;
  conditions: Map<string, Condition>;
  contracts: Map<string, Contract>;
  deadlines: Map<string, Deadline>;
  reminderLedger: Map<string, LedgerEntry>;
  minutes: Map<string, Minutes>;
  paperNotes: Map<string, PaperNote>;
  packLog: Map<string, PackLogEntry>;
  publishers: Map<string, Publisher>;
  compiledPacks: Map<string, CompiledPack>;
};

/** A list that can lose any element in O(1) (order is not kept). */
class Pool {
  private readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  get size(): number {
    return this.items.length;
  }
  add(id: string): void {
    this.index.set(id, this.items.length);
    this.items.push(id);
  }
  remove(id: string): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    const last = this.items.pop()!;
    if (last !== id) {
      this.items[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(id);
  }
  /** A random element, the newer ones more often. */
  pick(random: Random): string | undefined {
    if (this.items.length === 0) return undefined;
    const back = Math.floor(Math.pow(random.next(), 2) * this.items.length);
    return this.items[this.items.length - 1 - back];
  }
}

const DAY = 86_400_000;
const START = Date.UTC(2016, 3, 4, 9, 0, 0);
const END = Date.UTC(2026, 2, 30, 17, 0, 0);
/** The body's "now": just after its last journal entry (the end of its ten years). */
export const BODY_NOW = new Date(END + 16 * 3_600_000);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY);
}

function longDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The simulated body: runs once, sending every entry and blob to the sink. */
export class History {
  readonly records: Records = {
    members: new Map(),
    meetings: new Map(),
    papers: new Map(),
    paperMarks: new Map(),
    decisions: new Map(),
    conditions: new Map(),
    contracts: new Map(),
    deadlines: new Map(),
    reminderLedger: new Map(),
    minutes: new Map(),
    paperNotes: new Map(),
    packLog: new Map(),
    publishers: new Map(),
    compiledPacks: new Map(),
  };
  settings: Settings = DEFAULT_SETTINGS;

  private readonly random: Random;
  private readonly text: TextWriter;
  private readonly suppliers: string[];
  private readonly paperRefs: string[] = [];
  private readonly decisionRefs: string[] = [];
  private readonly contractRefs: string[] = [];
  private readonly decisionIds: string[] = [];
  private readonly counters = new Map<string, number>();
  private readonly openConditions = new Pool();
  /** Open deadlines by key (derived from conditions and contracts, or manual), with what a reminder needs. */
  private readonly openDeadlines = new Pool();
  private readonly deadlineInfo = new Map<string, { due: string; title: string; manualId: string | null }>();
  /** The stored settings record of a derived deadline (made when it is first snoozed), by key. */
  private readonly overrideOf = new Map<string, string>();
  private readonly draftMinutes = new Pool();
  private readonly approvedMinutes = new Pool();
  private readonly signedDecisions = new Pool();
  private readonly heldMeetings = new Pool();
  private readonly allPapers = new Pool();
  private readonly activeContracts = new Pool();
  /** What the records themselves do not hold: a condition's number and deadline, a decision's meeting item. */
  private readonly conditionInfo = new Map<string, { number: number }>();
  private entries = 0;
  private year = 2016;

  constructor(
    private readonly size: BodySize,
    seed: string,
    private readonly sink: HistorySink,
  ) {
    this.random = new Random(`${seed}:${size.name}`);
    this.text = new TextWriter(this.random);
    const suppliers = new Set<string>();
    while (suppliers.size < 120) {
      suppliers.add(
        `${this.random.pick(SUPPLIER_STEMS)}${this.random.pick(SUPPLIER_ENDINGS)} ${this.random.pick(SUPPLIER_KINDS)}`,
      );
    }
    this.suppliers = [...suppliers];
  }

  /** Journal entries written so far. */
  get seq(): number {
    return this.entries;
  }

  /** The collections as the store keeps them (the maps are live: copy before changing history further). */
  collection(name: CollectionName): ReadonlyMap<string, StoredRecord> {
    return this.records[name];
  }

  private ctx(): TextContext {
    return {
      year: this.year,
      paperRefs: this.paperRefs,
      decisionRefs: this.decisionRefs,
      contractRefs: this.contractRefs,
      suppliers: this.suppliers,
    };
  }

  private id(prefix: string): string {
    return `${prefix}${this.random.token(16)}`;
  }

  /** The next reference of a series in a year: `PCD 2026-117`. */
  private reference(series: string, separator: string, year: number): string {
    const key = `${series}${year}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return `${series}${separator}${year}-${String(n).padStart(3, '0')}`;
  }

  /** Applies the changes to the records and sends them as one entry, with their before-states. */
  private commit(time: number, actor: string, summary: string, changes: RecordChange[]): void {
    const journal: JournalChange[] = [];
    for (const change of changes) {
      if (change.target === 'settings') {
        journal.push({ ...change, before: this.settings });
        this.settings = change.after;
        continue;
      }
      const map = this.records[change.target] as Map<string, StoredRecord>;
      journal.push({ ...change, before: map.get(change.id) ?? null });
      if (change.after === null) map.delete(change.id);
      else map.set(change.id, change.after);
    }
    this.entries++;
    this.sink.entry({ time: new Date(time).toISOString(), actor, summary, changes: journal });
  }

  /** Runs the ten years. */
  run(): void {
    if (CURRENT_SCHEMA_VERSION !== GENERATED_SCHEMA_VERSION) {
      throw new Error(
        `the store is at schema version ${CURRENT_SCHEMA_VERSION}, but tests/bench/history.ts writes version ${GENERATED_SCHEMA_VERSION} records: bring its record builders up to date (and GENERATED_SCHEMA_VERSION), so the benchmark does not measure a migration`,
      );
    }
    const size = this.size;
    const fixedPerMeeting =
      4 +
      size.papersPerMeeting +
      2 * size.decisionsPerMeeting +
      size.contractsPerMeeting +
      size.manualDeadlinesPerMeeting;
    // Each meeting but the first approves the minutes of the one before.
    const fixed = 1 + size.members + size.meetings * fixedPerMeeting + (size.meetings - 1);
    const slots = size.entries - fixed;
    if (slots < 0) throw new Error(`${size.entries} entries are too few for the records of a ${size.name} body`);

    const startIso = new Date(START).toISOString();
    this.commit(START - DAY, 'Secretariat', 'Board settings', [
      {
        target: 'settings',
        id: 'settings',
        after: {
          ...DEFAULT_SETTINGS,
          boardName: 'Metropolitan Policing Oversight Board',
          localUserName: 'Board Secretariat',
          quorum: 5,
        },
      },
    ]);
    for (let i = 0; i < size.members; i++) this.createMember(START - DAY + (i + 1) * 60_000, i, startIso);

    const conditionCounts = this.conditionCounts();
    let remindersLeft = size.reminders;
    let slotsLeft = slots;
    const epoch = (END - START) / size.meetings;
    let previousMeeting: string | null = null;
    for (let m = 0; m < size.meetings; m++) {
      const epochStart = START + m * epoch;
      this.year = new Date(epochStart).getUTCFullYear();
      const quota = Math.floor(((m + 1) * slots) / size.meetings) - Math.floor((m * slots) / size.meetings);
      const events: Array<(time: number) => void> = [];
      const meetingId = this.id('mtg_');
      const meetingTimes: { held: number } = { held: 0 };
      const kinds: Array<'reminder' | 'update'> = [];
      for (let q = 0; q < quota; q++) {
        const reminder = this.random.next() < remindersLeft / slotsLeft;
        if (reminder) remindersLeft--;
        slotsLeft--;
        kinds.push(reminder ? 'reminder' : 'update');
      }
      const half = Math.floor(kinds.length / 2);
      const work = (kind: 'reminder' | 'update') => (time: number) =>
        kind === 'reminder' ? this.fireReminder(time) : this.update(time);

      events.push((t) => this.createMeeting(t, meetingId, meetingTimes.held));
      const paperIds: string[] = [];
      for (let p = 0; p < size.papersPerMeeting; p++) {
        events.push((t) => paperIds.push(this.createPaper(t, meetingId, meetingTimes.held)));
      }
      events.push((t) => this.publishAgenda(t, meetingId, paperIds));
      for (const kind of kinds.slice(0, half)) events.push(work(kind));
      const heldIndex = events.length;
      events.push((t) => this.holdMeeting(t, meetingId));
      if (previousMeeting !== null) {
        const previous = previousMeeting;
        events.push((t) => this.approveMinutes(t, previous, meetingId));
      }
      events.push((t) => this.draftMinutesOf(t, meetingId));
      const decisionIds: string[] = [];
      for (let d = 0; d < size.decisionsPerMeeting; d++) {
        const count = conditionCounts[m * size.decisionsPerMeeting + d]!;
        events.push((t) => decisionIds.push(this.createDecision(t, meetingId, paperIds, count)));
      }
      for (let c = 0; c < size.contractsPerMeeting; c++) events.push((t) => this.createContract(t, decisionIds));
      for (let d = 0; d < size.decisionsPerMeeting; d++) events.push((t) => this.signDecision(t, decisionIds[d]!));
      for (let k = 0; k < size.manualDeadlinesPerMeeting; k++)
        events.push((t) => this.createManualDeadline(t, decisionIds));
      for (const kind of kinds.slice(half)) events.push(work(kind));

      // Spread the epoch's events over its time, in order, each at a slightly jittered moment.
      const times = events.map((_, i) =>
        Math.round(epochStart + ((i + 0.5 + (this.random.next() - 0.5) * 0.8) / events.length) * epoch),
      );
      meetingTimes.held = times[heldIndex]!;
      events.forEach((event, i) => event(times[i]!));
      previousMeeting = meetingId;
    }
    if (this.entries !== size.entries) throw new Error(`generated ${this.entries} entries, expected ${size.entries}`);
  }

  /** How many conditions each decision carries: 0 to 6, 2.4 on average, exactly the total. */
  private conditionCounts(): number[] {
    const n = this.size.meetings * this.size.decisionsPerMeeting;
    const weights = [0.25, 0.1, 0.15, 0.2, 0.15, 0.1, 0.05];
    const counts = Array.from({ length: n }, () => {
      let x = this.random.next();
      for (let k = 0; k < weights.length; k++) {
        x -= weights[k]!;
        if (x < 0) return k;
      }
      return weights.length - 1;
    });
    let sum = counts.reduce((a, b) => a + b, 0);
    while (sum !== this.size.conditions) {
      const i = this.random.int(0, n - 1);
      if (sum > this.size.conditions && counts[i]! > 0) {
        counts[i]!--;
        sum--;
      } else if (sum < this.size.conditions && counts[i]! < 6) {
        counts[i]!++;
        sum++;
      }
    }
    return counts;
  }

  private createMember(time: number, n: number, from: string): void {
    const r = this.random;
    const role: MemberRole =
      n === 0
        ? 'chair'
        : n < 3
          ? 'secretariat'
          : n < 25
            ? r.pick(['member', 'independent_member'] as const)
            : r.pick(['officer', 'observer'] as const);
    const iso = new Date(time).toISOString();
    const label = role === 'independent_member' ? 'Independent member' : role.charAt(0).toUpperCase() + role.slice(1);
    const member: Member = {
      id: this.id('mem_'),
      createdAt: iso,
      updatedAt: iso,
      name: n === 0 ? 'Chair of the Board' : `${label} ${n}`,
      role,
      jobTitle: '',
      email: `board.member${String(n).padStart(2, '0')}@board.example`,
      interests: Array.from(
        { length: r.int(0, 3) },
        () => `Adviser to ${r.pick(this.suppliers)} (declared ${from.slice(0, 4)})`,
      ),
      activeFrom: from.slice(0, 10),
      activeTo: '',
    };
    this.commit(time, 'Board Secretariat', `Member added: ${member.name}`, [
      { target: 'members', id: member.id, after: member },
    ]);
  }

  private createMeeting(time: number, id: string, heldAt: number): void {
    const r = this.random;
    const iso = new Date(time).toISOString();
    const place = r.pick(VENUES);
    const meeting: Meeting = {
      id,
      createdAt: iso,
      updatedAt: iso,
      title: `${r.pick(COMMITTEES)}, ${longDate(heldAt)}`,
      date: isoDate(heldAt),
      time: new Date(heldAt).toISOString().slice(11, 16),
      place,
      remote: place === 'Remote meeting',
      status: 'planned',
      agenda: [],
      attendance: [],
    };
    this.commit(time, 'Board Secretariat', `Meeting planned: ${meeting.title}`, [
      { target: 'meetings', id, after: meeting },
    ]);
  }

  private createPaper(time: number, meetingId: string, heldAt: number): string {
    const r = this.random;
    const iso = new Date(time).toISOString();
    this.text.setFocus();
    const ctx = this.ctx();
    const reference = this.reference('PAP', '-', this.year);
    const title = this.text.title(ctx);
    const author = r.pick(ROLES);
    const classification = r.chance(0.2) ? 'confidential' : 'public';
    const meeting = this.records.meetings.get(meetingId)!;
    const target = Math.round(this.size.paperChars * (0.7 + 0.6 * r.next()));
    const body = this.text.paper(
      { reference, title, author, date: longDate(time), classification, meeting: meeting.title },
      ctx,
      target,
    );
    const blob = this.sink.blob(body);
    const paper: Paper = {
      id: this.id('pap_'),
      createdAt: iso,
      updatedAt: iso,
      reference,
      title,
      author,
      date: isoDate(Math.min(time, heldAt)),
      classification,
      versions: [
        {
          version: 1,
          body: blob,
          bodyChars: body.length,
          attachments: [],
          createdAt: iso,
          createdBy: 'Board Secretariat',
        },
      ],
    };
    this.paperRefs.push(reference);
    this.allPapers.add(paper.id);
    this.commit(time, 'Board Secretariat', `Paper ${reference} added: ${title}`, [
      { target: 'papers', id: paper.id, after: paper },
    ]);
    return paper.id;
  }

  private publishAgenda(time: number, meetingId: string, paperIds: readonly string[]): void {
    const r = this.random;
    const meeting = this.records.meetings.get(meetingId)!;
    const agenda: AgendaItem[] = paperIds.map((paperId, i) => {
      const paper = this.records.papers.get(paperId)!;
      return {
        id: this.id('itm_'),
        number: String(i + 1),
        title: paper.title,
        presenter: r.pick(ROLES),
        confidential: paper.classification === 'confidential',
        paperIds: [paperId],
        declarations: [],
      };
    });
    this.commit(time, 'Board Secretariat', `Agenda published: ${meeting.title}`, [
      { target: 'meetings', id: meetingId, after: { ...meeting, updatedAt: new Date(time).toISOString(), agenda } },
    ]);
  }

  private holdMeeting(time: number, meetingId: string): void {
    const r = this.random;
    const meeting = this.records.meetings.get(meetingId)!;
    const members = [...this.records.members.values()].filter((m) => m.role !== 'officer' && m.role !== 'observer');
    const attendance = r.sample(members, r.int(8, 14)).map((m) => ({
      memberId: m.id,
      status: r.chance(0.85) ? ('present' as const) : r.chance(0.7) ? ('apologies' as const) : ('absent' as const),
    }));
    const agenda = meeting.agenda.map((item) =>
      r.chance(0.15)
        ? {
            ...item,
            declarations: [{ memberId: r.pick(members).id, interest: `Prior role with ${r.pick(this.suppliers)}` }],
          }
        : item,
    );
    this.heldMeetings.add(meetingId);
    this.commit(time, 'Board Secretariat', `Meeting held: ${meeting.title}`, [
      {
        target: 'meetings',
        id: meetingId,
        after: { ...meeting, updatedAt: new Date(time).toISOString(), status: 'held', attendance, agenda },
      },
    ]);
  }

  private createDecision(time: number, meetingId: string, paperIds: readonly string[], conditionCount: number): string {
    const r = this.random;
    const iso = new Date(time).toISOString();
    const ctx = this.ctx();
    const day = isoDate(time);
    this.text.setFocus();
    const meeting = this.records.meetings.get(meetingId)!;
    const item = meeting.agenda[r.int(0, meeting.agenda.length - 1)];
    const paper = this.records.papers.get(item?.paperIds[0] ?? paperIds[0]!)!;
    const reference = this.reference('PCD', ' ', this.year);
    const outcome: Decision['outcome'] =
      conditionCount > 0
        ? 'approved_with_conditions'
        : r.pick(OUTCOMES.filter((o) => o !== 'approved_with_conditions'));
    const votes = r.chance(0.5) ? { for: r.int(5, 12), against: r.int(0, 3), abstain: r.int(0, 2) } : null;
    const decision: Decision = {
      id: this.id('dec_'),
      createdAt: iso,
      updatedAt: iso,
      reference,
      title: paper.title,
      date: day,
      meetingId,
      itemId: item?.id ?? null,
      outcome,
      wording: this.text.sentence(ctx),
      summary: this.text.paragraph(ctx, 2, 3),
      reasons: this.text.paragraph(ctx, 1, 3),
      alternatives: this.text.paragraph(ctx, 1, 2),
      financialImplications: this.text.paragraph(ctx, 1, 2),
      legalImplications: this.text.paragraph(ctx, 1, 1),
      equalityImplications: this.text.paragraph(ctx, 1, 1),
      declarations: r.chance(0.1)
        ? [{ who: r.pick(ROLES), interest: `Prior role with ${r.pick(this.suppliers)}` }]
        : [],
      votes,
      decisionMaker: r.pick([
        'Deputy Mayor for Policing and Crime',
        'Police and Crime Board',
        'Chief Executive of the Policing Office',
      ]),
      keyDecision: r.chance(0.3),
      publishedOn: addDays(day, 2),
      effectiveDate: addDays(day, 9),
      reliedOn: [{ paperId: paper.id, version: paper.versions.length }],
      contractIds: [],
      links:
        this.decisionIds.length > 0 && r.chance(0.2)
          ? [
              {
                decisionId: r.pick(this.decisionIds),
                kind: r.pick(['varies', 'supersedes', 'implements', 'retenders'] as const),
              },
            ]
          : [],
      status: 'draft',
      signedBy: '',
      signedAt: null,
      signatory: '',
      signatoryMemberId: null,
      signedOn: '',
      confidential: false,
      callInEnds: addDays(day, 9),
      amendments: [],
    };
    const changes: RecordChange[] = [];
    for (let n = 1; n <= conditionCount; n++) {
      const conditionId = this.id('cnd_');
      const outside = r.chance(0.6);
      const member = outside ? undefined : r.pick([...this.records.members.values()]);
      const owner = {
        memberId: member?.id ?? null,
        name: member?.name ?? r.pick(OUTSIDE_BODIES),
        email: member?.email ?? '',
      };
      const due = addMonths(day, r.pick([1, 2, 3, 6, 9, 12, 18, 24]));
      const recurring = r.chance(0.15);
      const condition: Condition = {
        id: conditionId,
        createdAt: iso,
        updatedAt: iso,
        learnedAt: iso,
        ongoing: false,
        decisionId: decision.id,
        wording: this.text.sentence(ctx),
        owner,
        due,
        recurrence: recurring
          ? { every: r.pick(['monthly', 'quarterly', 'annually'] as const), from: due, until: addMonths(due, 24) }
          : null,
        evidenceRequired: `A report to the board on the ${this.text.topic()}`,
        status: 'open',
        history: [],
      };
      this.conditionInfo.set(conditionId, { number: n });
      this.openConditions.add(conditionId);
      this.openDeadline(`cnd:${conditionId}:${due}`, due, `${reference} condition ${n}`, null);
      changes.push({ target: 'conditions', id: conditionId, after: condition });
    }
    this.decisionRefs.push(reference);
    this.decisionIds.push(decision.id);
    this.commit(time, 'Board Secretariat', `Decision ${reference} recorded (${outcome.replace(/_/g, ' ')})`, [
      { target: 'decisions', id: decision.id, after: decision },
      ...changes,
    ]);
    return decision.id;
  }

  private signDecision(time: number, decisionId: string): void {
    const decision = this.records.decisions.get(decisionId)!;
    const iso = new Date(time).toISOString();
    const signer = decision.decisionMaker;
    this.signedDecisions.add(decisionId);
    this.commit(time, signer, `Decision ${decision.reference} signed`, [
      {
        target: 'decisions',
        id: decisionId,
        after: { ...decision, updatedAt: iso, status: 'signed', signedBy: signer, signedAt: iso },
      },
    ]);
  }

  private createContract(time: number, decisionIds: readonly string[]): void {
    const r = this.random;
    const iso = new Date(time).toISOString();
    const day = isoDate(time);
    this.text.setFocus('procurement');
    const reference = this.reference('CTR', '-', this.year);
    const route = r.pick(ROUTES);
    const years = r.int(1, 5);
    const termEnd = addMonths(day, years * 12);
    const annual = r.chance(0.1) ? null : r.int(50, 30_000) * 1000;
    const topic = this.text.topic();
    const contract: Contract = {
      id: this.id('ctr_'),
      createdAt: iso,
      updatedAt: iso,
      reference,
      title: `${topic.charAt(0).toUpperCase() + topic.slice(1)} services`,
      suppliers: [r.pick(this.suppliers)],
      buyer: 'the police force',
      route,
      directAwardRationale: route === 'direct_award' ? this.text.sentence(this.ctx()) : '',
      kind: 'held',
      annualValueGbp: annual,
      initialValueGbp: annual === null ? null : annual * years,
      valueWithOptionsGbp: annual === null ? null : annual * (years + 1),
      termStart: day,
      termEnd,
      plannedMonths: null,
      maxExtentDate: addMonths(termEnd, 24),
      extensionOptions: [
        {
          id: this.id('opt_'),
          months: 12,
          noticeBy: addMonths(termEnd, -6),
          valueGbp: annual,
          exercised: false,
          exercisedOn: '',
          exercisedByDecisionId: null,
        },
      ],
      breakClauses: [{ id: this.id('brk_'), earliest: addMonths(day, 12), noticeDays: 90, note: '' }],
      milestones: [
        {
          id: this.id('mst_'),
          title: 'Award of the replacement contract',
          due: addMonths(termEnd, -3),
          done: false,
          planStep: null,
        },
      ],
      status: 'active',
      notes: '',
      ocid: '',
      ...NO_PROCUREMENT_RECORDS,
      formerRouteLabel: '',
      regime: day < '2025-02-24' ? 'pcr2015' : 'pa2023',
    };
    const changes: RecordChange[] = [{ target: 'contracts', id: contract.id, after: contract }];
    // The decision that approved it links to it (decisions hold the link); it is still a draft at this point.
    if (decisionIds.length > 0) {
      const decision = this.records.decisions.get(r.pick(decisionIds))!;
      changes.push({
        target: 'decisions',
        id: decision.id,
        after: { ...decision, updatedAt: iso, contractIds: [...decision.contractIds, contract.id] },
      });
    }
    // Its deadlines are derived from it, not stored.
    // Keys as shared/rules/deadlines.ts derives them.
    const option = contract.extensionOptions[0]!;
    const breakClause = contract.breakClauses[0]!;
    const milestone = contract.milestones[0]!;
    this.openDeadline(`ctr:${contract.id}:end`, termEnd, `${reference} term end`, null);
    this.openDeadline(
      `ctr:${contract.id}:opt:${option.id}:notice`,
      option.noticeBy,
      `${reference} extension notice`,
      null,
    );
    this.openDeadline(
      `ctr:${contract.id}:brk:${breakClause.id}:notice`,
      addDays(breakClause.earliest, -breakClause.noticeDays),
      `${reference} break notice`,
      null,
    );
    this.openDeadline(
      `ctr:${contract.id}:mst:${milestone.id}`,
      milestone.due,
      `${reference} re-tender milestone`,
      null,
    );
    this.contractRefs.push(reference);
    this.activeContracts.add(contract.id);
    this.commit(time, 'Board Secretariat', `Contract ${reference} recorded with ${contract.suppliers[0]}`, changes);
  }

  /** Notes an open deadline, by its key, for reminders and snoozes. */
  private openDeadline(key: string, due: string, title: string, manualId: string | null): void {
    this.deadlineInfo.set(key, { due, title, manualId });
    this.openDeadlines.add(key);
  }

  private closeDeadline(key: string): void {
    this.openDeadlines.remove(key);
  }

  private createManualDeadline(time: number, decisionIds: readonly string[]): void {
    const r = this.random;
    const iso = new Date(time).toISOString();
    const id = this.id('ddl_');
    const decisionId = decisionIds.length > 0 && r.chance(0.5) ? r.pick(decisionIds) : null;
    const contractId = decisionId === null ? (this.activeContracts.pick(r) ?? null) : null;
    const due = addDays(isoDate(time), r.int(14, 400));
    const title = `${r.pick(['Report to the board on', 'Publish the response on', 'Review of', 'Audit follow-up:'])} the ${this.text.topic()}`;
    const deadline: Deadline = {
      id,
      createdAt: iso,
      updatedAt: iso,
      source: 'manual',
      key: id,
      title,
      due,
      owner: { memberId: null, name: r.pick(ROLES), email: '' },
      notes: r.chance(0.5) ? this.text.sentence(this.ctx()) : '',
      contractId,
      decisionId,
      status: 'open',
      leadDays: r.chance(0.2) ? [30, 7, 0] : null,
      snoozedUntil: '',
    };
    this.openDeadline(id, due, title, id);
    this.commit(time, 'Board Secretariat', `Deadline added: ${title}`, [{ target: 'deadlines', id, after: deadline }]);
  }

  private fireReminder(time: number): void {
    const r = this.random;
    const key = this.openDeadlines.pick(r);
    if (key === undefined) return this.update(time);
    const info = this.deadlineInfo.get(key)!;
    const iso = new Date(time).toISOString();
    const overdue = info.due < iso.slice(0, 10);
    const kind = overdue ? 'overdue' : r.chance(0.05) ? 'snooze' : 'lead';
    const offset = overdue
      ? Math.max(0, Math.floor((time - Date.parse(`${info.due}T00:00:00Z`)) / (7 * DAY)))
      : r.pick([90, 30, 7, 1, 0]);
    const id = this.id('rem_');
    const outcome = r.chance(0.9) ? 'fired' : r.chance(0.7) ? 'superseded' : 'dismissed';
    // Superseded occurrences are recorded per plan: its one settled entry moved on (schema version 13).
    const plan = settledEntryId(key, info.due);
    const settled = outcome === 'superseded' ? this.records.reminderLedger.get(plan) : undefined;
    const entry: LedgerEntry =
      outcome === 'superseded'
        ? {
            id: plan,
            createdAt: settled?.createdAt ?? iso,
            updatedAt: iso,
            key: settledKey(key, info.due),
            deadlineKey: key,
            kind: 'settled',
            due: info.due,
            offset: (settled?.offset ?? 0) + 1,
            outcome,
            at: iso,
          }
        : {
            id,
            createdAt: iso,
            updatedAt: iso,
            key: occurrenceKey(key, kind, info.due, offset),
            deadlineKey: key,
            kind,
            due: info.due,
            offset,
            outcome,
            at: iso,
          };
    this.commit(time, 'Reminder scheduler', `Reminder: ${info.title} due ${info.due}`, [
      { target: 'reminderLedger', id: entry.id, after: entry },
    ]);
  }

  /** One piece of work between meetings, chosen as a secretariat's week goes. */
  private update(time: number): void {
    const x = this.random.next();
    if (x < 0.45 && this.updateCondition(time)) return;
    if (x < 0.6 && this.snoozeDeadline(time)) return;
    if (x < 0.72 && this.touchPaper(time)) return;
    if (x < 0.78 && this.amendDecision(time)) return;
    if (x < 0.84 && this.correctMeeting(time)) return;
    if (x < 0.9 && this.editMinutes(time)) return;
    if (x < 0.98 && this.varyContract(time)) return;
    if (this.touchPaper(time)) return;
    this.updateMember(time);
  }

  private updateCondition(time: number): boolean {
    const r = this.random;
    const id = this.openConditions.pick(r);
    if (id === undefined) return false;
    const condition = this.records.conditions.get(id)!;
    const info = this.conditionInfo.get(id)!;
    const iso = new Date(time).toISOString();
    const closes = r.chance(0.22);
    const status = closes ? r.pick(CONDITION_STATUSES.filter((s) => s !== 'open')) : condition.status;
    const decision = this.records.decisions.get(condition.decisionId)!;
    const after: Condition = {
      ...condition,
      updatedAt: iso,
      status,
      history: [
        ...condition.history,
        {
          status,
          at: iso,
          on: iso.slice(0, 10),
          by: r.pick(ROLES),
          note: this.text.sentence(this.ctx()),
          evidencePaperId: r.chance(0.2) ? (this.allPapers.pick(r) ?? null) : null,
          evidenceFile: null,
          answers: '',
        },
      ],
    };
    const changes: RecordChange[] = [{ target: 'conditions', id, after }];
    if (closes) {
      this.openConditions.remove(id);
      this.closeDeadline(`cnd:${id}:${condition.due}`);
    }
    this.commit(
      time,
      'Board Secretariat',
      `${decision.reference} condition ${info.number}: ${closes ? `marked ${status.replace(/_/g, ' ')}` : 'progress recorded'}`,
      changes,
    );
    return true;
  }

  private snoozeDeadline(time: number): boolean {
    const r = this.random;
    const key = this.openDeadlines.pick(r);
    if (key === undefined) return false;
    const info = this.deadlineInfo.get(key)!;
    const iso = new Date(time).toISOString();
    const until = new Date(time + r.pick([1, 7, 14]) * DAY).toISOString();
    if (info.manualId !== null) {
      const deadline = this.records.deadlines.get(info.manualId)!;
      if (r.chance(0.3)) {
        this.closeDeadline(key);
        this.commit(time, 'Board Secretariat', `Deadline done: ${info.title}`, [
          { target: 'deadlines', id: deadline.id, after: { ...deadline, updatedAt: iso, status: 'done' } },
        ]);
        return true;
      }
      this.commit(time, 'Board Secretariat', `Reminder snoozed until ${until.slice(0, 10)}: ${info.title}`, [
        { target: 'deadlines', id: deadline.id, after: { ...deadline, updatedAt: iso, snoozedUntil: until } },
      ]);
      return true;
    }
    // A derived deadline keeps a person's settings in a stored record of its own, made on first use.
    const overrideId = this.overrideOf.get(key) ?? this.id('ddl_');
    this.overrideOf.set(key, overrideId);
    const existing = this.records.deadlines.get(overrideId);
    const after: Deadline = existing
      ? { ...existing, updatedAt: iso, snoozedUntil: until }
      : {
          id: overrideId,
          createdAt: iso,
          updatedAt: iso,
          source: 'derived',
          key,
          title: '',
          due: '',
          owner: { memberId: null, name: '', email: '' },
          notes: '',
          contractId: null,
          decisionId: null,
          status: 'open',
          leadDays: null,
          snoozedUntil: until,
        };
    this.commit(time, 'Board Secretariat', `Reminder snoozed until ${until.slice(0, 10)}: ${info.title}`, [
      { target: 'deadlines', id: overrideId, after },
    ]);
    return true;
  }

  private touchPaper(time: number): boolean {
    const r = this.random;
    const id = this.allPapers.pick(r);
    if (id === undefined) return false;
    const paper = this.records.papers.get(id)!;
    const iso = new Date(time).toISOString();
    const markId = markIdOf(id);
    const mark: PaperMark = this.records.paperMarks.get(markId) ?? {
      id: markId,
      createdAt: iso,
      updatedAt: iso,
      paperId: id,
      readAt: null,
      readVersion: null,
    };
    const noteId = wholePaperNoteIdOf(id);
    const note: PaperNote = this.records.paperNotes.get(noteId) ?? {
      id: noteId,
      createdAt: iso,
      updatedAt: iso,
      paperId: id,
      anchor: null,
      text: '',
    };
    if (mark.readAt === null || r.chance(0.4)) {
      const readVersion = paper.versions[paper.versions.length - 1]!.version;
      this.commit(time, 'Board Secretariat', `Paper ${paper.reference} marked read`, [
        { target: 'paperMarks', id: markId, after: { ...mark, updatedAt: iso, readAt: iso, readVersion } },
      ]);
    } else if (r.chance(0.8) && note.text.length < 4000) {
      const text = `${note.text}${note.text ? '\n\n' : ''}${this.text.sentence(this.ctx())}`;
      this.commit(time, 'Board Secretariat', `Private note on ${paper.reference}`, [
        { target: 'paperNotes', id: noteId, after: { ...note, updatedAt: iso, text } },
      ]);
    } else {
      const classification = paper.classification === 'confidential' ? 'public' : 'confidential';
      this.commit(time, 'Board Secretariat', `Paper ${paper.reference} reclassified ${classification}`, [
        { target: 'papers', id, after: { ...paper, updatedAt: iso, classification } },
      ]);
    }
    return true;
  }

  private amendDecision(time: number): boolean {
    const r = this.random;
    const id = this.signedDecisions.pick(r);
    if (id === undefined) return false;
    const decision = this.records.decisions.get(id)!;
    if (decision.amendments.length >= 4) return false;
    const iso = new Date(time).toISOString();
    const ctx = this.ctx();
    const amendment = {
      id: this.id('amd_'),
      what: this.text.sentence(ctx),
      why: this.text.sentence(ctx),
      by: r.pick(ROLES),
      at: iso,
    };
    this.commit(time, 'Board Secretariat', `Amendment to ${decision.reference}`, [
      {
        target: 'decisions',
        id,
        after: { ...decision, updatedAt: iso, amendments: [...decision.amendments, amendment] },
      },
    ]);
    return true;
  }

  /** Corrects a held meeting's record: an attendance status, or a declaration made on an item. */
  private correctMeeting(time: number): boolean {
    const r = this.random;
    const id = this.heldMeetings.pick(r);
    if (id === undefined) return false;
    const meeting = this.records.meetings.get(id)!;
    if (meeting.agenda.length === 0 || meeting.attendance.length === 0) return false;
    const iso = new Date(time).toISOString();
    if (r.chance(0.5)) {
      const attendance = meeting.attendance.slice();
      const i = r.int(0, attendance.length - 1);
      attendance[i] = {
        ...attendance[i]!,
        status: r.pick(['present', 'apologies', 'absent', 'in_attendance'] as const),
      };
      this.commit(time, 'Board Secretariat', `Attendance corrected: ${meeting.title}`, [
        { target: 'meetings', id, after: { ...meeting, updatedAt: iso, attendance } },
      ]);
      return true;
    }
    const index = r.int(0, meeting.agenda.length - 1);
    const item = meeting.agenda[index]!;
    const member = r.pick(meeting.attendance).memberId;
    if (item.declarations.some((d) => d.memberId === member)) return false;
    const agenda = meeting.agenda.slice();
    agenda[index] = {
      ...item,
      declarations: [...item.declarations, { memberId: member, interest: `Shareholding in ${r.pick(this.suppliers)}` }],
    };
    this.commit(time, 'Board Secretariat', `Declaration recorded: ${meeting.title}, item ${item.number}`, [
      { target: 'meetings', id, after: { ...meeting, updatedAt: iso, agenda } },
    ]);
    return true;
  }

  private varyContract(time: number): boolean {
    const r = this.random;
    const id = this.activeContracts.pick(r);
    if (id === undefined) return false;
    const contract = this.records.contracts.get(id)!;
    const iso = new Date(time).toISOString();
    const x = r.next();
    if (x < 0.15) {
      const exercisedBy = this.decisionIds.length > 0 ? r.pick(this.decisionIds) : null;
      const extensionOptions = contract.extensionOptions.map((o) => ({
        ...o,
        exercised: true,
        exercisedByDecisionId: exercisedBy,
        exercisedOn: isoDate(time),
      }));
      this.activeContracts.remove(id);
      this.commit(time, 'Board Secretariat', `Extension option exercised on ${contract.reference}`, [
        { target: 'contracts', id, after: { ...contract, updatedAt: iso, extensionOptions, status: 'extended' } },
      ]);
    } else if (x < 0.3) {
      const milestones = contract.milestones.map((m) => ({ ...m, done: true }));
      this.commit(time, 'Board Secretariat', `Milestone met on ${contract.reference}`, [
        { target: 'contracts', id, after: { ...contract, updatedAt: iso, milestones } },
      ]);
    } else if (contract.notes.length < 20_000) {
      const line = `${iso.slice(0, 10)}: variation of £${r.int(5, 2_000)}k. ${this.text.sentence(this.ctx())}`;
      this.commit(time, 'Board Secretariat', `Variation to ${contract.reference}`, [
        {
          target: 'contracts',
          id,
          after: { ...contract, updatedAt: iso, notes: contract.notes ? `${contract.notes}\n${line}` : line },
        },
      ]);
    } else {
      return false;
    }
    return true;
  }

  /** The draft minutes of a meeting just held: opening remarks and a discussion summary per item. */
  private draftMinutesOf(time: number, meetingId: string): void {
    const meeting = this.records.meetings.get(meetingId)!;
    const iso = new Date(time).toISOString();
    const ctx = this.ctx();
    const minutes: Minutes = {
      id: minutesIdOf(meetingId),
      createdAt: iso,
      updatedAt: iso,
      meetingId,
      status: 'draft',
      opening: this.text.paragraph(ctx, 1, 2),
      discussion: Object.fromEntries(meeting.agenda.map((item) => [item.id, this.text.paragraph(ctx, 1, 3)])),
      approvedAtMeetingId: null,
      approvedOn: '',
      approvedBy: '',
      amendments: [],
    };
    this.draftMinutes.add(minutes.id);
    this.commit(time, 'Board Secretariat', `Minutes drafted: ${meeting.title}`, [
      { target: 'minutes', id: minutes.id, after: minutes },
    ]);
  }

  /** The minutes of the previous meeting, approved at this one (then locked). */
  private approveMinutes(time: number, previousMeetingId: string, atMeetingId: string): void {
    const id = minutesIdOf(previousMeetingId);
    const minutes = this.records.minutes.get(id)!;
    const iso = new Date(time).toISOString();
    this.draftMinutes.remove(id);
    this.approvedMinutes.add(id);
    this.commit(time, 'Board Secretariat', `Minutes approved: ${this.records.meetings.get(previousMeetingId)!.title}`, [
      {
        target: 'minutes',
        id,
        after: {
          ...minutes,
          updatedAt: iso,
          status: 'approved',
          approvedAtMeetingId: atMeetingId,
          approvedOn: iso.slice(0, 10),
          approvedBy: 'Chair of the Board',
        },
      },
    ]);
  }

  /** A draft's discussion summary rewritten, or an amendment to approved minutes. */
  private editMinutes(time: number): boolean {
    const r = this.random;
    const iso = new Date(time).toISOString();
    const draftId = this.draftMinutes.pick(r);
    if (draftId !== undefined && r.chance(0.6)) {
      const minutes = this.records.minutes.get(draftId)!;
      const items = Object.keys(minutes.discussion);
      if (items.length === 0) return false;
      const item = r.pick(items);
      const discussion = { ...minutes.discussion, [item]: this.text.paragraph(this.ctx(), 2, 4) };
      this.commit(time, 'Board Secretariat', 'Minutes edited', [
        { target: 'minutes', id: draftId, after: { ...minutes, updatedAt: iso, discussion } },
      ]);
      return true;
    }
    const approvedId = this.approvedMinutes.pick(r);
    if (approvedId === undefined) return false;
    const minutes = this.records.minutes.get(approvedId)!;
    if (minutes.amendments.length >= 3) return false;
    const ctx = this.ctx();
    const amendment = {
      id: this.id('amd_'),
      what: this.text.sentence(ctx),
      why: this.text.sentence(ctx),
      by: r.pick(ROLES),
      at: iso,
    };
    this.commit(time, 'Board Secretariat', 'Amendment to approved minutes', [
      {
        target: 'minutes',
        id: approvedId,
        after: { ...minutes, updatedAt: iso, amendments: [...minutes.amendments, amendment] },
      },
    ]);
    return true;
  }

  private updateMember(time: number): void {
    const r = this.random;
    const member = r.pick([...this.records.members.values()]);
    const iso = new Date(time).toISOString();
    const kept = member.interests.length >= 20 ? member.interests.slice(1) : member.interests;
    const interests = [...kept, `Adviser to ${r.pick(this.suppliers)} (declared ${iso.slice(0, 4)})`];
    this.commit(time, 'Board Secretariat', `Interests updated: ${member.name}`, [
      { target: 'members', id: member.id, after: { ...member, updatedAt: iso, interests } },
    ]);
  }
}
