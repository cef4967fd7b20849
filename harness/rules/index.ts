export type {
  Rule,
  MetricFilterSpec,
  AlarmSpec,
  Statistic,
  AlarmComparisonOperator,
  TreatMissingData,
} from './rule.ts';
export { RULE_DEFAULTS, DEFAULT_LOG_GROUP } from './rule.ts';
export {
  SEVERITIES,
  ATTACK_TECHNIQUES,
  TECHNIQUE_ID_PATTERN,
  techniqueName,
  techniqueUrl,
} from './attack.ts';
export type { Severity } from './attack.ts';
export { validateRule, RULE_ID_PATTERN } from './validate-rule.ts';
export type { PatternChecker, ValidateRuleResult } from './validate-rule.ts';
export { RuleValidationError, RuleFileError } from './errors.ts';
export type { RuleIssue } from './errors.ts';
export { BUILTIN_RULE_IDS, builtinRuleDefinitions, ROOT_CLIENT_ID } from './builtin-pack.ts';
export type { BuiltinRuleId, PackParameters } from './builtin-pack.ts';
export {
  DEFAULT_BUSINESS_HOURS,
  offHoursTimeRegex,
  offHoursUtcIntervals,
  parseWindow,
  utcOffsetMinutes,
} from './business-hours.ts';
export type { BusinessHours } from './business-hours.ts';
export { loadRuleFile, parseRuleFile } from './rule-file.ts';
export type { RuleFile } from './rule-file.ts';
export { buildRuleSet, alarmName, filterName, topicName, ruleTopics } from './rule-set.ts';
export type { RuleSet, RuleSetOptions } from './rule-set.ts';
export { loadRuleSet } from './load-rule-set.ts';
export type { LoadRuleSetOptions } from './load-rule-set.ts';
export { checkFilterPattern } from './pattern-check.ts';
export { desiredState } from './provision/desired-state.ts';
export type { DesiredState, DesiredAlarm, DesiredMetricFilter } from './provision/desired-state.ts';
export { applyDesiredState } from './provision/apply.ts';
export { logGroupExists, readAlarms } from './provision/read-state.ts';
export type { ApplyOptions } from './provision/apply.ts';
export { destroyDesiredState } from './provision/destroy.ts';
export type { DestroyOptions } from './provision/destroy.ts';
export { formatChanges, isEmptyDiff } from './provision/changes.ts';
export type { Change, FieldChange, ProvisionResult, ResourceKind } from './provision/changes.ts';
export { exportRules, EXPORT_FORMATS, formatForFile } from './export/index.ts';
export type { ExportFormat, ExportOptions, TemplateSyntax } from './export/index.ts';
export { lintRule, lintRuleSet, formatLintReport, formatLintWarnings, LINT_IDS } from './lint/index.ts';
export type { LintReport, LintFinding, LintId, LintSeverity } from './lint/index.ts';
