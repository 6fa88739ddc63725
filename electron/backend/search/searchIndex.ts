/**
 * Search across references, titles, wording and paper text. An inverted
 * index (term -> documents) is built in the background, in slices that yield
 * to the event loop, and updated per change; until it is ready, queries are
 * answered by scanning. The last query word matches as a prefix.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CollectionName, State } from '../../../shared/schema/state.ts';
import { fold, snippetOf, termsOf } from '../../../shared/searchText.ts';
import type { SearchHit, SearchResults } from '../../../shared/views.ts';

/** One searchable document: a record, with the text it is found by. */
interface Doc {
  readonly kind: SearchHit['kind'];
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly text: string;
}

const KIND_OF: Partial<Record<CollectionName, SearchHit['kind']>> = {
  decisions: 'decision',
  conditions: 'condition',
  contracts: 'contract',
  papers: 'paper',
  meetings: 'meeting',
  members: 'member',
};
const KIND_ORDER: readonly SearchHit['kind'][] = ['decision', 'condition', 'contract', 'paper', 'meeting', 'member'];

/** Reads a paper's newest text (from its blob). */
export type PaperText = (paperId: string) => Promise<string>;

/** The documents of a record, without paper text (added by the caller for papers). */
function docOf(state: State, collection: CollectionName, id: string): (Omit<Doc, 'text'> & { text: string }) | null {
  const kind = KIND_OF[collection];
  if (!kind) return null;
  switch (collection) {
    case 'decisions': {
      const d = state.decisions.get(id);
      return d && !d.archivedAt
        ? { kind, id, reference: d.reference, title: d.title, text: [d.wording, d.summary, d.reasons].join('\n') }
        : null;
    }
    case 'conditions': {
      const c = state.conditions.get(id);
      const ref = c ? (state.decisions.get(c.decisionId)?.reference ?? '') : '';
      return c && !c.archivedAt
        ? { kind, id, reference: ref, title: c.wording, text: `${c.owner.name}\n${c.evidenceRequired}` }
        : null;
    }
    case 'contracts': {
      const c = state.contracts.get(id);
      return c && !c.archivedAt
        ? {
            kind,
            id,
            reference: c.reference,
            title: c.title,
            text: [...c.suppliers, c.buyer, c.notes, c.directAwardRationale].join('\n'),
          }
        : null;
    }
    case 'papers': {
      const p = state.papers.get(id);
      return p && !p.archivedAt ? { kind, id, reference: p.reference, title: p.title, text: p.author } : null;
    }
    case 'meetings': {
      const m = state.meetings.get(id);
      return m && !m.archivedAt
        ? {
            kind,
            id,
            reference: m.date,
            title: m.title,
            text: m.agenda.map((i) => `${i.number} ${i.title}`).join('\n'),
          }
        : null;
    }
    case 'members': {
      const m = state.members.get(id);
      return m && !m.archivedAt ? { kind, id, reference: '', title: m.name, text: m.interests.join('\n') } : null;
    }
    default:
      return null;
  }
}

