/** The OCDS channels on a real backend: the sample board's register and one contract validate; a bad prefix is refused. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.ts';

const reference = join(process.cwd(), '..', 'shared', 'reference');
const ajv = new Ajv({ strict: false });
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(join(reference, 'ocds-1.1.5-release-schema.json'), 'utf8')) as object);
const validPackage = ajv.compile(
  JSON.parse(readFileSync(join(reference, 'ocds-1.1.5-release-package-schema.json'), 'utf8')) as object,
);

describe('ocds:export', () => {
  it("exports the sample board's register and one contract as valid OCDS 1.1 packages", async () => {
    const b = await testBackend();
    await b.ok('sample:load', { confirm: false });
    const register = await b.ok('ocds:export', { prefix: 'policing-board', contractId: null });
    const pkg = JSON.parse(register.content) as { releases: Array<{ ocid: string }> };
    expect(validPackage(pkg), JSON.stringify(validPackage.errors?.slice(0, 3))).toBe(true);
    expect(pkg.releases.length).toBeGreaterThan(0);
    expect(pkg.releases.every((r) => r.ocid.startsWith('policing-board-'))).toBe(true);
    const contracts = await b.ok('contracts:list', {});
    const one = await b.ok('ocds:export', { prefix: 'policing-board', contractId: contracts.rows[0]!.id });
    expect(validPackage(JSON.parse(one.content))).toBe(true);
    expect(one.fileName).toMatch(/-ocds\.json$/);
  });

  it('refuses a prefix that only looks registered, or none, naming the Open Contracting Partnership', async () => {
    const b = await testBackend();
    await b.ok('sample:load', { confirm: false });
    expect((await b.refused('ocds:export', { prefix: 'ocds-12', contractId: null })).message).toMatch(/registered/);
    expect((await b.refused('ocds:export', { prefix: '', contractId: null })).message).toMatch(
      /Open Contracting Partnership/,
    );
  });
});
