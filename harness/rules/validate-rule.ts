import { ALARM_STATES, isAlarmStateValue } from '../aws/index.ts';
import type { AlarmStateValue } from '../aws/index.ts';
import {
  MAX_ALARM_DESCRIPTION_LENGTH,
  RESERVED_NAMESPACE_PREFIX,
  maxEvaluationWindowSeconds,
} from '../aws/facts/cloudwatch.ts';
import { METRIC_FILTER_RESOLUTION_SECONDS } from '../aws/facts/logs.ts';
import { TOPIC_NAME_PATTERN } from '../aws/facts/sns.ts';
import {
  MAX_DIMENSIONS,
  MAX_METRIC_NAME_LENGTH,
  MAX_METRIC_VALUE_LENGTH,
  MAX_PATTERN_LENGTH,
  STANDARD_UNITS,
} from '../filter-pattern/index.ts';
import { ALARM_COMPARISON_OPERATORS, RULE_DEFAULTS, STATISTICS, TREAT_MISSING_DATA } from './rule.ts';
import type { AlarmSpec, MetricFilterSpec, Rule } from './rule.ts';
import type { RuleIssue } from './errors.ts';
import { describe, isRecord } from './untrusted-value.ts';
import { SEVERITIES, TECHNIQUE_ID_PATTERN } from './attack.ts';
import type { Severity } from './attack.ts';

/** Rule ids are kebab-case so they work as alarm names, filter names and scenario references. */
export const RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RULE_ID_MAX = 128;

/** Checks a filter pattern (and metric value against it); throws with a readable message if invalid. */
export type PatternChecker = (
  pattern: string,
  value: string,
  dimensions: Readonly<Record<string, string>>,
) => void;

export interface ValidateRuleOptions {
  readonly source: string;
  /** Position in its file (0-based), used to name a rule that has no valid id. */
  readonly index: number;
  readonly checkPattern?: PatternChecker;
}

export type ValidateRuleResult =
  { readonly ok: true; readonly rule: Rule } | { readonly ok: false; readonly issues: readonly RuleIssue[] };

const RULE_KEYS = [
  'id',
  'title',
  'rationale',
  'severity',
  'techniques',
  'topic',
  'notify',
  'filter',
  'alarm',
];
const FILTER_KEYS = ['pattern', 'metricName', 'namespace', 'value', 'defaultValue', 'dimensions', 'unit'];
const ALARM_KEYS = [
  'statistic',
  'period',
  'evaluationPeriods',
  'datapointsToAlarm',
  'comparison',
  'threshold',
  'treatMissingData',
  'description',
  'dimensions',
];

/**
 * Turns untrusted data (a parsed YAML/JSON rule or a built-in definition) into a Rule, applying
 * defaults, or lists every problem with the rule id and the dotted field it concerns.
 */
