/**
 * Metric math for GetMetricData and metric-math alarms (user guide "Using metric math"): the queries
 * of one request (or alarm) evaluated over a time range, each MetricStat query read from the metric
 * store period by period, each expression computed from the others, in any order of reference.
 * Syntax: `metric-math-parser.ts`; functions: `metric-math-functions.ts`; values and their
 * arithmetic: `metric-math-values.ts`.
 */
import type { MetricQuerySpec } from './alarm-model.ts';
import { callFunction } from './metric-math-functions.ts';
import { MetricMathError, parseExpression, type MathNode } from './metric-math-parser.ts';
import {
  combineValues,
  mapValue,
  scalar,
  toSeries,
  type MathValue,
  type TimeSeries,
} from './metric-math-values.ts';
import type { RegionMetrics } from './metric-record.ts';
import { aggregate } from './metric-store.ts';
import {
  BASIC_STATISTICS,
  basicStatistic,
  extendedStatistic,
  parseExtendedStatistic,
  type BasicStatistic,
} from '../../alarm-evaluation/index.ts';

export interface QueryResult {
  readonly id: string;
  readonly label: string;
  /** Ascending. */
  readonly timestamps: number[];
  readonly values: number[];
  /** GetMetricData per-result messages (`MultipleUnits`). */
  readonly messages: { Code: string; Value: string }[];
}

const BINARY_OPERATORS: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => a ** b,
  // Comparisons and logic give 1 or 0, as at AWS.
  '==': (a, b) => (a === b ? 1 : 0),
  '!=': (a, b) => (a !== b ? 1 : 0),
  '<': (a, b) => (a < b ? 1 : 0),
  '<=': (a, b) => (a <= b ? 1 : 0),
  '>': (a, b) => (a > b ? 1 : 0),
  '>=': (a, b) => (a >= b ? 1 : 0),
  AND: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  OR: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

/** Parsed expressions, per query spec: an alarm's specs live as long as its configuration. */
const parsedExpressions = new WeakMap<MetricQuerySpec, MathNode>();

/** The parsed expression of an expression query, parsed once per spec. */
export function queryExpression(query: MetricQuerySpec): MathNode {
  let node = parsedExpressions.get(query);
  if (node === undefined) {
    node = parseExpression(query.expression ?? '');
    parsedExpressions.set(query, node);
  }
  return node;
}

/**
 * Evaluates every query over [start, end) with the given period and returns each query's series.
 * Queries may reference each other in any order; cycles and unknown ids are errors.
 */
export function evaluateAllQueries(
  queries: readonly MetricQuerySpec[],
  metrics: RegionMetrics,
  start: number,
  end: number,
  periodSeconds: number,
): Map<string, QueryResult> {
  const periodMs = periodSeconds * 1000;
  const grid = gridOf(start, end, periodMs);
  const byId = new Map(queries.map((q) => [q.id, q]));
  const results = new Map<string, MathValue>();
  const visiting = new Set<string>();
  const resolve = (id: string): MathValue => {
    const done = results.get(id);
    if (done !== undefined) return done;
    const query = byId.get(id);
    if (query === undefined) throw new MetricMathError(`Unrecognized metric or expression id '${id}'`);
    if (visiting.has(id)) throw new MetricMathError(`Circular reference involving '${id}'`);
    visiting.add(id);
    let value: MathValue;
    if (query.metricStat !== undefined) {
      const statPeriodMs = query.metricStat.period * 1000;
      const statGrid = statPeriodMs === periodMs ? grid : gridOf(start, end, statPeriodMs);
      value = metricStatSeries(query, metrics, statGrid, statPeriodMs);
    } else if (query.expression !== undefined) {
      value = evaluateNode(queryExpression(query), query.label ?? query.id);
    } else {
      throw new MetricMathError(`Query '${id}' has neither MetricStat nor Expression`);
    }
    visiting.delete(id);
    results.set(id, value);
    return value;
  };
  const evaluateNode = (node: MathNode, label: string): MathValue => {
    switch (node.type) {
      case 'num':
        return scalar(node.value);
      case 'str':
        throw new MetricMathError(`A string ("${node.value}") is only valid as the argument of METRICS`);
      case 'id':
        return resolve(node.name);
      case 'unary':
        return mapValue(
          evaluateNode(node.operand, label),
          node.op === '-' ? (v) => -v : (v) => (v === 0 ? 1 : 0),
        );
      case 'binary': {
        const operator = BINARY_OPERATORS[node.op];
        if (operator === undefined) throw new MetricMathError(`Unsupported operator '${node.op}'`);
        return combineValues(
          evaluateNode(node.left, label),
          evaluateNode(node.right, label),
          operator,
          label,
        );
      }
      case 'call':
        return callFunction(node.name, node.args, {
          grid,
          periodSeconds,
          label,
          evaluate: (arg) => evaluateNode(arg, label),
          metricValues: () => queries.filter((q) => q.metricStat !== undefined).map((q) => resolve(q.id)),
        });
    }
  };
  const out = new Map<string, QueryResult>();
  for (const q of queries) {
    const label = q.label ?? (q.metricStat ? q.metricStat.metricName : q.id);
    const series = toSeries(resolve(q.id), grid, label);
    const timestamps = [...series.points.keys()].sort((a, b) => a - b);
    out.set(q.id, {
      id: q.id,
      label,
      timestamps,
      values: timestamps.map((t) => series.points.get(t)!),
      messages: unitMessages(series),
    });
  }
  return out;
}

