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

/**
 * Rejected vectors whose recorded message is the generic text while the lab answers with a more
 * specific one that the service was seen to return for the same construct (GRAMMAR.md §5 "Known AWS
 * texts"). The reference calls error texts indicative; the test compares every other one exactly.
 */
export const KNOWN_MESSAGE_DIFFERENCES: ReadonlyMap<
  string,
  { readonly labError: string; readonly reason: string }
> = new Map([
  [
    'err-2',
    {
      labError: 'InvalidParameterException: Invalid character(s) in term',
      reason:
        'a regex character outside the allowed set: the service text seen for a regex with ( ) (MoJ PR 5137)',
    },
  ],
  [
    'err-5',
    {
      labError: "InvalidParameterException: Duplicate field '...'",
      reason: "a second ellipsis: the vector's own note cites the service error \"Duplicate field '...'\"",
    },
  ],
  [
    'err-13',
    {
      labError: 'InvalidParameterException: Invalid character(s) in term \'"abc"\'',
      reason: 'a numeric operator with a quoted value: the text a TestMetricFilter suite recorded',
    },
  ],
]);
