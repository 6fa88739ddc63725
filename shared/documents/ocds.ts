/**
 * Contracts as open data: the Open Contracting Data Standard 1.1 (1.1.5
 * schemas). One release per contract, and a release package of the register.
 * Pure: the records and the publisher's details come in, JSON goes out.
 *
 * Choices, documented here and in docs/ocds.md:
 * - The procurement route maps through one table, `PROCUREMENT_METHODS`.
 * - A contract with re-tender milestones links one `relatedProcesses` entry
 *   with the code `renewalProcess` (the codelist's word for a process that
 *   renews a contract as it expires), not `replacementProcess` (which stands
 *   in for a process that was cancelled or unsuccessful).
 * - Conditions become milestones (`type: 'delivery'`, or `reporting` when
 *   they recur). `milestoneStatus` is closed: open → scheduled, met → met,
 *   partially met → partiallyMet, breached → notMet; waived and superseded
 *   have no code, so the milestone carries no status and says in its
 *   description that the board waived (or replaced) the condition.
 * - Exercised extension options are `contracts[].amendments`, tagged
 *   `contractAmendment`; a terminated contract is tagged `contractTermination`.
 */
import type { Condition, ConditionStatus } from '../schema/conditions.ts';
import type { Contract, Route } from '../schema/contracts.ts';
import type { Decision } from '../schema/decisions.ts';
import { currentTermEnd } from '../rules/contractTerms.ts';

/** An OCDS `tender.procurementMethod` code. */
export type ProcurementMethod = 'open' | 'selective' | 'limited' | 'direct';

/**
 * The one mapping from a procurement route to OCDS. Routes the
 * procurement-law work adds get a row here (the type makes a missing one a
 * compile error). A framework call-off is `selective`: the frameworks this
 * app records were let by competition among admitted suppliers; a call-off
 * from a single-supplier framework should be recorded as a direct award.
 */
export const PROCUREMENT_METHODS: { readonly [R in Route]: { method: ProcurementMethod; details: string } } = {
  open: { method: 'open', details: 'Open competition' },
  competitive_flexible: { method: 'selective', details: 'Competitive flexible procedure' },
  framework_call_off: { method: 'selective', details: 'Call-off from a framework agreement let by competition' },
  direct_award: { method: 'direct', details: 'Direct award to a single supplier' },
  below_threshold: { method: 'open', details: 'Below-threshold procurement' },
};

const MILESTONE_STATUS: { readonly [S in ConditionStatus]: 'scheduled' | 'met' | 'notMet' | 'partiallyMet' | null } = {
  open: 'scheduled',
  met: 'met',
  partially_met: 'partiallyMet',
  breached: 'notMet',
  waived: null,
  superseded: null,
};

/** Who publishes: the board's name and the ocid prefix set in Settings. */
export interface OcdsPublisher {
  readonly name: string;
  /** The ocid prefix: a registered one (`ocds-xxxxxx`, from the Open Contracting Partnership) or the board's own. */
  readonly prefix: string;
  /** The package's URI (where it will be published), if known. */
  readonly uri?: string;
}

/** A registered ocid prefix's shape; also Find a Tender's `ocds-h6vhtk-`. */
export const REGISTERED_PREFIX = /^ocds-[a-z0-9]{6}$/;

/** Why `prefix` cannot build an ocid, or null. */
export function ocidPrefixProblem(prefix: string): string | null {
  if (prefix.trim() === '') {
    return 'no ocid prefix is set: enter the prefix the Open Contracting Partnership registered for the board (ocds-xxxxxx), or your own';
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(prefix))
    return 'the ocid prefix may hold only letters, digits and hyphens';
  if (prefix.startsWith('ocds-') && !REGISTERED_PREFIX.test(prefix)) {
    return 'a prefix starting "ocds-" must be a registered one: "ocds-" and six letters or digits';
  }
  return null;
}

/** The contract's ocid: the one of its published notice when it has one, else built from the prefix and its reference. */
export function ocidOf(contract: Pick<Contract, 'id' | 'reference'> & { ocid?: string }, prefix: string): string {
  if (contract.ocid) return contract.ocid;
  const local = contract.reference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || contract.id;
  return `${prefix}-${local}`;
}

function instant(date: string): string {
  return `${date}T00:00:00Z`;
}

function partyId(kind: 'buyer' | 'supplier', name: string): string {
  return `${kind}-${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'unnamed'
  }`;
}

const CONTRACT_STATUS: { readonly [S in Contract['status']]: 'pending' | 'active' | 'cancelled' | 'terminated' } = {
  proposed: 'pending',
  blocked: 'cancelled',
  active: 'active',
  extended: 'active',
  ended: 'terminated',
  terminated: 'terminated',
};

/** What one release needs besides the contract: its conditions and the decisions around it. */
export interface ContractContext {
  readonly conditions: readonly Condition[];
  readonly decisions: readonly Decision[];
}

