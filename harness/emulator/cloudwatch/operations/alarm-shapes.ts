/** Alarm records as the API returns them (`MetricAlarm`, `CompositeAlarm`): unset members omitted. */
import type { CompositeAlarm, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AlarmRecord, CompositeAlarmRecord, MetricAlarmRecord } from '../alarm-model.ts';

function stateFields(
  alarm: AlarmRecord,
): Pick<
  MetricAlarm,
  'StateValue' | 'StateReason' | 'StateReasonData' | 'StateUpdatedTimestamp' | 'StateTransitionedTimestamp'
> {
  return {
    StateValue: alarm.state.value,
    StateReason: alarm.state.reason,
    ...(alarm.state.reasonData !== undefined ? { StateReasonData: alarm.state.reasonData } : {}),
    StateUpdatedTimestamp: new Date(alarm.state.updatedAt),
    StateTransitionedTimestamp: new Date(alarm.state.transitionedAt),
  };
}

export function toMetricAlarm(alarm: MetricAlarmRecord): MetricAlarm {
  const c = alarm.config;
  return {
    AlarmName: c.alarmName,
    AlarmArn: alarm.arn,
    ...(c.alarmDescription !== undefined ? { AlarmDescription: c.alarmDescription } : {}),
    AlarmConfigurationUpdatedTimestamp: new Date(alarm.configuredAt),
    ActionsEnabled: c.actionsEnabled,
    OKActions: [...c.okActions],
    AlarmActions: [...c.alarmActions],
    InsufficientDataActions: [...c.insufficientDataActions],
    ...stateFields(alarm),
    ...(c.metricName !== undefined ? { MetricName: c.metricName } : {}),
    ...(c.namespace !== undefined ? { Namespace: c.namespace } : {}),
    ...(c.statistic !== undefined ? { Statistic: c.statistic as MetricAlarm['Statistic'] } : {}),
    ...(c.extendedStatistic !== undefined ? { ExtendedStatistic: c.extendedStatistic } : {}),
    ...(c.metrics === undefined
      ? { Dimensions: c.dimensions.map((d) => ({ Name: d.name, Value: d.value })) }
      : {}),
    ...(c.period !== undefined ? { Period: c.period } : {}),
    ...(c.unit !== undefined ? { Unit: c.unit as MetricAlarm['Unit'] } : {}),
    EvaluationPeriods: c.evaluationPeriods,
    ...(c.datapointsToAlarm !== undefined ? { DatapointsToAlarm: c.datapointsToAlarm } : {}),
    ...(c.threshold !== undefined ? { Threshold: c.threshold } : {}),
    ComparisonOperator: c.comparisonOperator as MetricAlarm['ComparisonOperator'],
    ...(c.treatMissingData !== undefined ? { TreatMissingData: c.treatMissingData } : {}),
    ...(c.evaluateLowSampleCountPercentile !== undefined
      ? { EvaluateLowSampleCountPercentile: c.evaluateLowSampleCountPercentile }
      : {}),
    ...(c.metrics !== undefined
      ? {
          Metrics: c.metrics.map((q) => ({
            Id: q.id,
            ...(q.metricStat !== undefined
              ? {
                  MetricStat: {
                    Metric: {
                      Namespace: q.metricStat.namespace,
                      MetricName: q.metricStat.metricName,
                      Dimensions: q.metricStat.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
                    },
                    Period: q.metricStat.period,
                    Stat: q.metricStat.stat,
                    ...(q.metricStat.unit !== undefined
                      ? { Unit: q.metricStat.unit as MetricAlarm['Unit'] }
                      : {}),
                  },
                }
              : {}),
            ...(q.expression !== undefined ? { Expression: q.expression } : {}),
            ...(q.label !== undefined ? { Label: q.label } : {}),
            ReturnData: q.returnData ?? true,
            ...(q.period !== undefined ? { Period: q.period } : {}),
          })),
        }
      : {}),
  };
}

export function toCompositeAlarm(alarm: CompositeAlarmRecord): CompositeAlarm {
  const c = alarm.config;
  return {
    ActionsEnabled: c.actionsEnabled,
    AlarmActions: [...c.alarmActions],
    AlarmArn: alarm.arn,
    AlarmConfigurationUpdatedTimestamp: new Date(alarm.configuredAt),
    ...(c.alarmDescription !== undefined ? { AlarmDescription: c.alarmDescription } : {}),
    AlarmName: c.alarmName,
    AlarmRule: c.alarmRule,
    InsufficientDataActions: [...c.insufficientDataActions],
    OKActions: [...c.okActions],
    ...stateFields(alarm),
    ...(c.actionsSuppressor !== undefined
      ? {
          ActionsSuppressor: c.actionsSuppressor,
          ActionsSuppressorWaitPeriod: c.actionsSuppressorWaitPeriod,
          ActionsSuppressorExtensionPeriod: c.actionsSuppressorExtensionPeriod,
        }
      : {}),
  };
}
