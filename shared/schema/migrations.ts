/**
 * Ordered schema migrations: pure functions over the plain JSON of a state
 * document, one per schema version. Each copies the constants it needs rather
 * than importing today's, so it keeps meaning what it meant when written.
 */
import { CURRENT_SCHEMA_VERSION } from './state.ts';

/** A step from `from` to `from + 1`. */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  readonly migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
}

type Loose = Record<string, unknown>;
const asRecords = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((r): r is Loose => typeof r === 'object' && r !== null) : [];
const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
const date = (value: unknown, fallback: unknown): string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : String(fallback).slice(0, 10);

/** Version 2: members, meetings and papers get their own fields; paper marks; the quorum setting. */
const v1ToV2: Migration = {
  from: 1,
  describe: 'Members, meetings and papers get their own fields; paper marks; quorum in settings',
  migrate(doc) {
    // Copied, not imported: the role names as version 2 defined them.
    const roles = ['chair', 'member', 'independent_member', 'secretariat', 'officer', 'observer'];
    const settings = (doc.settings ?? {}) as Loose;
    return {
      ...doc,
      settings: { ...settings, quorum: typeof settings.quorum === 'number' ? settings.quorum : 3 },
      members: asRecords(doc.members).map((m) => ({
        id: m.id,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
        ...(m.archivedAt ? { archivedAt: m.archivedAt } : {}),
        name: text(m.name, '(unnamed member)'),
        role: typeof m.role === 'string' && roles.includes(m.role) ? m.role : 'member',
        email: '',
        interests: [],
        activeFrom: '',
        activeTo: '',
      })),
      meetings: asRecords(doc.meetings).map((m) => ({
        id: m.id,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
        ...(m.archivedAt ? { archivedAt: m.archivedAt } : {}),
        title: text(m.title, '(untitled meeting)'),
        date: date(m.date, m.createdAt),
        time: '',
        place: text(m.place, ''),
        remote: false,
        status: 'planned',
        agenda: [],
        attendance: [],
      })),
      papers: asRecords(doc.papers).map((p) => ({
        id: p.id,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
        ...(p.archivedAt ? { archivedAt: p.archivedAt } : {}),
        reference: text(p.reference, String(p.id)),
        title: text(p.title, '(untitled paper)'),
        author: text(p.author, ''),
        date: date(p.date, p.createdAt),
        classification: p.classification === 'confidential' ? 'confidential' : 'public',
        versions: [
          {
            version: 1,
            body: null,
            bodyChars: 0,
            attachments: [],
            createdAt: p.createdAt,
            createdBy: 'migration to version 2',
          },
        ],
      })),
      paperMarks: [],
    };
  },
};

/**
 * Version 3: decisions, conditions and contracts get their own fields; settings
 * for decision references, the call-in period and bank holidays. Version 2
 * allowed loose records in those collections: they are kept, with what they
 * lack filled in visibly (“(unknown supplier)”) for a person to correct.
 */
const v2ToV3: Migration = {
  from: 2,
  describe: 'Decisions, conditions and contracts get their own fields; reference, call-in and holiday settings',
  migrate(doc) {
    const settings = (doc.settings ?? {}) as Loose;
    const base = (r: Loose) => ({
      id: r.id,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      ...(r.archivedAt ? { archivedAt: r.archivedAt } : {}),
    });
    const day = (r: Loose) => date(r.date, r.createdAt);
    return {
      ...doc,
      settings: {
        ...settings,
        decisionReferencePattern: 'PCD {yyyy}-{seq:3}',
        callInWorkingDays: 5,
        holidayRegion: 'england-and-wales',
        extraHolidays: [],
        removedHolidays: [],
      },
      decisions: asRecords(doc.decisions).map((r, i) => ({
        ...base(r),
        reference: text(r.reference, `MIGRATED-${i + 1}`),
        title: text(r.title, '(untitled decision)'),
        date: day(r),
        meetingId: null,
        itemId: null,
        outcome: 'noted',
        wording: text(r.wording, ''),
        summary: '',
        reasons: '',
        alternatives: '',
        financialImplications: '',
        legalImplications: '',
        equalityImplications: '',
        declarations: [],
        votes: null,
        decisionMaker: '',
        keyDecision: false,
        publishedOn: '',
        effectiveDate: '',
        reliedOn: [],
        contractIds: [],
        links: [],
        status: 'draft',
        signedBy: '',
        signedAt: null,
        callInEnds: '',
        amendments: [],
      })),
      conditions: asRecords(doc.conditions)
        .filter((r) => typeof r.decisionId === 'string' && String(r.decisionId).startsWith('dec_'))
        .map((r) => ({
          ...base(r),
          decisionId: r.decisionId,
          wording: text(r.wording, '(condition without wording)'),
          owner: { memberId: null, name: '(owner not recorded)', email: '' },
          due: '',
          recurrence: null,
          evidenceRequired: '',
          status: 'open',
          history: [],
        })),
      contracts: asRecords(doc.contracts).map((r, i) => ({
        ...base(r),
        reference: text(r.reference, `MIGRATED-${i + 1}`),
        title: text(r.title, '(untitled contract)'),
        suppliers: ['(unknown supplier)'],
        buyer: '',
        route: 'open',
        directAwardRationale: '',
        annualValueGbp: null,
        totalValueGbp: null,
        termStart: String(r.createdAt).slice(0, 10),
        termEnd: String(r.createdAt).slice(0, 10),
        maxExtentDate: '',
        extensionOptions: [],
        breakClauses: [],
        milestones: [],
        status: 'active',
        notes: 'Migrated from a version 2 placeholder: check the supplier, route, term and values.',
      })),
    };
  },
};

