// The formal documents as pure functions: golden files for the sample meeting
// of 24 June 2026, its decision notice (PCD 2026-117) and the conditions
// report; same data, same text but for the "Generated" line; the public
// minutes hold nothing of an item taken in private; the HTML escapes raw HTML,
// keeps only http(s) and mailto links, and carries the print CSS.
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildConditionsReport, overdueMilestones, ragOf } from '../../../shared/documents/conditionsReport.ts';
import { buildDecisionNotice } from '../../../shared/documents/decisionNotice.ts';
import { documentHtml, printSettingsOf } from '../../../shared/documents/documentHtml.ts';
import type { BuiltDocument, JournalPosition } from '../../../shared/documents/documentModel.ts';
import { embedded, text } from '../../../shared/documents/markdownText.ts';
import { buildMinutes } from '../../../shared/documents/minutesDocument.ts';
import type { Condition } from '../../../shared/schema/conditions.ts';
import type { Decision } from '../../../shared/schema/decisions.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import { minutesIdOf, type Minutes } from '../../../shared/schema/minutes.ts';
import { applyChanges, type State } from '../../../shared/schema/state.ts';
import { SAMPLE_NOW, sampleState } from '../../helpers/sampleState.ts';

const POSITION: JournalPosition = { seq: 1, hash: '5f3c2a9e0d7b4c1a8e6f2b3d9c0a7e5f1b4d8c2a6e9f3b7d0c5a1e8f4b2d6c9a' };
const FIXTURES = '../../fixtures/documents';

function june(state: State): Meeting {
  const meeting = state.meetings.values().find((m) => m.date === '2026-06-24');
  if (!meeting) throw new Error('no June meeting');
  return meeting;
}

function decision(state: State, reference: string): Decision {
  const found = state.decisions.values().find((d) => d.reference === reference);
  if (!found) throw new Error(`no decision ${reference}`);
  return found;
}

/** The lines of `b` that differ from `a`, position by position. */
function changedLines(a: string, b: string): string[] {
  const left = a.split('\n');
  const right = b.split('\n');
  expect(right).toHaveLength(left.length);
  return right.filter((line, i) => line !== left[i]);
}

describe('golden files of the sample board', () => {
  const { state } = sampleState();

  it('the minutes of 24 June 2026, full version', async () => {
    const doc = buildMinutes(state, june(state), { version: 'private', now: SAMPLE_NOW, position: POSITION });
    await expect(doc.markdown).toMatchFileSnapshot(`${FIXTURES}/minutes-2026-06-24-private.md`);
    expect(doc.fileStem).toBe('MIN-2026-06-24-minutes-private');
    expect(doc.meta).toMatchObject({ reference: 'MIN 2026-06-24', classification: 'confidential' });
  });

  it('the minutes of 24 June 2026, public version', async () => {
    const doc = buildMinutes(state, june(state), { version: 'public', now: SAMPLE_NOW, position: POSITION });
    await expect(doc.markdown).toMatchFileSnapshot(`${FIXTURES}/minutes-2026-06-24-public.md`);
    expect(doc.markdown).toContain('Item 2 was considered in private.');
    expect(doc.markdown).not.toContain('Pre-action letter');
    expect(doc.meta.classification).toBe('public');
  });

  it('the decision notice of PCD 2026-117', async () => {
    const doc = buildDecisionNotice(state, decision(state, 'PCD 2026-117'), { now: SAMPLE_NOW, position: POSITION });
    await expect(doc.markdown).toMatchFileSnapshot(`${FIXTURES}/notice-PCD-2026-117.md`);
    expect(doc.fileStem).toBe('PCD-2026-117-decision-notice');
  });

  it('the conditions report as at 27 November 2026', async () => {
    const doc = buildConditionsReport(state, { asOf: '2026-11-27', now: SAMPLE_NOW, position: POSITION });
    await expect(doc.markdown).toMatchFileSnapshot(`${FIXTURES}/conditions-report-2026-11-27.md`);
    expect(doc.markdown).toContain('6 open conditions as at 27 November 2026: 1 red, 3 amber, 2 green.');
  });

  it('every document carries its reference, version, generated-at time and journal position', () => {
    const docs: BuiltDocument[] = [
      buildMinutes(state, june(state), { version: 'public', now: SAMPLE_NOW, position: POSITION }),
      buildDecisionNotice(state, decision(state, 'PCD 2026-117'), { now: SAMPLE_NOW, position: POSITION }),
      buildConditionsReport(state, { asOf: '2026-11-27', now: SAMPLE_NOW, position: POSITION }),
    ];
    for (const doc of docs) {
      expect(doc.markdown).toContain(`- **Reference:** ${text(doc.meta.reference)}`);
      expect(doc.markdown).toMatch(/- \*\*Version:\*\* \S/);
      expect(doc.markdown).toContain('- **Generated:** 27 November 2026 at 09:00 (Europe/London)');
      expect(doc.markdown).toContain(`journal entry 1, hash \`${POSITION.hash}\``);
    }
  });
});

