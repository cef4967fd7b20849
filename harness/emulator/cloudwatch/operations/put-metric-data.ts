/** PutMetricData: limits and messages from the API reference and AWS-recorded errors (aws-protocols.md §4.5). */
import type { MetricDatum, PutMetricDataInput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../errors.ts';
import type { MetricDatumInput } from '../metric-store.ts';
import { checkDimensions } from './metric-input.ts';

/** PutMetricData: "Each request can contain up to 1000 different metrics" (API reference). */
const MAX_METRIC_DATA = 1000;
/** "You can use up to 150 unique values" in one MetricDatum's Values. */
const MAX_VALUES = 150;
/** Values "must be in the range of -2^360 to 2^360" (MetricDatum). */
const VALUE_LIMIT = 2 ** 360;
/** Data can be published up to two weeks old and two hours in the future (PutMetricData). */
const MAX_PAST_MS = 14 * 24 * 3600_000;
const MAX_FUTURE_MS = 2 * 3600_000;

export function putMetricData(
  cw: CloudWatchContext,
  input: Validated<PutMetricDataInput>,
  ctx: RequestContext,
): void {
  const namespace = input.Namespace;
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

function toDatum(namespace: string, datum: Validated<MetricDatum>, n: number, now: number): MetricDatumInput {
  const at = `MetricData.member.${n}`;
  const hasValue = datum.Value !== undefined;
  const hasValues = datum.Values !== undefined && datum.Values.length > 0;
  const hasStats = datum.StatisticValues !== undefined;
  const given = [hasValue && 'Value', hasValues && 'Values', hasStats && 'StatisticValues'].filter(
    (member) => member !== false,
  );
  if (given.length > 1) {
    throw invalidParameterCombination(
      `The parameters ${at}.${given[0]} and ${at}.${given[1]} are mutually exclusive and you have specified both.`,
    );
  }
  if (given.length === 0) {
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
    for (const member of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const)
      checkValue(s[member], `${at}.StatisticValues.${member}`);
    if (s.Minimum > s.Maximum) {
      throw invalidParameterValue(
        `The parameter ${at}.StatisticValues.Maximum must be greater than ${at}.StatisticValues.Minimum.`,
      );
    }
    if (s.SampleCount <= 0) {
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
    metricName: datum.MetricName,
    dimensions,
    timestamp,
    unit: datum.Unit,
    storageResolution: datum.StorageResolution === 1 ? 1 : 60,
    value: datum.Value,
    values: hasValues ? datum.Values : undefined,
    counts: hasValues && datum.Counts !== undefined && datum.Counts.length > 0 ? datum.Counts : undefined,
    statisticValues: hasStats
      ? {
          sampleCount: datum.StatisticValues!.SampleCount,
          sum: datum.StatisticValues!.Sum,
          minimum: datum.StatisticValues!.Minimum,
          maximum: datum.StatisticValues!.Maximum,
        }
      : undefined,
  };
}
