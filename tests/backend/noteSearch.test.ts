// Ctrl+K finds the member's own notes on papers (issue 20), on a real data folder: by the note's text and by the
// passage it quotes, as a private 'note' hit under its paper (at the passage's page in a PDF); edits and removals
// change the answers; after a restart the kept index still finds them; an index file written before notes were
// indexed (format 2) is built again rather than read without them.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_DIR, INDEX_FILE, INDEX_FORMAT } from '../../electron/backend/search/indexFile.ts';
import { SearchIndex, storeSearchIndex } from '../../electron/backend/search/searchIndex.ts';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import type { SearchHit, SearchResults } from '../../shared/contract/views.ts';
import { RecordMap } from '../../shared/schema/recordMap.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { makePdf } from '../helpers/paperFileMakers.ts';
import { zipEntries } from '../helpers/zipEntries.ts';

const NOW = new Date('2026-11-27T09:00:00.000Z');

/** Answered from the index (it builds in the background after opening). */
async function fromIndex(t: TestBackend, q: string): Promise<SearchResults> {
  const end = Date.now() + 30_000;
  let results = await t.ok('search:query', { q });
  while (results.source !== 'index' && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    results = await t.ok('search:query', { q });
  }
  expect(results.source).toBe('index');
  return results;
}

function notesIn(results: SearchResults): readonly SearchHit[] {
  return results.groups.find((g) => g.kind === 'note')?.hits ?? [];
}

/** A data folder with a PDF paper (a note on a passage of page 2) and a Markdown paper (a whole-paper note). */
async function folderWithNotes(): Promise<{ t: TestBackend; pdfId: string; mdId: string; passageNoteId: string }> {
  const t = await testBackend(NOW);
  const pdf = await makePdf([
    ['Paper page 1', 'Routine text.'],
    ['The retender timetable slips to March.', 'More words.'],
    ['Paper page 3', 'Routine text.'],
  ]);
  const added = await t.ok('papers:addFromFile', {
    fileName: 'Fleet business case.pdf',
    dataBase64: pdf.toString('base64'),
    date: '2026-07-01',
  });
  const md = await t.ok('papers:create', {
    reference: 'PAP-NOTES',
    title: 'Depot lease',
    date: '2026-07-02',
    body: 'The lease runs for ten years.',
  });
  const note = await t.ok('notes:addPassage', {
    paperId: added.id,
    passage: 'timetable slips to March',
    page: 2,
    text: 'Ask the wombat question at the meeting.',
  });
  await t.ok('papers:saveNote', { id: md.id, note: 'Numbat clause looks one-sided.' });
  return { t, pdfId: added.id, mdId: md.id, passageNoteId: note.id };
}

describe('searching the member’s notes', { timeout: 180_000 }, () => {
  it('finds a note by its text or its passage, as a private note opening its paper at the page', async () => {
    const { t, pdfId, mdId, passageNoteId } = await folderWithNotes();

    const wombat = await fromIndex(t, 'wombat');
    expect(wombat.groups.map((g) => g.kind)).toEqual(['note']);
    expect(notesIn(wombat)).toEqual([
      {
        kind: 'note',
        id: passageNoteId,
        paperId: pdfId,
        reference: 'PAP-2026-001',
        title: 'Fleet business case',
        snippet: expect.stringContaining('wombat question') as unknown as string,
        confidential: false,
        private: true,
        page: 2,
      },
    ]);
    // The quoted passage finds the note too (and the paper whose text it is); the paper's hit is not private.
    const passage = await fromIndex(t, 'timetable slips');
    expect(notesIn(passage).map((h) => h.id)).toEqual([passageNoteId]);
    const paperHit = passage.groups.find((g) => g.kind === 'paper')!.hits[0]!;
    expect(paperHit).toMatchObject({ id: pdfId, page: 2 });
    expect(paperHit.private).toBeUndefined();
    // A whole-paper note: no page, its paper to open.
    const numbat = notesIn(await fromIndex(t, 'numbat'));
    expect(numbat).toMatchObject([{ kind: 'note', paperId: mdId, reference: 'PAP-NOTES', private: true }]);
    expect(numbat[0]!.page).toBeUndefined();
    // Records other than notes are never marked private.
    const all = await fromIndex(t, 'lease');
    expect(all.groups.flatMap((g) => g.hits).every((h) => (h.kind === 'note') === (h.private === true))).toBe(true);
  });

  it('follows edits and removals of the note, and of its paper', async () => {
    const { t, pdfId, mdId, passageNoteId } = await folderWithNotes();
    expect(notesIn(await fromIndex(t, 'wombat'))).toHaveLength(1);

    await t.ok('notes:update', { id: passageNoteId, text: 'Ask about the quoll instead.' });
    expect(notesIn(await fromIndex(t, 'wombat'))).toEqual([]);
    expect(notesIn(await fromIndex(t, 'quoll')).map((h) => h.id)).toEqual([passageNoteId]);

    // The paper renamed: the note is shown under the new title.
    await t.ok('papers:update', { id: pdfId, title: 'Renamed case' });
    expect(notesIn(await fromIndex(t, 'quoll'))[0]).toMatchObject({ title: 'Renamed case', paperId: pdfId });

    await t.ok('notes:delete', { id: passageNoteId });
    expect(notesIn(await fromIndex(t, 'quoll'))).toEqual([]);
    // Its passage is still the paper's text, found as the paper only.
    expect((await fromIndex(t, 'timetable slips')).groups.map((g) => g.kind)).toEqual(['paper']);

    // A whole-paper note emptied is not found.
    await t.ok('papers:saveNote', { id: mdId, note: '' });
    expect(notesIn(await fromIndex(t, 'numbat'))).toEqual([]);
  });

  it('still finds notes after a restart, from the index kept in the data folder', async () => {
    const { t, pdfId, passageNoteId } = await folderWithNotes();
    const before = await fromIndex(t, 'wombat');
    await t.backend.close();
    const indexFile = join(t.dataDir, INDEX_DIR, INDEX_FILE);
    const written = await readFile(indexFile);

    const again = await testBackend(NOW, {}, t.dataDir);
    const after = await fromIndex(again, 'wombat');
    expect(after).toEqual(before);
    expect(notesIn(after)).toMatchObject([{ id: passageNoteId, paperId: pdfId, private: true, page: 2 }]);
    // Read back, not built again: the file is the one written at close (a build would write a new one).
    await again.backend.close();
    expect((await readFile(indexFile)).equals(written)).toBe(true);
  });
});