describe('same data, same text', () => {
  it('differs only in the Generated line when made at another time', () => {
    const { state } = sampleState();
    const later = '2026-11-27T15:42:00.000Z';
    const pairs: Array<[BuiltDocument, BuiltDocument]> = [
      [
        buildMinutes(state, june(state), { version: 'private', now: SAMPLE_NOW, position: POSITION }),
        buildMinutes(state, june(state), { version: 'private', now: later, position: POSITION }),
      ],
      [
        buildDecisionNotice(state, decision(state, 'PCD 2026-117'), { now: SAMPLE_NOW, position: POSITION }),
        buildDecisionNotice(state, decision(state, 'PCD 2026-117'), { now: later, position: POSITION }),
      ],
      [
        buildConditionsReport(state, { asOf: '2026-11-27', now: SAMPLE_NOW, position: POSITION }),
        buildConditionsReport(state, { asOf: '2026-11-27', now: later, position: POSITION }),
      ],
    ];
    for (const [a, b] of pairs) {
      expect(changedLines(a.markdown, b.markdown)).toEqual([
        '- **Generated:** 27 November 2026 at 15:42 (Europe/London)',
      ]);
      expect(changedLines(documentHtml(a), documentHtml(b))).toHaveLength(1);
    }
  });

  it('does not depend on the order records were stored in', () => {
    const { state } = sampleState();
    const reversed: State = applyChanges(
      { ...state, conditions: state.conditions.values().reduce((map, c) => map.delete(c.id), state.conditions) },
      state.conditions
        .values()
        .reverse()
        .map((c) => ({ target: 'conditions' as const, id: c.id, after: c })),
    );
    const build = (s: State): string =>
      buildConditionsReport(s, { asOf: '2026-11-27', now: SAMPLE_NOW, position: POSITION }).markdown;
    expect(build(reversed)).toBe(build(state));
  });
});

const MARKER = 'ZEBRA-CONFIDENTIAL-7Q';

/** The sample with item 2 of June (taken in private) carrying the marker in everything it has. */
function stateWithMarkedPrivateItem(): State {
  const { state } = sampleState();
  const meeting = june(state);
  const item = meeting.agenda.find((i) => i.confidential);
  if (!item) throw new Error('no private item');
  const ethics = state.members.values().find((m) => m.name === 'Independent member for ethics');
  const paper = state.papers.get(item.paperIds[0] ?? '');
  if (!ethics || !paper) throw new Error('sample changed');
  const now = SAMPLE_NOW;
  const privateDecision: Decision = {
    ...decision(state, 'PCD 2026-117'),
    id: 'dec_private',
    reference: 'PCD 2026-118',
    title: `Response to the pre-action letter ${MARKER}`,
    itemId: item.id,
    wording: `The board agrees the response ${MARKER}.`,
    declarations: [],
    reliedOn: [{ paperId: paper.id, version: 1 }],
    contractIds: [],
  };
  const privateCondition: Condition = {
    id: 'cnd_private',
    createdAt: now,
    updatedAt: now,
    learnedAt: now,
    ongoing: false,
    decisionId: privateDecision.id,
    wording: `Send the response ${MARKER}`,
    owner: { memberId: null, name: `Head of legal ${MARKER}`, email: '' },
    due: '2026-07-01',
    recurrence: null,
    evidenceRequired: '',
    status: 'open',
    history: [],
  };
  const markedMeeting: Meeting = {
    ...meeting,
    agenda: meeting.agenda.map((i) =>
      i.id === item.id
        ? {
            ...i,
            title: `Legal matter ${MARKER}`,
            presenter: `Counsel ${MARKER}`,
            declarations: [{ memberId: ethics.id, interest: `Knows the lawyers ${MARKER}` }],
          }
        : i,
    ),
  };
  const minutes = state.minutes.get(minutesIdOf(meeting.id)) as Minutes;
  return applyChanges(state, [
    { target: 'meetings', id: meeting.id, after: markedMeeting },
    { target: 'papers', id: paper.id, after: { ...paper, title: `Letter ${MARKER}` } },
    { target: 'decisions', id: privateDecision.id, after: privateDecision },
    { target: 'conditions', id: privateCondition.id, after: privateCondition },
    {
      target: 'minutes',
      id: minutes.id,
      after: { ...minutes, discussion: { ...minutes.discussion, [item.id]: `The board discussed ${MARKER}.` } },
    },
  ]);
}

