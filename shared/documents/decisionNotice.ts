/**
 * The decision notice: one decision as a record for publication, with its
 * reference, date and decision-maker, summary, the decision itself, reasons,
 * alternatives, implications, conditions, declarations, the call-in period
 * and effective date, who signed it and when, and the papers it relied on
 * (each at the version relied on). Pure: same records, same text, apart from
 * the "Generated" line.
 */
import { CONDITION_STATUS_LABELS } from '../schema/conditions.ts';
import { DECISION_LINK_LABELS, OUTCOME_LABELS, type Decision } from '../schema/decisions.ts';
import type { State } from '../schema/state.ts';
import { SEAL_FIELDS, shortSeal } from '../rules/seals.ts';
import type { BuildContext, BuiltDocument } from './documentModel.ts';
import { assemble, embedded, fileStemOf, longDate, longInstant, table, text } from './markdownText.ts';
import { conditionsOfDecision, dueText, votesText } from './recordText.ts';
import { declarationsOnDecision } from '../rules/declarations.ts';

/** "Draft, not yet signed", or "2 (signed; amended once)". */
export function noticeVersionOf(decision: Decision): string {
  if (decision.status === 'draft') return 'Draft, not yet signed';
  const amended = decision.amendments.length;
  return `${1 + amended} (signed${amended > 0 ? `; amended ${amended === 1 ? 'once' : `${amended} times`}` : ''})`;
}

function section(title: string, markdown: string, empty = 'None recorded.'): string {
  const body = embedded(markdown, 3);
  return [`## ${title}`, body || empty].join('\n\n');
}