export function validateRule(raw: unknown, options: ValidateRuleOptions): ValidateRuleResult {
  const issues: RuleIssue[] = [];
  const ruleName =
    isRecord(raw) && typeof raw['id'] === 'string' && raw['id'] !== '' ? raw['id'] : `#${options.index + 1}`;
  const issue = ((field: string, message: string): void => {
    issues.push({ source: options.source, rule: ruleName, field, message });
  }) as Issue;
  Object.defineProperty(issue, 'count', { get: () => issues.length });
  if (!isRecord(raw)) {
    issue('(rule)', `expected an object with id, filter and alarm, got ${describe(raw)}`);
    return { ok: false, issues };
  }
  unknownKeys(raw, RULE_KEYS, '', issue);

  const id = raw['id'];
  if (typeof id !== 'string' || id === '') issue('id', `expected a kebab-case string, got ${describe(id)}`);
  else if (id.length > RULE_ID_MAX || !RULE_ID_PATTERN.test(id)) {
    issue(
      'id',
      `expected kebab-case (a-z, 0-9, single hyphens), at most ${RULE_ID_MAX} characters, got ${JSON.stringify(id)}`,
    );
  }
  const title = optionalString(raw, 'title', issue) ?? (typeof id === 'string' ? id : '');
  const rationale = optionalString(raw, 'rationale', issue) ?? '';
  const topic = optionalString(raw, 'topic', issue) ?? RULE_DEFAULTS.topic;
  if (!TOPIC_NAME_PATTERN.test(topic)) {
    issue(
      'topic',
      `expected an SNS topic name (letters, digits, '-', '_', 1-256), got ${JSON.stringify(topic)}`,
    );
  }
  const notify = parseNotify(raw['notify'], issue);
  const severity = parseSeverity(raw['severity'], issue);
  const techniques = parseTechniques(raw['techniques'], issue);
  const filter = parseFilter(raw['filter'], issue);
  const alarm = parseAlarm(raw['alarm'], title, issue);
  if (filter && alarm) {
    const filterDims = Object.keys(filter.dimensions ?? {}).sort();
    const alarmDims = Object.keys(alarm.dimensions ?? {}).sort();
    if (filterDims.join('\n') !== alarmDims.join('\n')) {
      issue(
        'alarm.dimensions',
        `must give a value for exactly the filter's dimensions (${filterDims.join(', ') || 'none'}), got ${alarmDims.join(', ') || 'none'}: an alarm on another dimension set never sees the filter's data`,
      );
    }
  }

  if (filter && options.checkPattern) {
    try {
      options.checkPattern(filter.pattern, filter.value, filter.dimensions ?? {});
    } catch (error) {
      issue('filter.pattern', error instanceof Error ? error.message : String(error));
    }
  }
  if (issues.length > 0 || !filter || !alarm || typeof id !== 'string') return { ok: false, issues };
  return {
    ok: true,
    rule: Object.freeze({
      id,
      title,
      rationale,
      severity,
      techniques,
      source: options.source,
      filter,
      alarm,
      topic,
      notify,
    }),
  };
}

/** Records a problem; `count` tells a parser whether it added any. */
interface Issue {
  (field: string, message: string): void;
  readonly count: number;
}

function parseNotify(value: unknown, issue: Issue): readonly AlarmStateValue[] {
  if (value === undefined) return RULE_DEFAULTS.notify;
  if (!Array.isArray(value)) {
    issue('notify', `expected a list of alarm states (${ALARM_STATES.join(', ')}), got ${describe(value)}`);
    return RULE_DEFAULTS.notify;
  }
  const bad = value.map((v, i) => [v, i] as const).filter(([v]) => !isAlarmStateValue(v));
  for (const [v, i] of bad) {
    issue(`notify[${i}]`, `expected an alarm state (${ALARM_STATES.join(', ')}), got ${describe(v)}`);
  }
  if (bad.length > 0) return RULE_DEFAULTS.notify;
  return Object.freeze([...new Set(value)]);
}

function parseSeverity(value: unknown, issue: Issue): Severity {
  if (value === undefined) return RULE_DEFAULTS.severity;
  if (typeof value !== 'string' || !(SEVERITIES as readonly string[]).includes(value)) {
    issue('severity', `expected one of ${SEVERITIES.join(', ')}, got ${describe(value)}`);
    return RULE_DEFAULTS.severity;
  }
  return value as Severity;
}

function parseTechniques(value: unknown, issue: Issue): readonly string[] {
  if (value === undefined) return RULE_DEFAULTS.techniques;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && TECHNIQUE_ID_PATTERN.test(v))) {
    issue(
      'techniques',
      `expected a list of MITRE ATT&CK technique ids such as T1078 or T1562.008, got ${describe(value)}`,
    );
    return RULE_DEFAULTS.techniques;
  }
  return Object.freeze([...new Set(value as string[])]);
}

