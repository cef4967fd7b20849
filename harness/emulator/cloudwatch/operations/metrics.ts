/**
 * PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics. Limits and messages from the API
 * reference and AWS-recorded errors (aws-protocols.md §4.5, §6).
 */
import type {
  Datapoint,
  GetMetricDataInput,
  GetMetricDataOutput,
  GetMetricStatisticsInput,
  GetMetricStatisticsOutput,
  ListMetricsInput,
  ListMetricsOutput,
  MetricDataQuery,
  MetricDatum,
  PutMetricDataInput,
} from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import type { MetricQuerySpec } from '../alarm-model.ts';
import type { CloudWatchContext } from '../context.ts';
import {
  invalidNextToken,
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
  validationError,
} from '../errors.ts';
import { evaluateAllQueries, queryExpression } from '../metric-math.ts';
import { MetricMathError, expressionIds } from '../metric-math-parser.ts';
import type { DimensionValue } from '../metric-identity.ts';
import { periodAggregates, type MetricDatumInput } from '../metric-store.ts';
import {
  BASIC_STATISTICS,
  basicStatistic,
  extendedStatistic,
  parseExtendedStatistic,
  type BasicStatistic,
} from '../statistics.ts';

/** PutMetricData: "Each request can contain up to 1000 different metrics" (API reference). */
const MAX_METRIC_DATA = 1000;
const MAX_VALUES = 150;
const MAX_DIMENSIONS = 30;
/** Values "must be in the range of -2^360 to 2^360" (MetricDatum). */
const VALUE_LIMIT = 2 ** 360;
/** Data can be published up to two weeks old and two hours in the future (PutMetricData). */
const MAX_PAST_MS = 14 * 24 * 3600_000;
const MAX_FUTURE_MS = 2 * 3600_000;
/** GetMetricStatistics: "maximum number of data points returned from a single call is 1,440". */
const MAX_STATISTICS_DATAPOINTS = 1440;
const MAX_EXTENDED_STATISTICS = 10;
/** GetMetricData: up to 500 MetricDataQuery structures. */
const MAX_METRIC_DATA_QUERIES = 500;
const LIST_METRICS_PAGE = 500;
/** ListMetrics returns metrics with data in the past two weeks; RecentlyActive=PT3H, three hours. */
const LIST_WINDOW_MS = 14 * 24 * 3600_000;
const RECENTLY_ACTIVE_MS = 3 * 3600_000;
const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];

export function putMetricData(cw: CloudWatchContext, input: PutMetricDataInput, ctx: RequestContext): void {
  const namespace = input.Namespace!;
  if (namespace.startsWith('AWS/')) {
    throw invalidParameterValue(`The value ${namespace} for parameter Namespace is invalid.`);
  }
  const data = input.MetricData ?? [];
  if (data.length === 0) throw missingParameter('The parameter MetricData is required.');
  if (data.length > MAX_METRIC_DATA) {
    throw invalidParameterValue(
      `The collection MetricData must not have a size greater than ${MAX_METRIC_DATA}.`,
    );
  }
  const now = cw.clock.now();
  const datums = data.map((datum, i) => toDatum(namespace, datum, i + 1, now));
  for (const datum of datums) cw.metrics.put(ctx.accountId, ctx.region, datum, now);
}