/**
 * Version 4: stored deadlines (manual ones, and settings for derived ones),
 * the reminder ledger, minutes; reminder and papers-due settings. Earlier
 * versions kept nothing real in `deadlines` or `reminderLedger` (no feature
 * wrote them), so loose records there are dropped rather than guessed at.
 */
const v3ToV4: Migration = {
  from: 3,
  describe: 'Deadlines, reminder ledger and minutes get their own schemas; reminder settings',
  migrate(doc) {
    const settings = (doc.settings ?? {}) as Loose;
    return {
      ...doc,
      settings: { ...settings, reminderLeadDays: [90, 30, 7, 1, 0], reminderTime: '09:00', papersDueWorkingDays: 5 },
      deadlines: [],
      reminderLedger: [],
      minutes: [],
    };
  },
};

/**
 * Version 5: settings keep when the papers-due rule and the board's lead
 * times last changed. Nothing says when they changed before, so the times
 * start empty ('': known from each deadline's own source, as version 4 did).
 */
const v4ToV5: Migration = {
  from: 4,
  describe: 'Settings keep when the papers-due rule and the lead times last changed',
  migrate(doc) {
    const settings = (doc.settings ?? {}) as Loose;
    return { ...doc, settings: { ...settings, papersDueRuleChangedAt: '', leadDaysChangedAt: '' } };
  },
};

/**
 * Version 6: text holds no control characters other than tab and newline (no
 * C0 or C1 controls, DEL, U+2028, U+2029 or lone surrogates). Input is refused
 * with them from this version on; what was stored before has them removed
 * here, once, from every string of the state, so that exports (iCalendar,
 * CSV, Markdown) are made from the record as it is and need not clean it.
 * Journal lines already written keep them (the journal is never rewritten),
 * and so do paper texts already in blobs (content-addressed: a new text is a
 * new version, which this migration does not make).
 */
const v5ToV6: Migration = {
  from: 5,
  describe:
    'Control characters other than tab and newline removed from stored text; bidi and zero-width ones from file names',
  migrate(doc) {
    // Copied, not imported: the characters as version 6 defined them (no `u` flag, to see lone surrogates).
    const forbidden =
      // eslint-disable-next-line no-control-regex -- matching control characters is the point here
      /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
    const clean = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const kept = value.replace(forbidden, '');
        // A text of nothing but controls would leave a required field empty: U+FFFD says something was there.
        return kept.trim() === '' && value.trim() !== '' ? '\uFFFD' : kept;
      }
      if (Array.isArray(value)) return value.map(clean);
      if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clean(item)]));
      }
      return value;
    };
    // Attachment names also lose bidi controls and zero-width characters (`invoice\u202Efdp.exe`).
    const invisible = /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
    const fileName = (name: unknown): unknown =>
      typeof name === 'string' ? name.replace(invisible, '').trim() || 'attachment' : name;
    const cleaned = clean(doc) as Loose;
    if (!Array.isArray(cleaned.papers)) return cleaned;
    const withNames = (version: Loose): Loose =>
      Array.isArray(version.attachments)
        ? { ...version, attachments: asRecords(version.attachments).map((a) => ({ ...a, name: fileName(a.name) })) }
        : version;
    return {
      ...cleaned,
      papers: asRecords(cleaned.papers).map((paper) =>
        Array.isArray(paper.versions) ? { ...paper, versions: asRecords(paper.versions).map(withNames) } : paper,
      ),
    };
  },
};

