/**
 * The behaviours AWS leaves undocumented (filter-patterns.md §11), each decided once here so a
 * different reading is a one-line change. GRAMMAR.md explains every choice; the ones that are
 * switches are options a caller can override (`FilterPatternOptions.choices`).
 */
export interface FilterPatternChoices {
  /**
   * Q1: a space-delimited event with more fields than the pattern has slots, and no `...`.
   * `'no-match'` (default) follows the 2020 documentation results and Counting404Responses ("The
   * pattern needs to match with the entire log event message"); `'last-absorbs-rest'` is the reading
   * of the current page's "blank indicator" note (the last slot takes the rest of the line).
   */
  readonly spaceDelimitedExtraFields: 'no-match' | 'last-absorbs-rest';
  /**
   * Q11: TestMetricFilter `extractedValues` for a JSON pattern. `'selectors'` (default) reports the
   * value of every selector of the pattern under its own text (`"$.eventType": "UpdateTrail"`), as
   * the console's Test pattern table shows; `'none'` returns `{}` as the 2020 documentation said.
   */
  readonly jsonExtractedValues: 'selectors' | 'none';
  /**
   * Q17: a `%regex%` next to other terms in an unstructured pattern. AWS documents regex terms only
   * as "standalone" patterns, so by default the lab refuses the mix (`'reject'`) rather than guess how
   * AWS combines them; `'allow'` treats a regex like any other term (ANDed, `-` and `?` prefixes).
   */
  readonly regexAmongTerms: 'reject' | 'allow';
}

export const DEFAULT_CHOICES: FilterPatternChoices = Object.freeze({
  spaceDelimitedExtraFields: 'no-match',
  jsonExtractedValues: 'selectors',
  regexAmongTerms: 'reject',
});
