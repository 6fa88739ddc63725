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

/** A document in the index, with its reference and title folded once, for ranking. */
interface IndexedDoc extends Doc {
  readonly head: string;
}

/** How many paper texts are read from disk at once while the index builds. */
const READ_AHEAD = 16;

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
  private docs: Array<IndexedDoc | null> = [];
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
    const breathe = async (): Promise<void> => {
      if (performance.now() - since > 15) {
        await yieldToEventLoop();
        since = performance.now();
      }
    };
    for (const collection of Object.keys(KIND_OF) as CollectionName[]) {
      const ids = state[collection].values().map((record) => (record as { id: string }).id);
      if (collection !== 'papers') {
        for (const id of ids) {
          this.putText(state, collection, id, '');
          await breathe();
        }
        continue;
      }
      // Paper texts come from blobs: read several at once, index them one by one.
      for (let i = 0; i < ids.length; i += READ_AHEAD) {
        const batch = ids.slice(i, i + READ_AHEAD);
        const texts = await Promise.all(batch.map((id) => this.paperText(id).catch(() => '')));
        for (const [j, id] of batch.entries()) {
          this.putText(state, collection, id, texts[j]!);
          await breathe();
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
    const text = collection === 'papers' ? await this.paperText(id).catch(() => '') : '';
    this.putText(state, collection, id, text);
  }

  /** (Re)indexes one record; `extra` is a paper's text. */
  private putText(state: State, collection: CollectionName, id: string, extra: string): void {
    const key = `${collection}:${id}`;
    const old = this.slotOf.get(key);
    if (old !== undefined) {
      this.docs[old] = null;
      this.slotOf.delete(key);
    }
    const base = docOf(state, collection, id);
    if (!base) return;
    const text = extra ? `${base.text}\n${extra}` : base.text;
    const doc: IndexedDoc = { ...base, text, head: fold(`${base.reference} ${base.title}`) };
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

  private fromIndex(words: string[]): IndexedDoc[] {
    let result: Set<number> | null = null;
    words.forEach((word, i) => {
      const terms = i === words.length - 1 ? this.termsWithPrefix(word) : this.postings.has(word) ? [word] : [];
      const slots = new Set<number>();
      for (const term of terms)
        for (const slot of this.postings.get(term) ?? []) if (!result || result.has(slot)) slots.add(slot);
      result = slots;
    });
    const docs: IndexedDoc[] = [];
    for (const slot of result ?? []) {
      const doc = this.docs[slot];
      if (doc) docs.push(doc);
    }
    return docs;
  }

  private async fromScan(words: string[]): Promise<IndexedDoc[]> {
    const state = this.state();
    const out: IndexedDoc[] = [];
    for (const collection of Object.keys(KIND_OF) as CollectionName[]) {
      for (const record of state[collection]) {
        const base = docOf(state, collection, (record as { id: string }).id);
        if (!base) continue;
        const haystack = termsOf(`${base.reference} ${base.title} ${base.text}`);
        const matches = words.every((w, i) =>
          i === words.length - 1 ? haystack.some((t) => t.startsWith(w)) : haystack.includes(w),
        );
        if (matches) out.push({ ...base, head: fold(`${base.reference} ${base.title}`) });
      }
    }
    return out;
  }
}

/** The best `k` of `items` by `better`, in order, without sorting them all. */
function topK<T>(items: readonly T[], k: number, better: (a: T, b: T) => boolean): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === k && !better(item, top[k - 1]!)) continue;
    let at = top.length === k ? k - 1 : top.length;
    top[at] = item;
    while (at > 0 && better(top[at]!, top[at - 1]!)) {
      [top[at - 1], top[at]] = [top[at]!, top[at - 1]!];
      at--;
    }
  }
  return top;
}

function group(
  q: string,
  docs: IndexedDoc[],
  words: string[],
  perGroup: number,
  source: SearchResults['source'],
): SearchResults {
  // Rank by how many query words are in the reference or title, then by title; each score once.
  const scored = docs.map((d) => ({ d, score: words.reduce((n, w) => (d.head.includes(w) ? n + 1 : n), 0) }));
  const better = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    a.score !== b.score ? a.score > b.score : a.d.title < b.d.title;
  const groups = KIND_ORDER.map((kind) => ({
    kind,
    hits: topK(
      scored.filter((s) => s.d.kind === kind),
      perGroup,
      better,
    ).map(({ d }) => ({
      kind: d.kind,
      id: d.id,
      title: d.title,
      reference: d.reference,
      snippet: snippetOf(d.text || d.title, words),
    })),
  })).filter((g) => g.hits.length > 0);
  return { query: q, groups, total: docs.length, source };
}
