/**
 * Search across references, titles, wording and paper text.
 *
 * An inverted index (term -> documents) in two parts: postings built in bulk
 * (in a worker thread, see postingsBuild.ts, as sorted terms and typed
 * arrays), and postings added since, per change, on the main thread. A
 * record indexed again gets a new document slot; its old one is marked dead.
 * When the added part grows large the index is built again in the background.
 *
 * Kept between runs (indexFile.ts) when a folder is given: on open the file
 * is read and the records changed in journal entries after the position it
 * names are indexed again; a missing, corrupt or unrelated file means a new
 * build. It is written in the background after changes settle and at close,
 * never on the path of a save. Until it is ready, queries are answered by a
 * scan of the records (not of paper text). Every step on the event loop is
 * kept short (docs/architecture.md: no stall over 50 ms).
 *
 * The last query word matches as a prefix.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { minutesIdOf } from '../../../shared/schema/minutes.ts';
import type { State } from '../../../shared/schema/state.ts';
import { fold, pageOfFirstTerm, snippetOf, termsOf } from '../../../shared/text/searchText.ts';
import { decisionIdIsConfidential } from '../../../shared/rules/confidentiality.ts';
import { pageOfAnchor } from '../../../shared/rules/passageAnchors.ts';
import type { SearchHit, SearchResults } from '../../../shared/contract/views.ts';
import { sweepTempFiles, writeFileAtomic } from '../store/atomicFile.ts';
import { giveBack, takeBuffer } from '../store/scratchBuffer.ts';
import type { JournalHead } from '../store/journal.ts';
import type { Store } from '../store/store.ts';
import {
  decodeIndex,
  encodeIndex,
  encodeTerms,
  INDEX_DIR,
  INDEX_FILE,
  IndexFileError,
  positionOf,
  type DocColumns,
  type IndexContents,
} from './indexFile.ts';
import { changedSince } from './journalChanges.ts';
import {
  listOf,
  NO_PACKED_POSTINGS,
  packPostings,
  postingCount,
  unpackPostings,
  type PackedPostings,
} from './packedPostings.ts';
import { BuildCancelled, PostingsBuild } from './postingsBuild.ts';

/**
 * The collections searched, in the order they are indexed; a document's kind
 * is its index here (kept in the index file: a change here raises INDEX_FORMAT).
 * `paperNotes` are the member's own private notes: found here, on this
 * computer, and never in anything published (packs, archives without notes).
 */
const INDEXED = ['decisions', 'conditions', 'contracts', 'papers', 'meetings', 'members', 'paperNotes'] as const;
type Indexed = (typeof INDEXED)[number];
const KIND: { readonly [C in Indexed]: SearchHit['kind'] } = {
  decisions: 'decision',
  conditions: 'condition',
  contracts: 'contract',
  papers: 'paper',
  meetings: 'meeting',
  members: 'member',
  paperNotes: 'note',
};
const KIND_ORDER: readonly SearchHit['kind'][] = [
  'decision',
  'condition',
  'contract',
  'paper',
  'meeting',
  'member',
  'note',
];

/** A collection's code (its index in INDEXED) -> the index of its group in KIND_ORDER. */
const GROUP_OF_KIND = Uint8Array.from(INDEXED, (collection) => KIND_ORDER.indexOf(KIND[collection]));

function isIndexed(target: string): target is Indexed {
  return (INDEXED as readonly string[]).includes(target);
}

/**
 * The indexed document a changed record belongs to (`collection:id`), or null:
 * a meeting's minutes are searched as part of the meeting.
 */
function indexKeyOf(target: string, id: string): string | null {
  if (isIndexed(target)) return `${target}:${id}`;
  if (target === 'minutes' && id.startsWith('min_')) return `meetings:mtg_${id.slice('min_'.length)}`;
  return null;
}

/** How many paper texts are read from disk at once while the index builds. */
const READ_AHEAD = 16;
/**
 * The longest the index computes before letting the event loop run (ms).
 * Short, because two of its loops may share one turn of the loop (a build,
 * and a query answered by a scan meanwhile): at 10 ms, a turn held the loop
 * for up to 55 ms on a busy machine; at 5, 36.
 */
const SLICE_MS = 5;
/** Text sent to the worker per message (characters): big enough to keep it busy, small enough to copy quickly. */
const BATCH_CHARS = 1 << 20;
/** Build again in the background past this many added postings, or this share of dead documents. */
const REBUILD_POSTINGS = 300_000;
const REBUILD_DEAD_SHARE = 0.25;
/** Catching up more journal entries than this is slower than building again. */
const MAX_CATCH_UP = 50_000;
/** Query words counted (a document's count of matched words is kept in a byte). */
const MAX_WORDS = 32;

/** Reads a paper's newest text (from its blob). */
export type PaperText = (paperId: string) => Promise<string>;

