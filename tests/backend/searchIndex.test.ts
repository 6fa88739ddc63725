// The search index kept in the data folder, on real temp folders: reused after a restart, brought up to
// date from the journal when the data moved on without it, built again when its file is damaged or
// belongs to other data; its postings built in a worker thread exactly as in this thread.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call } from '../../electron/backend/dispatch.ts';
import { openBackend } from '../../electron/backend/backend.ts';
import {
  decodeIndex,
  encodeIndex,
  encodeTerms,
  INDEX_DIR,
  INDEX_FILE,
  IndexFileError,
  positionOf,
  type IndexContents,
} from '../../electron/backend/search/indexFile.ts';
import {
  BuildCancelled,
  PostingsBuild,
  postingsWorker,
  type FromWorker,
  type PostingsPort,
  type ToWorker,
} from '../../electron/backend/search/postingsBuild.ts';
import { SearchIndex, storeSearchIndex } from '../../electron/backend/search/searchIndex.ts';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import type { Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import { buildSampleBoard } from '../../shared/sample/sampleBoard.ts';
import type { RecordChange } from '../../shared/schema/state.ts';
import { termsOf } from '../../shared/text/searchText.ts';
import type { SearchResults } from '../../shared/contract/views.ts';
import { tempDir } from '../helpers/tempDir.ts';

const NOW = '2026-11-27T09:00:00.000Z';
// Small journal segments, so catching up reads across several.
const STORE_OPTIONS = { clock: () => new Date(NOW), backupOnFirstChange: false, segmentBytes: 2048 };

/** A store on a new folder holding the sample board (records only: papers' text is added by a paper). */
async function sampleStore(): Promise<Store> {
  const dataDir = await tempDir();
  const store = await openStore({ dataDir, ...STORE_OPTIONS });
  let n = 0;
  const sample = buildSampleBoard('2026-11-27', NOW, (p) => `${p}${(++n).toString(16).padStart(16, '0')}`, 'Test');
  const changes: RecordChange[] = [
    ...sample.members.map((r) => ({ target: 'members' as const, id: r.id, after: r })),
    ...sample.meetings.map((r) => ({ target: 'meetings' as const, id: r.id, after: r })),
    ...sample.contracts.map((r) => ({ target: 'contracts' as const, id: r.id, after: r })),
    ...sample.decisions.map((r) => ({ target: 'decisions' as const, id: r.id, after: r })),
    ...sample.conditions.map((r) => ({ target: 'conditions' as const, id: r.id, after: r })),
  ];
  await store.mutate('Test', 'Sample', () => ({ changes, value: null }));
  return store;
}

/** The index as the backend wires it, with its logged errors. */
function indexOf(store: Store, rebuildAfterPostings?: number): { index: SearchIndex; errors: string[] } {
  const errors: string[] = [];
  const index = storeSearchIndex(
    store,
    (where) => errors.push(where),
    rebuildAfterPostings ? { rebuildAfterPostings } : {},
  );
  return { index, errors };
}

/** What a person sees of a search: per group, the hits' references and titles. */
function seen(results: SearchResults): unknown {
  return {
    total: results.total,
    groups: results.groups.map((g) => [g.kind, g.hits.map((h) => `${h.reference} ${h.title}`)]),
  };
}

const QUERIES = ['procurement', 'pilot', 'competitive procurement', 'retend', 're-tend', 'PCD 2026-094', 'quokka'];

async function answers(index: SearchIndex): Promise<unknown[]> {
  return Promise.all(QUERIES.map(async (q) => seen(await index.query(q, 5))));
}

/** Reopens the folder of `store` (closed first) as a new store. */
async function reopen(store: Store): Promise<Store> {
  await store.close();
  return openStore({ dataDir: store.dataDir, ...STORE_OPTIONS });
}

describe('the kept search index', () => {
  it('is written at close and read back after a restart, with the same answers', async () => {
    let store = await sampleStore();
    const first = indexOf(store);
    await first.index.build();
    expect(first.index.readyFrom).toBe('built');
    const before = await answers(first.index);
    await first.index.close();
    const file = await readFile(join(store.dataDir, INDEX_DIR, INDEX_FILE));
    expect(positionOf(file)).toEqual(store.head());

    store = await reopen(store);
    const second = indexOf(store);
    await second.index.build();
    expect(second.index.readyFrom).toBe('loaded');
    expect(await answers(second.index)).toEqual(before);
    expect(second.errors).toEqual([]);
    await second.index.close(true);
    await store.close();
  });

  it('indexes again what the journal changed after it was written', async () => {
    let store = await sampleStore();
    const first = indexOf(store);
    await first.index.build();
    await first.index.close();

    // Changes made while no index was looking (a crash before it was written, say).
    const state = store.state();
    const decision = state.decisions.values().find((d) => d.reference === 'PCD 2026-117')!;
    const member = state.members.values()[0]!;
    for (const [i, m] of state.members.values().slice(1, 6).entries()) {
      await store.mutate('Test', 'Interests', () => ({
        changes: [{ target: 'members', id: m.id, after: { ...m, interests: [`Numbat society ${i}`] } }],
        value: null,
      }));
    }
    await store.mutate('Test', 'Edits', () => ({
      changes: [
        {
          target: 'decisions',
          id: decision.id,
          after: { ...decision, reference: 'PCD 2026-999', title: 'Quokka fleet' },
        },
        { target: 'members', id: member.id, after: { ...member, archivedAt: NOW } },
      ],
      value: null,
    }));
    store = await reopen(store);
    const second = indexOf(store);
    await second.index.build();
    expect(second.index.readyFrom).toBe('loaded');
    expect((await second.index.query('quokka', 5)).groups[0]?.hits.map((h) => h.reference)).toEqual(['PCD 2026-999']);
    expect((await second.index.query('PCD 2026-117', 5)).total).toBe(0);
    // The decision's conditions show its new reference.
    const conditions = (await second.index.query('PCD 2026-999', 5)).groups.find((g) => g.kind === 'condition');
    expect(conditions?.hits.length).toBeGreaterThan(0);
    expect((await second.index.query(member.name, 5)).groups.find((g) => g.kind === 'member')).toBeUndefined();
    expect((await second.index.query('numbat', 5)).total).toBe(5);
    // The same answers as an index built from scratch on this data.
    const caughtUp = await answers(second.index);
    await second.index.close();
    const fresh = indexOf(store);
    await rmIndexAndBuild(fresh.index, store);
    expect(caughtUp).toEqual(await answers(fresh.index));
    await fresh.index.close(true);
    await store.close();
  });

  it('is built again when its file is damaged, and written anew', async () => {
    let store = await sampleStore();
    const first = indexOf(store);
    await first.index.build();
    const before = await answers(first.index);
    await first.index.close();
    const path = join(store.dataDir, INDEX_DIR, INDEX_FILE);
    const bytes = await readFile(path);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    await writeFile(path, bytes);

    store = await reopen(store);
    const second = indexOf(store);
    await second.index.build();
    expect(second.index.readyFrom).toBe('built');
    expect(second.errors).toContain('search:index-file');
    expect(await answers(second.index)).toEqual(before);
    await second.index.close();
    await expect(decode(await readFile(path))).resolves.toMatchObject({ position: store.head() });
    await store.close();
  });

  it('is built again when its file belongs to other data (or is only garbage)', async () => {
    const a = await sampleStore();
    const b = await sampleStore();
    // The same first change in both (same ids, same clock): their histories part at the second.
    await a.mutate('Test', 'A change of its own', () => {
      const m = a.state().members.values()[1]!;
      return { changes: [{ target: 'members', id: m.id, after: { ...m, name: 'Another person' } }], value: null };
    });
    await b.mutate('Test', 'One more change', () => {
      const m = b.state().members.values()[0]!;
      return { changes: [{ target: 'members', id: m.id, after: { ...m, name: 'Someone else' } }], value: null };
    });
    const ia = indexOf(a);
    await ia.index.build();
    await ia.index.close();
    // b's journal has a different history at a different position: a's index cannot be caught up.
    await mkdir(join(b.dataDir, INDEX_DIR), { recursive: true });
    await writeFile(join(b.dataDir, INDEX_DIR, INDEX_FILE), await readFile(join(a.dataDir, INDEX_DIR, INDEX_FILE)));
    const ib = indexOf(b);
    await ib.index.build();
    expect(ib.index.readyFrom).toBe('built');
    expect((await ib.index.query('someone', 5)).total).toBe(1);
    await ib.index.close(true);

    await writeFile(join(b.dataDir, INDEX_DIR, INDEX_FILE), 'not an index');
    const garbage = indexOf(b);
    await garbage.index.build();
    expect(garbage.index.readyFrom).toBe('built');
    expect(garbage.errors).toContain('search:index-file');
    await garbage.index.close(true);
    await a.close();
    await b.close();
  });

  it('keeps up with changes after it is ready, and is current when read back', async () => {
    const store = await sampleStore();
    const { index } = indexOf(store);
    await index.build();
    const decision = store.state().decisions.values()[0]!;
    const { seq } = await store.mutate('Test', 'Retitle', () => ({
      changes: [{ target: 'decisions', id: decision.id, after: { ...decision, title: 'Wombat protocol' } }],
      value: null,
    }));
    await index.update([{ target: 'decisions', id: decision.id }]);
    expect((await index.query('wombat', 5)).total).toBe(1);
    await index.close();
    const file = await readFile(join(store.dataDir, INDEX_DIR, INDEX_FILE));
    expect(positionOf(file).seq).toBe(seq);
    await store.close();
  });
});

describe('an index with many changes since it was built', () => {
  it('is built again in the background, losing no change made meanwhile', async () => {
    const store = await sampleStore();
    const { index, errors } = indexOf(store, 200);
    await index.build();
    expect(index.builds).toBe(1);
    const decisions = store.state().decisions.values();
    for (const [i, d] of decisions.entries()) {
      await store.mutate('Test', 'Retitle', () => ({
        changes: [{ target: 'decisions', id: d.id, after: { ...d, title: `Bilby review ${i}` } }],
        value: null,
      }));
      await index.update([{ target: 'decisions', id: d.id }]);
    }
    // Past 200 added postings, a build starts in the background; changes go on meanwhile.
    const last = store.state().decisions.values()[0]!;
    await store.mutate('Test', 'Retitle again', () => ({
      changes: [{ target: 'decisions', id: last.id, after: { ...last, title: 'Potoroo review' } }],
      value: null,
    }));
    await index.update([{ target: 'decisions', id: last.id }]);
    const end = Date.now() + 10_000;
    while (index.builds < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(index.builds).toBeGreaterThanOrEqual(2);
    expect((await index.query('potoroo', 5)).total).toBe(1);
    expect((await index.query('bilby', 5)).total).toBe(decisions.length - 1);
    const rebuilt = await answers(index);
    // Closed (its background writes done) before the other index replaces its folder.
    await index.close();
    expect(errors).toEqual([]);
    const fresh = indexOf(store);
    await rmIndexAndBuild(fresh.index, store);
    expect(rebuilt).toEqual(await answers(fresh.index));
    await fresh.index.close(true);
    await store.close();
  });
});

describe('the backend’s search index', () => {
  it('is written in the data folder at close and answers from the index after a restart', async () => {
    const dataDir = await tempDir();
    const open = () =>
      openBackend({
        dataDir,
        platform: { openPath: async () => false, quit: () => undefined },
        clock: () => new Date(NOW),
        checkpointQuietMs: 60_000,
      });
    const ok = async <C extends Channel>(
      backend: Awaited<ReturnType<typeof open>>,
      channel: C,
      input: InputOf<C>,
    ): Promise<OutputOf<C>> => {
      const result = await call(backend.handlers, channel, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    // Answered from the index (it builds in the background after opening).
    const fromIndex = async (backend: Awaited<ReturnType<typeof open>>, q: string): Promise<SearchResults> => {
      const end = Date.now() + 10_000;
      let results = await ok(backend, 'search:query', { q });
      while (results.source !== 'index' && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 20));
        results = await ok(backend, 'search:query', { q });
      }
      expect(results.source).toBe('index');
      return results;
    };
    let backend = await open();
    await ok(backend, 'sample:load', {});
    await ok(backend, 'papers:create', {
      reference: 'PAP-NEW',
      title: 'Zephyr',
      date: '2026-11-20',
      body: 'A quokka.',
    });
    const before = seen(await fromIndex(backend, 'quokka'));
    await backend.close();
    const closedAt = await openStore({ dataDir });
    expect(positionOf(await readFile(join(dataDir, INDEX_DIR, INDEX_FILE)))).toEqual(closedAt.head());
    await closedAt.close();

    backend = await open();
    expect(seen(await fromIndex(backend, 'quokka'))).toEqual(before);
    await backend.close();
  });
});

describe('the index file', () => {
  it('reads back what was written, and refuses what was cut short', async () => {
    const contents: IndexContents = {
      position: { seq: 7, hash: 'abc' },
      base: {
        terms: ['alpha', 'beta', 'été'],
        offsets: Uint32Array.from([0, 2, 3, 4]),
        postings: Uint32Array.from([0, 1, 1, 2]),
      },
      docs: {
        count: 3,
        kinds: Uint8Array.from([0, 3, 5]),
        alive: Uint8Array.from([1, 0, 1]),
        ids: ['dec_1', 'pap_2', 'mem_3'],
        references: ['PCD 1', 'PAP-2', ''],
        titles: ['Alpha', 'Beta — été', 'Ünïcödé Ann'],
        heads: ['pcd 1 alpha', 'pap-2 beta — ete', ' unicode ann'],
      },
      live: [['gamma', [2]]],
    };
    const { chunks } = finish(encodeIndex(contents, encodeTerms(contents.base.terms)));
    const file = Buffer.concat(chunks);
    expect(await decode(file)).toEqual(contents);
    // The documents' text decoded a few bytes at a time (a step each): "—", "é" and "Ü" split across chunks.
    for (const chunk of [1, 2, 3, 7]) expect(finish(decodeIndex(file, chunk))).toEqual(contents);
    await expect(decode(file.subarray(0, file.length - 8))).rejects.toBeInstanceOf(IndexFileError);
  });
});

describe('postings built in a worker thread', () => {
  it('equal the postings built here, term for term', async () => {
    const texts = [
      'PCD 2026-117: Décision on the RE-TENDER of the fleet',
      'The re-tender of the fleet, and the fleet again',
      '',
      'Ünïcödé naïve café — 45,000 officers',
      'tender tender tendering',
    ];
    const build = new PostingsBuild();
    await build.add(0, texts.slice(0, 2));
    await build.add(2, texts.slice(2));
    const fromWorker = await build.finish();

    const answers: FromWorker[] = [];
    let listener: (message: ToWorker) => void = () => undefined;
    const port: PostingsPort = {
      on: (_event, l) => (listener = l),
      postMessage: (message) => answers.push(message),
    };
    postingsWorker(port, termsOf);
    listener({ type: 'docs', first: 0, texts });
    listener({ type: 'end' });
    const here = answers.find((m) => m.type === 'built');
    if (here?.type !== 'built') throw new Error('no postings built');
    expect(fromWorker.terms).toEqual(here.terms.split('\n'));
    expect([...fromWorker.offsets]).toEqual([...here.offsets]);
    expect([...fromWorker.postings]).toEqual([...here.postings]);
    // Each document's terms, once each, as termsOf cuts them.
    const fleet = fromWorker.terms.indexOf('fleet');
    expect([...fromWorker.postings.subarray(fromWorker.offsets[fleet], fromWorker.offsets[fleet + 1])]).toEqual([0, 1]);
    expect(fromWorker.terms).toContain('decision');
    expect(fromWorker.terms).toContain('naive');
  });
});

function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function decode(file: Buffer): Promise<IndexContents> {
  return finish(decodeIndex(file));
}

/** Builds `index` from scratch: its kept file is moved out of the way first. */
async function rmIndexAndBuild(index: SearchIndex, store: Store): Promise<void> {
  await rm(join(store.dataDir, INDEX_DIR), { recursive: true, force: true });
  await index.build();
  expect(index.readyFrom).toBe('built');
}

describe('a build cut short', () => {
  it('ends quietly when cancelled: add and finish say it was cancelled', async () => {
    const build = new PostingsBuild();
    await build.add(0, ['PCD 2026-117 re-tender of the fleet']);
    build.cancel();
    await expect(build.add(1, ['more'])).rejects.toBeInstanceOf(BuildCancelled);
    await expect(build.finish()).rejects.toBeInstanceOf(BuildCancelled);
  });

  it('reports nothing when the index is closed while it builds', async () => {
    const store = await sampleStore();
    const { index, errors } = indexOf(store);
    const building = index.build();
    await index.close();
    await building;
    expect(errors).toEqual([]);
    expect(index.isReady).toBe(false);
    await store.close();
  });
});

describe('a query once the index is ready', () => {
  it('answers as a scan does, and reads the text of each paper shown once (only those shown)', async () => {
    const dataDir = await tempDir();
    const backend = await openBackend({
      dataDir,
      platform: { openPath: async () => false, quit: () => undefined },
      clock: () => new Date(NOW),
      checkpointQuietMs: 60_000,
    });
    const create = async (input: InputOf<'papers:create'>): Promise<void> => {
      const result = await call(backend.handlers, 'papers:create', input);
      if (!result.ok) throw new Error(result.error.message);
    };
    if (!(await call(backend.handlers, 'sample:load', {})).ok) throw new Error('sample:load failed');
    // Twelve papers that say "quokka" deep in their text (the snippet comes from it), more than a group shows.
    for (let i = 0; i < 12; i++) {
      await create({
        reference: `PAP-Q-${String(i).padStart(2, '0')}`,
        title: `Wildlife report ${i}`,
        date: '2026-11-20',
        body: `${'Background paragraph on the estate. '.repeat(20 + i)}The quokka count rose to ${i * 7}.`,
      });
    }
    await backend.close();

    const store = await openStore({ dataDir, ...STORE_OPTIONS });
    const reads: string[] = [];
    const index = new SearchIndex(
      () => store.state(),
      async (paperId) => {
        reads.push(paperId);
        const body = store.state().papers.get(paperId)?.versions.at(-1)?.body;
        return body ? (await store.blobs.get(body)).toString('utf8') : '';
      },
    );
    // A scan reads records, not papers' text: these find records by their own words, as the index does.
    const same = ['wildlife', 'wildlife report', 'wildl', 'PCD 2026-117', 'misconduct analytics'];
    const scanned = [];
    for (const q of same) scanned.push(await index.query(q, 5));
    expect(scanned.every((r) => r.source === 'scan' && r.total > 0)).toBe(true);
    await index.build();
    for (const [i, q] of same.entries()) {
      // Every field of every hit (snippets from the paper's text, pages, confidentiality) as the scan gave it.
      expect({ ...(await index.query(q, 5)), source: 'scan' }).toEqual(scanned[i]);
    }
    for (const q of [...same, 'quokka', 'quokka count', 'procurement', 'pilot']) {
      reads.length = 0;
      const fromIndex = await index.query(q, 5);
      expect(fromIndex.source).toBe('index');
      const papersShown = fromIndex.groups.filter((g) => g.kind === 'paper').flatMap((g) => g.hits.map((h) => h.id));
      expect(reads.toSorted()).toEqual(papersShown.toSorted());
    }
    const quokka = await index.query('quokka', 5);
    expect(quokka.total).toBe(12);
    expect(quokka.groups[0]?.hits).toHaveLength(5);
    expect(quokka.groups[0]?.hits[0]?.snippet).toContain('The quokka count rose to 0.');
    await index.close(true);
    await store.close();
  });
});

describe('the ranking of an index’s hits', () => {
  it('orders hits as the scan does (query words in the reference or title first, then by title), whatever the titles', async () => {
    // Titles from a small alphabet, so that they share prefixes, differ only in case or accents, or end early:
    // the index decides most comparisons from a heading's pair bits and a title's first code units.
    const title = fc
      .array(fc.constantFrom('ab', 'Ab', 'ba', 'é', 'e', ' ', 'abba', 'bab', 'x', 'ca', 'Ça', '\u{1F600}', 'zz'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((parts) => parts.join(''))
      .filter((t) => t.trim() !== ''); // a title is required
    const query = fc.constantFrom('ab', 'ba', 'abba', 'e', 'ca ab', 'ab ba', 'bab', 'zz', 'x ab', 'a');
    const store = await sampleStore();
    const ids = store
      .state()
      .decisions.values()
      .map((d) => d.id);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(title, { minLength: ids.length, maxLength: ids.length }),
          query,
          async (titles, q) => {
            await store.mutate('Test', 'Titles', (state) => ({
              changes: ids.map((id, i) => {
                const d = state.decisions.get(id)!;
                // The wording names every query word, so that every decision is a hit of most queries.
                return {
                  target: 'decisions' as const,
                  id,
                  after: { ...d, title: titles[i]!, wording: 'ab ba abba bab zz x ca e a' },
                };
              }),
              value: null,
            }));
            const index = new SearchIndex(
              () => store.state(),
              async () => '',
            );
            const scanned = await index.query(q, 4);
            await index.build();
            const indexed = await index.query(q, 4);
            expect(indexed.source).toBe('index');
            // Titles in order, per group: hits that tie (the same score and title) may come in either order.
            const shown = (r: SearchResults): unknown => [
              r.total,
              r.groups.map((g) => [g.kind, g.hits.map((h) => h.title)]),
            ];
            expect(shown(indexed)).toEqual(shown(scanned));
            await index.close(true);
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await store.close();
    }
  });
});