/** The calendar date of an instant in `timeZone` (`YYYY-MM-DD`); '' when there is no instant. */
function dayOf(instant: unknown, timeZone: string): string {
  if (typeof instant !== 'string' || Number.isNaN(Date.parse(instant))) return '';
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(instant),
    );
  } catch {
    return instant.slice(0, 10);
  }
}

/**
 * Version 7: decisions carry the board's own signatory and signing date apart
 * from who recorded the sign-off, and a confidential mark; contracts say
 * whether the board holds or only watches them, keep the initial value and
 * the value with options apart, may be proposed without dates, and record the
 * day an option was exercised; members have a role or job title.
 *
 * Nothing stored changes meaning. A signed decision's signatory is who signed
 * it in the app (`signedBy`) on the day of `signedAt` in the board's time
 * zone: what its notice printed. Contracts: `totalValueGbp` becomes
 * `valueWithOptionsGbp` (the value the register and the sample kept there:
 * the initial term plus every option); `initialValueGbp` starts empty
 * (undisclosed), as nothing recorded it. `termEnd` keeps its value, read as
 * the end as let: versions before 7 never moved it when an option was exercised.
 */
const v6ToV7: Migration = {
  from: 6,
  describe:
    'Decisions: signatory and signing date, confidential; contracts: held or watched, initial value and value with options, planned months, option exercise dates; members: job title',
  migrate(doc) {
    const settings = (doc.settings ?? {}) as Loose;
    const timeZone = text(settings.timeZone, 'Europe/London');
    return {
      ...doc,
      members: asRecords(doc.members).map((m) => ({ ...m, jobTitle: '' })),
      decisions: asRecords(doc.decisions).map((d) => {
        const signed = d.status === 'signed';
        return {
          ...d,
          confidential: false,
          signatory: signed ? text(d.signedBy, '') : '',
          signatoryMemberId: null,
          signedOn: signed ? dayOf(d.signedAt, timeZone) : '',
        };
      }),
      contracts: asRecords(doc.contracts).map((c) => {
        const { totalValueGbp, ...rest } = c;
        return {
          ...rest,
          kind: 'held',
          initialValueGbp: null,
          valueWithOptionsGbp: typeof totalValueGbp === 'number' ? totalValueGbp : null,
          plannedMonths: null,
          extensionOptions: asRecords(c.extensionOptions).map((o) => ({ ...o, exercisedOn: '' })),
        };
      }),
    };
  },
};

/**
 * Version 8: contracts can record the ocid of their published notice (none
 * known before: empty), and settings the OCDS ocid prefix (none set: empty,
 * asked for at export). Data portability, issue 21.
 */
const v7ToV8: Migration = {
  from: 7,
  describe: 'Contracts gain the ocid of their published notice; settings gain the OCDS ocid prefix',
  migrate(doc) {
    const settings = (doc.settings ?? {}) as Loose;
    const contracts = Array.isArray(doc.contracts) ? asRecords(doc.contracts) : doc.contracts;
    return {
      ...doc,
      settings: { ...settings, ocdsPrefix: '' },
      ...(Array.isArray(contracts) ? { contracts: contracts.map((c) => ({ ...c, ocid: '' })) } : {}),
    };
  },
};

/** `YYYY-MM-DD` plus whole months, clamped to a shorter month's end (as version 9 counts a recurrence). */
function plusMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ny = y + Math.floor(m / 12);
  const nm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Version 9: a condition's update answers a due date only when it says so.
 * Until now every update recorded after the condition answered the next date
 * of a recurring condition, in order, counting only dates after the day it
 * was recorded; each stored update is given the date it answered that way,
 * so nothing answered changes. Each update gets the day it happened (`on`:
 * its entry time's day in the board's zone, all that was known), no evidence
 * file; each condition is not ongoing, and was learned of when it was
 * created (this copy had no import).
 */