/** Where and how the index is kept between runs. Without it, it is built at every start. */
export interface SearchIndexOptions {
  /** The folder of the index file (`search-index/` in the data folder). */
  readonly dir: string;
  /** The data folder, whose journal is read to catch up an index written earlier. */
  readonly dataDir: string;
  /** The journal position of the state `state()` returns (the store's head). */
  readonly head: () => JournalHead;
  /** Quiet time after changes before the index is written (default 10 s). */
  readonly saveQuietMs?: number;
  /** Postings added per change before it is built again in the background (default 300,000; tests lower it). */
  readonly rebuildAfterPostings?: number;
  readonly logError?: (where: string, error: unknown) => void;
}

/** Where the index came from when it became ready (tests, diagnostics). */
export type IndexOrigin = 'built' | 'loaded';

/** One searchable document of a record: what it is found and shown by. */
interface Doc {
  readonly reference: string;
  readonly title: string;
  /** Text besides reference and title (a paper's author; its text is read separately). */
  readonly text: string;
}

/** The document of a record, or null when it is not searched (archived, gone). */
function docOf(state: State, collection: Indexed, id: string): Doc | null {
  switch (collection) {
    case 'decisions': {
      const d = state.decisions.get(id);
      return d && !d.archivedAt
        ? { reference: d.reference, title: d.title, text: `${d.wording}\n${d.summary}\n${d.reasons}` }
        : null;
    }
    case 'conditions': {
      const c = state.conditions.get(id);
      const ref = c ? (state.decisions.get(c.decisionId)?.reference ?? '') : '';
      return c && !c.archivedAt
        ? { reference: ref, title: c.wording, text: `${c.owner.name}\n${c.evidenceRequired}` }
        : null;
    }
    case 'contracts': {
      const c = state.contracts.get(id);
      return c && !c.archivedAt
        ? {
            reference: c.reference,
            title: c.title,
            text: [...c.suppliers, c.buyer, c.notes, c.directAwardRationale].join('\n'),
          }
        : null;
    }
    case 'papers': {
      const p = state.papers.get(id);
      return p && !p.archivedAt ? { reference: p.reference, title: p.title, text: p.author } : null;
    }
    case 'meetings': {
      const m = state.meetings.get(id);
      if (!m || m.archivedAt) return null;
      // The minutes' text is found through their meeting (Ctrl+K on a word of the discussion).
      const minutes = state.minutes.get(minutesIdOf(m.id));
      const minutesText = minutes ? [minutes.opening, ...Object.values(minutes.discussion)].join('\n') : '';
      return {
        reference: m.date,
        title: m.title,
        text: `${m.agenda.map((i) => `${i.number} ${i.title}`).join('\n')}\n${minutesText}`,
      };
    }
    case 'members': {
      const m = state.members.get(id);
      return m && !m.archivedAt
        ? { reference: '', title: m.name, text: [m.jobTitle, ...m.interests].join('\n') }
        : null;
    }
    case 'paperNotes': {
      // Found by its text and the passage it quotes; shown under its paper's reference and title.
      const n = state.paperNotes.get(id);
      const p = n ? state.papers.get(n.paperId) : undefined;
      if (!n || !p || p.archivedAt) return null;
      const text = [n.text, n.anchor ? `“${n.anchor.exact}”` : ''].filter((t) => t.trim() !== '').join('\n');
      return text === '' ? null : { reference: p.reference, title: p.title, text };
    }
  }
}

/** What a record is indexed by: its reference, title and text (and a paper's text). */
function indexedText(doc: Doc, paper: string): string {
  return paper ? `${doc.reference} ${doc.title} ${doc.text}\n${paper}` : `${doc.reference} ${doc.title} ${doc.text}`;
}

/** Reference and title folded once, for ranking. */
function headOf(doc: Doc): string {
  return fold(`${doc.reference} ${doc.title}`);
}

/** Yields to the event loop once SLICE_MS of work has gone by. */
class Slicer {
  private start = performance.now();
  async breathe(): Promise<void> {
    if (performance.now() - this.start >= SLICE_MS) {
      await nextTurn();
      this.start = performance.now();
    }
  }
}

/** Runs a stepwise computation to its end in slices. */
async function inSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  const slicer = new Slicer();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.breathe();
  }
}

/**
 * Bits per document of its heading's character pairs (a small Bloom filter):
 * a heading that holds a word holds every pair of adjacent characters of it,
 * so a clear bit rules the word out without reading the heading. A common
 * word has thousands of hits whose headings are scored; most lack it.
 */
const HEAD_BITS_WORDS = 4;

/** The bit (0-127) of the character pair (a, b). */
function pairBit(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 25;
}

/** Sets in `bits` (from `at`, HEAD_BITS_WORDS words) the bit of each adjacent character pair of `text`. */
function setPairBits(bits: Uint32Array, at: number, text: string): void {
  for (let i = 1; i < text.length; i++) {
    const bit = pairBit(text.charCodeAt(i - 1), text.charCodeAt(i));
    bits[at + (bit >>> 5)]! |= 1 << (bit & 31);
  }
}

/**
 * The first four UTF-16 code units of a title as two numbers (two each):
 * when they differ, they order two titles as `<` does; when they are equal,
 * only the titles themselves can tell.
 */
