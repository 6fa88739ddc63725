/** What the seal channels answer. */

/** A decision's seal as one journal entry made it. */
export interface SealAt {
  readonly seal: string;
  /** The journal entry that made the record so (the signing, or an amendment). */
  readonly seq: number;
  readonly at: string;
  readonly summary: string;
  /** How many amendments the decision had at this seal. */
  readonly amendments: number;
}

/** A decision's seals: the current one and every earlier one, oldest first. */
export interface DecisionSeals {
  readonly decisionId: string;
  readonly reference: string;
  /** Null while the decision is a draft. */
  readonly current: SealAt | null;
  readonly history: readonly SealAt[];
  /** The fields a seal covers, in words. */
  readonly fields: readonly string[];
}

/** The answer to "Check a seal". */
export interface SealCheck {
  readonly reference: string;
  /** `current`: the record matches; `earlier`: it matched at an earlier entry and changed since; `none`: never. */
  readonly verdict: 'current' | 'earlier' | 'none';
  readonly message: string;
  readonly matched: SealAt | null;
  readonly current: SealAt | null;
  /** What changed since the matched seal: the journal entries, in words. */
  readonly changesSince: readonly SealAt[];
  /** The amendments recorded since the matched seal. */
  readonly amendmentsSince: ReadonlyArray<{ readonly what: string; readonly why: string; readonly at: string }>;
}
