import { LabError } from '../errors.ts';

export interface RuleIssue {
  /** Where the rule came from: `builtin` or a file path. */
  readonly source: string;
  /** Rule id, or `#N` (1-based) when the rule has no usable id. */
  readonly rule: string;
  /** Dotted field path, e.g. `alarm.period`. */
  readonly field: string;
  readonly message: string;
}

/** One or more rules are invalid; every problem found is listed, not just the first. */
export class RuleValidationError extends LabError {
  readonly issues: readonly RuleIssue[];

  constructor(issues: readonly RuleIssue[]) {
    const lines = issues.map((i) => `  ${i.source}: rule '${i.rule}' field '${i.field}': ${i.message}`);
    super(
      'LAB_RULE_INVALID',
      `${issues.length === 1 ? 'a rule is invalid' : `the rules have ${issues.length} problems`}:\n${lines.join('\n')}`,
    );
    this.issues = issues;
  }
}

/** A rule file cannot be read or parsed at all. */
export class RuleFileError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_RULE_FILE', message, options);
  }
}