/** One OCDS release for a contract (JSON, to validate against the release schema). */
export function contractRelease(
  contract: Contract & { ocid?: string },
  context: ContractContext,
  publisher: OcdsPublisher,
): Record<string, unknown> {
  const ocid = ocidOf(contract, publisher.prefix);
  const route = PROCUREMENT_METHODS[contract.route];
  const decisionRef = (id: string | null): string =>
    (id && context.decisions.find((d) => d.id === id)?.reference) || '';
  const buyerName = contract.buyer || publisher.name;
  const parties = [
    { id: partyId('buyer', buyerName), name: buyerName, roles: ['buyer', 'procuringEntity'] },
    ...contract.suppliers.map((name) => ({ id: partyId('supplier', name), name, roles: ['supplier'] })),
  ];
  // The contract's value including its options when known (what it may come to), else the initial term's.
  const total = contract.valueWithOptionsGbp ?? contract.initialValueGbp;
  const value = total === null ? undefined : { amount: total, currency: 'GBP' as const };
  const awardValue =
    contract.initialValueGbp === null ? value : { amount: contract.initialValueGbp, currency: 'GBP' as const };
  // The term runs to the end of the exercised options, each adding its months in order.
  const exercised = contract.extensionOptions.filter((o) => o.exercised);
  const amendments = exercised.map((option, index) => {
    const ref = decisionRef(option.exercisedByDecisionId);
    return {
      id: `${contract.id}-option-${option.id || index + 1}`,
      ...(option.noticeBy ? { date: instant(option.noticeBy) } : {}),
      rationale: `Extension option of ${option.months} month${option.months === 1 ? '' : 's'} exercised${ref ? ` (decision ${ref})` : ''}`,
      description:
        option.valueGbp === null
          ? `The term is extended by ${option.months} months.`
          : `The term is extended by ${option.months} months, worth £${option.valueGbp.toLocaleString('en-GB')}.`,
    };
  });
  const conditionMilestones = context.conditions.map((c) => {
    const status = MILESTONE_STATUS[c.status];
    const last = c.history.at(-1);
    return {
      id: `${c.id}`,
      title: c.wording.slice(0, 300),
      type: c.recurrence ? 'reporting' : 'delivery',
      description:
        status === null
          ? `${c.wording}\n\nThe board ${c.status === 'waived' ? 'waived' : 'replaced (superseded)'} this condition; the milestone status codelist has no code for that.`
          : c.wording,
      ...(c.due ? { dueDate: instant(c.due) } : {}),
      ...(status === 'met' && last ? { dateMet: last.at } : {}),
      ...(last ? { dateModified: last.at } : {}),
      ...(status !== null ? { status } : {}),
    };
  });
  // The contract's milestones are its re-tender's (the page calls them so): one renewal process between them.
  const retendering = contract.milestones.length > 0;
  const contractMilestones = contract.milestones.map((m, index) => ({
    id: `${contract.id}-milestone-${m.id || index + 1}`,
    title: m.title,
    type: 'delivery',
    dueDate: instant(m.due),
    status: m.done ? 'met' : 'scheduled',
  }));
  const terminated = contract.status === 'terminated';
  const tag = [
    'contract',
    ...(amendments.length ? ['contractAmendment'] : []),
    ...(terminated ? ['contractTermination'] : []),
  ];
  const awardId = `${contract.id}-award`;
  const end = currentTermEnd(contract);
  const period = {
    ...(contract.termStart ? { startDate: instant(contract.termStart) } : {}),
    ...(end ? { endDate: instant(end) } : {}),
    ...(contract.maxExtentDate ? { maxExtentDate: instant(contract.maxExtentDate) } : {}),
    ...(!contract.termStart && !end && contract.plannedMonths
      ? { durationInDays: Math.round(contract.plannedMonths * 30.44) }
      : {}),
  };

  return {
    ocid,
    id: `${ocid}-${contract.updatedAt.replace(/[^0-9]/g, '').slice(0, 14)}`,
    date: contract.updatedAt,
    tag,
    initiationType: 'tender',
    language: 'en',
    parties,
    buyer: { id: parties[0]!.id, name: buyerName },
    tender: {
      id: `${contract.id}-tender`,
      title: contract.title,
      procurementMethod: route.method,
      procurementMethodDetails: route.details,
      ...(contract.route === 'direct_award' ? { procurementMethodRationale: contract.directAwardRationale } : {}),
    },
    awards: [
      {
        id: awardId,
        title: contract.title,
        status: contract.status === 'blocked' ? 'cancelled' : contract.status === 'proposed' ? 'pending' : 'active',
        suppliers: parties.slice(1).map((p) => ({ id: p.id, name: p.name })),
        ...(awardValue ? { value: awardValue } : {}),
      },
    ],
    contracts: [
      {
        id: contract.id,
        awardID: awardId,
        title: `${contract.reference}: ${contract.title}`,
        status: CONTRACT_STATUS[contract.status],
        period,
        ...(value ? { value } : {}),
        ...(amendments.length ? { amendments } : {}),
        milestones: [...conditionMilestones, ...contractMilestones],
        ...(retendering
          ? {
              relatedProcesses: [
                {
                  id: `${contract.id}-retender`,
                  relationship: ['renewalProcess'],
                  title:
                    `Re-tender of ${contract.reference}: ${contract.milestones.map((m) => m.title).join('; ')}`.slice(
                      0,
                      500,
                    ),
                },
              ],
            }
          : {}),
      },
    ],
  };
}

/** A release package of releases (the register, or one contract), published at `publishedDate`. */
export function releasePackage(
  releases: readonly Record<string, unknown>[],
  publisher: OcdsPublisher,
  publishedDate: string,
): Record<string, unknown> {
  return {
    uri: publisher.uri ?? `urn:boardkeeper:${publisher.prefix}:${publishedDate}`,
    version: '1.1',
    publishedDate,
    publisher: { name: publisher.name },
    releases,
  };
}

/** The conditions and decisions around one contract, from the whole state's lists. */
export function contractContext(
  contract: Pick<Contract, 'id'>,
  decisions: readonly Decision[],
  conditions: readonly Condition[],
): ContractContext {
  const linked = decisions.filter((d) => d.contractIds.includes(contract.id));
  const ids = new Set(linked.map((d) => d.id));
  return { decisions: linked, conditions: conditions.filter((c) => ids.has(c.decisionId)) };
}
