import type { AlarmStateValue } from '../aws/index.ts';
import type { StaticComparisonOperator, TreatMissingData } from '../alarm-evaluation/index.ts';
import type { StandardUnit } from '../filter-pattern/index.ts';
import type { Severity } from './attack.ts';

/**
 * A detection rule as data: one CloudWatch Logs metric filter on the audit log group, one metric
 * alarm on the metric it produces, and the SNS topic the alarm's actions notify. The rule id is the
 * alarm name (a run prefix may precede it on shared accounts) and the metric filter name.
 */
export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type Statistic = (typeof STATISTICS)[number];

/**
 * The operators that apply to static thresholds (anomaly-band operators need a model, not a rule) and
 * the missing-data treatments: the alarm evaluation's own lists, so a rule accepts exactly what the
 * evaluation and the emulator evaluate.
 */
export {
  STATIC_COMPARISON_OPERATORS as ALARM_COMPARISON_OPERATORS,
  TREAT_MISSING_DATA_VALUES as TREAT_MISSING_DATA,
} from '../alarm-evaluation/index.ts';
export type {
  StaticComparisonOperator as AlarmComparisonOperator,
  TreatMissingData,
} from '../alarm-evaluation/index.ts';

export interface MetricFilterSpec {
  /** CloudWatch Logs filter pattern, validated with the lab's filter-pattern engine at load. */
  readonly pattern: string;
  readonly metricName: string;
  readonly namespace: string;
  /** `metricValue`: a number ("1") or a JSON selector (`$.field`) whose value is published. */
  readonly value: string;
  /** Published for a minute with ingested events but no match; exclusive with dimensions. */
  readonly defaultValue?: number;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly unit?: StandardUnit;
}

export interface AlarmSpec {
  readonly statistic: Statistic;
  /** Seconds; metric-filter metrics are standard resolution, so a multiple of 60. */
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparison: StaticComparisonOperator;
  readonly threshold: number;
  readonly treatMissingData: TreatMissingData;
  readonly description: string;
  /**
   * Concrete dimension values the alarm watches. A filter with dimensions publishes one metric per
   * value combination, so its alarm must name one combination (every filter dimension).
   */
  readonly dimensions?: Readonly<Record<string, string>>;
}

export interface Rule {
  /** kebab-case; the alarm name and the metric filter name (after the run prefix). */
  readonly id: string;
  readonly title: string;
  /** One line: why the rule is written the way it is. */
  readonly rationale: string;
  /** How urgent a firing is. */
  readonly severity: Severity;
  /** MITRE ATT&CK technique ids the rule detects (`T1078`, `T1562.008`). */
  readonly techniques: readonly string[];
  /** `builtin`, or the path of the user rule file that defined it. */
  readonly source: string;
  readonly filter: MetricFilterSpec;
  readonly alarm: AlarmSpec;
  /** Topic name (without prefix) the alarm's actions publish to. */
  readonly topic: string;
  /** Alarm states whose actions notify the topic. */
  readonly notify: readonly AlarmStateValue[];
}

/** Defaults shared by the built-in pack and user rules that leave a field out. */
export const RULE_DEFAULTS = {
  namespace: 'VaultMetricNamespace',
  value: '1',
  topic: 'vault-audit-alarms',
  notify: ['ALARM'] as readonly AlarmStateValue[],
  severity: 'medium',
  techniques: [] as readonly string[],
  alarm: {
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    treatMissingData: 'notBreaching',
  },
} as const;

/** The log group the article's CloudWatch agent config ships to (without its trailing space). */
export const DEFAULT_LOG_GROUP = 'vault_audit_log';