function parseFilter(value: unknown, issue: Issue): MetricFilterSpec | undefined {
  if (!isRecord(value)) {
    issue('filter', `expected an object with pattern and metricName, got ${describe(value)}`);
    return undefined;
  }
  unknownKeys(value, FILTER_KEYS, 'filter.', issue);
  const before = issue.count;
  const pattern = value['pattern'];
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    issue('filter.pattern', `expected a non-empty CloudWatch Logs filter pattern, got ${describe(pattern)}`);
  } else if (pattern.length > MAX_PATTERN_LENGTH) {
    issue(
      'filter.pattern',
      `is ${pattern.length} characters; PutMetricFilter allows at most ${MAX_PATTERN_LENGTH}`,
    );
  }
  const metricName = metricIdentifier(value, 'metricName', undefined, issue);
  const namespace = metricIdentifier(value, 'namespace', RULE_DEFAULTS.namespace, issue);
  if (namespace?.startsWith(RESERVED_NAMESPACE_PREFIX)) {
    issue(
      'filter.namespace',
      `namespaces starting with '${RESERVED_NAMESPACE_PREFIX}' are reserved for AWS services`,
    );
  }
  let metricValue: string = RULE_DEFAULTS.value;
  const rawValue = value['value'];
  if (typeof rawValue === 'number' && Number.isFinite(rawValue)) metricValue = String(rawValue);
  else if (typeof rawValue === 'string' && rawValue !== '') metricValue = rawValue;
  else if (rawValue !== undefined)
    issue('filter.value', `expected a number or a selector like "$.field", got ${describe(rawValue)}`);
  if (metricValue.length > MAX_METRIC_VALUE_LENGTH)
    issue('filter.value', `is longer than ${MAX_METRIC_VALUE_LENGTH} characters`);
  else if (!/^-?\d+(\.\d+)?$/.test(metricValue) && !metricValue.startsWith('$')) {
    issue(
      'filter.value',
      `expected a number or a field selector starting with '$', got ${JSON.stringify(metricValue)}`,
    );
  }
  const defaultValue = value['defaultValue'];
  if (defaultValue !== undefined && (typeof defaultValue !== 'number' || !Number.isFinite(defaultValue))) {
    issue('filter.defaultValue', `expected a number, got ${describe(defaultValue)}`);
  }
  const dimensions = value['dimensions'];
  if (dimensions !== undefined) {
    if (
      !isRecord(dimensions) ||
      Object.values(dimensions).some((v) => typeof v !== 'string' || !v.startsWith('$'))
    ) {
      issue(
        'filter.dimensions',
        `expected a map of dimension name to field selector ("$.field"), got ${describe(dimensions)}`,
      );
    } else if (Object.keys(dimensions).length > MAX_DIMENSIONS) {
      issue(
        'filter.dimensions',
        `has ${Object.keys(dimensions).length} dimensions; a metric filter allows at most ${MAX_DIMENSIONS}`,
      );
    } else if (defaultValue !== undefined) {
      issue(
        'filter.defaultValue',
        'cannot be set together with dimensions (CloudWatch Logs refuses the combination)',
      );
    }
  }
  const unit = value['unit'];
  if (unit !== undefined && !(STANDARD_UNITS as readonly unknown[]).includes(unit)) {
    issue('filter.unit', `expected a CloudWatch unit (Count, None, Seconds, ...), got ${describe(unit)}`);
  }
  if (issue.count > before || typeof pattern !== 'string' || !metricName || !namespace) return undefined;
  return Object.freeze({
    pattern,
    metricName,
    namespace,
    value: metricValue,
    ...(typeof defaultValue === 'number' ? { defaultValue } : {}),
    ...(isRecord(dimensions) && Object.keys(dimensions).length > 0
      ? { dimensions: Object.freeze({ ...(dimensions as Record<string, string>) }) }
      : {}),
    ...(typeof unit === 'string' ? { unit: unit as MetricFilterSpec['unit'] } : {}),
  });
}

