/**
 * PutMetricAlarm. The model already checked lengths, ranges and enums (Coral ValidationError); this
 * adds CloudWatch's own rules, in the order AWS reports them.
 */
import type { PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import {
  MAX_EVALUATION_WINDOW_SECONDS,
  MAX_SHORT_PERIOD_EVALUATION_WINDOW_SECONDS,
  SHORT_PERIOD_LIMIT_SECONDS,
} from '../../../aws/facts/cloudwatch.ts';
import type { RequestContext, Validated } from '../../service.ts';
import {
  BASIC_STATISTICS,
  parseExtendedStatistic,
  STATIC_COMPARISON_OPERATORS,
  type BasicStatistic,
  TREAT_MISSING_DATA_VALUES,
  type TreatMissingData,
} from '../../../alarm-evaluation/index.ts';
import type { MetricAlarmConfig } from '../alarm-model.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidParameterCombination, invalidParameterValue, validationError } from '../errors.ts';
import { actionsConfig, tagsOf } from './alarm-input.ts';
import { checkDimensions, toQuerySpecs } from './metric-input.ts';

/** "You can specify up to 10 metrics" in a metric-math alarm (alarms-sns.md §2.10). */
const MAX_ALARM_METRICS = 10;
const ANOMALY_OPERATORS = [
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
];
/** Members a metric-math alarm takes from its Metrics instead. */
const SINGLE_METRIC_MEMBERS = [
  'MetricName',
  'Namespace',
  'Statistic',
  'ExtendedStatistic',
  'Period',
  'Unit',
] as const;

export function putMetricAlarm(
  cw: CloudWatchContext,
  input: Validated<PutMetricAlarmInput>,
  ctx: RequestContext,
): void {
  cw.alarms.putMetricAlarm(ctx.accountId, ctx.region, metricAlarmConfig(input), tagsOf(input));
}

function metricAlarmConfig(input: Validated<PutMetricAlarmInput>): MetricAlarmConfig {
  const usesMath = input.Metrics !== undefined && input.Metrics.length > 0;
  // Required by the CLI 2.9 model the emulator validates against, optional in this SDK's types.
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
  const actions = actionsConfig(input);
  const { period, metrics } = usesMath ? mathMetrics(input) : singleMetricPeriod(input, lowSample);
  if (!(period === 10 || period === 20 || period === 30 || (period >= 60 && period % 60 === 0))) {
    throw validationError(`The parameter Period must be 10, 20, 30 or a multiple of 60; got ${period}.`);
  }
  const window = period * evaluationPeriods;
  if (period < SHORT_PERIOD_LIMIT_SECONDS && window > MAX_SHORT_PERIOD_EVALUATION_WINDOW_SECONDS) {
    throw validationError(
      'Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).',
    );
  }
  if (window > MAX_EVALUATION_WINDOW_SECONDS) {
    throw validationError(
      'Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800).',
    );
  }
  return {
    alarmName: input.AlarmName,
    alarmDescription: input.AlarmDescription,
    ...actions,
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

/** A metric-math alarm: its queries and their common period. */
function mathMetrics(input: Validated<PutMetricAlarmInput>): {
  period: number;
  metrics: MetricAlarmConfig['metrics'];
} {
  for (const member of SINGLE_METRIC_MEMBERS) {
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
  const metrics = toQuerySpecs(input.Metrics!, 'Metrics');
  if (metrics.filter((q) => q.returnData !== false).length !== 1) {
    throw validationError('Exactly one element of the metrics list should return data.');
  }
  const periods = new Set(
    metrics.map((q) => q.metricStat?.period ?? q.period).filter((p) => p !== undefined),
  );
  if (periods.size > 1)
    throw validationError('All metrics in a metric math alarm must have the same period.');
  return { period: [...periods][0] ?? 60, metrics };
}

/** A single-metric alarm: its statistic checked, its period. */
function singleMetricPeriod(
  input: Validated<PutMetricAlarmInput>,
  lowSample: string | undefined,
): { period: number; metrics: undefined } {
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
  return { period: input.Period, metrics: undefined };
}
