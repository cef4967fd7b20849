import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Lab } from '../runner/index.ts';

const MINUTE = 60_000;
/** GetMetricData's limit of queries per call. */
const QUERIES_PER_CALL = 500;

export interface MetricView {
  readonly ruleId: string;
  /** Minute starts (epoch ms, lab time) and the alarm statistic's value, one per minute with data. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** Each rule's metric as its alarm sees it (statistic, period, dimensions), over the last `minutes`. */
export async function readRuleMetrics(lab: Lab, minutes: number): Promise<MetricView[]> {
  const rules = lab.ruleSet.rules;
  const end = Math.ceil(lab.target.clock.now() / MINUTE) * MINUTE;
  const queries: MetricDataQuery[] = rules.map((rule, i) => ({
    Id: `m${i}`,
    MetricStat: {
      Metric: {
        Namespace: rule.filter.namespace,
        MetricName: rule.filter.metricName,
        ...(rule.alarm.dimensions
          ? { Dimensions: Object.entries(rule.alarm.dimensions).map(([Name, Value]) => ({ Name, Value })) }
          : {}),
      },
      Period: rule.alarm.period,
      Stat: rule.alarm.statistic,
    },
  }));
  const series = new Map<string, Array<readonly [number, number]>>();
  for (let i = 0; i < queries.length; i += QUERIES_PER_CALL) {
    let nextToken: string | undefined;
    do {
      const page = await lab.aws.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries.slice(i, i + QUERIES_PER_CALL),
          StartTime: new Date(end - minutes * MINUTE),
          EndTime: new Date(end),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      for (const result of page.MetricDataResults ?? []) {
        const points = series.get(result.Id!) ?? [];
        (result.Timestamps ?? []).forEach((t, j) => points.push([t.getTime(), result.Values?.[j] ?? 0]));
        series.set(result.Id!, points);
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return rules.map((rule, i) => ({
    ruleId: rule.id,
    points: (series.get(`m${i}`) ?? []).sort((a, b) => a[0] - b[0]),
  }));
}
