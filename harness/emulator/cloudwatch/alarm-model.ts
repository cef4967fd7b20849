/**
 * The emulator's alarm records (camelCase, epoch ms). Operations convert them to the API shapes
 * (`MetricAlarm`, `CompositeAlarm`) on the way out.
 */
import type { AlarmStateValue, TreatMissingData } from '../../alarm-evaluation/index.ts';
import type { DimensionValue } from './metric-identity.ts';

export interface AlarmStateRecord {
  readonly value: AlarmStateValue;
  readonly reason: string;
  /** JSON text; absent for states set without data (creation, SetAlarmState without data). */
  readonly reasonData?: string | undefined;
  /** Last update of the state (StateUpdatedTimestamp). */
  readonly updatedAt: number;
  /** Last change of the state value (StateTransitionedTimestamp). */
  readonly transitionedAt: number;
}

export interface MetricStatSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly DimensionValue[];
  readonly period: number;
  readonly stat: string;
  readonly unit?: string | undefined;
}

/** One item of a metric-math alarm's `Metrics` (a MetricDataQuery). */
export interface MetricQuerySpec {
  readonly id: string;
  readonly metricStat?: MetricStatSpec | undefined;
  readonly expression?: string | undefined;
  readonly label?: string | undefined;
  readonly returnData?: boolean | undefined;
  readonly period?: number | undefined;
  readonly accountId?: string | undefined;
}

/** What metric and composite alarms have in common: a name and the actions of each state. */
export interface AlarmConfigBase {
  readonly alarmName: string;
  readonly alarmDescription?: string | undefined;
  readonly actionsEnabled: boolean;
  readonly okActions: readonly string[];
  readonly alarmActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

export interface MetricAlarmConfig extends AlarmConfigBase {
  readonly metricName?: string | undefined;
  readonly namespace?: string | undefined;
  readonly statistic?: string | undefined;
  readonly extendedStatistic?: string | undefined;
  readonly dimensions: readonly DimensionValue[];
  /** Seconds; for metric-math alarms, the period of the queries. */
  readonly period?: number | undefined;
  readonly unit?: string | undefined;
  readonly evaluationPeriods: number;
  /** As set by the user; undefined means N (and changes the StateReason wording). */
  readonly datapointsToAlarm?: number | undefined;
  readonly threshold?: number | undefined;
  readonly comparisonOperator: string;
  /** As set by the user; undefined means `missing`. */
  readonly treatMissingData?: TreatMissingData | undefined;
  readonly evaluateLowSampleCountPercentile?: string | undefined;
  readonly metrics?: readonly MetricQuerySpec[] | undefined;
  readonly thresholdMetricId?: string | undefined;
}

export interface CompositeAlarmConfig extends AlarmConfigBase {
  readonly alarmRule: string;
  readonly actionsSuppressor?: string | undefined;
  readonly actionsSuppressorWaitPeriod?: number | undefined;
  readonly actionsSuppressorExtensionPeriod?: number | undefined;
}

/** An alarm of one account and region: its configuration (replaced on update) and its state. */
interface AlarmRecordOf<T extends 'MetricAlarm' | 'CompositeAlarm', C extends AlarmConfigBase> {
  readonly type: T;
  readonly accountId: string;
  readonly region: string;
  readonly arn: string;
  config: C;
  configuredAt: number;
  state: AlarmStateRecord;
  tags: { key: string; value: string }[];
}

export type MetricAlarmRecord = AlarmRecordOf<'MetricAlarm', MetricAlarmConfig>;
export type CompositeAlarmRecord = AlarmRecordOf<'CompositeAlarm', CompositeAlarmConfig>;

export type AlarmRecord = MetricAlarmRecord | CompositeAlarmRecord;

export function alarmArn(accountId: string, region: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;
}

/** The initial state of every new alarm (botocore PutMetricAlarm; reason recorded at AWS). */
export const INITIAL_STATE_REASON = 'Unchecked: Initial alarm creation';