/** The search index of one store. */
export class SearchIndex {
  private docs: Array<Doc | null> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private sortedTerms: string[] | null = null;
  private ready = false;
  private building: Promise<void> | null = null;
  private updates: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: () => State,
    private readonly paperText: PaperText,
  ) {}

  /** Whether the index is complete (else queries scan). */
  get isReady(): boolean {
    return this.ready;
  }

  /** Starts building in the background (once); resolves when ready. */
  build(): Promise<void> {
    this.building ??= this.buildAll();
    return this.building;
  }

  private async buildAll(): Promise<void> {
    const state = this.state();
    let since = performance.now();
    for (const collection of Object.keys(KIND_OF) as CollectionName[]) {
      for (const record of state[collection]) {
        await this.put(state, collection, (record as { id: string }).id);
        if (performance.now() - since > 15) {
          await yieldToEventLoop();
          since = performance.now();
        }
      }
    }
    this.ready = true;
  }

  /** Re-indexes records after a change (called for every journaled change), in order. */
  update(changes: ReadonlyArray<{ target: string; id: string }>): Promise<void> {
    const run = this.updates.then(() => this.apply(changes));
    this.updates = run.catch(() => undefined);
    return run;
  }

  private async apply(changes: ReadonlyArray<{ target: string; id: string }>): Promise<void> {
    if (!this.building) return;
    // A change during the build is picked up by it only if the build has not passed that record yet.
    await this.building;
    const state = this.state();
    for (const c of changes) {
      if (c.target === 'paperMarks' || c.target === 'settings') continue;
      if (c.target === 'decisions') {
        // A condition shows its decision's reference: refresh them too.
        for (const condition of state.conditions)
          if (condition.decisionId === c.id) await this.put(state, 'conditions', condition.id);
      }
      await this.put(state, c.target as CollectionName, c.id);
    }
  }

  private async put(state: State, collection: CollectionName, id: string): Promise<void> {
    const key = `${collection}:${id}`;
    const old = this.slotOf.get(key);
    if (old !== undefined) {
      this.docs[old] = null;
      this.slotOf.delete(key);
    }
    const base = docOf(state, collection, id);
    if (!base) return;
    const text = collection === 'papers' ? `${base.text}\n${await this.paperText(id).catch(() => '')}` : base.text;
    const doc: Doc = { ...base, text };
    const slot = this.docs.length;
    this.docs.push(doc);
    this.slotOf.set(key, slot);
    for (const term of new Set(termsOf(`${doc.reference} ${doc.title} ${doc.text}`))) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.sortedTerms = null;
      }
      list.push(slot);
    }
  }

  private termsWithPrefix(prefix: string): string[] {
    this.sortedTerms ??= [...this.postings.keys()].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix) && out.length < 200; i++) out.push(terms[i]!);
    return out;
  }

  /** Answers a query, from the index when ready, else by scanning the records. */
  async query(q: string, perGroup: number): Promise<SearchResults> {
    // Read your own writes: answer after the changes already made are indexed.
    if (this.ready) await this.updates;
    const words = termsOf(q);
    if (words.length === 0) return { query: q, groups: [], total: 0, source: this.ready ? 'index' : 'scan' };
    const hits = this.ready ? this.fromIndex(words) : await this.fromScan(words);
    return group(q, hits, words, perGroup, this.ready ? 'index' : 'scan');
  }

  private fromIndex(words: string[]): Doc[] {
    let result: Set<number> | null = null;
    words.forEach((word, i) => {
      const terms = i === words.length - 1 ? this.termsWithPrefix(word) : this.postings.has(word) ? [word] : [];
      const slots = new Set<number>();
      for (const term of terms)
        for (const slot of this.postings.get(term) ?? []) if (!result || result.has(slot)) slots.add(slot);
      result = slots;
    });
    const docs: Doc[] = [];
    for (const slot of result ?? []) {
      const doc = this.docs[slot];
      if (doc) docs.push(doc);
    }
    return docs;
  }

  private async fromScan(words: string[]): Promise<Doc[]> {
    const state = this.state();
    const out: Doc[] = [];
    for (const collection of Object.keys(KIND_OF) as CollectionName[]) {
      for (const record of state[collection]) {
        const base = docOf(state, collection, (record as { id: string }).id);
        if (!base) continue;
        const haystack = termsOf(`${base.reference} ${base.title} ${base.text}`);
        const matches = words.every((w, i) =>
          i === words.length - 1 ? haystack.some((t) => t.startsWith(w)) : haystack.includes(w),
        );
        if (matches) out.push(base);
      }
    }
    return out;
  }
}

function group(
  q: string,
  docs: Doc[],
  words: string[],
  perGroup: number,
  source: SearchResults['source'],
): SearchResults {
  const score = (d: Doc) => {
    const head = fold(`${d.reference} ${d.title}`);
    return words.filter((w) => head.includes(w)).length;
  };
  const groups = KIND_ORDER.map((kind) => {
    const ofKind = docs
      .filter((d) => d.kind === kind)
      .sort((a, b) => score(b) - score(a) || a.title.localeCompare(b.title, 'en-GB'));
    return {
      kind,
      hits: ofKind.slice(0, perGroup).map((d) => ({
        kind: d.kind,
        id: d.id,
        title: d.title,
        reference: d.reference,
        snippet: snippetOf(d.text || d.title, words),
      })),
    };
  }).filter((g) => g.hits.length > 0);
  return { query: q, groups, total: docs.length, source };
}