describe('notes found by search stay private', { timeout: 180_000 }, () => {
  it('an archive without private notes carries neither the notes nor the index that finds them', async () => {
    const { t } = await folderWithNotes();
    expect(notesIn(await fromIndex(t, 'wombat'))).toHaveLength(1);
    await t.backend.close();
    const again = await testBackend(NOW, {}, t.dataDir);
    expect(notesIn(await fromIndex(again, 'wombat'))).toHaveLength(1); // the index file is in the data folder
    for (const kind of ['full', 'without-private-notes'] as const) {
      const entries = zipEntries(Buffer.from((await again.ok('archive:export', { kind })).content, 'base64'));
      // The search index is never archived: it is this computer's, rebuilt from the data.
      expect([...entries.keys()].filter((n) => n.includes('search'))).toEqual([]);
      if (kind === 'full') continue;
      for (const [name, data] of entries) {
        expect(data.includes('wombat'), name).toBe(false);
        expect(data.includes('Numbat clause'), name).toBe(false);
      }
    }
  });
});

/** The paper text the index reads, as the backend wires it. */
function paperTextOf(store: Store) {
  return async (paperId: string): Promise<string> => {
    const body = store.state().papers.get(paperId)?.versions.at(-1)?.body;
    return body ? (await store.blobs.get(body)).toString('utf8') : '';
  };
}

describe('an index file written before notes were searched', { timeout: 180_000 }, () => {
  it('is built again (format 2), where the same file read as current would miss the notes', async () => {
    const { t } = await folderWithNotes();
    await t.backend.close();
    const store = await openStore({ dataDir: t.dataDir, clock: () => NOW, backupOnFirstChange: false });
    const dir = join(t.dataDir, INDEX_DIR);
    const options = { dir, dataDir: t.dataDir, head: () => store.head() };

    // The index as the app wrote it before notes were indexed: the same records, no notes.
    await rm(join(dir, INDEX_FILE));
    const old = new SearchIndex(
      () => ({ ...store.state(), paperNotes: RecordMap.empty() }),
      paperTextOf(store),
      options,
    );
    await old.build();
    expect(notesIn(await old.query('wombat', 5))).toEqual([]);
    await old.close();
    const file = await readFile(join(dir, INDEX_FILE));
    const current = `"format":${INDEX_FORMAT}`;
    expect(file.includes(current)).toBe(true);
    const asOld = Buffer.from(file.toString('latin1').replace(current, '"format":2'), 'latin1');

    // Read as if current, it would be used and miss the notes: what the format version guards against.
    const misread = storeSearchIndex(store);
    await misread.build();
    expect(misread.readyFrom).toBe('loaded');
    expect(notesIn(await misread.query('wombat', 5))).toEqual([]);
    await misread.close(true);

    // Marked as written before: built again, with the notes, and written anew in the current format.
    await writeFile(join(dir, INDEX_FILE), asOld);
    const errors: string[] = [];
    const upgraded = storeSearchIndex(store, (where) => errors.push(where));
    await upgraded.build();
    expect(upgraded.readyFrom).toBe('built');
    expect(notesIn(await upgraded.query('wombat', 5))).toHaveLength(1);
    expect(notesIn(await upgraded.query('numbat', 5))).toHaveLength(1);
    await upgraded.close();
    expect((await readFile(join(dir, INDEX_FILE))).includes(current)).toBe(true);
    expect(errors).toEqual(['search:index-file']);

    const reread = storeSearchIndex(store);
    await reread.build();
    expect(reread.readyFrom).toBe('loaded');
    expect(notesIn(await reread.query('wombat', 5))).toHaveLength(1);
    await reread.close(true);
    await store.close();
  });
});