const v8ToV9: Migration = {
  from: 8,
  describe: 'Condition updates say which date they answer and when they happened; ongoing conditions; learnedAt',
  migrate(doc) {
    const settings = (doc.settings ?? {}) as Loose;
    const timeZone = typeof settings.timeZone === 'string' ? settings.timeZone : 'Europe/London';
    let dayOf: (instant: string) => string;
    try {
      const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      dayOf = (instant) => format.format(new Date(instant));
    } catch {
      dayOf = (instant) => instant.slice(0, 10);
    }
    // Copied, not imported: the months between dates and the cap on dates as version 8 counted them.
    const step: Loose = { monthly: 1, quarterly: 3, annually: 12 };
    return {
      ...doc,
      conditions: asRecords(doc.conditions).map((c) => {
        const createdAt = String(c.createdAt);
        const recorded = createdAt.slice(0, 10);
        const r = (c.recurrence ?? null) as Loose | null;
        const dates: string[] = [];
        if (r && typeof r.from === 'string' && typeof step[String(r.every)] === 'number') {
          const until = typeof r.until === 'string' && r.until !== '' ? r.until : '';
          for (let i = 0; i < 1000; i++) {
            const d = plusMonths(r.from, i * (step[String(r.every)] as number));
            if (until && d > until) break;
            if (d > recorded) dates.push(d);
          }
        }
        let answered = 0;
        // Keys in the order version 9's schema gives them: a checkpoint written from the validated state
        // and the state the journal replays to (migrated as written here) must serialise the same.
        const history = asRecords(c.history).map((h) => {
          const { status, at, by, note, evidencePaperId, ...others } = h;
          const answers = r && String(at) > createdAt && answered < dates.length ? dates[answered++]! : '';
          return {
            status,
            at,
            on: dayOf(String(at)),
            by,
            note,
            evidencePaperId,
            ...others,
            evidenceFile: null,
            answers,
          };
        });
        const { status, history: _history, ...fields } = c;
        void _history;
        return { ...fields, ongoing: false, learnedAt: c.createdAt, status, history };
      }),
    };
  },
};

/**
 * Version 10: board packs. Each paper's single private note becomes a note on
 * the whole paper (`paperNotes`, id `pnt_` + the paper's id), its text as it
 * was; a read mark keeps the version read (the paper's newest when the mark
 * was made: nothing says otherwise); the pack log and the trusted publishers
 * start empty.
 */
const v9ToV10: Migration = {
  from: 9,
  describe:
    'Board packs: notes on papers of their own (the single note becomes a note on the whole paper); read marks keep the version read',
  migrate(doc) {
    const newest = new Map<unknown, number>();
    for (const p of asRecords(doc.papers)) {
      const versions = asRecords(p.versions);
      const last = versions[versions.length - 1];
      newest.set(p.id, typeof last?.version === 'number' ? last.version : 1);
    }
    const marks = asRecords(doc.paperMarks);
    const paperNotes = marks
      .filter((m) => typeof m.note === 'string' && m.note !== '' && typeof m.paperId === 'string')
      .map((m) => ({
        id: `pnt_${String(m.paperId).slice('pap_'.length)}`,
        createdAt: m.updatedAt,
        updatedAt: m.updatedAt,
        paperId: m.paperId,
        anchor: null,
        text: m.note,
      }));
    return {
      ...doc,
      paperMarks: marks.map(({ note: _note, ...m }) => ({
        ...m,
        readVersion: m.readAt ? (newest.get(m.paperId) ?? 1) : null,
      })),
      paperNotes,
      packLog: [],
      publishers: [],
    };
  },
};

/**
 * Compiled pack PDFs (issue 24): the record of each pack compiled into one
 * PDF starts empty. Nothing else changes.
 */
const v10ToV11: Migration = {
  from: 10,
  describe: 'Compiled pack PDFs: a new, empty list of the packs compiled into one PDF per meeting',
  migrate(doc) {
    return { ...doc, compiledPacks: [] };
  },
};

/**
 * Procurement law (issue 22): routes as the Procurement Act 2023 names them
 * (`competitive_restricted` becomes `competitive_flexible`, the old label
 * kept in `formerRouteLabel`); each contract records its regime (the Act for
 * a term starting on or after 24 February 2025 or with no start yet, else the
 * Public Contracts Regulations 2015: nothing older says when the procurement
 * began, so the term start stands in), its notices, modifications, KPIs and
 * assessments (none yet), no re-tender plan; milestones are not plan steps;
 * the board has no supplier aliases yet.
 */
const v11ToV12: Migration = {
  from: 11,
  describe:
    'Procurement Act 2023: routes renamed (restricted becomes competitive flexible, old label kept), regime per contract, notices, modifications, KPIs, re-tender plans; supplier aliases',
  migrate(doc) {
    // Copied, not imported: the commencement of the Act and the old route's label as version 10 showed it.
    const commencement = '2025-02-24';
    const settings = (doc.settings ?? {}) as Loose;
    return {
      ...doc,
      settings: { ...settings, supplierAliases: [] },
      contracts: asRecords(doc.contracts).map((c) => {
        const restricted = c.route === 'competitive_restricted';
        const start = typeof c.termStart === 'string' ? c.termStart : '';
        return {
          ...c,
          route: restricted ? 'competitive_flexible' : c.route,
          milestones: asRecords(c.milestones).map((m) => ({ ...m, planStep: null })),
          directAwardGround: '',
          formerRouteLabel: restricted ? 'Competitive (restricted)' : '',
          regime: start !== '' && start < commencement ? 'pcr2015' : 'pa2023',
          supplyType: 'goods_services',
          awardedOn: '',
          notices: [],
          noMarketEngagementReason: '',
          modifications: [],
          kpis: [],
          performanceAssessments: [],
          letEndDecided: false,
          retenderPlan: null,
        };
      }),
    };
  },
};