describe('the public version of the minutes', () => {
  it('holds nothing of an item taken in private, and says it was considered in private', () => {
    const state = stateWithMarkedPrivateItem();
    const meeting = june(state);
    const pub = buildMinutes(state, meeting, { version: 'public', now: SAMPLE_NOW, position: POSITION });
    const full = buildMinutes(state, meeting, { version: 'private', now: SAMPLE_NOW, position: POSITION });
    for (const output of [pub.markdown, documentHtml(pub)]) {
      expect(output).not.toContain(MARKER);
      expect(output).not.toContain('PCD 2026-118');
      expect(output).not.toContain('PAP-2026-045');
      expect(output).toContain('Item 2 was considered in private.');
    }
    // The full version has all of it, in its private part.
    const privatePart = full.markdown.slice(full.markdown.indexOf('## Private part'));
    for (const piece of [
      `Legal matter ${MARKER}`,
      `Counsel ${MARKER}`,
      `Letter ${MARKER}`,
      `The board discussed ${MARKER}.`,
      'PCD 2026-118',
      `The board agrees the response ${MARKER}.`,
      `Send the response ${MARKER}`,
      `Head of legal ${MARKER}`,
    ]) {
      expect(privatePart).toContain(piece);
    }
    expect(full.markdown).toContain(`Knows the lawyers ${MARKER}`);
    expect(full.meta.classification).toBe('confidential');
  });
});

