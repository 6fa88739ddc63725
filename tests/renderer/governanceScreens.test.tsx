// @vitest-environment jsdom
/**
 * The governance screens in a DOM, through the renderer's real client and
 * hooks, over a bridge that answers as the backend does: pounds and
 * "Undisclosed", the search shortcut and where a hit leads, long lists
 * fetched page by page as rows come into view and again when data changes,
 * and a signed decision whose edit is refused with the amendment form offered.
 */
import { act, useEffect, type ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardBridge, Channel, EventPayloads, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { Page } from '../../shared/contract/paging.ts';
import type { Result } from '../../shared/contract/result.ts';
import type { Decision } from '../../shared/schema/decisions.ts';
import type { DecisionDetail, DecisionRow } from '../../shared/contract/views.ts';
import { DecisionPage } from '../../renderer/src/features/decisions/DecisionPage.tsx';
import { parsePounds } from '../../renderer/src/features/contracts/contractForm/contractDraft.ts';
import { hrefOfHit, isSearchShortcut } from '../../renderer/src/features/search/SearchDialog.tsx';
import { formatGbp } from '../../renderer/src/money.ts';
import { usePagedRows, type PagedRows } from '../../renderer/src/pagedRows.ts';
import { mountRoot, unmountRoot, settle } from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;
let calls: Array<{ channel: string; input: Record<string, unknown> }>;
let answer: (channel: string, input: Record<string, unknown>) => Result<unknown>;
let dataChanged: Array<(payload: EventPayloads['data:changed']) => void>;

const bridge: BoardBridge = {
  async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
    const plain = input as Record<string, unknown>;
    calls.push({ channel, input: plain });
    // The test decides the answer for the channels it drives.
    return answer(channel, plain) as Result<OutputOf<C>>;
  },
  on(event, callback) {
    if (event === 'data:changed') dataChanged.push(callback as (payload: EventPayloads['data:changed']) => void);
    return () => undefined;
  },
};

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (found === undefined) throw new Error(`No button ${name}`);
  return found;
}

function labelled(label: string): HTMLTextAreaElement | HTMLInputElement {
  const element = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  const control = element ? document.getElementById(element.htmlFor) : null;
  if (!(control instanceof HTMLTextAreaElement || control instanceof HTMLInputElement)) {
    throw new Error(`No field labelled ${label}`);
  }
  return control;
}

