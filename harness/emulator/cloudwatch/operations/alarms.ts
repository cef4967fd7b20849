/**
 * The alarm operations: PutMetricAlarm, PutCompositeAlarm, DescribeAlarms, DescribeAlarmsForMetric,
 * DescribeAlarmHistory, SetAlarmState, DeleteAlarms, Enable/DisableAlarmActions. The model already
 * checked lengths, ranges and enums (Coral ValidationError); these add CloudWatch's own rules.
 */
import type {
  CompositeAlarm,
  DeleteAlarmsInput,
  DescribeAlarmHistoryInput,
  DescribeAlarmHistoryOutput,
  DescribeAlarmsForMetricInput,
  DescribeAlarmsForMetricOutput,
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  DisableAlarmActionsInput,
  EnableAlarmActionsInput,
  MetricAlarm,
  PutCompositeAlarmInput,
  PutMetricAlarmInput,
  SetAlarmStateInput,
} from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import {
  STATIC_COMPARISON_OPERATORS,
  TREAT_MISSING_DATA_VALUES,
  type AlarmStateValue,
  type TreatMissingData,
} from '../alarm-evaluator.ts';
import type {
  AlarmRecord,
  CompositeAlarmRecord,
  MetricAlarmConfig,
  MetricAlarmRecord,
} from '../alarm-model.ts';
import {
  AlarmRuleSyntaxError,
  MAX_RULE_CHILDREN,
  parseAlarmRule,
  referencedName,
  ruleReferences,
} from '../composite-rule.ts';
import type { CloudWatchContext } from '../context.ts';
import {
  invalidFormat,
  invalidNextToken,
  invalidParameterCombination,
  invalidParameterValue,
  resourceNotFound,
  validationError,
} from '../errors.ts';
import { BASIC_STATISTICS, parseExtendedStatistic, type BasicStatistic } from '../statistics.ts';
import { checkDimensions, toQuerySpecs } from './metrics.ts';

/** "Period × EvaluationPeriods ≤ 604,800 s, and ≤ 86,400 s when Period < 3,600" (PutMetricAlarm). */
const MAX_WINDOW_SECONDS = 604_800;
const MAX_WINDOW_SHORT_PERIOD_SECONDS = 86_400;
/** "You can specify up to 10 metrics" in a metric-math alarm (alarms-sns.md §2.10). */
const MAX_ALARM_METRICS = 10;
const DESCRIBE_DEFAULT_RECORDS = 50;
const HISTORY_DEFAULT_RECORDS = 100;
const ANOMALY_OPERATORS = [
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
];
const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;

export function putMetricAlarm(cw: CloudWatchContext, input: PutMetricAlarmInput, ctx: RequestContext): void {
  const config = metricAlarmConfig(input);
  const tags = (input.Tags ?? []).map((t) => ({ key: t.Key!, value: t.Value ?? '' }));
  cw.alarms.putMetricAlarm(ctx.accountId, ctx.region, config, tags);
}

