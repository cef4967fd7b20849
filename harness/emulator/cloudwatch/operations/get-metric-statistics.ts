/** GetMetricStatistics: one datapoint per period and unit, basic and extended statistics. */
import type {
  Datapoint,
  GetMetricStatisticsInput,
  GetMetricStatisticsOutput,
} from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../errors.ts';
import { periodAggregates } from '../metric-store.ts';
import {
  BASIC_STATISTICS,
  basicStatistic,
  extendedStatistic,
  parseExtendedStatistic,
  type BasicStatistic,
} from '../../../alarm-evaluation/index.ts';
import { alignStart, checkDimensions, checkPeriod } from './metric-input.ts';

/** GetMetricStatistics: "maximum number of data points returned from a single call is 1,440". */
const MAX_STATISTICS_DATAPOINTS = 1440;
/** "You can specify up to 10 extended statistics" (ExtendedStatistics). */
const MAX_EXTENDED_STATISTICS = 10;

export function getMetricStatistics(
  cw: CloudWatchContext,
  input: Validated<GetMetricStatisticsInput>,
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
  const period = input.Period;
  checkPeriod(period, 'Period');
  const startMs = new Date(input.StartTime).getTime();
  const endMs = new Date(input.EndTime).getTime();
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
    namespace: input.Namespace,
    metricName: input.MetricName,
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