describe('the HTML of a document', () => {
  const hostile = `Before <script>alert("x")</script> and <img src=x onerror="alert(1)">.

[bad](javascript:alert(1)) [file](file:///etc/passwd) [good](https://example.org/a?b=1&c=2) [mail](mailto:clerk@example.org)

![tracker](https://tracker.example/pixel.png)

<iframe src="https://evil.example/"></iframe>`;

  function hostileMinutes(boardName: string): BuiltDocument {
    const { state } = sampleState();
    const meeting = june(state);
    const minutes = state.minutes.get(minutesIdOf(meeting.id)) as Minutes;
    const item = meeting.agenda[0]!;
    const next = applyChanges(state, [
      { target: 'settings', id: 'settings', after: { ...state.settings, boardName } },
      {
        target: 'minutes',
        id: minutes.id,
        after: { ...minutes, discussion: { ...minutes.discussion, [item.id]: hostile } },
      },
    ]);
    return buildMinutes(next, meeting, { version: 'public', now: SAMPLE_NOW, position: POSITION });
  }

  it('escapes raw HTML and keeps only http(s) and mailto links; it has no script and fetches nothing', () => {
    const html = documentHtml(hostileMinutes('Policing Oversight Board'));
    expect(html).not.toMatch(/<script|<iframe|<img|href="(?!https:|mailto:)/i);
    // The raw HTML is there as text a reader sees, not as elements.
    expect(html).toContain(
      'Before &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and &lt;img src=x onerror=&quot;alert(1)&quot;&gt;.',
    );
    expect(html).toContain('&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;');
    expect(html).toContain('<p>bad file <a href=');
    expect(html).toContain('<a href="https://example.org/a?b=1&#38;c=2">good</a>');
    expect(html).toContain('<a href="mailto:clerk@example.org">mail</a>');
    expect(html).toContain('[Image not included: tracker]');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;">`,
    );
  });

  it('writes a .md file as inert as the HTML: raw HTML escaped, only http(s) and mailto links, no image fetched', () => {
    const { markdown } = hostileMinutes('Policing Oversight Board');
    // What any Markdown viewer that passes HTML through would make of it.
    const viewed = new Marked({ gfm: true }).parse(markdown, { async: false });
    expect(viewed).not.toMatch(/<script|<iframe|<img|href="(?!https:|mailto:)/i);
    expect(markdown).not.toMatch(/javascript:|file:\/\/|\]\(https:\/\/tracker/);
    expect(markdown).toContain(
      'Before \\<script\\>alert("x")\\<\\/script\\> and \\<img src\\=x onerror\\=\\"alert\\(1\\)\\"\\>.',
    );
    // Shown as the text it is, with no link made of the URL inside it.
    expect(viewed).toContain('<p>&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;</p>');
    expect(markdown).toContain('bad file [good](https://example.org/a?b=1&c=2) [mail](mailto:clerk@example.org)');
    expect(markdown).toContain('\\[Image not included: tracker\\]');
  });

  it('cannot be broken out of by a board name, in the title, the CSS or the print footer', () => {
    const name = 'Board </style><script>alert(1)</script> "quoted"';
    const doc = hostileMinutes(name);
    const html = documentHtml(doc);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(printSettingsOf(doc.meta).footerTemplate).not.toMatch(/<script|<\/style>/i);
  });

  it('prints on A4 with page numbers, headings kept with what follows and table rows never split', () => {
    const { state } = sampleState();
    const doc = buildMinutes(state, june(state), { version: 'private', now: SAMPLE_NOW, position: POSITION });
    const css = documentHtml(doc);
    expect(css).toContain('size: A4;');
    expect(css).toMatch(/@bottom-right \{ content: "Page " counter\(page\) " of " counter\(pages\)/);
    expect(css).toMatch(/h1, h2, h3, h4, h5, h6 \{[^}]*break-after: avoid-page/);
    expect(css).toMatch(/tr, th, td \{ break-inside: avoid/);
    expect(css).toContain('thead { display: table-header-group; }');
    expect(css).toContain('CONFIDENTIAL: NOT FOR PUBLICATION');
    // When the PDF printer draws the footer, the page draws no numbers of its own.
    const printed = documentHtml(doc, { pageNumbers: 'printer' });
    expect(printed).not.toContain('counter(page)');
    const settings = printSettingsOf(doc.meta);
    expect(settings.footerTemplate).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(settings.footerTemplate).toContain('MIN 2026-06-24');
    expect(settings.headerTemplate).toContain('CONFIDENTIAL');
  });
});

describe('Markdown pieces', () => {
  it('writes plain text literally', () => {
    expect(text('a *b* _c_ <d> [e](f) | g\nh')).toBe('a \\*b\\* \\_c\\_ \\<d\\> \\[e\\](f) \\| g h');
    expect(text('1. not a list')).toBe('1\\. not a list');
    expect(text('- not a list')).toBe('\\- not a list');
  });

  it('makes embedded Markdown inert: autolinks, reference links and definitions, headings, inline HTML', () => {
    const hostile = [
      '# Title <img src=x onerror=alert(1)>',
      '',
      'See <javascript:alert(1)> and [ref][evil] and [ok][good] and <https://example.org/x>.',
      '',
      '[evil]: javascript:alert(2)',
      '[good]: https://example.org/good',
    ].join('\n');
    const out = embedded(hostile, 3);
    expect(out).not.toMatch(/javascript:alert\(2\)|[^\\]<img|\]\(javascript/);
    expect(out).toContain('See javascript:alert(1) and ref and [ok][good] and <https://example.org/x>.');
    expect(out).toContain('[good]: https://example.org/good');
    const viewed = new Marked({ gfm: true }).parse(out, { async: false });
    expect(viewed).not.toMatch(/<img|href="javascript/i);
    expect(viewed).toContain('<h3>Title &lt;img src=x onerror=alert(1)&gt;</h3>');
    expect(viewed).toContain('<a href="https://example.org/good">ok</a>');
  });

  it('pushes embedded headings under the document’s own', () => {
    expect(embedded('# Top\n\nText\n\nSub\n---\n\n```\n# not a heading\n```', 4)).toBe(
      '#### Top\n\nText\n\n##### Sub\n\n```\n# not a heading\n```',
    );
  });
});

describe('RAG ratings', () => {
  const base: Condition = {
    id: 'cnd_1',
    createdAt: SAMPLE_NOW,
    updatedAt: SAMPLE_NOW,
    learnedAt: SAMPLE_NOW,
    ongoing: false,
    decisionId: 'dec_1',
    wording: 'x',
    owner: { memberId: null, name: 'o', email: '' },
    due: '',
    recurrence: null,
    evidenceRequired: '',
    status: 'open',
    history: [],
  };
  it('is red when overdue or breached, amber within 30 days, green later or undated', () => {
    expect(ragOf({ ...base, due: '2026-11-26' }, '2026-11-27')).toMatchObject({ rag: 'red', why: 'overdue by 1 day' });
    expect(ragOf({ ...base, due: '2027-01-01', status: 'breached' }, '2026-11-27')).toMatchObject({ rag: 'red' });
    expect(ragOf({ ...base, due: '2026-11-27' }, '2026-11-27')).toMatchObject({ rag: 'amber', why: 'due today' });
    expect(ragOf({ ...base, due: '2026-12-27' }, '2026-11-27')).toMatchObject({ rag: 'amber', why: 'due in 30 days' });
    expect(ragOf({ ...base, due: '2026-12-28' }, '2026-11-27')).toMatchObject({ rag: 'green' });
    expect(ragOf(base, '2026-11-27')).toMatchObject({ rag: 'green', why: 'no due date' });
  });

  it('rates a recurring condition on its first unanswered date: September’s report missing is red, not “due in 18 days”', () => {
    const quarterly: Condition = {
      ...base,
      recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-06-24' },
    };
    expect(ragOf(quarterly, '2026-12-06')).toEqual({ rag: 'red', why: 'overdue by 73 days', due: '2026-09-24' });
    const answered: Condition = {
      ...quarterly,
      history: [
        {
          status: 'open',
          at: '2026-12-06T10:00:00.000Z',
          on: '2026-10-02',
          by: 'Secretariat',
          note: 'Report received',
          evidencePaperId: null,
          evidenceFile: null,
          answers: '2026-09-24',
        },
      ],
    };
    expect(ragOf(answered, '2026-12-06')).toEqual({ rag: 'amber', why: 'due in 18 days', due: '2026-12-24' });
    expect(ragOf({ ...base, ongoing: true }, '2026-12-06')).toMatchObject({ rag: 'green', why: 'ongoing' });
  });
});

describe('the conditions report, as a board entering its history would use it', () => {
  it('rates the quarterly report typed in late red on its missed date, and lists an ongoing condition in its own group', () => {
    const { state } = sampleState();
    const quarterly = state.conditions.values().find((c) => c.recurrence !== null)!;
    const plan = state.conditions.values().find((c) => c.wording.startsWith('Produce a data-export plan'))!;
    const late: Condition = { ...quarterly, history: [quarterly.history[0]!] };
    const ongoing: Condition = {
      ...plan,
      wording: 'Keep internal tools apart from the supplier’s platform',
      ongoing: true,
      due: '',
      recurrence: { every: 'annually', from: '2027-06-24', until: '' },
    };
    const changed = applyChanges(state, [
      { target: 'conditions', id: late.id, after: late },
      { target: 'conditions', id: ongoing.id, after: ongoing },
    ]);
    const doc = buildConditionsReport(changed, { asOf: '2026-12-06', now: SAMPLE_NOW, position: POSITION }).markdown;
    expect(doc).toContain(
      "| Red: overdue by 73 days | Report progress on the re-tender to the board every quarter | The police force's commercial director | 24 September 2026 (quarterly until 24 June 2027) |",
    );
    expect(doc).not.toContain('due in 18 days | Report progress');
    const [, ongoingPart] = doc.split('## Ongoing conditions');
    expect(ongoingPart).toContain('1 ongoing condition: obligations with no due date, kept under review.');
    expect(ongoingPart).toContain(
      "| Green: on track | Keep internal tools apart from the supplier’s platform | PCD 2026-117 | The police force's chief information officer | 24 June 2027 (annually) | None recorded |",
    );
  });

  it('lists overdue contract milestones beside the overdue conditions, marked as contract milestones', () => {
    const { state } = sampleState();
    expect(overdueMilestones(state, '2026-11-27')).toEqual([]);
    expect(overdueMilestones(state, '2027-01-05').map((m) => [m.title, m.contractReference, m.due])).toEqual([
      ['Publish the tender notice (UK4): Misconduct analytics pilot', 'CTR-2025-019', '2026-12-15'],
    ]);
    const doc = buildConditionsReport(state, { asOf: '2027-01-05', now: SAMPLE_NOW, position: POSITION }).markdown;
    expect(doc).toContain('## Overdue contract milestones');
    expect(doc).toContain(
      '| Red: overdue by 21 days | Publish the tender notice (UK4): Misconduct analytics pilot | CTR-2025-019 |',
    );
  });
});