function metricAlarmConfig(input: PutMetricAlarmInput): MetricAlarmConfig {
  const usesMath = input.Metrics !== undefined && input.Metrics.length > 0;
  const operator = input.ComparisonOperator!;
  if (ANOMALY_OPERATORS.includes(operator)) {
    throw validationError(
      `ComparisonOperator ${operator} needs an anomaly detection band (ThresholdMetricId), which the vault-alarm-lab emulator does not evaluate; use a static threshold operator.`,
    );
  }
  if (input.ThresholdMetricId !== undefined) {
    throw validationError('ThresholdMetricId is only valid with anomaly detection comparison operators.');
  }
  if (input.Threshold === undefined) {
    throw validationError(
      'Threshold must be specified for alarms with a static threshold comparison operator.',
    );
  }
  if (!STATIC_COMPARISON_OPERATORS.includes(operator as never)) {
    throw validationError(`Invalid ComparisonOperator ${operator}.`);
  }
  const evaluationPeriods = input.EvaluationPeriods!;
  if (input.DatapointsToAlarm !== undefined && input.DatapointsToAlarm > evaluationPeriods) {
    throw validationError('DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
  }
  const treat = input.TreatMissingData;
  if (treat !== undefined && !TREAT_MISSING_DATA_VALUES.includes(treat as TreatMissingData)) {
    throw validationError(
      `Option ${treat} is not valid for TreatMissingData. Valid values are: breaching, notBreaching, ignore, missing.`,
    );
  }
  const lowSample = input.EvaluateLowSampleCountPercentile;
  if (lowSample !== undefined && lowSample !== 'evaluate' && lowSample !== 'ignore') {
    throw validationError(
      `Option ${lowSample} is not valid for EvaluateLowSampleCountPercentile. Valid values are: evaluate, ignore.`,
    );
  }
  checkActions(input.AlarmActions, 'AlarmActions');
  checkActions(input.OKActions, 'OKActions');
  checkActions(input.InsufficientDataActions, 'InsufficientDataActions');

  let period: number | undefined;
  let metrics: MetricAlarmConfig['metrics'];
  if (usesMath) {
    for (const member of [
      'MetricName',
      'Namespace',
      'Statistic',
      'ExtendedStatistic',
      'Period',
      'Unit',
    ] as const) {
      if (input[member] !== undefined) {
        throw invalidParameterCombination(
          `The parameters Metrics and ${member} are mutually exclusive and you have specified both.`,
        );
      }
    }
    if (input.Dimensions !== undefined && input.Dimensions.length > 0) {
      throw invalidParameterCombination(
        'The parameters Metrics and Dimensions are mutually exclusive and you have specified both.',
      );
    }
    if (input.Metrics!.length > MAX_ALARM_METRICS) {
      throw validationError(`The collection Metrics must not have a size greater than ${MAX_ALARM_METRICS}.`);
    }
    metrics = toQuerySpecs(input.Metrics!, 'Metrics');
    if (metrics.filter((q) => q.returnData !== false).length !== 1) {
      throw validationError('Exactly one element of the metrics list should return data.');
    }
    const periods = new Set(
      metrics.map((q) => q.metricStat?.period ?? q.period).filter((p) => p !== undefined),
    );
    if (periods.size > 1)
      throw validationError('All metrics in a metric math alarm must have the same period.');
    period = [...periods][0] ?? 60;
  } else {
    if (input.MetricName === undefined)
      throw validationError('MetricName must be specified (or Metrics for a metric math alarm).');
    if (input.Namespace === undefined)
      throw validationError('Namespace must be specified (or Metrics for a metric math alarm).');
    if ((input.Statistic === undefined) === (input.ExtendedStatistic === undefined)) {
      throw invalidParameterCombination(
        'Exactly one of the parameters Statistic and ExtendedStatistic must be specified.',
      );
    }
    if (
      input.ExtendedStatistic !== undefined &&
      parseExtendedStatistic(input.ExtendedStatistic) === undefined
    ) {
      throw invalidParameterValue(
        `The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`,
      );
    }
    if (input.Statistic !== undefined && !BASIC_STATISTICS.includes(input.Statistic as BasicStatistic)) {
      throw validationError(`Invalid Statistic ${input.Statistic}.`);
    }
    if (lowSample !== undefined && !(input.ExtendedStatistic ?? '').startsWith('p')) {
      throw validationError(
        'EvaluateLowSampleCountPercentile can only be used with percentile ExtendedStatistic values.',
      );
    }
    if (input.Period === undefined) throw validationError('Period must be specified.');
    period = input.Period;
  }
  if (!(period === 10 || period === 20 || period === 30 || (period >= 60 && period % 60 === 0))) {
    throw validationError(`The parameter Period must be 10, 20, 30 or a multiple of 60; got ${period}.`);
  }
  const window = period * evaluationPeriods;
  if (period < 3600 && window > MAX_WINDOW_SHORT_PERIOD_SECONDS) {
    throw validationError(
      'Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).',
    );
  }
  if (window > MAX_WINDOW_SECONDS) {
    throw validationError(
      'Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800).',
    );
  }
  return {
    alarmName: input.AlarmName!,
    alarmDescription: input.AlarmDescription,
    actionsEnabled: input.ActionsEnabled ?? true,
    okActions: input.OKActions ?? [],
    alarmActions: input.AlarmActions ?? [],
    insufficientDataActions: input.InsufficientDataActions ?? [],
    metricName: input.MetricName,
    namespace: input.Namespace,
    statistic: input.Statistic,
    extendedStatistic: input.ExtendedStatistic,
    dimensions: usesMath ? [] : checkDimensions(input.Dimensions ?? [], 'Dimensions'),
    period: usesMath ? undefined : period,
    unit: input.Unit,
    evaluationPeriods,
    datapointsToAlarm: input.DatapointsToAlarm,
    threshold: input.Threshold,
    comparisonOperator: operator,
    treatMissingData: treat as TreatMissingData | undefined,
    evaluateLowSampleCountPercentile: lowSample,
    metrics,
  };
}

function checkActions(arns: readonly string[] | undefined, member: string): void {
  for (const arn of arns ?? []) {
    if (!ARN.test(arn)) throw validationError(`Invalid arn syntax: ${arn} (in ${member})`);
  }
}

export function putCompositeAlarm(
  cw: CloudWatchContext,
  input: PutCompositeAlarmInput,
  ctx: RequestContext,
): void {
  let rule;
  try {
    rule = parseAlarmRule(input.AlarmRule!);
  } catch (error) {
    if (error instanceof AlarmRuleSyntaxError) throw validationError(`Error in AlarmRule: ${error.message}`);
    throw error;
  }
  const refs = ruleReferences(rule).map(referencedName);
  if (refs.length > MAX_RULE_CHILDREN) {
    throw validationError(
      `An alarm rule can reference at most ${MAX_RULE_CHILDREN} alarms; it references ${refs.length}.`,
    );
  }
  const name = input.AlarmName!;
  const missing = refs.filter((ref) => cw.alarms.get(ctx.accountId, ctx.region, ref) === undefined);
  if (missing.length > 0) {
    throw validationError(
      `Could not save the composite alarm as alarms [${missing.join(', ')}] in the alarm rule do not exist`,
    );
  }
  if (refs.includes(name) || createsCycle(cw, ctx, name, refs)) {
    throw validationError(`The alarm rule of ${name} creates a cycle: an alarm cannot depend on itself.`);
  }
  for (const member of ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const)
    checkActions(input[member], member);
  if (
    input.ActionsSuppressor !== undefined &&
    cw.alarms.get(ctx.accountId, ctx.region, referencedName(input.ActionsSuppressor)) === undefined
  ) {
    throw validationError(`The actions suppressor alarm ${input.ActionsSuppressor} does not exist.`);
  }
  cw.alarms.putCompositeAlarm(
    ctx.accountId,
    ctx.region,
    {
      alarmName: name,
      alarmDescription: input.AlarmDescription,
      alarmRule: input.AlarmRule!,
      actionsEnabled: input.ActionsEnabled ?? true,
      okActions: input.OKActions ?? [],
      alarmActions: input.AlarmActions ?? [],
      insufficientDataActions: input.InsufficientDataActions ?? [],
      actionsSuppressor: input.ActionsSuppressor,
      actionsSuppressorWaitPeriod: input.ActionsSuppressorWaitPeriod,
      actionsSuppressorExtensionPeriod: input.ActionsSuppressorExtensionPeriod,
    },
    (input.Tags ?? []).map((t) => ({ key: t.Key!, value: t.Value ?? '' })),
  );
}

/** Whether `name` is reachable from its children through composite rules (a cycle). */
function createsCycle(
  cw: CloudWatchContext,
  ctx: RequestContext,
  name: string,
  refs: readonly string[],
): boolean {
  const seen = new Set<string>();
  const stack = [...refs];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === name) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    const alarm = cw.alarms.get(ctx.accountId, ctx.region, current);
    if (alarm?.type === 'CompositeAlarm')
      stack.push(...ruleReferences(parseAlarmRule(alarm.config.alarmRule)).map(referencedName));
  }
  return false;
}