/**
 * Version 13: the reminder ledger records the occurrences superseded without
 * firing as one `settled` entry per deadline plan (deadline key + due date):
 * every occurrence of that plan at or before its `at` is dealt with, and its
 * `offset` counts them. A catch-up after an absence used to add one entry per
 * superseded occurrence (tens of thousands at ten-year scale, half the
 * ledger, read and written with every checkpoint). The entries of a plan
 * become one, at the latest of their instants: each occurrence they recorded
 * is still dealt with (so none is notified again); fired, dismissed and
 * summarised entries stay as they are.
 */
const v12ToV13: Migration = {
  from: 12,
  describe: 'Reminder ledger: superseded occurrences become one settled entry per deadline plan',
  migrate(doc) {
    // Copied, not imported: the settled entry's id and key as version 13 defines them.
    const settledId = (deadlineKey: string, due: string) => `rem_settled|${deadlineKey}|${due}`;
    const settledKey = (deadlineKey: string, due: string) => [deadlineKey, 'settled', due, 0].join('|');
    const ledger = asRecords(doc.reminderLedger);
    const plans = new Map<string, Loose>();
    const out: Loose[] = [];
    for (const e of ledger) {
      const { deadlineKey, due, at, createdAt, updatedAt } = e;
      if (
        e.outcome !== 'superseded' ||
        e.kind === 'settled' ||
        typeof deadlineKey !== 'string' ||
        typeof due !== 'string' ||
        typeof at !== 'string' ||
        Number.isNaN(Date.parse(at))
      ) {
        out.push(e);
        continue;
      }
      const id = settledId(deadlineKey, due);
      const plan = plans.get(id);
      if (plan === undefined) {
        const entry: Loose = {
          id,
          createdAt,
          updatedAt,
          key: settledKey(deadlineKey, due),
          deadlineKey,
          kind: 'settled',
          due,
          offset: 1,
          outcome: 'superseded',
          at,
        };
        plans.set(id, entry);
        out.push(entry);
        continue;
      }
      plan.offset = (plan.offset as number) + 1;
      if (Date.parse(at) > Date.parse(plan.at as string)) plan.at = at;
      if (typeof createdAt === 'string' && createdAt < String(plan.createdAt)) plan.createdAt = createdAt;
      if (typeof updatedAt === 'string' && updatedAt > String(plan.updatedAt)) plan.updatedAt = updatedAt;
    }
    return { ...doc, reminderLedger: out };
  },
};

/** Every migration, in order; each has its fixture test in tests/backend/schemaFixtures.test.ts. */
export const MIGRATIONS: readonly Migration[] = [
  v1ToV2,
  v2ToV3,
  v3ToV4,
  v4ToV5,
  v5ToV6,
  v6ToV7,
  v7ToV8,
  v8ToV9,
  v9ToV10,
  v10ToV11,
  v11ToV12,
  v12ToV13,
];

/** Why a document cannot be migrated. */
export type MigrationProblem =
  | { readonly kind: 'missing_version' }
  | { readonly kind: 'newer_version'; readonly found: number; readonly supported: number }
  | { readonly kind: 'no_path'; readonly found: number };

/**
 * Brings a document to `target` by running, in order, every migration from its
 * `schemaVersion`. A newer document is refused, never downgraded.
 */
export function migrateDocument(
  doc: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = CURRENT_SCHEMA_VERSION,
):
  | { ok: true; doc: Record<string, unknown>; from: number; migrated: boolean }
  | { ok: false; problem: MigrationProblem } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, problem: { kind: 'missing_version' } };
  const start = (doc as Record<string, unknown>)['schemaVersion'];
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1) {
    return { ok: false, problem: { kind: 'missing_version' } };
  }
  if (start > target) return { ok: false, problem: { kind: 'newer_version', found: start, supported: target } };
  let current = doc as Record<string, unknown>;
  for (let version = start; version < target; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return { ok: false, problem: { kind: 'no_path', found: version } };
    current = { ...step.migrate(current), schemaVersion: version + 1 };
  }
  return { ok: true, doc: current, from: start, migrated: start !== target };
}