async function type(label: string, value: string): Promise<void> {
  const control = labelled(label);
  await act(async () => {
    const proto = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(control, value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  calls = [];
  dataChanged = [];
  answer = () => ({ ok: false, error: { code: 'internal', message: 'not answered in this test' } });
  ({ container, root } = mountRoot(bridge));
});

afterEach(async () => {
  await unmountRoot({ container, root });
});

describe('money and search words', () => {
  it('writes whole pounds with thousands separators, and Undisclosed for no value', () => {
    expect(formatGbp(25_300_000)).toBe('£25,300,000');
    expect(formatGbp(0)).toBe('£0');
    expect(formatGbp(null)).toBe('Undisclosed');
  });

  it('reads pounds as people write them, with or without £, commas or a multiplier; empty is undisclosed', () => {
    expect(parsePounds('£24,800,000')).toBe(24_800_000);
    expect(parsePounds(' 330000000 ')).toBe(330_000_000);
    expect(parsePounds('')).toBeNull();
    expect(parsePounds('25.3m')).toBe(25_300_000);
    expect(parsePounds('£25.3.1m')).toBeUndefined();
    expect(parsePounds('-5')).toBeUndefined();
  });

  it('opens search on Ctrl+K and Cmd+K only, and sends each hit to its page', () => {
    const key = { key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(isSearchShortcut({ ...key, ctrlKey: true })).toBe(true);
    expect(isSearchShortcut({ ...key, key: 'K', metaKey: true })).toBe(true);
    expect(isSearchShortcut(key)).toBe(false);
    expect(isSearchShortcut({ ...key, ctrlKey: true, shiftKey: true })).toBe(false);
    expect(hrefOfHit({ kind: 'decision', id: 'dec_1' })).toBe('#/decisions/dec_1');
    expect(hrefOfHit({ kind: 'condition', id: 'cnd_1' })).toBe('#/conditions/cnd_1');
    expect(hrefOfHit({ kind: 'paper', id: 'pap_1' })).toBe('#/papers/pap_1');
    // A private note opens its paper, at the passage's page in a PDF.
    expect(hrefOfHit({ kind: 'note', id: 'pnt_1', paperId: 'pap_1', page: 3 })).toBe(
      '#/papers/pap_1?page=3&note=pnt_1',
    );
    expect(hrefOfHit({ kind: 'note', id: 'pnt_2', paperId: 'pap_2' })).toBe('#/papers/pap_2?note=pnt_2');
  });
});

describe('a long list, page by page', () => {
  const TOTAL = 1_234;
  const rowOf = (i: number): DecisionRow => ({
    id: `dec_${i}`,
    reference: `GEN ${i}`,
    title: `Decision ${i}`,
    date: '2026-01-01',
    outcome: 'noted',
    status: 'signed',
    keyDecision: false,
    confidential: false,
    conditions: 'none',
    conditionCount: 0,
    contracts: [],
    archived: false,
  });
  let version = 0;
  let shown: PagedRows<DecisionRow> | undefined;

  function Probe({ search }: { readonly search: string }): ReactNode {
    const rows = usePagedRows<DecisionRow>(
      'decisions:list',
      search,
      (page, pageSize) => bridge.invoke('decisions:list', { search, page, pageSize }),
      500,
    );
    useEffect(() => {
      shown = rows;
    });
    return null;
  }

  beforeEach(() => {
    version = 0;
    shown = undefined;
    answer = (channel, input) => {
      const page = Number(input['page']);
      const pageSize = Number(input['pageSize']);
      const rows = Array.from({ length: Math.max(0, Math.min(pageSize, TOTAL - page * pageSize)) }, (_, i) => ({
        ...rowOf(page * pageSize + i),
        title: `Decision ${page * pageSize + i} (v${version})`,
      }));
      const value: Page<DecisionRow> = { rows, total: TOTAL, page, pageSize };
      return { ok: true, value };
    };
  });

  it('asks for the first page, then only the pages that come into view', async () => {
    await act(async () => root.render(<Probe search="" />));
    await settle();
    expect(calls.map((c) => c.input['page'])).toEqual([0]);
    expect(calls[0]?.input['pageSize']).toBe(500);
    expect(shown?.status).toBe('ok');
    expect(shown?.total).toBe(TOTAL);
    expect(shown?.rowAt(499)?.reference).toBe('GEN 499');
    expect(shown?.rowAt(500)).toBeUndefined();

    // Scrolling past row 1,000: its page is asked for once the rows settle.
    await act(async () => shown?.need(1_000, 1_030));
    await act(async () => shown?.need(1_010, 1_040));
    await settle(120);
    expect(calls.map((c) => c.input['page'])).toEqual([0, 2]);
    expect(shown?.rowAt(1_233)?.reference).toBe('GEN 1233');
  });

  it('asks again for what is on screen when the data changes, keeping the old rows meanwhile', async () => {
    await act(async () => root.render(<Probe search="" />));
    await settle();
    version = 1;
    calls = [];
    await act(async () => {
      for (const listener of dataChanged) listener({ seq: 2, targets: ['decisions'] });
    });
    await settle();
    expect(calls.map((c) => c.input['page'])).toEqual([0]);
    expect(shown?.rowAt(0)?.title).toBe('Decision 0 (v1)');
  });

  it('starts again from the first page when the filters change', async () => {
    await act(async () => root.render(<Probe search="" />));
    await settle();
    await act(async () => root.render(<Probe search="annual" />));
    await settle();
    expect(calls.map((c) => [c.input['search'], c.input['page']])).toEqual([
      ['', 0],
      ['annual', 0],
    ]);
    expect(shown?.stale).toBe(false);
  });
});

describe('a signed decision', () => {
  const decision: Decision = {
    id: 'dec_117',
    createdAt: '2026-06-24T09:00:00.000Z',
    updatedAt: '2026-06-25T15:30:00.000Z',
    reference: 'PCD 2026-117',
    title: 'Misconduct analytics pilot: 12-month extension with conditions',
    date: '2026-06-24',
    meetingId: null,
    itemId: null,
    outcome: 'approved_with_conditions',
    wording: 'The board **approves** a 12-month extension.',
    summary: '',
    reasons: '',
    alternatives: '',
    financialImplications: '',
    legalImplications: '',
    equalityImplications: '',
    declarations: [],
    votes: { for: 3, against: 0, abstain: 0 },
    decisionMaker: 'The oversight board',
    keyDecision: true,
    publishedOn: '2026-06-25',
    effectiveDate: '2026-07-03',
    reliedOn: [],
    contractIds: [],
    links: [],
    status: 'signed',
    signedBy: 'Secretariat',
    signedAt: '2026-06-25T15:30:00.000Z',
    signatory: 'Chair of the oversight board (Chair)',
    signatoryMemberId: null,
    signedOn: '2026-06-25',
    confidential: false,
    callInEnds: '2026-07-02',
    amendments: [],
  };
  const detail: DecisionDetail = {
    decision,
    confidential: false,
    declarations: [],
    exercisableOptions: [],
    conditions: [],
    conditionSummary: 'none',
    contracts: [],
    earlier: [],
    later: [],
    reliedOn: [
      {
        paperId: 'pap_1',
        reference: 'PAP-2026-046',
        title: 'Misconduct analytics pilot: 12-month extension',
        version: 1,
        currentVersion: 2,
        changedSinceSigning: true,
      },
    ],
    meeting: null,
  };
  const refusal = `PCD 2026-117 was signed by Secretariat and cannot be edited. Record an amendment instead (what is corrected, and why).`;

  beforeEach(() => {
    answer = (channel) => {
      if (channel === 'decisions:get') return { ok: true, value: detail };
      if (channel === 'decisions:update') {
        return {
          ok: false,
          error: { code: 'conflict', message: refusal, details: { signed: true, amend: { id: 'dec_117' } } },
        };
      }
      if (channel === 'decisions:amend') return { ok: true, value: { id: 'dec_117', seq: 9, summary: 'Amended' } };
      return { ok: false, error: { code: 'not_found', message: `no ${channel}` } };
    };
  });

  it('shows its wording as Markdown, its dates, and a notice that a cited paper changed', async () => {
    await act(async () => root.render(<DecisionPage id="dec_117" />));
    await settle();
    expect(container.querySelector('h1')?.textContent).toBe(decision.title);
    expect(container.querySelector('.markdown strong')?.textContent).toBe('approves');
    expect(container.textContent).toContain('2 July 2026');
    expect(container.textContent).toContain('PAP-2026-046 was relied on at version 1; it is now at version 2.');
  });

  it('sends an edit to the backend, shows its refusal and offers the amendment form', async () => {
    await act(async () => root.render(<DecisionPage id="dec_117" />));
    await settle();
    await act(async () => button('Edit PCD 2026-117').click());
    await settle();
    expect(calls.find((c) => c.channel === 'decisions:update')?.input).toEqual({ id: 'dec_117' });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(refusal);
    expect(document.activeElement).toBe(labelled('What is corrected'));

    await type('What is corrected', 'The effective date is 3 July 2026.');
    await type('Why', 'A typing error.');
    await act(async () => button('Record the amendment').click());
    await settle();
    expect(calls.find((c) => c.channel === 'decisions:amend')?.input).toEqual({
      id: 'dec_117',
      what: 'The effective date is 3 July 2026.',
      why: 'A typing error.',
    });
    expect(container.textContent).not.toContain('Record the amendment');
  });
});