export function describeAlarms(
  cw: CloudWatchContext,
  input: DescribeAlarmsInput,
  ctx: RequestContext,
): DescribeAlarmsOutput {
  if (input.AlarmNames !== undefined && input.AlarmNames.length > 0 && input.AlarmNamePrefix !== undefined) {
    throw invalidParameterCombination('AlarmNames and AlarmNamePrefix are mutually exclusive.');
  }
  const types =
    input.AlarmTypes !== undefined && input.AlarmTypes.length > 0 ? input.AlarmTypes : ['MetricAlarm'];
  let alarms = cw.alarms.list(ctx.accountId, ctx.region).filter((a) => types.includes(a.type));
  if (input.AlarmNames !== undefined && input.AlarmNames.length > 0) {
    alarms = alarms.filter((a) => input.AlarmNames!.includes(a.config.alarmName));
  }
  if (input.AlarmNamePrefix !== undefined)
    alarms = alarms.filter((a) => a.config.alarmName.startsWith(input.AlarmNamePrefix!));
  if (input.StateValue !== undefined) alarms = alarms.filter((a) => a.state.value === input.StateValue);
  if (input.ActionPrefix !== undefined) {
    const prefix = input.ActionPrefix;
    alarms = alarms.filter((a) =>
      [...a.config.alarmActions, ...a.config.okActions, ...a.config.insufficientDataActions].some((arn) =>
        arn.startsWith(prefix),
      ),
    );
  }
  if (input.ChildrenOfAlarmName !== undefined) {
    const parent = cw.alarms.get(ctx.accountId, ctx.region, input.ChildrenOfAlarmName);
    const children =
      parent?.type === 'CompositeAlarm'
        ? new Set(ruleReferences(parseAlarmRule(parent.config.alarmRule)).map(referencedName))
        : new Set();
    alarms = alarms.filter((a) => children.has(a.config.alarmName));
  }
  if (input.ParentsOfAlarmName !== undefined) {
    const parents = new Set(
      cw.alarms.parentsOf(ctx.accountId, ctx.region, input.ParentsOfAlarmName).map((p) => p.config.alarmName),
    );
    alarms = alarms.filter((a) => parents.has(a.config.alarmName));
  }
  const { items, nextToken } = pageAfterKey(
    alarms,
    (a) => a.config.alarmName,
    input.NextToken,
    input.MaxRecords ?? DESCRIBE_DEFAULT_RECORDS,
    invalidNextToken,
  );
  return {
    MetricAlarms: items.filter((a): a is MetricAlarmRecord => a.type === 'MetricAlarm').map(toMetricAlarm),
    CompositeAlarms: items
      .filter((a): a is CompositeAlarmRecord => a.type === 'CompositeAlarm')
      .map(toCompositeAlarm),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}

export function describeAlarmsForMetric(
  cw: CloudWatchContext,
  input: DescribeAlarmsForMetricInput,
  ctx: RequestContext,
): DescribeAlarmsForMetricOutput {
  const wanted =
    input.Dimensions === undefined
      ? undefined
      : dimensionKey(checkDimensions(input.Dimensions, 'Dimensions'));
  const alarms = cw.alarms
    .list(ctx.accountId, ctx.region)
    .filter((a): a is MetricAlarmRecord => a.type === 'MetricAlarm')
    .filter((a) => {
      const c = a.config;
      if (c.namespace !== input.Namespace || c.metricName !== input.MetricName) return false;
      if (input.Statistic !== undefined && c.statistic !== input.Statistic) return false;
      if (input.ExtendedStatistic !== undefined && c.extendedStatistic !== input.ExtendedStatistic)
        return false;
      if (input.Period !== undefined && c.period !== input.Period) return false;
      if (input.Unit !== undefined && c.unit !== input.Unit) return false;
      if (wanted !== undefined && dimensionKey(c.dimensions) !== wanted) return false;
      return true;
    });
  return { MetricAlarms: alarms.map(toMetricAlarm) };
}

function dimensionKey(dimensions: readonly { name: string; value: string }[]): string {
  return JSON.stringify(
    [...dimensions].sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => [d.name, d.value]),
  );
}

