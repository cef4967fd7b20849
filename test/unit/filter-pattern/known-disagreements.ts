/**
 * Vectors of `../shared/vectors/filter-patterns.json` (confidence `inferred` only) whose expected
 * outcome the lab believes is wrong. The vector stays in the file; the test asserts the lab's
 * behaviour (`labMatch`) instead and fails if the list grows past MAX_KNOWN_DISAGREEMENTS or an entry
 * no longer disagrees. Every entry says why.
 *
 * Currently empty: all 283 vectors, including the 176 inferred ones, agree with the lab's readings
 * (GRAMMAR.md §4). The closest call is sd-w-14 (UNRESOLVED in the reference: extra fields without
 * `...`), where the lab's default 'no-match' agrees with the vector.
 */
export interface KnownDisagreement {
  readonly id: string;
  /** What the lab answers instead of the vector's `match`. */
  readonly labMatch: boolean;
  readonly reason: string;
}

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [];

export const MAX_KNOWN_DISAGREEMENTS = 5;