function setTitleKey(keys: Uint32Array, slot: number, title: string): void {
  const unit = (i: number): number => (i < title.length ? title.charCodeAt(i) : 0);
  keys[slot * 2] = ((unit(0) << 16) | unit(1)) >>> 0;
  keys[slot * 2 + 1] = ((unit(2) << 16) | unit(3)) >>> 0;
}

/** The documents, by slot (append-only: a slot's strings never change, only its alive flag). */
class Docs {
  count = 0;
  kinds = new Uint8Array(1024);
  alive = new Uint8Array(1024);
  /** Per slot, HEAD_BITS_WORDS words of its heading's pair bits (see setPairBits). */
  headBits = new Uint32Array(1024 * HEAD_BITS_WORDS);
  /** Per slot, two words of its title's first code units (see setTitleKey). */
  titleKeys = new Uint32Array(1024 * 2);
  readonly ids: string[] = [];
  readonly references: string[] = [];
  readonly titles: string[] = [];
  readonly heads: string[] = [];
  /** Per collection (by its index in INDEXED), record id -> the record's current slot. */
  private readonly slotOf = INDEXED.map(() => new Map<string, number>());
  private aliveCount = 0;

  /** The documents of a kept index, stepwise (tens of thousands of them: a pause every few thousand). */
  static *from(columns: DocColumns): Generator<void, Docs, void> {
    const docs = new Docs();
    docs.count = columns.count;
    docs.grow(Math.max(1024, columns.count * 2));
    docs.kinds.set(columns.kinds.subarray(0, columns.count));
    docs.alive.set(columns.alive.subarray(0, columns.count));
    for (let slot = 0; slot < columns.count; slot++) {
      docs.ids.push(columns.ids[slot] ?? '');
      docs.references.push(columns.references[slot] ?? '');
      docs.titles.push(columns.titles[slot] ?? '');
      docs.heads.push(columns.heads[slot] ?? '');
      docs.derive(slot);
      if (docs.alive[slot]) {
        docs.slotOf[docs.kinds[slot] ?? 0]?.set(docs.ids[slot] ?? '', slot);
        docs.aliveCount++;
      }
      if (slot % 4096 === 4095) yield;
    }
    return docs;
  }

  /** The columns made from a slot's strings. */
  private derive(slot: number): void {
    setPairBits(this.headBits, slot * HEAD_BITS_WORDS, this.heads[slot] ?? '');
    setTitleKey(this.titleKeys, slot, this.titles[slot] ?? '');
  }

  /** Room for `capacity` slots in the typed columns. */
  private grow(capacity: number): void {
    const widen = <A extends Uint8Array | Uint32Array>(from: A, to: A): A => {
      to.set(from.subarray(0, Math.min(from.length, to.length)));
      return to;
    };
    this.kinds = widen(this.kinds, new Uint8Array(capacity));
    this.alive = widen(this.alive, new Uint8Array(capacity));
    this.headBits = widen(this.headBits, new Uint32Array(capacity * HEAD_BITS_WORDS));
    this.titleKeys = widen(this.titleKeys, new Uint32Array(capacity * 2));
  }

  add(collection: Indexed, id: string, doc: Doc): number {
    const slot = this.count++;
    if (slot >= this.kinds.length) this.grow(this.kinds.length * 2);
    const kind = INDEXED.indexOf(collection);
    this.kinds[slot] = kind;
    this.alive[slot] = 1;
    this.ids.push(id);
    this.references.push(doc.reference);
    this.titles.push(doc.title);
    this.heads.push(headOf(doc));
    this.derive(slot);
    const slots = this.slotOf[kind]!;
    if (!slots.has(id)) this.aliveCount++;
    slots.set(id, slot);
    return slot;
  }

  /** Marks the record's current document dead (it changed, or is gone); `key` is `collection:id`. */
  remove(key: string): void {
    const colon = key.indexOf(':');
    const slots = this.slotOf[INDEXED.indexOf(key.slice(0, colon) as Indexed)];
    const id = key.slice(colon + 1);
    const slot = slots?.get(id);
    if (slot === undefined) return;
    this.alive[slot] = 0;
    slots!.delete(id);
    this.aliveCount--;
  }

  /** The columns as they are now: the flags copied (they change), the strings shared (they do not). */
  snapshot(): DocColumns {
    return {
      count: this.count,
      kinds: this.kinds.slice(0, this.count),
      alive: this.alive.slice(0, this.count),
      ids: this.ids,
      references: this.references,
      titles: this.titles,
      heads: this.heads,
    };
  }

  dead(): number {
    return this.count - this.aliveCount;
  }

  /** Whether slot `a`'s title comes before slot `b`'s (as `<` on the titles). */
  titleBefore(a: number, b: number): boolean {
    const keys = this.titleKeys;
    const a0 = keys[a * 2]!;
    const b0 = keys[b * 2]!;
    if (a0 !== b0) return a0 < b0;
    const a1 = keys[a * 2 + 1]!;
    const b1 = keys[b * 2 + 1]!;
    if (a1 !== b1) return a1 < b1;
    return (this.titles[a] ?? '') < (this.titles[b] ?? '');
  }
}