function parseAlarm(value: unknown, title: string, issue: Issue): AlarmSpec | undefined {
  const spec = value === undefined ? {} : value;
  if (!isRecord(spec)) {
    issue('alarm', `expected an object (statistic, period, threshold...), got ${describe(value)}`);
    return undefined;
  }
  unknownKeys(spec, ALARM_KEYS, 'alarm.', issue);
  const before = issue.count;
  const d = RULE_DEFAULTS.alarm;
  const statistic = oneOf(spec, 'statistic', STATISTICS, d.statistic, issue);
  const comparison = oneOf(spec, 'comparison', ALARM_COMPARISON_OPERATORS, d.comparison, issue);
  const treatMissingData = oneOf(spec, 'treatMissingData', TREAT_MISSING_DATA, d.treatMissingData, issue);
  const period = integer(spec, 'period', d.period, 1, issue);
  if (period % METRIC_FILTER_RESOLUTION_SECONDS !== 0) {
    issue(
      'alarm.period',
      `expected a multiple of 60 seconds (metric-filter metrics have one datapoint a minute), got ${period}`,
    );
  }
  const evaluationPeriods = integer(spec, 'evaluationPeriods', d.evaluationPeriods, 1, issue);
  const datapointsToAlarm = integer(spec, 'datapointsToAlarm', evaluationPeriods, 1, issue);
  if (datapointsToAlarm > evaluationPeriods) {
    issue(
      'alarm.datapointsToAlarm',
      `(${datapointsToAlarm}) cannot exceed alarm.evaluationPeriods (${evaluationPeriods})`,
    );
  }
  const windowMax = maxEvaluationWindowSeconds(period);
  if (period * evaluationPeriods > windowMax) {
    issue(
      'alarm.evaluationPeriods',
      `period × evaluationPeriods = ${period * evaluationPeriods} s exceeds ${windowMax} s`,
    );
  }
  const threshold = spec['threshold'] ?? d.threshold;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    issue('alarm.threshold', `expected a number, got ${describe(threshold)}`);
  }
  const description = spec['description'] ?? title;
  if (typeof description !== 'string')
    issue('alarm.description', `expected a string, got ${describe(description)}`);
  else if (description.length > MAX_ALARM_DESCRIPTION_LENGTH) {
    issue(
      'alarm.description',
      `is ${description.length} characters; PutMetricAlarm allows at most ${MAX_ALARM_DESCRIPTION_LENGTH}`,
    );
  }
  const dimensions = spec['dimensions'];
  if (
    dimensions !== undefined &&
    (!isRecord(dimensions) || Object.values(dimensions).some((v) => typeof v !== 'string'))
  ) {
    issue('alarm.dimensions', `expected a map of dimension name to value, got ${describe(dimensions)}`);
  }
  if (issue.count > before) return undefined;
  return Object.freeze({
    statistic,
    period,
    evaluationPeriods,
    datapointsToAlarm,
    comparison,
    threshold: threshold as number,
    treatMissingData,
    description: description as string,
    ...(isRecord(dimensions) && Object.keys(dimensions).length > 0
      ? { dimensions: Object.freeze({ ...(dimensions as Record<string, string>) }) }
      : {}),
  });
}

function metricIdentifier(
  obj: Record<string, unknown>,
  key: string,
  fallback: string | undefined,
  issue: Issue,
): string | undefined {
  const value = obj[key] ?? fallback;
  if (typeof value !== 'string' || value === '') {
    issue(`filter.${key}`, `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }
  if (value.length > MAX_METRIC_NAME_LENGTH || /[:*$]/.test(value)) {
    issue(
      `filter.${key}`,
      `expected at most ${MAX_METRIC_NAME_LENGTH} characters without ':', '*' or '$', got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  return value;
}

function oneOf<T extends string>(
  obj: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  fallback: T,
  issue: Issue,
): T {
  const value = obj[key] ?? fallback;
  if (!(allowed as readonly unknown[]).includes(value)) {
    issue(`alarm.${key}`, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    return fallback;
  }
  return value as T;
}

function integer(
  obj: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  issue: Issue,
): number {
  const value = obj[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    issue(`alarm.${key}`, `expected an integer >= ${min}, got ${describe(value)}`);
    return fallback;
  }
  return value;
}

function optionalString(obj: Record<string, unknown>, key: string, issue: Issue): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    issue(key, `expected a string, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function unknownKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  issue: Issue,
): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) issue(`${prefix}${key}`, `unknown field; expected one of ${known.join(', ')}`);
  }
}
