/** What `rules lint` reports: one finding per problem, tied to a rule and, where it fits, a part of its pattern. */
export type LintSeverity = 'error' | 'warning';

export const LINT_IDS = [
  'double-count',
  'hmac-compare',
  'display-name-root',
  'unknown-field',
  'alarm-never-fires',
  'alarm-never-recovers',
  'limit-regex',
  'limit-wildcards',
  'limit-length',
] as const;
export type LintId = (typeof LINT_IDS)[number];

export interface PatternPart {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface LintFinding {
  readonly id: LintId;
  readonly severity: LintSeverity;
  readonly ruleId: string;
  readonly message: string;
  /** What to write instead. */
  readonly suggestion: string;
  /** The part of the filter pattern the finding is about, when it is about one. */
  readonly part?: PatternPart;
  /** The pattern with a caret line under `part`. */
  readonly caret?: string;
  /** Set when the rule keeps this flaw on purpose: why. Accepted findings never fail the lint. */
  readonly accepted?: string;
}

/** A finding about part of a pattern, with the caret drawn under it. */
export function atPart(pattern: string, start: number, end: number): Pick<LintFinding, 'part' | 'caret'> {
  const width = Math.max(1, end - start);
  return {
    part: { start, end, text: pattern.slice(start, end) },
    caret: `${pattern}\n${' '.repeat(start)}${'^'.repeat(width)}`,
  };
}
