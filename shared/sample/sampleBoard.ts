/**
 * The sample board: the 2026 case of DOMAIN.md with its real dates, plus a few
 * follow-ups placed relative to `now`, so that whenever it is loaded something
 * is due soon and something is overdue. Pure: ids and `now` are passed in, and
 * paper texts are returned for the caller to store as blobs.
 */
import { addDays } from '../dates/calendarDates.ts';
import type { Condition } from '../schema/conditions.ts';
import { NO_PROCUREMENT_RECORDS, type Contract } from '../schema/contracts.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { Member, MemberRole } from '../schema/members.ts';
import type { Paper } from '../schema/papers.ts';
import { actWorkingDays } from '../rules/procurementAct.ts';
import { withPlanMilestones } from '../rules/retenderPlan.ts';

/** A paper before its text is stored: `body` becomes its first version's blob. */
export interface SamplePaper {
  readonly record: Omit<Paper, 'versions'>;
  readonly body: string;
}

/** Everything the sample adds. */
export interface SampleBoard {
  readonly boardName: string;
  readonly members: Member[];
  readonly papers: SamplePaper[];
  readonly meetings: Meeting[];
  readonly contracts: Contract[];
  readonly decisions: Decision[];
  readonly conditions: Condition[];
}

const FORCE_COMMERCIAL = "The police force's commercial director";
const FORCE_CIO = "The police force's chief information officer";
const FORCE_LEGAL = "The police force's head of legal services";
const SUPPLIER = 'The software supplier';

/** The procurement-law fields of a sample contract, before each sets its own. */
const ACT_DEFAULTS = {
  ...NO_PROCUREMENT_RECORDS,
  formerRouteLabel: '',
  regime: 'pa2023',
} satisfies Partial<Contract>;

