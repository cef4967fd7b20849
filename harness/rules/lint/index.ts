/** `rules lint`: rules that are valid for AWS but written in a way that will bite. */
export { lintRule, lintRuleSet } from './lint-rule-set.ts';
export type { LintReport } from './lint-rule-set.ts';
export { LINT_IDS } from './finding.ts';
export type { LintFinding, LintId, LintSeverity, PatternPart } from './finding.ts';
export { formatLintReport, formatLintWarnings } from './format-lint.ts';
export { auditFieldPaths } from './audit-field-paths.ts';