export function describeAlarmHistory(
  cw: CloudWatchContext,
  input: DescribeAlarmHistoryInput,
  ctx: RequestContext,
): DescribeAlarmHistoryOutput {
  const types =
    input.AlarmTypes !== undefined && input.AlarmTypes.length > 0 ? input.AlarmTypes : ['MetricAlarm'];
  const start = input.StartDate === undefined ? -Infinity : new Date(input.StartDate).getTime();
  const end = input.EndDate === undefined ? Infinity : new Date(input.EndDate).getTime();
  if (start > end)
    throw invalidParameterValue('The parameter StartDate must be less than the parameter EndDate.');
  const items = cw.alarms
    .history(ctx.accountId, ctx.region)
    .filter(
      (h) =>
        types.includes(h.alarmType) &&
        (input.AlarmName === undefined || h.alarmName === input.AlarmName) &&
        (input.HistoryItemType === undefined || h.historyItemType === input.HistoryItemType) &&
        h.timestamp >= start &&
        h.timestamp <= end,
    );
  const ascending = input.ScanBy === 'TimestampAscending';
  const sorted = [...items].sort((a, b) => (ascending ? a.seq - b.seq : b.seq - a.seq));
  // Page by insertion sequence, padded so string order is numeric order in either direction.
  const key = (h: { seq: number }): string =>
    String(ascending ? h.seq : Number.MAX_SAFE_INTEGER - h.seq).padStart(16, '0');
  const { items: pageItems, nextToken } = pageAfterKey(
    sorted,
    key,
    input.NextToken,
    input.MaxRecords ?? HISTORY_DEFAULT_RECORDS,
    invalidNextToken,
  );
  return {
    AlarmHistoryItems: pageItems.map((h) => ({
      AlarmName: h.alarmName,
      AlarmType: h.alarmType,
      Timestamp: new Date(h.timestamp),
      HistoryItemType: h.historyItemType,
      HistorySummary: h.historySummary,
      HistoryData: h.historyData,
    })),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}

export async function setAlarmState(
  cw: CloudWatchContext,
  input: SetAlarmStateInput,
  ctx: RequestContext,
): Promise<void> {
  const alarm = cw.alarms.get(ctx.accountId, ctx.region, input.AlarmName!);
  if (alarm === undefined) throw resourceNotFound();
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw invalidFormat('The parameter StateReasonData must be a valid JSON document.');
    }
  }
  await cw.alarms.setAlarmState(
    ctx.accountId,
    ctx.region,
    input.AlarmName!,
    input.StateValue as AlarmStateValue,
    input.StateReason!,
    input.StateReasonData,
  );
}

export function deleteAlarms(cw: CloudWatchContext, input: DeleteAlarmsInput, ctx: RequestContext): void {
  const names = input.AlarmNames ?? [];
  // "If you specify an incorrect alarm name ... no alarms are deleted" (DeleteAlarms).
  if (names.some((name) => cw.alarms.get(ctx.accountId, ctx.region, name) === undefined))
    throw resourceNotFound();
  cw.alarms.deleteAlarms(ctx.accountId, ctx.region, names);
}

export function enableAlarmActions(
  cw: CloudWatchContext,
  input: EnableAlarmActionsInput,
  ctx: RequestContext,
): void {
  cw.alarms.setActionsEnabled(ctx.accountId, ctx.region, input.AlarmNames ?? [], true);
}

export function disableAlarmActions(
  cw: CloudWatchContext,
  input: DisableAlarmActionsInput,
  ctx: RequestContext,
): void {
  cw.alarms.setActionsEnabled(ctx.accountId, ctx.region, input.AlarmNames ?? [], false);
}

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
