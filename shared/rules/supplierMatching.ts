/**
 * Supplier matching: whether two supplier names are the same supplier, and
 * whether a member's registered interest names a supplier. One module, used by
 * the conflict check on agenda items (procurement) and by confidential packs
 * (items withheld from a member with an interest). Pure: no clock, no I/O.
 *
 * Names are compared after normalising: case, accents, punctuation and white
 * space do not count, "&" reads as "and", and a trailing company form
 * ("Ltd", "Limited", "plc", "LLP", "Inc", …) is dropped, so "ACME Ltd.",
 * "Acme Limited" and "acme" are one supplier. Aliases say that two different
 * names are the same supplier ("Acme Digital" and "ADS"): a group of names,
 * any of which matches any other.
 */
import type { Member } from '../schema/members.ts';
import type { Settings } from '../schema/settings.ts';

/** Company forms dropped from the end of a name, normalised (no dots, lower case). */
const COMPANY_FORMS: readonly string[] = [
  'ltd',
  'limited',
  'plc',
  'llp',
  'lp',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'cic',
  'gmbh',
  'sa',
  'ag',
  'bv',
  'nv',
  'uk',
];

/** Words too common to count as a name on their own (a name normalised to one of these matches nothing). */
const NOT_A_NAME: ReadonlySet<string> = new Set(['', 'the', 'and', 'group', 'holdings', 'services', 'uk']);

/**
 * The words of `text`, normalised: lower case, accents dropped, "&" as
 * "and", every run of anything but letters and digits a single space.
 * Dots inside initials ("A.C.M.E.") are dropped rather than spaced.
 */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(?<=\b\p{L})\.(?=\p{L}\b)/gu, '')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A supplier's name normalised for comparison: {@link normaliseWords} less a leading "the" and trailing company forms. */
export function normaliseSupplierName(name: string): string {
  const words = normaliseWords(name).split(' ');
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && COMPANY_FORMS.includes(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/**
 * Groups of names that are the same supplier, as the board recorded them.
 * Each group is a list of names; a name may appear in only one group (a later
 * group naming it again joins the two).
 */
export type SupplierAliases = readonly (readonly string[])[];

/** An index from each normalised name to every normalised name of its supplier (itself included). */
export interface SupplierIndex {
  /** Every normalised name `name` stands for (at least itself, if it is a name at all). */
  namesOf(name: string): readonly string[];
  /** Whether `a` and `b` are the same supplier. */
  same(a: string, b: string): boolean;
  /** A stable key for the supplier `name` belongs to: the first of its names in sorted order. */
  keyOf(name: string): string;
}

/** Builds the index of aliases once, for many comparisons. */
export function supplierIndex(aliases: SupplierAliases = []): SupplierIndex {
  // Union-find over normalised names.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const group of aliases) {
    const names = group.map(normaliseSupplierName).filter((n) => !NOT_A_NAME.has(n));
    for (const n of names) add(n);
    for (let i = 1; i < names.length; i++) {
      const a = find(names[0]!);
      const b = find(names[i]!);
      if (a !== b) parent.set(b, a);
    }
  }
  const members = new Map<string, string[]>();
  for (const n of parent.keys()) {
    const root = find(n);
    const list = members.get(root) ?? [];
    list.push(n);
    members.set(root, list);
  }
  for (const list of members.values()) list.sort();

  const namesOf = (name: string): readonly string[] => {
    const n = normaliseSupplierName(name);
    if (NOT_A_NAME.has(n)) return [];
    return parent.has(n) ? members.get(find(n))! : [n];
  };
  return {
    namesOf,
    same(a, b) {
      const na = namesOf(a);
      const nb = normaliseSupplierName(b);
      return na.length > 0 && na.includes(nb);
    },
    keyOf(name) {
      return namesOf(name)[0] ?? normaliseSupplierName(name);
    },
  };
}

/** Whether normalised `phrase` occurs in normalised `text` as whole words. */
function containsWords(text: string, phrase: string): boolean {
  if (phrase === '') return false;
  return ` ${text} `.includes(` ${phrase} `);
}

/** A member's registered interest as the matcher reads it: its text and, when given, the organisation named. */
export interface InterestText {
  readonly text: string;
  readonly organisation?: string;
}

/**
 * Whether an interest names `supplier` (or one of its aliases): the
 * organisation field is the same supplier, or the interest text contains one
 * of the supplier's names as whole words ("Shareholding in ACME Ltd." names
 * "Acme Limited"; "Acmeville parish council" does not name "Acme").
 */
export function interestNamesSupplier(
  interest: InterestText | string,
  supplier: string,
  index: SupplierIndex,
): boolean {
  const it = typeof interest === 'string' ? { text: interest } : interest;
  const names = index.namesOf(supplier);
  if (names.length === 0) return false;
  if (it.organisation && it.organisation.trim() !== '' && names.includes(normaliseSupplierName(it.organisation))) {
    return true;
  }
  const words = normaliseWords(it.text);
  return names.some((n) => containsWords(words, n));
}

/** One match: the interest (as registered) and the supplier it names. */
export interface SupplierInterestMatch {
  readonly interest: string;
  readonly supplier: string;
}

/**
 * The interests among `interests` that name any of `suppliers`, each with
 * the supplier it names (the first, in the order given), in the interests'
 * order.
 */
export function matchInterestsToSuppliers(
  interests: readonly (InterestText | string)[],
  suppliers: readonly string[],
  index: SupplierIndex,
): readonly SupplierInterestMatch[] {
  const out: SupplierInterestMatch[] = [];
  for (const interest of interests) {
    const supplier = suppliers.find((s) => interestNamesSupplier(interest, s, index));
    if (supplier !== undefined) {
      out.push({ interest: typeof interest === 'string' ? interest : interest.text, supplier });
    }
  }
  return out;
}

/**
 * The board's stored alias groups (Settings `supplierAliases`): the names the
 * board said are the same supplier. Pass them to {@link supplierIndex}.
 */
export function boardSupplierAliases(state: { readonly settings: Pick<Settings, 'supplierAliases'> }): SupplierAliases {
  return state.settings.supplierAliases;
}

/** A member's registered interests as the matcher reads them: each text with the organisation it names, if recorded. */
export function memberInterestTexts(member: Pick<Member, 'interests' | 'interestOrganisations'>): InterestText[] {
  return member.interests.map((text, i) => {
    const organisation = member.interestOrganisations?.[i]?.trim() ?? '';
    return organisation === '' ? { text } : { text, organisation };
  });
}
