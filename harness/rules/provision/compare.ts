import type { MetricFilter, MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { FieldChange } from './changes.ts';
import type { AlarmActions, DesiredAlarm, DesiredMetricFilter } from './desired-state.ts';
import { labTagsOf } from './ownership.ts';

/** What differs between a metric filter on the target and the rule's; empty when up to date. */
export function compareMetricFilter(desired: DesiredMetricFilter, actual: MetricFilter): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, from: unknown, to: unknown): void => {
    if (!same(from, to)) changes.push({ field, from, to });
  };
  push('filterPattern', actual.filterPattern, desired.filterPattern);
  const have: Partial<MetricTransformation> = actual.metricTransformations?.[0] ?? {};
  const want = desired.transformation;
  push('metricName', have.metricName, want.metricName);
  push('metricNamespace', have.metricNamespace, want.metricNamespace);
  push('metricValue', have.metricValue, want.metricValue);
  push('defaultValue', have.defaultValue, want.defaultValue);
  push('dimensions', emptyToUndefined(have.dimensions), emptyToUndefined(want.dimensions));
  // An unset unit is stored as None (PutMetricFilter: "If you omit this, the unit is set as None").
  push('unit', have.unit === 'None' ? undefined : have.unit, want.unit === 'None' ? undefined : want.unit);
  if ((actual.metricTransformations?.length ?? 0) > 1) {
    changes.push({ field: 'metricTransformations', from: actual.metricTransformations?.length, to: 1 });
  }
  return changes;
}

/** The alarm's configuration and the lab's tags on it (`Tags`: PutMetricAlarm sets them only at creation). */
export function compareAlarm(
  desired: DesiredAlarm,
  actual: MetricAlarm,
  arns: AlarmActions<string>,
  actualTags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, from: unknown, to: unknown): void => {
    if (!same(from, to)) changes.push({ field, from, to });
  };
  push('AlarmDescription', actual.AlarmDescription ?? '', desired.description);
  push('MetricName', actual.MetricName, desired.metricName);
  push('Namespace', actual.Namespace, desired.namespace);
  push('Statistic', actual.Statistic, desired.statistic);
  push('Period', actual.Period, desired.period);
  push('EvaluationPeriods', actual.EvaluationPeriods, desired.evaluationPeriods);
  push('DatapointsToAlarm', actual.DatapointsToAlarm ?? actual.EvaluationPeriods, desired.datapointsToAlarm);
  push('ComparisonOperator', actual.ComparisonOperator, desired.comparison);
  push('Threshold', actual.Threshold, desired.threshold);
  push('TreatMissingData', actual.TreatMissingData ?? 'missing', desired.treatMissingData);
  push('Unit', actual.Unit, desired.unit);
  push('ActionsEnabled', actual.ActionsEnabled ?? true, true);
  push(
    'Dimensions',
    [...(actual.Dimensions ?? [])]
      .map((d) => ({ Name: d.Name, Value: d.Value }))
      .sort((a, b) => String(a.Name).localeCompare(String(b.Name))),
    desired.dimensions,
  );
  push('AlarmActions', sorted(actual.AlarmActions), sorted(arns.alarm));
  push('OKActions', sorted(actual.OKActions), sorted(arns.ok));
  push('InsufficientDataActions', sorted(actual.InsufficientDataActions), sorted(arns.insufficientData));
  push('Tags', tagMap(labTagsOf(actualTags)), tagMap(desired.tags));
  return changes;
}

function tagMap(tags: ReadonlyArray<{ Key: string; Value: string }>): Record<string, string> | undefined {
  return tags.length > 0 ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
}

function sorted(list: readonly string[] | undefined): string[] {
  return [...(list ?? [])].sort();
}

function emptyToUndefined(map: Record<string, string> | undefined): Record<string, string> | undefined {
  return map && Object.keys(map).length > 0 ? map : undefined;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}
