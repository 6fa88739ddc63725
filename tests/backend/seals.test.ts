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
import { shortSeal } from '../../shared/rules/seals.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
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
