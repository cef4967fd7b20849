/**
 * Members the metric operations and metric-math alarms read alike: dimensions, periods and
 * MetricDataQuery lists, with AWS's structural checks and messages.
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { MetricQuerySpec } from '../alarm-model.ts';
import { invalidParameterValue, validationError } from '../errors.ts';
import type { DimensionValue } from '../metric-identity.ts';
import { queryExpression } from '../metric-math.ts';
import { MetricMathError, expressionIds } from '../metric-math-parser.ts';
import {
  BASIC_STATISTICS,
  parseExtendedStatistic,
  type BasicStatistic,
} from '../../../alarm-evaluation/index.ts';

/** "You can assign up to 30 dimensions to a metric" (MetricDatum). */
const MAX_DIMENSIONS = 30;
/** Periods below a minute a query may use (high-resolution metrics). */
const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];

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
export function checkPeriod(period: number, member: string): void {
  if (period < 1 || (period % 60 !== 0 && !HIGH_RESOLUTION_PERIODS.includes(period))) {
    throw invalidParameterValue(
      `The parameter ${member} must be a multiple of 60, or one of 1, 5, 10, 20 or 30.`,
    );
  }
}

/** "StartTime ... rounded down": to the minute for periods of a minute or more, to the second otherwise. */
export function alignStart(startMs: number, periodSeconds: number): number {
  const unit = periodSeconds >= 60 ? 60_000 : 1000;
  return Math.floor(startMs / unit) * unit;
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