/** The first index in sorted `terms` not below `prefix`. */
function lowerBound(terms: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((terms[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A found document, before it is shown. */
interface Found {
  readonly collection: Indexed;
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly head: string;
  /** Its text when already at hand (a scan); else read for the few shown. */
  readonly text: string | null;
}

/** The search index of one store. */
export class SearchIndex {
  /** The postings built in bulk, packed (packedPostings.ts); a query decodes the lists it needs into `scratch`. */
  private base: PackedPostings = NO_PACKED_POSTINGS;
  private scratch = new Uint32Array(1024);
  private baseTerms: Buffer = encodeTerms([]);
  private docs = new Docs();
  private live = new Map<string, number[]>();
  private liveCount = 0;
  private liveSorted: string[] | null = null;
  private ready = false;
  private origin: IndexOrigin | null = null;
  private opening: Promise<void> | null = null;
  /** Records (`collection:id`) changed and not yet indexed again. */
  private readonly dirty = new Set<string>();
  private draining = false;
  private work: Promise<void> = Promise.resolve();
  /** The journal position the index reflects, when known; and the one last written to disk. */
  private position: JournalHead | null = null;
  private saved: JournalHead | null = null;
  private changesSinceSave = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private saveAgain = false;
  private readonly running = new Set<PostingsBuild>();
  private buildCount = 0;
  /** While a background build runs: the records indexed meanwhile, to index again into its result. */
  private rebuilding: Set<string> | null = null;
  private closed = false;

  constructor(
    private readonly state: () => State,
    private readonly paperText: PaperText,
    private readonly options?: SearchIndexOptions,
  ) {}

  /** The journal position the index reflects, when known (Verify checks it is on the chain). */
  get journalPosition(): JournalHead | null {
    return this.position;
  }

  /** Whether the index is complete (else queries scan). */
  get isReady(): boolean {
    return this.ready;
  }

  /** How many times the postings were built (in full) since it was made: diagnostics and tests. */
  get builds(): number {
    return this.buildCount;
  }

  /** Whether it was read from disk or built, once ready; null before. */
  get readyFrom(): IndexOrigin | null {
    return this.origin;
  }

  /** Reads the kept index or builds it, in the background (once); resolves when ready. */
  build(): Promise<void> {
    this.opening ??= this.open().catch((error: unknown) => {
      // Closed while building (the worker stopped): nothing went wrong.
      if (!this.closed && !(error instanceof BuildCancelled)) throw error;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    const loaded = await this.load();
    if (!loaded) await this.buildAll();
    if (this.closed) return;
    this.ready = true;
    this.origin = loaded ? 'loaded' : 'built';
    // What changed after the kept index (or during the build) is indexed before any query is answered.
    const run = this.work.then(() => this.drain());
    this.work = run.catch((error: unknown) => this.log('search:update', error));
    await run;
    if (!loaded) this.saveSoon(0);
  }

  private log(where: string, error: unknown): void {
    this.options?.logError?.(where, error);
  }

  /** Reads the kept index and marks what changed after it; false when there is none that can be used. */
  private async load(): Promise<boolean> {
    const options = this.options;
    if (!options) return false;
    const path = join(options.dir, INDEX_FILE);
    let file: Buffer;
    try {
      // Leftovers of a write cut short (a crash between temp file and rename).
      await sweepTempFiles(options.dir);
      file = await readFile(path);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') this.log('search:read', error);
      return false;
    }
    try {
      const head = options.head();
      const at = positionOf(file);
      // Ahead of the data (restored from a backup) or far behind: building again is the way.
      if (at.seq > head.seq || head.seq - at.seq > MAX_CATCH_UP) return false;
      const contents = await inSlices(decodeIndex(file));
      const changed = await changedSince(options.dataDir, contents.position, head);
      if (changed === null || this.closed) return false;
      const docs = await inSlices(Docs.from(contents.docs));
      if (this.closed) return false;
      const packed = await inSlices(packPostings(contents.base));
      if (this.closed) return false;
      this.install(contents, packed, docs, encodeTerms(contents.base.terms));
      for (const c of changed) {
        const key = indexKeyOf(c.target, c.id);
        if (key !== null) this.dirty.add(key);
      }
      this.saved = contents.position;
      return true;
    } catch (error) {
      // A damaged or unreadable index is simply built again; the data itself is untouched.
      this.log(error instanceof IndexFileError ? 'search:index-file' : 'search:read', error);
      return false;
    }
  }

  private install(contents: IndexContents, packed: PackedPostings, docs: Docs, termsBytes: Buffer): void {
    this.base = packed;
    this.baseTerms = termsBytes;
    this.docs = docs;
    this.live = new Map();
    this.liveCount = 0;
    for (const [term, slots] of contents.live) {
      this.live.set(term, [...slots]);
      this.liveCount += slots.length;
    }
    this.liveSorted = null;
    this.position = contents.position;
  }

  /**
   * Builds the index of the state as it is now, the postings in a worker.
   * Changes made meanwhile are marked dirty as usual (or, while an index is
   * in use, collected in `rebuilding`) and indexed again after it.
   */
  private async buildAll(): Promise<void> {
    const state = this.state();
    const head = this.options?.head() ?? null;
    if (!this.ready) this.dirty.clear(); // the state read now holds those changes
    const docs = new Docs();
    const build = new PostingsBuild();
    this.running.add(build);
    try {
      const slicer = new Slicer();
      let batch: string[] = [];
      let chars = 0;
      let first = 0;
      const flush = async (): Promise<void> => {
        if (batch.length > 0) await build.add(first, batch);
        first = docs.count;
        batch = [];
        chars = 0;
      };
      const add = async (collection: Indexed, id: string, doc: Doc, paper: string): Promise<void> => {
        docs.add(collection, id, doc);
        const text = indexedText(doc, paper);
        batch.push(text);
        chars += text.length;
        if (chars >= BATCH_CHARS) await flush();
        await slicer.breathe();
      };
      for (const collection of INDEXED) {
        const ids = state[collection].values().map((record) => record.id);
        if (collection !== 'papers') {
          for (const id of ids) {
            const doc = docOf(state, collection, id);
            if (doc) await add(collection, id, doc, '');
            if (this.closed) return;
          }
          continue;
        }
        // Paper texts come from blobs: read several at once, index them in order.
        for (let i = 0; i < ids.length; i += READ_AHEAD) {
          const group = ids.slice(i, i + READ_AHEAD);
          const texts = await Promise.all(group.map((id) => this.paperText(id).catch(() => '')));
          for (const [j, id] of group.entries()) {
            const doc = docOf(state, collection, id);
            if (doc) await add(collection, id, doc, texts[j] ?? '');
          }
          if (this.closed) return;
        }
      }
      await flush();
      const postings = await build.finish();
      if (this.closed) return;
      const termsBytes = encodeTerms(postings.terms);
      const packed = await inSlices(packPostings(postings));
      if (this.closed) return;
      await nextTurn();
      this.base = packed;
      this.baseTerms = termsBytes;
      this.docs = docs;
      this.live = new Map();
      this.liveCount = 0;
      this.liveSorted = null;
      this.position = head;
      this.buildCount++;
      if (this.rebuilding !== null) {
        // Built in the background: what was indexed meanwhile went into the old index; index it again, now.
        for (const key of this.rebuilding) this.dirty.add(key);
        this.rebuilding.clear();
        this.changesSinceSave++;
        const run = this.work.then(() => this.drain());
        this.work = run.catch((error: unknown) => this.log('search:update', error));
      }
    } finally {
      this.running.delete(build);
      build.cancel();
    }
  }

  /** Re-indexes records after a change (called for every journaled change). */
  update(changes: ReadonlyArray<{ target: string; id: string }>): Promise<void> {
    if (this.closed) return Promise.resolve();
    let indexed = false;
    for (const c of changes) {
      const key = indexKeyOf(c.target, c.id);
      if (key === null) continue;
      this.dirty.add(key);
      indexed = true;
    }
    if (!this.ready) return Promise.resolve();
    if (!indexed) {
      // Nothing searched changed (a read mark, the reminder ledger): the index is as current as the data.
      if (!this.draining && this.dirty.size === 0) this.caughtUp();
      return Promise.resolve();
    }
    const run = this.work.then(() => this.drain());
    this.work = run.catch((error: unknown) => this.log('search:update', error));
    return run;
  }

  /**
   * With nothing left to index, the index reflects the journal's head. (Not
   * written for that alone: a later open reads the few entries since, and
   * close writes it anyway.)
   */
  private caughtUp(): void {
    const head = this.options?.head();
    if (head !== undefined) this.position = head;
  }

  /** Indexes the dirty records again, in slices, until none is left. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      const slicer = new Slicer();
      const before = this.changesSinceSave;
      while (this.dirty.size > 0 && !this.closed) {
        const keys = [...this.dirty];
        this.dirty.clear();
        const state = this.state();
        // A condition shows its decision's reference: the conditions of a changed decision too.
        const decisions = new Set(keys.filter((k) => k.startsWith('decisions:')).map((k) => k.slice(10)));
        if (decisions.size > 0) {
          for (const c of state.conditions) if (decisions.has(c.decisionId)) keys.push(`conditions:${c.id}`);
        }
        // A note shows its paper's reference and title (and goes with an archived paper): its paper's notes too.
        const papers = new Set(keys.filter((k) => k.startsWith('papers:')).map((k) => k.slice(7)));
        if (papers.size > 0) {
          for (const n of state.paperNotes) if (papers.has(n.paperId)) keys.push(`paperNotes:${n.id}`);
        }
        for (const key of keys) {
          await this.reindex(state, key);
          this.rebuilding?.add(key);
          this.changesSinceSave++;
          await slicer.breathe();
        }
      }
      if (this.changesSinceSave > before) this.saveSoon();
    } finally {
      this.draining = false;
    }
    if (this.closed) return;
    this.caughtUp();
    const most = this.options?.rebuildAfterPostings ?? REBUILD_POSTINGS;
    if (this.liveCount > most || this.docs.dead() > this.docs.count * REBUILD_DEAD_SHARE) {
      void this.rebuild();
    }
  }

  /** Indexes one record again (`collection:id`), from `state`. */
  private async reindex(state: State, key: string): Promise<void> {
    const colon = key.indexOf(':');
    const collection = key.slice(0, colon);
    const id = key.slice(colon + 1);
    if (!isIndexed(collection)) return;
    const doc = docOf(state, collection, id);
    const paper = doc && collection === 'papers' ? await this.paperText(id).catch(() => '') : '';
    // The old document goes and the new one comes in one step: a query never sees neither.
    this.docs.remove(key);
    if (!doc) return;
    const slot = this.docs.add(collection, id, doc);
    for (const term of new Set(termsOf(indexedText(doc, paper)))) {
      const list = this.live.get(term);
      if (list === undefined) {
        this.live.set(term, [slot]);
        this.liveSorted = null;
      } else {
        list.push(slot);
      }
      this.liveCount++;
    }
  }

  /** Builds the index again in the background (many changes since the last build); the current one serves meanwhile. */
  private async rebuild(): Promise<void> {
    if (this.rebuilding !== null || this.closed) return;
    this.rebuilding = new Set<string>();
    try {
      await this.buildAll();
      await this.work;
    } catch (error) {
      // Cut short by close: nothing went wrong.
      if (!this.closed && !(error instanceof BuildCancelled)) this.log('search:rebuild', error);
    } finally {
      this.rebuilding = null;
    }
    this.saveSoon(0);
  }

  /** Writes the index after `quietMs` without further changes (at once past many changes). */
  private saveSoon(quietMs = this.options?.saveQuietMs ?? 10_000): void {
    if (!this.options || this.closed) return;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    const delay = this.changesSinceSave >= 500 ? 0 : quietMs;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, delay);
    this.saveTimer.unref();
  }

  /** Writes the index file (atomically, in slices); one write at a time, another after it if asked meanwhile. */
  save(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    const run = async (): Promise<void> => {
      do {
        this.saveAgain = false;
        await this.writeOnce();
      } while (this.saveAgain && !this.closed);
    };
    this.saving = run()
      .catch((error: unknown) => this.log('search:save', error))
      .finally(() => {
        this.saving = null;
      });
    return this.saving;
  }

  private async writeOnce(): Promise<void> {
    const options = this.options;
    const position = this.position;
    if (!options || !this.ready || position === null) return;
    if (this.saved?.seq === position.seq && this.saved.hash === position.hash && this.changesSinceSave === 0) return;
    // A consistent picture, taken at once: the base postings never change and the documents only grow.
    this.changesSinceSave = 0;
    const base = this.base;
    const docs = this.docs.snapshot();
    const live = [...this.live].map(([term, slots]) => [term, slots.slice()] as const);
    const termsBytes = this.baseTerms;
    // The plain postings (20 MB at ten-year scale) only while the file is written: in the lent buffer.
    const lent = takeBuffer(postingCount(base) * 4);
    try {
      const into = new Uint32Array(lent.buffer, lent.byteOffset, Math.floor(lent.length / 4));
      const snapshot = { position, base: await inSlices(unpackPostings(base, into)), docs, live };
      const { chunks } = await inSlices(encodeIndex(snapshot, termsBytes));
      await mkdir(options.dir, { recursive: true });
      await writeFileAtomic(join(options.dir, INDEX_FILE), chunks);
    } finally {
      giveBack(lent);
    }
    this.saved = position;
  }

  /** Stops building, finishes indexing what changed, and writes the index (unless `discard`). */
  async close(discard = false): Promise<void> {
    if (this.closed) return;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!discard && this.ready) await this.work;
    this.closed = true;
    for (const build of this.running) build.cancel();
    await this.saving;
    if (discard || !this.ready) return;
    this.caughtUpAtClose();
    await this.writeOnce().catch((error: unknown) => this.log('search:save', error));
  }

  private caughtUpAtClose(): void {
    if (this.dirty.size === 0 && !this.draining) this.caughtUp();
  }

  private termsWithPrefix(terms: readonly string[], prefix: string): [number, number] {
    const lo = lowerBound(terms, prefix);
    let hi = lo;
    while (hi < terms.length && (terms[hi] ?? '').startsWith(prefix)) hi++;
    return [lo, hi];
  }

  /** The live documents holding every word (the last as a prefix), by slot. */
  private match(words: readonly string[]): number[] {
    const marks = new Uint8Array(this.docs.count);
    const hits: number[] = [];
    const base = this.base;
    const { terms, counts } = base;
    // Term t's documents, decoded into the scratch array (visited before the next is decoded).
    const listAt = (t: number): Uint32Array => {
      const n = counts[t + 1]! - counts[t]!;
      if (n > this.scratch.length) this.scratch = new Uint32Array(Math.max(n, this.scratch.length * 2));
      return this.scratch.subarray(0, listOf(base, t, this.scratch));
    };
    const last = words.length - 1;
    words.forEach((word, i) => {
      const visit = (slots: ArrayLike<number>): void => {
        for (let j = 0; j < slots.length; j++) {
          const slot = slots[j] ?? 0;
          if (marks[slot] !== i) continue;
          marks[slot] = i + 1;
          if (i === last && this.docs.alive[slot]) hits.push(slot);
        }
      };
      if (i < last) {
        const at = lowerBound(terms, word);
        if (terms[at] === word) visit(listAt(at));
        const added = this.live.get(word);
        if (added) visit(added);
        return;
      }
      const [lo, hi] = this.termsWithPrefix(terms, word);
      for (let t = lo; t < hi; t++) visit(listAt(t));
      this.liveSorted ??= [...this.live.keys()].sort();
      const [from, to] = this.termsWithPrefix(this.liveSorted, word);
      for (let t = from; t < to; t++) visit(this.live.get(this.liveSorted[t] ?? '') ?? []);
    });
    return hits;
  }

  /** Answers a query, from the index when ready, else by scanning the records. */
  async query(q: string, perGroup: number): Promise<SearchResults> {
    // Read your own writes: answer after the changes already made are indexed.
    if (this.ready) await this.work;
    const words = [...new Set(termsOf(q))].slice(0, MAX_WORDS);
    const source = this.ready ? 'index' : 'scan';
    if (words.length === 0) return { query: q, groups: [], total: 0, source };
    if (this.ready) return this.fromIndex(q, words, perGroup);
    const found: Found[] = [];
    await this.scan(words, found);
    return this.group(q, found, words, perGroup, 'scan');
  }

  /**
   * Answers from the index: the hits are ranked by slot (a common word has
   * thousands), and only the few shown become results, with their snippets.
   */
  private async fromIndex(q: string, words: readonly string[], perGroup: number): Promise<SearchResults> {
    const docs = this.docs;
    const hits = this.match(words);
    // Per kind, the best `perGroup` slots: more query words in the reference or title first, then by title.
    const best = KIND_ORDER.map(() => [] as number[]);
    const scores = new Uint8Array(docs.count);
    // Each word's heading pair bits: a heading missing one of them cannot hold the word (most hits of a common word).
    const wordBits = new Uint32Array(words.length * HEAD_BITS_WORDS);
    words.forEach((w, i) => setPairBits(wordBits, i * HEAD_BITS_WORDS, w));
    const { heads, headBits, kinds } = docs;
    for (const slot of hits) {
      let score = 0;
      const at = slot * HEAD_BITS_WORDS;
      for (let i = 0; i < words.length; i++) {
        let maybe = true;
        for (let j = 0; j < HEAD_BITS_WORDS && maybe; j++) {
          // No bit of the word's missing from the heading's (as int32s: bit 31 makes a Uint32 negative).
          maybe = (wordBits[i * HEAD_BITS_WORDS + j]! & ~headBits[at + j]!) === 0;
        }
        if (maybe && (heads[slot] ?? '').includes(words[i]!)) score++;
      }
      scores[slot] = score;
    }
    const better = (a: number, b: number): boolean =>
      scores[a] !== scores[b] ? (scores[a] ?? 0) > (scores[b] ?? 0) : docs.titleBefore(a, b);
    for (const slot of hits) insertTop(best[GROUP_OF_KIND[kinds[slot] ?? 0] ?? 0]!, slot, perGroup, better);
    const groups = await Promise.all(
      KIND_ORDER.map(async (kind, k) => ({
        kind,
        hits: await Promise.all(
          (best[k] ?? []).map((slot) =>
            this.hitOf(
              kind,
              {
                collection: INDEXED[docs.kinds[slot] ?? 0] ?? 'decisions',
                id: docs.ids[slot] ?? '',
                reference: docs.references[slot] ?? '',
                title: docs.titles[slot] ?? '',
                head: docs.heads[slot] ?? '',
                text: null,
              },
              words,
            ),
          ),
        ),
      })),
    );
    return { query: q, groups: groups.filter((g) => g.hits.length > 0), total: hits.length, source: 'index' };
  }

  /** Finds by reading every record (paper text aside): while the index is not ready. In slices. */
  private async scan(words: readonly string[], out: Found[]): Promise<void> {
    const state = this.state();
    const slicer = new Slicer();
    const last = words.length - 1;
    for (const collection of INDEXED) {
      for (const record of state[collection]) {
        await slicer.breathe();
        const doc = docOf(state, collection, record.id);
        if (!doc) continue;
        const all = indexedText(doc, '');
        // A substring test first (every term is a substring of the folded text), then the words proper.
        const folded = /[^\t\n\r\u0020-\u007e]/.test(all) ? fold(all) : all.toLowerCase();
        let maybe = true;
        for (const w of words) if (!folded.includes(w)) maybe = false;
        if (!maybe) continue;
        const terms = termsOf(all);
        let matches = true;
        for (let i = 0; i <= last && matches; i++) {
          const w = words[i] ?? '';
          matches = i === last ? terms.some((t) => t.startsWith(w)) : terms.includes(w);
        }
        if (matches)
          out.push({
            collection,
            id: record.id,
            reference: doc.reference,
            title: doc.title,
            head: headOf(doc),
            text: doc.text,
          });
      }
    }
  }

  /**
   * True when a hit is confidential: a confidential decision, a confidential
   * paper, or a note on one (it may quote it; a note is also marked private).
   */
  private confidentialOf(found: Found): boolean {
    const state = this.state();
    if (found.collection === 'decisions') return decisionIdIsConfidential(state, found.id);
    if (found.collection === 'papers') return state.papers.get(found.id)?.classification === 'confidential';
    if (found.collection === 'paperNotes') {
      const paperId = state.paperNotes.get(found.id)?.paperId ?? '';
      return state.papers.get(paperId)?.classification === 'confidential';
    }
    return false;
  }

  /** A note's hit: marked private, with the paper it opens. */
  private noteOf(found: Found): { private?: true; paperId?: string } {
    if (found.collection !== 'paperNotes') return {};
    const paperId = this.state().paperNotes.get(found.id)?.paperId;
    return paperId === undefined ? { private: true } : { private: true, paperId };
  }

  /**
   * One shown hit: its snippet, whether it is confidential, the page to open
   * a PDF paper (or a note's passage) at, and a note's paper. A paper's text
   * is read once for both its snippet and its page (a file read and a hash
   * each: the bulk of a query's cost, as only the few shown are read).
   */
  private async hitOf(kind: SearchHit['kind'], found: Found, words: readonly string[]): Promise<SearchHit> {
    const record = found.text ?? docOf(this.state(), found.collection, found.id)?.text ?? '';
    const paper = found.collection === 'papers' ? await this.paperText(found.id).catch(() => '') : '';
    const text = paper ? `${record}\n${paper}` : record;
    const page = found.collection === 'papers' ? pageOfFirstTerm(paper, words) : await this.pageOfNote(found);
    return {
      kind,
      id: found.id,
      title: found.title,
      reference: found.reference,
      snippet: snippetOf(text || found.title, words),
      confidential: this.confidentialOf(found),
      ...(page === null ? {} : { page }),
      ...this.noteOf(found),
    };
  }

  /** For a note on a passage of a PDF: the page the passage is on now; else null. */
  private async pageOfNote(found: Found): Promise<number | null> {
    if (found.collection !== 'paperNotes') return null;
    const state = this.state();
    const note = state.paperNotes.get(found.id);
    const paper = note ? state.papers.get(note.paperId) : undefined;
    if (!note?.anchor || paper?.versions.at(-1)?.source?.kind !== 'pdf') return null;
    return pageOfAnchor(note.anchor, await this.paperText(paper.id).catch(() => ''));
  }

  private async group(
    q: string,
    found: readonly Found[],
    words: readonly string[],
    perGroup: number,
    source: SearchResults['source'],
  ): Promise<SearchResults> {
    // Rank by how many query words are in the reference or title, then by title; each scored once.
    const scored = found.map((f) => {
      let score = 0;
      for (const w of words) if (f.head.includes(w)) score++;
      return { f, score };
    });
    const better = (a: (typeof scored)[number], b: (typeof scored)[number]): boolean =>
      a.score !== b.score ? a.score > b.score : a.f.title < b.f.title;
    const byKind = new Map<SearchHit['kind'], Array<(typeof scored)[number]>>();
    for (const s of scored) {
      const kind = KIND[s.f.collection];
      const list = byKind.get(kind);
      if (list) list.push(s);
      else byKind.set(kind, [s]);
    }
    const groups = await Promise.all(
      KIND_ORDER.filter((kind) => byKind.has(kind)).map(async (kind) => ({
        kind,
        hits: await Promise.all(
          topK(byKind.get(kind) ?? [], perGroup, better).map(({ f }) => this.hitOf(kind, f, words)),
        ),
      })),
    );
    return { query: q, groups, total: found.length, source };
  }
}

/** Puts `item` into `top` (the best `k` so far, in order) if it belongs there. */
function insertTop<T>(top: T[], item: T, k: number, better: (a: T, b: T) => boolean): void {
  if (k <= 0 || (top.length === k && !better(item, top[k - 1]!))) return;
  let at = top.length === k ? k - 1 : top.length;
  top[at] = item;
  while (at > 0 && better(top[at]!, top[at - 1]!)) {
    [top[at - 1], top[at]] = [top[at]!, top[at - 1]!];
    at--;
  }
}

/** The best `k` of `items` by `better`, in order, without sorting them all. */
function topK<T>(items: readonly T[], k: number, better: (a: T, b: T) => boolean): T[] {
  const top: T[] = [];
  for (const item of items) insertTop(top, item, k, better);
  return top;
}

/**
 * The search index of an open store, kept in its data folder's
 * `search-index/` and read from its journal: as the backend wires it.
 */
export function storeSearchIndex(
  store: Store,
  logError?: (where: string, error: unknown) => void,
  options: Partial<Pick<SearchIndexOptions, 'saveQuietMs' | 'rebuildAfterPostings'>> = {},
): SearchIndex {
  return new SearchIndex(
    () => store.state(),
    async (paperId) => {
      const paper = store.state().papers.get(paperId);
      const body = paper?.versions.at(-1)?.body;
      return body ? (await store.blobs.get(body)).toString('utf8') : '';
    },
    {
      dir: join(store.dataDir, INDEX_DIR),
      dataDir: store.dataDir,
      head: () => store.head(),
      ...(logError ? { logError } : {}),
      ...options,
    },
  );
}
