import type {
  DeleteMetricFilterRequest,
  DescribeMetricFiltersRequest,
  DescribeMetricFiltersResponse,
  MetricFilter,
  MetricFilterMatchRecord,
  PutMetricFilterRequest,
  TestMetricFilterRequest,
  TestMetricFilterResponse,
} from '@aws-sdk/client-cloudwatch-logs';
import { compileFilterPattern, FilterPatternSyntaxError } from '../../../filter-pattern/index.ts';
import type { RequestContext, Validated } from '../../service.ts';
import type { LogsContext } from '../context.ts';
import { requireGroup } from '../context.ts';
import { filterNotFound, invalidParameter, limitExceeded } from '../errors.ts';
import { DEFAULT_DESCRIBE_LIMIT, MAX_METRIC_FILTERS_PER_GROUP } from '../limits.ts';
import { toTransformationInputs } from '../metric-filter-engine.ts';
import { byName, pageByName } from '../pagination.ts';
import type { LogGroupState, MetricFilterState } from '../store.ts';

export function putMetricFilter(
  logs: LogsContext,
  input: Validated<PutMetricFilterRequest>,
  context: RequestContext,
): Record<string, never> {
  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  const state: MetricFilterState = {
    filterName: input.filterName,
    filterPattern: input.filterPattern,
    metricTransformations: input.metricTransformations.map((t) => ({ ...t })),
    creationTime: logs.clock.now(),
    ...(input.applyOnTransformedLogs !== undefined
      ? { applyOnTransformedLogs: input.applyOnTransformedLogs }
      : {}),
    ...(input.fieldSelectionCriteria !== undefined
      ? { fieldSelectionCriteria: input.fieldSelectionCriteria }
      : {}),
    ...(input.emitSystemFieldDimensions !== undefined
      ? { emitSystemFieldDimensions: input.emitSystemFieldDimensions }
      : {}),
  };
  const compiled = logs.metricFilters.compile(state.filterPattern, toTransformationInputs(state));
  if (
    !group.metricFilters.has(state.filterName) &&
    group.metricFilters.size >= MAX_METRIC_FILTERS_PER_GROUP
  ) {
    throw limitExceeded();
  }
  group.metricFilters.set(state.filterName, state);
  logs.metricFilters.register(context, group.name, state, compiled);
  return {};
}

export function deleteMetricFilter(
  logs: LogsContext,
  input: Validated<DeleteMetricFilterRequest>,
  context: RequestContext,
): Record<string, never> {
  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  if (!group.metricFilters.delete(input.filterName)) throw filterNotFound();
  logs.metricFilters.unregister(context, group.name, input.filterName);
  return {};
}

export function describeMetricFilters(
  logs: LogsContext,
  input: Validated<DescribeMetricFiltersRequest>,
  context: RequestContext,
): DescribeMetricFiltersResponse {
  if (input.filterNamePrefix !== undefined && input.logGroupName === undefined) {
    throw invalidParameter('If you specify a filterNamePrefix, you must also specify a logGroupName.');
  }
  if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) {
    throw invalidParameter('If you specify metricName or metricNamespace, you must specify both.');
  }
  const store = logs.stores.get(context);
  const groups: LogGroupState[] =
    input.logGroupName !== undefined ? [requireGroup(store, input.logGroupName)] : [...store.groups.values()];
  const rows: { group: string; filter: MetricFilterState }[] = [];
  for (const group of groups) {
    for (const filter of group.metricFilters.values()) {
      if (input.filterNamePrefix !== undefined && !filter.filterName.startsWith(input.filterNamePrefix))
        continue;
      if (
        input.metricName !== undefined &&
        !filter.metricTransformations.some(
          (t) => t.metricName === input.metricName && t.metricNamespace === input.metricNamespace,
        )
      ) {
        continue;
      }
      rows.push({ group: group.name, filter });
    }
  }
  rows.sort((a, b) => byName(a.group, b.group) || byName(a.filter.filterName, b.filter.filterName));
  const { page, nextToken } = pageByName(
    rows,
    (r) => `${r.group}\u0000${r.filter.filterName}`,
    input.limit ?? DEFAULT_DESCRIBE_LIMIT,
    input.nextToken,
  );
  return {
    metricFilters: page.map(({ group, filter }) => describeFilter(group, filter)),
    ...(nextToken !== undefined ? { nextToken } : {}),
  };
}

function describeFilter(group: string, filter: MetricFilterState): MetricFilter {
  return {
    filterName: filter.filterName,
    filterPattern: filter.filterPattern,
    metricTransformations: filter.metricTransformations,
    creationTime: filter.creationTime,
    logGroupName: group,
    ...(filter.applyOnTransformedLogs !== undefined
      ? { applyOnTransformedLogs: filter.applyOnTransformedLogs }
      : {}),
    ...(filter.fieldSelectionCriteria !== undefined
      ? { fieldSelectionCriteria: filter.fieldSelectionCriteria }
      : {}),
    ...(filter.emitSystemFieldDimensions !== undefined
      ? { emitSystemFieldDimensions: filter.emitSystemFieldDimensions }
      : {}),
  };
}

/** TestMetricFilter: which of up to 50 messages match, 1-based, with what the pattern extracted. */
export function testMetricFilter(input: Validated<TestMetricFilterRequest>): TestMetricFilterResponse {
  let pattern;
  try {
    pattern = compileFilterPattern(input.filterPattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) throw invalidParameter(error.awsMessage);
    throw error;
  }
  const matches: MetricFilterMatchRecord[] = [];
  input.logEventMessages.forEach((message, index) => {
    const result = pattern.test(message);
    if (result.matched)
      matches.push({
        eventNumber: index + 1,
        eventMessage: message,
        extractedValues: result.extractedValues,
      });
  });
  return { matches };
}
