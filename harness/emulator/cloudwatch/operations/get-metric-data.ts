/** GetMetricData: MetricStat queries and metric math over one range, each result in one page. */
import type { GetMetricDataInput, GetMetricDataOutput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { MetricQuerySpec } from '../alarm-model.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidNextToken, invalidParameterValue, missingParameter, validationError } from '../errors.ts';
import { evaluateAllQueries } from '../metric-math.ts';
import { MetricMathError } from '../metric-math-parser.ts';
import { alignStart, toQuerySpecs } from './metric-input.ts';

/** GetMetricData: up to 500 MetricDataQuery structures. */
const MAX_METRIC_DATA_QUERIES = 500;

export function getMetricData(
  cw: CloudWatchContext,
  input: Validated<GetMetricDataInput>,
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
  const startMs = new Date(input.StartTime).getTime();
  const endMs = new Date(input.EndTime).getTime();
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
