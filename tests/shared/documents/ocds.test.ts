/**
 * OCDS 1.1: every package and release the app writes validates against the
 * published 1.1.5 schemas (draft-04, with formats checked), on the sample
 * board's contracts and on generated contracts; and the mapping choices hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROCUREMENT_METHODS,
  contractContext,
  contractRelease,
  ocidOf,
  ocidPrefixProblem,
  releasePackage,
  type OcdsPublisher,
} from '../../../shared/documents/ocds.ts';
import { ContractSchema, ROUTES, type Contract } from '../../../shared/schema/contracts.ts';
import { sampleState } from '../../helpers/sampleState.ts';

const reference = join(process.cwd(), '..', 'shared', 'reference');
const releaseSchema = JSON.parse(readFileSync(join(reference, 'ocds-1.1.5-release-schema.json'), 'utf8')) as object;
const packageSchema = JSON.parse(
  readFileSync(join(reference, 'ocds-1.1.5-release-package-schema.json'), 'utf8'),
) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(releaseSchema);
const validRelease = ajv.getSchema('https://standard.open-contracting.org/schema/1__1__5/release-schema.json')!;
const validPackage = ajv.compile(packageSchema);

const PUBLISHER: OcdsPublisher = { name: 'Policing Oversight Board', prefix: 'ocds-h6vhtk' };

function expectValid(validate: typeof validPackage, value: unknown): void {
  const ok = validate(value);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 3), null, 2)).toBe(true);
}

describe('OCDS 1.1 release packages', () => {
  it("the sample board's contracts: each release and the register's package validate", () => {
    const { state } = sampleState();
    const decisions = state.decisions.values();
    const conditions = state.conditions.values();
    const releases = state.contracts
      .values()
      .map((c) => contractRelease(c, contractContext(c, decisions, conditions), PUBLISHER));
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) expectValid(validRelease, release);
    const pkg = releasePackage(releases, PUBLISHER, '2026-11-27T09:00:00Z');
    expectValid(validPackage, pkg);
    // The direct award of the 2026 case is marked as such, with its rationale.
    const direct = releases.find((r) => (r.tender as { procurementMethod: string }).procurementMethod === 'direct') as
      { tender: { procurementMethodRationale?: string } } | undefined;
    expect(direct?.tender.procurementMethodRationale).toBeTruthy();
  });

  it('a generated contract of any route, status, value, options and milestones validates', () => {
    const date = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const contract = fc
      .record({
        reference: fc.stringMatching(/^[A-Z]{2,4} [0-9]{1,4}(\/[0-9]{1,3})?$/),
        title: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
        suppliers: fc.array(
          fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        buyer: fc.string({ maxLength: 30 }),
        route: fc.constantFrom(...ROUTES),
        initialValueGbp: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
        valueWithOptionsGbp: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
        start: date,
        days: fc.integer({ min: 0, max: 4000 }),
        extra: fc.integer({ min: 0, max: 2000 }),
        options: fc.array(fc.record({ months: fc.integer({ min: 1, max: 36 }), exercised: fc.boolean() }), {
          maxLength: 3,
        }),
        milestones: fc.array(
          fc.record({ title: fc.constantFrom('Re-tender', 'Review', 'Procure successor'), done: fc.boolean() }),
          {
            maxLength: 3,
          },
        ),
        status: fc.constantFrom('proposed', 'blocked', 'active', 'extended', 'ended', 'terminated' as const),
      })
      .map((g): Contract => {
        const end = new Date(Date.parse(g.start) + g.days * 86_400_000).toISOString().slice(0, 10);
        const max = new Date(Date.parse(end) + g.extra * 86_400_000).toISOString().slice(0, 10);
        return ContractSchema.parse({
          id: 'ctr_generated',
          createdAt: '2026-01-05T10:00:00.000Z',
          updatedAt: '2026-02-05T10:00:00.000Z',
          archivedAt: null,
          reference: g.reference,
          title: g.title,
          suppliers: g.suppliers,
          buyer: g.buyer,
          route: g.route,
          directAwardRationale: g.route === 'direct_award' ? 'Only one supplier holds the licence.' : '',
          annualValueGbp: null,
          initialValueGbp: g.initialValueGbp,
          valueWithOptionsGbp: g.valueWithOptionsGbp,
          termStart: g.start,
          termEnd: end,
          maxExtentDate: g.extra > 0 ? max : '',
          extensionOptions: g.options,
          milestones: g.milestones.map((m) => ({ ...m, due: end })),
          status: g.status,
        });
      });
    fc.assert(
      fc.property(contract, (c) => {
        const release = contractRelease(c, { conditions: [], decisions: [] }, PUBLISHER);
        expectValid(validRelease, release);
        expectValid(validPackage, releasePackage([release], PUBLISHER, '2026-11-27T09:00:00Z'));
        const tags = release.tag as string[];
        expect(tags.includes('contractAmendment')).toBe(c.extensionOptions.some((o) => o.exercised));
        expect(tags.includes('contractTermination')).toBe(c.status === 'terminated');
      }),
      { numRuns: 150 },
    );
  });

  it('the validator can fail: a bad date, an unknown milestone status, a missing ocid are caught', () => {
    const { state } = sampleState();
    const c = state.contracts.values()[0]!;
    const release = contractRelease(c, { conditions: [], decisions: [] }, PUBLISHER);
    expect(validRelease({ ...release, date: '27/11/2026' })).toBe(false);
    expect(validRelease({ ...release, ocid: undefined })).toBe(false);
    const contracts = release.contracts as Array<Record<string, unknown>>;
    expect(
      validRelease({ ...release, contracts: [{ ...contracts[0], milestones: [{ id: 'm', status: 'waived' }] }] }),
    ).toBe(false);
  });

  it('maps every route through the one table, and keeps a stored ocid', () => {
    expect(Object.keys(PROCUREMENT_METHODS).sort()).toEqual([...ROUTES].sort());
    expect(PROCUREMENT_METHODS.open.method).toBe('open');
    expect(PROCUREMENT_METHODS.competitive_flexible.method).toBe('selective');
    expect(PROCUREMENT_METHODS.direct_award.method).toBe('direct');
    expect(ocidOf({ id: 'ctr_1', reference: 'CTR 2026/04', ocid: 'ocds-h6vhtk-04a1b2' }, 'board')).toBe(
      'ocds-h6vhtk-04a1b2',
    );
    expect(ocidOf({ id: 'ctr_1', reference: 'CTR 2026/04' }, 'my-board')).toBe('my-board-CTR-2026-04');
  });

  it('never accepts a prefix that only looks registered', () => {
    expect(ocidPrefixProblem('')).toMatch(/Open Contracting Partnership/);
    expect(ocidPrefixProblem('ocds-abc')).toMatch(/registered/);
    expect(ocidPrefixProblem('ocds-h6vhtk')).toBeNull();
    expect(ocidPrefixProblem('policing-board')).toBeNull();
    expect(ocidPrefixProblem('bad prefix!')).toMatch(/letters, digits/);
  });
});
