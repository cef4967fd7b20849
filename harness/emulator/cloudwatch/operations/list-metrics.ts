/** ListMetrics: metrics with data in the last two weeks (three hours with RecentlyActive), by key. */
import type { ListMetricsInput, ListMetricsOutput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidNextToken } from '../errors.ts';

/** ListMetrics returns up to 500 metrics per call. */
const LIST_METRICS_PAGE = 500;
/** ListMetrics returns metrics with data in the past two weeks; RecentlyActive=PT3H, three hours. */
const LIST_WINDOW_MS = 14 * 24 * 3600_000;
const RECENTLY_ACTIVE_MS = 3 * 3600_000;

export function listMetrics(
  cw: CloudWatchContext,
  input: Validated<ListMetricsInput>,
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