/** Builds the notice of `decision`. */
export function buildDecisionNotice(state: State, decision: Decision, context: BuildContext): BuiltDocument {
  const tz = state.settings.timeZone;
  const meeting = decision.meetingId ? state.meetings.get(decision.meetingId) : undefined;
  const item = meeting?.agenda.find((i) => i.id === decision.itemId);
  const conditions = conditionsOfDecision(state, decision.id);
  const contracts = decision.contractIds.flatMap((id) => {
    const c = state.contracts.get(id);
    return c ? [c] : [];
  });
  const taken = meeting
    ? `${text(meeting.title)}, ${longDate(meeting.date)}${item ? `, item ${text(item.number)}: ${text(item.title)}` : ''}`
    : 'Not taken at a meeting';

  const facts = [
    `- **Decision date:** ${longDate(decision.date)}`,
    `- **Decision-maker:** ${decision.decisionMaker ? text(decision.decisionMaker) : 'Not recorded'}`,
    `- **Taken at:** ${taken}`,
    `- **Outcome:** ${OUTCOME_LABELS[decision.outcome]}`,
    `- **Key decision:** ${decision.keyDecision ? 'Yes' : 'No'}`,
    `- **Published:** ${decision.publishedOn ? longDate(decision.publishedOn) : 'Not yet published'}`,
    `- **Call-in period ends:** ${decision.callInEnds ? longDate(decision.callInEnds) : 'Not applicable until published'}`,
    `- **Takes effect:** ${decision.effectiveDate ? longDate(decision.effectiveDate) : 'Not recorded'}`,
  ];
  if (item?.confidential) {
    facts.push(
      '- **Note:** This decision was taken in the private part of the meeting: check what may be published before release.',
    );
  } else if (decision.confidential) {
    facts.push('- **Note:** This decision is confidential: check what may be published before release.');
  }

  const conditionsPart = [
    '## Conditions',
    conditions.length === 0
      ? 'The decision carries no conditions.'
      : table(
          ['No.', 'Condition', 'Owner', 'Due', 'Evidence required', 'Status'],
          conditions.map((c, i) => [
            String(i + 1),
            c.wording,
            c.owner.name,
            dueText(c),
            c.evidenceRequired || 'None stated',
            CONDITION_STATUS_LABELS[c.status],
          ]),
        ),
  ].join('\n\n');

  const declared = declarationsOnDecision(state, decision);
  const declarations = [
    '## Declarations of interest',
    declared.length === 0
      ? 'No interests were declared.'
      : declared.map((d) => `- ${text(d.who)}: ${text(d.interest)}`).join('\n'),
  ].join('\n\n');

  const papers = decision.reliedOn.map((r) => {
    const paper = state.papers.get(r.paperId);
    return paper
      ? [
          paper.reference,
          paper.title,
          `Version ${r.version}`,
          paper.classification === 'public' ? 'Public' : 'Confidential',
        ]
      : [`(${r.paperId})`, 'A paper no longer on record', `Version ${r.version}`, ''];
  });
  const papersPart = [
    '## Papers relied on',
    papers.length === 0 ? 'None recorded.' : table(['Reference', 'Title', 'Version', 'Classification'], papers),
  ].join('\n\n');

  const related = decision.links.flatMap((l) => {
    const other = state.decisions.get(l.decisionId);
    return other
      ? [`- This decision ${DECISION_LINK_LABELS[l.kind]} ${text(other.reference)}: ${text(other.title)}`]
      : [];
  });
  const relatedPart =
    related.length + contracts.length === 0
      ? ''
      : [
          '## Related records',
          [
            ...related,
            ...contracts.map(
              (c) => `- Contract ${text(c.reference)}: ${text(c.title)} (${text(c.suppliers.join(', '))})`,
            ),
          ].join('\n'),
        ].join('\n\n');

  // The board's signatory and date; who recorded the sign-off in the app is in the audit trail.
  const signed =
    decision.status !== 'signed'
      ? 'Not yet signed: this is a draft.'
      : decision.signatory && decision.signedOn
        ? `Signed by ${text(decision.signatory)} on ${longDate(decision.signedOn)}.`
        : `Signed by ${text(decision.signedBy)}${decision.signedAt ? ` on ${longInstant(decision.signedAt, tz)}` : ''}.`;
  const sealPart =
    decision.status === 'signed' && context.seal
      ? `\n\n**Seal:** \`${shortSeal(context.seal)}\` (in full: \`${context.seal}\`), of the record at journal entry ${context.position.seq}. The seal is the SHA-256 of the decision's ${SEAL_FIELDS.join(', ')}, in RFC 8785 canonical JSON; "Check a seal" on the decision's page says whether the record still matches it.`
      : '';
  const amendments =
    decision.amendments.length === 0
      ? ''
      : [
          '## Amendments since signing',
          table(
            ['When', 'What was corrected', 'Why', 'By'],
            decision.amendments.map((a) => [longInstant(a.at, tz), a.what, a.why, a.by]),
          ),
        ].join('\n\n');

  const body = [
    ['## Details', facts.join('\n')].join('\n\n'),
    section('Summary', decision.summary),
    section('The decision', decision.wording, 'The wording of the decision has not been recorded.'),
    ['## Votes', votesText(decision.votes)].join('\n\n'),
    section('Reasons', decision.reasons),
    section('Alternatives considered', decision.alternatives),
    section('Financial implications', decision.financialImplications),
    section('Legal implications', decision.legalImplications),
    section('Equality implications', decision.equalityImplications),
    conditionsPart,
    declarations,
    papersPart,
    relatedPart,
    ['## Signed', signed + sealPart].join('\n\n'),
    amendments,
  ];
  return assemble(
    {
      kind: 'notice',
      boardName: state.settings.boardName,
      reference: decision.reference,
      title: `Decision notice ${decision.reference}: ${decision.title}`,
      version: noticeVersionOf(decision),
      classification: item?.confidential ? 'confidential' : 'public',
      generatedAt: context.now,
      timeZone: tz,
      position: context.position,
    },
    '',
    body,
    fileStemOf(decision.reference, 'decision-notice'),
  );
}