/** Builds the sample board for `today` (YYYY-MM-DD in the board's zone) and the instant `now`. */
export function buildSampleBoard(
  today: string,
  now: string,
  newId: (prefix: string) => string,
  actor: string,
): SampleBoard {
  const stamp = { createdAt: now, updatedAt: now };
  const member = (name: string, role: MemberRole, interests: string[] = []): Member => ({
    id: newId('mem_'),
    ...stamp,
    name,
    role,
    jobTitle: '',
    email: '',
    interests,
    activeFrom: '2024-05-10',
    activeTo: '',
  });
  const chair = member('Chair of the oversight board', 'chair');
  const deputy = member('Deputy chair', 'member');
  const finance = member('Lead member for finance', 'member', [
    'Non-executive director of a technology trade association',
  ]);
  const audit = member('Independent member for audit', 'independent_member');
  const ethics = member('Independent member for ethics', 'independent_member', [
    'Former adviser to the software supplier (ended 2023)',
  ]);
  const secretary = member('Head of secretariat', 'secretariat');
  const cfo = member('Chief finance officer of the police force', 'officer');
  const observer = member("Commissioner's representative", 'observer');
  const members = [chair, deputy, finance, audit, ethics, secretary, cfo, observer];

  const paper = (
    reference: string,
    title: string,
    author: string,
    date: string,
    classification: Paper['classification'],
    body: string,
  ): SamplePaper => ({
    record: { id: newId('pap_'), ...stamp, reference, title, author, date, classification },
    body,
  });
  const businessCase = paper(
    'PAP-2026-031',
    'Enterprise analytics platform 2026/27: business case',
    FORCE_COMMERCIAL,
    '2026-05-05',
    'public',
    `# Enterprise analytics platform 2026/27

## Recommendation

That the board approves a contract with **${SUPPLIER}** for the 2026/27 financial year, with an option to extend for a further year.

## Value

| Period | Value |
| --- | --- |
| 2026/27 | GBP 25,300,000 |
| Option year 2027/28 | GBP 24,800,000 |
| **Total** | **about GBP 50,100,000** |

## Procurement route

Direct award: the force engaged one supplier only.

## Financial context

The force faces a funding shortfall of GBP 100m this year and GBP 125m next year, with 1,150 staff posts to cut, 500 of them meant to be absorbed by the supplier's tools.
`,
  );
  const procurementAdvice = paper(
    'PAP-2026-032',
    'Procurement compliance advice',
    "The oversight body's monitoring officer",
    '2026-05-07',
    'confidential',
    `# Procurement compliance advice

The proposed award engaged a single supplier without market testing. In our view this breaches the procurement rules, and value for money has not been shown.

We advise the board not to approve the contract as proposed.
`,
  );
  const finances = paper(
    'PAP-2026-044',
    'Force financial position 2026/27',
    cfo.name,
    '2026-06-15',
    'public',
    `# Force financial position 2026/27

- Funding shortfall: **GBP 100m** in 2026/27 and **GBP 125m** in 2027/28.
- Staff posts to cut: **1,150**, of which 500 were planned to be absorbed by the supplier's tools.
`,
  );
  const preAction = paper(
    'PAP-2026-045',
    "Pre-action letter from the supplier's lawyers",
    FORCE_LEGAL,
    '2026-06-10',
    'confidential',
    `# Pre-action letter

In early June 2026 the supplier's lawyers sent a pre-action letter threatening judicial review of the board's decision of May 2026.

Legal advice on the response is attached to the private part of the agenda.
`,
  );
  const extension = paper(
    'PAP-2026-046',
    'Misconduct analytics pilot: 12-month extension',
    FORCE_COMMERCIAL,
    '2026-06-16',
    'public',
    `# Misconduct analytics pilot: 12-month extension

The pilot analyses internal data on about **45,000 officers and staff** to detect misconduct (roster abuse, behavioural patterns).

## Recommendation

1. Extend the existing pilot for **12 months**, to 24 June 2027. Its value is not published.
2. Require the force to run a **new competitive procurement** for a long-term provider within those 12 months.
3. Require a **data-export plan**, so that another provider can take over.
4. Require **quarterly progress reports** to the board.
`,
  );
  const progress = paper(
    'PAP-FOLLOW-01',
    'Re-tender progress report',
    FORCE_COMMERCIAL,
    addDays(today, -3),
    'public',
    `# Re-tender progress report

The market engagement event has been held. The draft specification is with the force's legal team.

| Milestone | Planned |
| --- | --- |
| Contract notice | December 2026 |
| Tender returns | February 2027 |
| Award decision | May 2027 |
| New contract starts | 24 June 2027 |
`,
  );
  const papers = [businessCase, procurementAdvice, finances, preAction, extension, progress];

  const attend = (present: Member[], apologies: Member[] = []): Meeting['attendance'] => [
    ...present.map((m) => ({ memberId: m.id, status: 'present' as const })),
    ...apologies.map((m) => ({ memberId: m.id, status: 'apologies' as const })),
    { memberId: secretary.id, status: 'in_attendance' as const },
    { memberId: cfo.id, status: 'in_attendance' as const },
  ];
  const item = (
    number: string,
    title: string,
    paperIds: string[],
    confidential = false,
    declarations: Meeting['agenda'][number]['declarations'] = [],
  ) => ({
    id: newId('itm_'),
    number,
    title,
    presenter: '',
    confidential,
    paperIds,
    declarations,
  });
  const mayMeeting: Meeting = {
    id: newId('mtg_'),
    ...stamp,
    title: 'Oversight board',
    date: '2026-05-14',
    time: '10:00',
    place: 'City Hall, Committee Room 4',
    remote: false,
    status: 'held',
    agenda: [
      item('1', 'Enterprise analytics platform 2026/27', [businessCase.record.id]),
      item('2', 'Procurement compliance advice', [procurementAdvice.record.id], true),
    ],
    attendance: attend([chair, deputy, finance, audit, ethics]),
  };
  const extensionItem = item('3', 'Misconduct analytics pilot: extension', [extension.record.id], false, [
    {
      memberId: ethics.id,
      interest: 'Former adviser to the software supplier (ended 2023); left the room for this item',
    },
  ]);
  const juneMeeting: Meeting = {
    id: newId('mtg_'),
    ...stamp,
    title: 'Oversight board',
    date: '2026-06-24',
    time: '10:00',
    place: 'City Hall, Committee Room 4',
    remote: false,
    status: 'held',
    agenda: [
      item('1', 'Force financial position 2026/27', [finances.record.id]),
      item('2', "Pre-action letter from the supplier's lawyers", [preAction.record.id], true),
      extensionItem,
    ],
    attendance: attend([chair, deputy, audit, ethics], [finance]),
  };
  const nextMeeting: Meeting = {
    id: newId('mtg_'),
    ...stamp,
    title: 'Oversight board',
    date: addDays(today, 14),
    time: '10:00',
    place: 'City Hall, Committee Room 4',
    remote: false,
    status: 'planned',
    agenda: [item('1', 'Conditions report', []), item('2', 'Re-tender progress report', [progress.record.id])],
    attendance: [],
  };
  const meetings = [mayMeeting, juneMeeting, nextMeeting];

  const extensionDecisionId = newId('dec_');
  const enterprise: Contract = {
    id: newId('ctr_'),
    ...stamp,
    reference: 'CTR-2026-007',
    title: 'Enterprise analytics platform 2026/27',
    suppliers: [SUPPLIER],
    buyer: 'The police force',
    route: 'direct_award',
    directAwardRationale:
      'The force engaged one supplier only; no market testing was done. The board refused to approve it (May 2026).',
    kind: 'held',
    annualValueGbp: 25_300_000,
    initialValueGbp: 25_300_000,
    valueWithOptionsGbp: 50_100_000,
    // Blocked before it was let: a planned year, no invented dates.
    termStart: '',
    termEnd: '',
    plannedMonths: 12,
    maxExtentDate: '',
    extensionOptions: [
      {
        id: newId('opt_'),
        months: 12,
        noticeBy: '2027-01-01',
        valueGbp: 24_800_000,
        exercised: false,
        exercisedByDecisionId: null,
        exercisedOn: '',
      },
    ],
    breakClauses: [],
    milestones: [],
    status: 'blocked',
    notes: 'Proposed; not approved by the board on 14 May 2026.',
    ocid: '',
    ...ACT_DEFAULTS,
  };
  const pilot: Contract = {
    id: newId('ctr_'),
    ...stamp,
    reference: 'CTR-2025-019',
    title: 'Misconduct analytics pilot',
    suppliers: [SUPPLIER],
    buyer: 'The police force',
    route: 'direct_award',
    directAwardRationale:
      'Let directly as a proof-of-concept pilot in 2025. Extended once, for 12 months, on condition of a competitive re-tender.',
    kind: 'held',
    annualValueGbp: null,
    initialValueGbp: null,
    valueWithOptionsGbp: null,
    termStart: '2025-06-24',
    // The end as let; the 12-month option exercised by the June decision moves it to 24 June 2027.
    termEnd: '2026-06-24',
    plannedMonths: null,
    maxExtentDate: '2027-06-24',
    extensionOptions: [
      {
        id: newId('opt_'),
        months: 12,
        noticeBy: '2026-06-24',
        valueGbp: null,
        exercised: true,
        exercisedByDecisionId: extensionDecisionId,
        exercisedOn: '2026-06-24',
      },
    ],
    breakClauses: [
      { id: newId('brk_'), earliest: '2026-12-24', noticeDays: 90, note: 'Either party, on three months’ notice' },
    ],
    // Done already: the business case went with the extension (June 2026); the market engagement event was held.
    milestones: [
      {
        id: newId('mst_'),
        title: 'Specification and business case to the board',
        due: '2026-06-24',
        done: true,
        planStep: 'business_case',
      },
      {
        id: newId('mst_'),
        title: 'Preliminary market engagement',
        due: '2026-10-20',
        done: true,
        planStep: 'market_engagement',
      },
    ],
    status: 'extended',
    notes: 'Analyses internal data on about 45,000 officers and staff to detect misconduct. Value not published.',
    ocid: '',
    ...ACT_DEFAULTS,
    // Let directly in June 2025, after the Act came into force: a prototype, with no transparency notice recorded.
    directAwardGround: 'prototype',
    awardedOn: '2025-06-24',
    // The re-tender the June 2026 decision requires: the new contract must start when the extension ends.
    retenderPlan: {
      requiredStart: '2027-06-24',
      awardMeetingId: '',
      evaluationWeeks: 12,
      tenderDays: 73,
      marketEngagementWeeks: 8,
      businessCaseWeeks: 4,
      plannedProcurementNotice: '',
      fixed: { tender_notice: '2026-12-15', tender_close: '2027-02-26', award_decision: '2027-05-20' },
    },
  };
  const health: Contract = {
    id: newId('ctr_'),
    ...stamp,
    reference: 'EXT-NHS-330',
    title: 'National health data platform',
    suppliers: [SUPPLIER],
    buyer: 'A national health body',
    route: 'open',
    directAwardRationale: '',
    kind: 'watched',
    annualValueGbp: null,
    initialValueGbp: null,
    valueWithOptionsGbp: 330_000_000,
    termStart: '2023-11-01',
    termEnd: '2030-02-28',
    plannedMonths: null,
    maxExtentDate: '',
    extensionOptions: [],
    breakClauses: [
      {
        id: newId('brk_'),
        earliest: '2027-02-28',
        noticeDays: 180,
        note: 'Campaigners ask for the break clause to be triggered; under ministerial review',
      },
    ],
    milestones: [],
    status: 'active',
    notes: 'Recorded for awareness: the same supplier; the procurement route is as publicly reported.',
    ocid: '',
    ...ACT_DEFAULTS,
    // Let in 2023, under the 2015 Regulations: only the regime-free flags apply.
    regime: 'pcr2015',
  };
  const holidays = actWorkingDays({ extra: [], removed: [] });
  const contracts = [
    enterprise,
    { ...pilot, milestones: withPlanMilestones(pilot, meetings, holidays, today, () => newId('mst_')) },
    health,
  ];

  const decisionBase = {
    ...stamp,
    itemId: null,
    summary: '',
    alternatives: '',
    legalImplications: '',
    equalityImplications: '',
    declarations: [] as Decision['declarations'],
    votes: null,
    decisionMaker: 'The oversight board',
    keyDecision: true,
    effectiveDate: '',
    links: [] as Decision['links'],
    status: 'signed' as const,
    signedBy: actor,
    signatory: `${chair.name} (Chair)`,
    signatoryMemberId: chair.id,
    confidential: false,
    amendments: [] as Decision['amendments'],
  };
  const blocked: Decision = {
    ...decisionBase,
    id: newId('dec_'),
    reference: 'PCD 2026-094',
    title: 'Enterprise analytics platform 2026/27: not approved',
    date: '2026-05-14',
    meetingId: mayMeeting.id,
    itemId: mayMeeting.agenda[0]!.id,
    outcome: 'blocked',
    wording:
      'The board does not approve the proposed contract between the police force and the software supplier for 2026/27, with its option to extend.',
    summary:
      'A GBP 25.3m contract for 2026/27, with an option for a further GBP 24.8m (about GBP 50m in all), was refused.',
    reasons:
      'The procurement rules were breached: the force engaged only one supplier, so value for money was not shown.',
    alternatives: 'Approve as proposed; approve a shorter term; require a competitive procurement (preferred).',
    financialImplications: 'GBP 25,300,000 in 2026/27 and an option of GBP 24,800,000 in 2027/28 not committed.',
    legalImplications: 'Legal advice (confidential) found the direct award non-compliant.',
    publishedOn: '2026-05-15',
    callInEnds: '2026-05-22',
    effectiveDate: '2026-05-23',
    reliedOn: [
      { paperId: businessCase.record.id, version: 1 },
      { paperId: procurementAdvice.record.id, version: 1 },
    ],
    contractIds: [enterprise.id],
    votes: { for: 5, against: 0, abstain: 0 },
    signedAt: '2026-05-15T16:00:00.000Z',
    signedOn: '2026-05-15',
  };
  const extensionDecision: Decision = {
    ...decisionBase,
    id: extensionDecisionId,
    reference: 'PCD 2026-117',
    title: 'Misconduct analytics pilot: 12-month extension with conditions',
    date: '2026-06-24',
    meetingId: juneMeeting.id,
    itemId: extensionItem.id,
    outcome: 'approved_with_conditions',
    wording:
      'The board approves a 12-month extension of the existing misconduct analytics pilot, to 24 June 2027, on condition that the police force runs a new competitive procurement for a long-term provider within those 12 months.',
    summary: 'Extension of the pilot approved, with four conditions; the value of the extension is not published.',
    reasons:
      'Ending the pilot at once would leave the force without the tool while a compliant procurement is run; a competitive re-tender restores value for money.',
    alternatives:
      'End the pilot in June 2026; extend without conditions (rejected: repeats the single-supplier route).',
    financialImplications: 'Value of the extension undisclosed.',
    legalImplications:
      "The supplier's pre-action letter threatens judicial review of the May decision; this decision does not reopen it.",
    equalityImplications:
      'The pilot processes data on about 45,000 officers and staff: a data-protection impact assessment is required before any new contract.',
    // The declaration is recorded on the agenda item: the decision shows it from there.
    publishedOn: '2026-06-25',
    callInEnds: '2026-07-02',
    effectiveDate: '2026-07-03',
    reliedOn: [
      { paperId: extension.record.id, version: 1 },
      { paperId: finances.record.id, version: 1 },
    ],
    contractIds: [pilot.id],
    votes: { for: 3, against: 0, abstain: 0 },
    signedAt: '2026-06-25T15:30:00.000Z',
    signedOn: '2026-06-25',
    links: [{ decisionId: blocked.id, kind: 'follows' }],
  };
  const followUpDate = addDays(today, -21) > extensionDecision.date ? addDays(today, -21) : extensionDecision.date;
  const followUp: Decision = {
    ...decisionBase,
    id: newId('dec_'),
    reference: 'PCD-FOLLOW-01',
    title: 'Re-tender of the misconduct analytics service: progress noted',
    date: followUpDate,
    meetingId: null,
    outcome: 'noted',
    wording:
      'The board notes the progress report on the re-tender and asks for the specification and the evaluation panel before the contract notice is published.',
    keyDecision: false,
    reasons: '',
    financialImplications: '',
    publishedOn: '',
    callInEnds: '',
    reliedOn: [],
    contractIds: [pilot.id],
    links: [{ decisionId: extensionDecision.id, kind: 'implements' }],
    status: 'draft',
    signedBy: '',
    signedAt: null,
    signatory: '',
    signatoryMemberId: null,
    signedOn: '',
  };
  const decisions = [blocked, extensionDecision, followUp];

  const recorded: Condition['history'][number] = {
    status: 'open',
    at: now,
    on: today,
    by: actor,
    note: 'Recorded from the decision',
    evidencePaperId: null,
    evidenceFile: null,
    answers: '',
  };
  const condition = (
    decision: Decision,
    wording: string,
    owner: string,
    due: string,
    extra: Partial<Condition> = {},
  ): Condition => ({
    id: newId('cnd_'),
    ...stamp,
    learnedAt: now,
    decisionId: decision.id,
    wording,
    owner: { memberId: null, name: owner, email: '' },
    due,
    recurrence: null,
    evidenceRequired: '',
    ongoing: false,
    status: 'open',
    history: [recorded],
    ...extra,
  });
  // The quarterly report's dates count like any board's: September's report was received on 2 October 2026
  // (recorded when the sample is loaded after that day); each later date is due, or overdue once past, until
  // an update says its report was received.
  const septemberReport: Condition['history'] =
    today >= '2026-10-02'
      ? [
          recorded,
          {
            status: 'open',
            at: now,
            on: '2026-10-02',
            by: actor,
            note: 'Progress report received, for the October board pack',
            evidencePaperId: null,
            evidenceFile: null,
            answers: '2026-09-24',
          },
        ]
      : [recorded];
  const conditions = [
    condition(
      extensionDecision,
      'Run a new competitive procurement for a long-term provider',
      FORCE_COMMERCIAL,
      '2027-03-31',
      {
        evidenceRequired: 'The contract notice and the tender evaluation report',
      },
    ),
    condition(
      extensionDecision,
      'Award a new contract before the extension ends on 24 June 2027',
      FORCE_COMMERCIAL,
      '2027-06-24',
      {
        evidenceRequired: 'The board’s award decision',
      },
    ),
    condition(extensionDecision, 'Report progress on the re-tender to the board every quarter', FORCE_COMMERCIAL, '', {
      recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-06-24' },
      evidenceRequired: 'A progress report in the board pack',
      history: septemberReport,
    }),
    condition(
      extensionDecision,
      'Produce a data-export plan so another provider can take over',
      FORCE_CIO,
      '2026-12-24',
      {
        evidenceRequired: 'The data-export plan, agreed with the supplier',
      },
    ),
    condition(
      followUp,
      'Send the board the draft tender specification',
      FORCE_COMMERCIAL,
      addDays(today, -7) > followUpDate ? addDays(today, -7) : followUpDate,
    ),
    condition(
      followUp,
      'Confirm the evaluation panel, including an independent member',
      FORCE_COMMERCIAL,
      addDays(today, 10),
    ),
  ];

  return { boardName: 'Policing Oversight Board', members, papers, meetings, contracts, decisions, conditions };
}
