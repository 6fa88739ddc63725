/**
 * Seals of signed decisions on a real backend: the notice prints the seal,
 * "Check a seal" recognises it, an amendment makes a new seal and the old one
 * is reported as earlier with the amendment named; and docs/check_seal.py
 * recomputes the seal with python3 from an archive the app exported.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealMaterial, shortSeal } from '../../shared/rules/seals.ts';
import type { PaperVersion } from '../../shared/schema/papers.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { makePdf } from '../helpers/paperFileMakers.ts';
import { tempDir } from '../helpers/tempDir.ts';

async function signedDecision(b: TestBackend): Promise<{ id: string; reference: string }> {
  await b.ok('sample:load', { confirm: false });
  const list = await b.ok('decisions:list', {});
  for (const row of list.rows) {
    const seals = await b.ok('decisions:seals', { id: row.id });
    if (seals.current !== null) return { id: row.id, reference: seals.reference };
  }
  throw new Error('the sample board has no signed decision');
}

describe('decision seals', () => {
  it('prints the seal on the notice, checks it, and after an amendment reports what changed', async () => {
    const b = await testBackend();
    const { id, reference } = await signedDecision(b);
    const before = await b.ok('decisions:seals', { id });
    const seal = before.current!.seal;
    expect(seal).toMatch(/^[0-9a-f]{64}$/);
    const notice = await b.ok('documents:notice', { decisionId: id, format: 'md' });
    expect(notice.content).toContain(seal);
    expect(notice.content).toContain(shortSeal(seal));

    const ok = await b.ok('decisions:checkSeal', { id, seal: shortSeal(seal) });
    expect(ok.verdict).toBe('current');

    await b.ok('decisions:amend', { id, what: 'Condition 2 date corrected', why: 'Typing error in the minutes' });
    const after = await b.ok('decisions:seals', { id });
    expect(after.current!.seal).not.toBe(seal);
    expect(after.history.map((h) => h.seal)).toEqual(expect.arrayContaining([seal, after.current!.seal]));

    const old = await b.ok('decisions:checkSeal', { id, seal: seal.toUpperCase() });
    expect(old.verdict).toBe('earlier');
    expect(old.amendmentsSince.map((a) => a.what)).toEqual(['Condition 2 date corrected']);
    expect(old.message).toContain(reference);
    expect(old.message).toContain('Condition 2 date corrected');

    const never = await b.ok('decisions:checkSeal', { id, seal: '0123456789ab' });
    expect(never.verdict).toBe('none');
    expect((await b.refused('decisions:checkSeal', { id, seal: 'not a seal' })).message).toMatch(
      /at least its first 12/,
    );
  });

  it('seals a version’s source file hash only when it has one: a typed version’s material is as before', () => {
    const hash = (c: string) => c.repeat(64);
    const typed: PaperVersion = {
      version: 1,
      body: hash('a'),
      bodyChars: 6,
      attachments: [{ blob: hash('b'), name: 'annex.txt', type: 'text/plain', bytes: 3 }],
      createdAt: '2026-06-10T09:00:00.000Z',
      createdBy: 'Secretariat',
    };
    const fromFile: PaperVersion = {
      ...typed,
      source: {
        blob: hash('c'),
        name: 'Pilot.pdf',
        kind: 'pdf',
        type: 'application/pdf',
        bytes: 9,
        pages: 1,
        noTextLayer: false,
        conversionNotes: [],
      },
    };
    const versions: Record<string, PaperVersion> = { pap_typed: typed, pap_pdf: fromFile };
    const material = sealMaterial(
      {
        reference: 'PCD 2026-117',
        date: '2026-06-24',
        outcome: 'approved',
        wording: 'Approved.',
        reliedOn: [
          { paperId: 'pap_typed', version: 1 },
          { paperId: 'pap_pdf', version: 1 },
        ],
      },
      [],
      (id) => ({ versions: [versions[id]!] }),
    ) as { papers: unknown[] };
    // Exactly the four keys seals had before sources were sealed: old seals are unchanged.
    expect(material.papers[0]).toEqual({ paperId: 'pap_typed', version: 1, body: hash('a'), attachments: [hash('b')] });
    expect(material.papers[1]).toEqual({
      paperId: 'pap_pdf',
      version: 1,
      body: hash('a'),
      attachments: [hash('b')],
      source: hash('c'),
    });
  });

  it(
    'docs/check_seal.py agrees with the seal of a decision relying on a PDF paper and a typed one',
    { timeout: 180_000 },
    async () => {
      const b = await testBackend();
      const pdf = await makePdf([['Pilot costs by quarter.']]);
      const paper = await b.ok('papers:addFromFile', {
        fileName: 'Pilot costs.pdf',
        dataBase64: pdf.toString('base64'),
        date: '2026-06-12',
      });
      const typed = await b.ok('papers:create', {
        reference: 'PCB 41',
        title: 'Typed',
        date: '2026-06-10',
        body: 'Typed.',
      });
      const decision = await b.ok('decisions:create', {
        title: 'Extend the pilot',
        date: '2026-06-24',
        outcome: 'approved',
        wording: 'Approved.',
        decisionMaker: 'The board',
        reliedOn: [
          { paperId: paper.id, version: 1 },
          { paperId: typed.id, version: 1 },
        ],
      });
      await b.ok('decisions:sign', { id: decision.id, signatory: 'Chair of the board', signedOn: '2026-06-24' });
      const seals = await b.ok('decisions:seals', { id: decision.id });
      const archive = await b.ok('archive:export', { kind: 'full' });
      const path = join(await tempDir(), archive.fileName);
      await writeFile(path, Buffer.from(archive.content, 'base64'));
      const script = join(process.cwd(), 'docs', 'check_seal.py');
      expect(execFileSync('python3', [script, path, seals.reference], { encoding: 'utf8' }).trim()).toBe(
        seals.current!.seal,
      );
    },
  );

  it('docs/check_seal.py recomputes the seal from an exported archive (python3)', async () => {
    const b = await testBackend();
    const { id, reference } = await signedDecision(b);
    await b.ok('decisions:amend', { id, what: 'Vote count corrected', why: 'Clerk error' });
    const seals = await b.ok('decisions:seals', { id });
    const archive = await b.ok('archive:export', { kind: 'full' });
    const dir = await tempDir();
    const path = join(dir, archive.fileName);
    await writeFile(path, Buffer.from(archive.content, 'base64'));
    const script = join(process.cwd(), 'docs', 'check_seal.py');
    const printed = execFileSync('python3', [script, path, reference], { encoding: 'utf8' }).trim();
    expect(printed).toBe(seals.current!.seal);
    const match = spawnSync('python3', [script, path, reference, shortSeal(seals.current!.seal)], { encoding: 'utf8' });
    expect(match.status).toBe(0);
    const old = spawnSync('python3', [script, path, reference, seals.history[0]!.seal], { encoding: 'utf8' });
    expect(old.status).toBe(1);
    expect(old.stdout).toContain('does not match');
  });
});