/** The single series of a metric-math alarm (the query with ReturnData true, or the only one). */
export function evaluateMetricQueries(
  queries: readonly MetricQuerySpec[],
  metrics: RegionMetrics,
  start: number,
  end: number,
  periodSeconds: number,
): QueryResult {
  const results = evaluateAllQueries(queries, metrics, start, end, periodSeconds);
  const returned = queries.filter((q) => q.returnData !== false);
  const chosen = returned.length === 1 ? returned[0]! : queries.length === 1 ? queries[0]! : undefined;
  if (chosen === undefined) {
    throw new MetricMathError(
      `Exactly one query must have ReturnData set to true; ${returned.length} of ${queries.length} do`,
    );
  }
  return results.get(chosen.id)!;
}

function gridOf(start: number, end: number, periodMs: number): number[] {
  const grid: number[] = [];
  for (let t = start; t < end; t += periodMs) grid.push(t);
  return grid;
}

/** A MetricStat query's series: its statistic per period, and the units of the samples it merged. */
function metricStatSeries(
  query: MetricQuerySpec,
  metrics: RegionMetrics,
  grid: readonly number[],
  periodMs: number,
): TimeSeries {
  const stat = query.metricStat!;
  const metric = metrics.find(stat);
  const basic = BASIC_STATISTICS.includes(stat.stat as BasicStatistic)
    ? (stat.stat as BasicStatistic)
    : undefined;
  const extended = basic === undefined ? parseExtendedStatistic(stat.stat) : undefined;
  if (basic === undefined && extended === undefined)
    throw new MetricMathError(`Invalid statistic '${stat.stat}' in query '${query.id}'`);
  const points = new Map<number, number>();
  const units = new Set<string>();
  if (metric !== undefined) {
    for (const t of grid) {
      const agg = aggregate(metric, t, t + periodMs, {
        unit: stat.unit,
        withValues: extended !== undefined,
        unitsSeen: units,
      });
      if (agg === undefined) continue;
      const v = basic !== undefined ? basicStatistic(agg, basic) : extendedStatistic(agg, extended!);
      if (v !== undefined) points.set(t, v);
    }
  }
  return { kind: 'series', label: query.label ?? stat.metricName, points, units: [...units] };
}

/** GetMetricData reports samples of several units merged into one result (no Unit asked). */
function unitMessages(series: TimeSeries): QueryResult['messages'] {
  if (series.units === undefined || series.units.length <= 1) return [];
  return [
    { Code: 'MultipleUnits', Value: `Multiple units returned: '[${[...series.units].sort().join(', ')}]'` },
  ];
}