function toDatum(namespace: string, datum: MetricDatum, n: number, now: number): MetricDatumInput {
  const at = `MetricData.member.${n}`;
  const hasValue = datum.Value !== undefined;
  const hasValues = datum.Values !== undefined && datum.Values.length > 0;
  const hasStats = datum.StatisticValues !== undefined;
  if (hasValue && hasValues) {
    throw invalidParameterCombination(
      `The parameters ${at}.Value and ${at}.Values are mutually exclusive and you have specified both.`,
    );
  }
  if (hasValue && hasStats) {
    throw invalidParameterCombination(
      `The parameters ${at}.Value and ${at}.StatisticValues are mutually exclusive and you have specified both.`,
    );
  }
  if (hasValues && hasStats) {
    throw invalidParameterCombination(
      `The parameters ${at}.Values and ${at}.StatisticValues are mutually exclusive and you have specified both.`,
    );
  }
  if (!hasValue && !hasValues && !hasStats) {
    throw invalidParameterCombination(
      `At least one of the parameters ${at}.Value, ${at}.StatisticValues or ${at}.Values must be specified.`,
    );
  }
  const checkValue = (value: number, name: string): void => {
    if (!Number.isFinite(value) || Math.abs(value) > VALUE_LIMIT) {
      throw invalidParameterValue(`The value ${value} for parameter ${name} is invalid.`);
    }
  };
  if (hasValue) checkValue(datum.Value!, `${at}.Value`);
  if (datum.Values !== undefined) {
    if (datum.Values.length > MAX_VALUES) {
      throw invalidParameterValue(
        `The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`,
      );
    }
    datum.Values.forEach((v, i) => checkValue(v, `${at}.Values.member.${i + 1}`));
  }
  if (datum.Counts !== undefined && datum.Counts.length > 0) {
    if (!hasValues || datum.Counts.length !== datum.Values!.length) {
      throw invalidParameterValue(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
    }
    datum.Counts.forEach((c, i) => checkValue(c, `${at}.Counts.member.${i + 1}`));
  }
  if (hasStats) {
    const s = datum.StatisticValues!;
    checkValue(s.SampleCount!, `${at}.StatisticValues.SampleCount`);
    checkValue(s.Sum!, `${at}.StatisticValues.Sum`);
    checkValue(s.Minimum!, `${at}.StatisticValues.Minimum`);
    checkValue(s.Maximum!, `${at}.StatisticValues.Maximum`);
    if (s.Minimum! > s.Maximum!) {
      throw invalidParameterValue(
        `The parameter ${at}.StatisticValues.Maximum must be greater than ${at}.StatisticValues.Minimum.`,
      );
    }
    if (s.SampleCount! <= 0) {
      throw invalidParameterValue(`The parameter ${at}.StatisticValues.SampleCount must be greater than 0.`);
    }
  }
  if (
    datum.StorageResolution !== undefined &&
    datum.StorageResolution !== 1 &&
    datum.StorageResolution !== 60
  ) {
    throw invalidParameterValue(
      `The value ${datum.StorageResolution} for parameter ${at}.StorageResolution is invalid.`,
    );
  }
  const dimensions = checkDimensions(datum.Dimensions ?? [], `${at}.Dimensions`);
  const timestamp = datum.Timestamp === undefined ? now : new Date(datum.Timestamp).getTime();
  if (timestamp < now - MAX_PAST_MS) {
    throw invalidParameterValue(
      `The parameter ${at}.Timestamp must specify a time no more than two weeks in the past.`,
    );
  }
  if (timestamp > now + MAX_FUTURE_MS) {
    throw invalidParameterValue(
      `The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`,
    );
  }
  return {
    namespace,
    metricName: datum.MetricName!,
    dimensions,
    timestamp,
    unit: datum.Unit,
    storageResolution: datum.StorageResolution === 1 ? 1 : 60,
    value: datum.Value,
    values: hasValues ? datum.Values : undefined,
    counts: hasValues && datum.Counts !== undefined && datum.Counts.length > 0 ? datum.Counts : undefined,
    statisticValues: hasStats
      ? {
          sampleCount: datum.StatisticValues!.SampleCount!,
          sum: datum.StatisticValues!.Sum!,
          minimum: datum.StatisticValues!.Minimum!,
          maximum: datum.StatisticValues!.Maximum!,
        }
      : undefined,
  };
}

/** Dimensions are a set: duplicates names are refused. */
export function checkDimensions(
  dimensions: readonly { Name?: string | undefined; Value?: string | undefined }[],
  member: string,
): DimensionValue[] {
  if (dimensions.length > MAX_DIMENSIONS) {
    throw invalidParameterValue(
      `The collection ${member} must not have a size greater than ${MAX_DIMENSIONS}.`,
    );
  }
  const seen = new Set<string>();
  return dimensions.map((d) => {
    const name = d.Name ?? '';
    if (seen.has(name)) throw invalidParameterValue(`No metric may have duplicate dimension names: ${name}`);
    seen.add(name);
    return { name, value: d.Value ?? '' };
  });
}

/** Period of a query: 1, 5, 10, 20, 30 or a multiple of 60 seconds. */
function checkPeriod(period: number, member: string): void {
  if (period < 1 || (period % 60 !== 0 && !HIGH_RESOLUTION_PERIODS.includes(period))) {
    throw invalidParameterValue(
      `The parameter ${member} must be a multiple of 60, or one of 1, 5, 10, 20 or 30.`,
    );
  }
}

/** "StartTime ... rounded down": to the minute for periods of a minute or more, to the second otherwise. */
function alignStart(startMs: number, periodSeconds: number): number {
  const unit = periodSeconds >= 60 ? 60_000 : 1000;
  return Math.floor(startMs / unit) * unit;
}

export function getMetricStatistics(
  cw: CloudWatchContext,
  input: GetMetricStatisticsInput,
  ctx: RequestContext,
): GetMetricStatisticsOutput {
  const statistics = (input.Statistics ?? []) as BasicStatistic[];
  const extendedTexts = input.ExtendedStatistics ?? [];
  if (statistics.length === 0 && extendedTexts.length === 0) {
    throw missingParameter('Must specify either Statistics or ExtendedStatistics.');
  }
  if (extendedTexts.length > MAX_EXTENDED_STATISTICS) {
    throw invalidParameterValue(
      `The collection ExtendedStatistics must not have a size greater than ${MAX_EXTENDED_STATISTICS}.`,
    );
  }
  const extended = extendedTexts.map((text) => {
    const parsed = parseExtendedStatistic(text);
    if (parsed === undefined)
      throw invalidParameterValue(`The value ${text} for parameter ExtendedStatistics is not supported.`);
    return parsed;
  });
  const period = input.Period!;
  checkPeriod(period, 'Period');
  const startMs = new Date(input.StartTime!).getTime();
  const endMs = new Date(input.EndTime!).getTime();
  if (startMs >= endMs)
    throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  const start = alignStart(startMs, period);
  const requested = Math.ceil((endMs - start) / (period * 1000));
  if (requested > MAX_STATISTICS_DATAPOINTS) {
    throw invalidParameterCombination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const dimensions = checkDimensions(input.Dimensions ?? [], 'Dimensions');
  cw.flushProducers(endMs);
  const metric = cw.metrics.find(ctx.accountId, ctx.region, {
    namespace: input.Namespace!,
    metricName: input.MetricName!,
    dimensions,
  });
  const datapoints: Datapoint[] = [];
  if (metric !== undefined) {
    const periods = periodAggregates(metric, start, endMs, period * 1000, {
      unit: input.Unit,
      withValues: extended.length > 0,
    });
    for (const p of periods) {
      const point: Datapoint = { Timestamp: new Date(p.timestamp), Unit: p.unit as Datapoint['Unit'] };
      for (const s of BASIC_STATISTICS) {
        if (statistics.includes(s)) (point as Record<string, unknown>)[s] = basicStatistic(p.aggregate, s);
      }
      if (extended.length > 0) {
        const values: Record<string, number> = {};
        for (const stat of extended) {
          const v = extendedStatistic(p.aggregate, stat);
          if (v !== undefined) values[stat.text] = v;
        }
        point.ExtendedStatistics = values;
      }
      datapoints.push(point);
    }
  }
  return { Label: input.MetricName, Datapoints: datapoints };
}

export function getMetricData(
  cw: CloudWatchContext,
  input: GetMetricDataInput,
  ctx: RequestContext,
): GetMetricDataOutput {
  const queries = input.MetricDataQueries ?? [];
  if (queries.length === 0) throw missingParameter('The parameter MetricDataQueries is required.');
  if (queries.length > MAX_METRIC_DATA_QUERIES) {
    throw invalidParameterValue(
      `The collection MetricDataQueries must not have a size greater than ${MAX_METRIC_DATA_QUERIES}.`,
    );
  }
  const specs = toQuerySpecs(queries, 'MetricDataQueries');
  const startMs = new Date(input.StartTime!).getTime();
  const endMs = new Date(input.EndTime!).getTime();
  if (startMs >= endMs)
    throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  if (input.NextToken !== undefined && input.NextToken !== '') {
    // Every result fits one page (no MaxDatapoints truncation); any token is one we never issued.
    throw invalidNextToken();
  }
  const period =
    specs.find((q) => q.metricStat)?.metricStat?.period ?? specs.find((q) => q.period)?.period ?? 60;
  const start = alignStart(
    startMs,
    Math.min(...specs.map((q) => q.metricStat?.period ?? q.period ?? period)),
  );
  cw.flushProducers(endMs);
  let results;
  try {
    results = evaluateAllQueries(specs, cw.metrics.region(ctx.accountId, ctx.region), start, endMs, period);
  } catch (error) {
    if (error instanceof MetricMathError) throw validationError(error.message);
    throw error;
  }
  const labels = defaultLabels(specs);
  const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
  return {
    MetricDataResults: specs
      .filter((q) => q.returnData !== false)
      .map((q) => {
        const r = results.get(q.id)!;
        const order = r.timestamps.map((_, i) => i);
        if (descending) order.reverse();
        return {
          Id: q.id,
          Label: q.label ?? labels.get(q.id) ?? q.id,
          Timestamps: order.map((i) => new Date(r.timestamps[i]!)),
          Values: order.map((i) => r.values[i]!),
          StatusCode: 'Complete',
          ...(r.messages.length > 0 ? { Messages: r.messages } : {}),
        };
      }),
    Messages: [],
  };
}

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** MetricDataQuery list → internal specs, with AWS's structural checks. */
export function toQuerySpecs(queries: readonly MetricDataQuery[], member: string): MetricQuerySpec[] {
  const ids = new Set<string>();
  const specs = queries.map((q, i): MetricQuerySpec => {
    const at = `${member}.member.${i + 1}`;
    const id = q.Id ?? '';
    if (!QUERY_ID.test(id)) {
      throw validationError(
        `The value ${id} for parameter ${at}.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    }
    if (ids.has(id))
      throw validationError(`The value ${id} for parameter ${member} is invalid: Ids must be unique.`);
    ids.add(id);
    const hasStat = q.MetricStat !== undefined;
    const hasExpression = q.Expression !== undefined && q.Expression !== '';
    if (hasStat === hasExpression) {
      throw validationError(`The parameter ${at} must contain exactly one of MetricStat or Expression.`);
    }
    if (hasStat) {
      const stat = q.MetricStat!;
      checkPeriod(stat.Period!, `${at}.MetricStat.Period`);
      const statText = stat.Stat!;
      if (
        !BASIC_STATISTICS.includes(statText as BasicStatistic) &&
        parseExtendedStatistic(statText) === undefined
      ) {
        throw validationError(`The value ${statText} for parameter ${at}.MetricStat.Stat is invalid.`);
      }
      return {
        id,
        label: q.Label,
        returnData: q.ReturnData,
        metricStat: {
          namespace: stat.Metric?.Namespace ?? '',
          metricName: stat.Metric?.MetricName ?? '',
          dimensions: checkDimensions(stat.Metric?.Dimensions ?? [], `${at}.MetricStat.Metric.Dimensions`),
          period: stat.Period!,
          stat: statText,
          unit: stat.Unit,
        },
      };
    }
    const spec = { id, label: q.Label, returnData: q.ReturnData, expression: q.Expression, period: q.Period };
    try {
      queryExpression(spec);
    } catch (error) {
      if (error instanceof MetricMathError)
        throw validationError(`Error in expression '${id}': ${error.message}`);
      throw error;
    }
    if (q.Period !== undefined) checkPeriod(q.Period, `${at}.Period`);
    return spec;
  });
  for (const spec of specs) {
    if (spec.expression === undefined) continue;
    for (const ref of expressionIds(queryExpression(spec))) {
      if (!ids.has(ref))
        throw validationError(
          `Error in expression '${spec.id}': Unrecognized metric or expression id '${ref}'`,
        );
    }
  }
  return specs;
}

/**
 * GetMetricData's generated labels (AWS-recorded): the metric name, plus the stat and/or the period
 * when other queries on the same metric differ in them.
 */
function defaultLabels(specs: readonly MetricQuerySpec[]): Map<string, string> {
  const out = new Map<string, string>();
  const byMetric = new Map<string, MetricQuerySpec[]>();
  for (const q of specs) {
    if (q.metricStat === undefined) continue;
    const s = q.metricStat;
    const key = JSON.stringify([s.namespace, s.metricName, s.dimensions]);
    byMetric.set(key, [...(byMetric.get(key) ?? []), q]);
  }
  for (const group of byMetric.values()) {
    const stats = new Set(group.map((q) => q.metricStat!.stat));
    const periods = new Set(group.map((q) => q.metricStat!.period));
    for (const q of group) {
      const parts = [q.metricStat!.metricName];
      if (stats.size > 1) parts.push(q.metricStat!.stat);
      if (periods.size > 1) parts.push(String(q.metricStat!.period));
      out.set(q.id, parts.join(' '));
    }
  }
  return out;
}

export function listMetrics(
  cw: CloudWatchContext,
  input: ListMetricsInput,
  ctx: RequestContext,
): ListMetricsOutput {
  const now = cw.clock.now();
  const metrics = cw.metrics.list(ctx.accountId, ctx.region, {
    namespace: input.Namespace,
    metricName: input.MetricName,
    dimensions: (input.Dimensions ?? []).map((d) => ({ name: d.Name!, value: d.Value })),
    activeSince: input.RecentlyActive === 'PT3H' ? now - RECENTLY_ACTIVE_MS : now - LIST_WINDOW_MS,
  });
  const { items, nextToken } = pageAfterKey(
    metrics,
    (m) => m.key,
    input.NextToken,
    LIST_METRICS_PAGE,
    invalidNextToken,
  );
  return {
    Metrics: items.map((m) => ({
      Namespace: m.identity.namespace,
      MetricName: m.identity.metricName,
      Dimensions: m.identity.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    })),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}
