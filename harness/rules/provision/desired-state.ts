import type { MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import type { AlarmStateValue, SubscriptionSpec } from '../../aws/index.ts';
import type { StandardUnit } from '../../filter-pattern/index.ts';
import type { Rule } from '../rule.ts';
import { alarmName, filterName, ruleTopics, topicName } from '../rule-set.ts';
import type { RuleSet } from '../rule-set.ts';
import { alarmTags } from './ownership.ts';
import type { Tag } from './ownership.ts';

export interface DesiredMetricFilter {
  readonly ruleId: string;
  readonly filterName: string;
  readonly filterPattern: string;
  readonly transformation: MetricTransformation;
}

export interface DesiredAlarm {
  readonly ruleId: string;
  readonly alarmName: string;
  readonly description: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly statistic: Rule['alarm']['statistic'];
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparison: Rule['alarm']['comparison'];
  readonly threshold: number;
  readonly treatMissingData: Rule['alarm']['treatMissingData'];
  readonly dimensions: ReadonlyArray<{ readonly Name: string; readonly Value: string }>;
  readonly unit?: StandardUnit;
  /** Topic names (prefixed) per state; turned into ARNs once the topics exist. */
  readonly alarmTopics: readonly string[];
  readonly okTopics: readonly string[];
  readonly insufficientDataTopics: readonly string[];
  /** The tags that mark the alarm as the lab's (ownership.ts), sorted by key. */
  readonly tags: readonly Tag[];
}

export interface DesiredState {
  /** The run prefix in front of every name; lab resources with another prefix are not this set's. */
  readonly prefix: string;
  readonly logGroupName: string;
  readonly topics: readonly string[];
  readonly metricFilters: readonly DesiredMetricFilter[];
  readonly alarms: readonly DesiredAlarm[];
  /** Where the topics' messages go besides the alarm actions (the lab's sink, a user's endpoint). */
  readonly subscriptions: readonly SubscriptionSpec[];
}

export function desiredState(set: RuleSet, subscriptions: readonly SubscriptionSpec[] = []): DesiredState {
  return {
    prefix: set.prefix,
    logGroupName: set.logGroupName,
    topics: ruleTopics(set).map((t) => topicName(set, t)),
    metricFilters: set.rules.map((rule) => ({
      ruleId: rule.id,
      filterName: filterName(set, rule),
      filterPattern: rule.filter.pattern,
      transformation: {
        metricName: rule.filter.metricName,
        metricNamespace: rule.filter.namespace,
        metricValue: rule.filter.value,
        ...(rule.filter.defaultValue !== undefined ? { defaultValue: rule.filter.defaultValue } : {}),
        ...(rule.filter.dimensions ? { dimensions: { ...rule.filter.dimensions } } : {}),
        ...(rule.filter.unit ? { unit: rule.filter.unit } : {}),
      },
    })),
    alarms: set.rules.map((rule) => {
      const topic = topicName(set, rule.topic);
      const on = (state: AlarmStateValue): string[] => (rule.notify.includes(state) ? [topic] : []);
      return {
        ruleId: rule.id,
        alarmName: alarmName(set, rule),
        description: rule.alarm.description,
        metricName: rule.filter.metricName,
        namespace: rule.filter.namespace,
        statistic: rule.alarm.statistic,
        period: rule.alarm.period,
        evaluationPeriods: rule.alarm.evaluationPeriods,
        datapointsToAlarm: rule.alarm.datapointsToAlarm,
        comparison: rule.alarm.comparison,
        threshold: rule.alarm.threshold,
        treatMissingData: rule.alarm.treatMissingData,
        dimensions: Object.entries(rule.alarm.dimensions ?? {})
          .map(([Name, Value]) => ({ Name, Value }))
          .sort((a, b) => a.Name.localeCompare(b.Name)),
        ...(rule.filter.unit ? { unit: rule.filter.unit } : {}),
        alarmTopics: on('ALARM'),
        okTopics: on('OK'),
        insufficientDataTopics: on('INSUFFICIENT_DATA'),
        tags: alarmTags(set.prefix, rule.id),
      };
    }),
    subscriptions,
  };
}

/** The topics each alarm state notifies: ARNs when applying, template references when exporting. */
export interface AlarmActions<Action> {
  readonly alarm: readonly Action[];
  readonly ok: readonly Action[];
  readonly insufficientData: readonly Action[];
}

/**
 * The alarm as PutMetricAlarm fields, which CloudFormation's `AWS::CloudWatch::Alarm` properties
 * repeat name for name, so apply and the template cannot drift apart.
 */
export function metricAlarmFields<Action>(alarm: DesiredAlarm, actions: AlarmActions<Action>) {
  return {
    AlarmName: alarm.alarmName,
    AlarmDescription: alarm.description,
    ActionsEnabled: true,
    Namespace: alarm.namespace,
    MetricName: alarm.metricName,
    Statistic: alarm.statistic,
    Period: alarm.period,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparison,
    TreatMissingData: alarm.treatMissingData,
    ...(alarm.dimensions.length > 0
      ? { Dimensions: alarm.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })) }
      : {}),
    ...(alarm.unit ? { Unit: alarm.unit } : {}),
    AlarmActions: [...actions.alarm],
    OKActions: [...actions.ok],
    InsufficientDataActions: [...actions.insufficientData],
    Tags: alarm.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}
