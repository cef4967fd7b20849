/**
 * Metric math for GetMetricData and metric-math alarms (user guide "Using metric math"). Supported:
 *
 * - operands: query ids (`m1`), numbers, `"strings"` (METRICS filter only);
 * - arithmetic `+ - * / ^` (unary minus too), comparisons `== != < <= > >=` (1 or 0), logical
 *   `AND`/`&&`, `OR`/`||`, `NOT`/`!`, between time series and/or scalars;
 * - functions: ABS, CEIL, FLOOR, LOG, LOG10, EXP, SQRT, AVG, SUM, MIN, MAX, STDDEV (a time series →
 *   scalar; an array of time series → one time series), FILL(x, value | REPEAT | LINEAR),
 *   IF(cond, a[, b]), METRICS(["label filter"]), RATE, DIFF, DIFF_TIME, RUNNING_SUM, PERIOD,
 *   TIME_SERIES(scalar), FIRST, LAST.
 *
 * Anything else (SEARCH, ANOMALY_DETECTION_BAND, INSIGHT_RULE_METRIC, SERVICE_QUOTA, SQL queries...)
 * is refused with a MetricMathError naming the function, never silently computed.
 * A time series is a map from period start to value; arithmetic over two series only yields values
 * at timestamps both have (FILL exists for that, as at AWS).
 */
import { LabError } from '../../errors.ts';
import type { MetricQuerySpec } from './alarm-model.ts';
import type { RegionMetrics } from './metric-record.ts';
import { aggregate } from './metric-store.ts';
import {
  BASIC_STATISTICS,
  basicStatistic,
  extendedStatistic,
  parseExtendedStatistic,
  type BasicStatistic,
} from './statistics.ts';

export class MetricMathError extends LabError {
  constructor(message: string) {
    super('LAB_METRIC_MATH', message);
  }
}

export interface TimeSeries {
  readonly kind: 'series';
  readonly label: string;
  readonly points: Map<number, number>;
  /** Units of the samples behind a metric's series, when several were merged (no unit asked). */
  readonly units?: readonly string[];
}
type Value =
  | { readonly kind: 'scalar'; readonly value: number }
  | TimeSeries
  | { readonly kind: 'array'; readonly series: TimeSeries[] };

export interface QueryResult {
  readonly id: string;
  readonly label: string;
  /** Ascending. */
  readonly timestamps: number[];
  readonly values: number[];
  /** GetMetricData per-result messages (`MultipleUnits`). */
  readonly messages: { Code: string; Value: string }[];
}

export interface MathContext {
  readonly grid: readonly number[];
  readonly periodSeconds: number;
  readonly results: Map<string, Value>;
  readonly metricIds: readonly string[];
}

type Node =
  | { type: 'num'; value: number }
  | { type: 'str'; value: string }
  | { type: 'id'; name: string }
  | { type: 'unary'; op: '-' | 'NOT'; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] };

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['OR'],
  ['AND'],
  ['==', '!=', '<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/'],
  ['^'],
];

/** Parses a metric math expression (exported for validation at PutMetricAlarm/GetMetricData). */
export function parseExpression(text: string): Node {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new MetricMathError(`Unexpected end of expression '${text}'`);
    return t;
  };
  const parseLevel = (level: number): Node => {
    if (level === BINARY_LEVELS.length) return parseUnary();
    let left = parseLevel(level + 1);
    for (;;) {
      const t = peek();
      if (t === undefined || !BINARY_LEVELS[level]!.includes(t)) return left;
      i++;
      // ^ is right-associative.
      const right = BINARY_LEVELS[level]![0] === '^' ? parseLevel(level) : parseLevel(level + 1);
      left = { type: 'binary', op: t, left, right };
    }
  };
  const parseUnary = (): Node => {
    const t = peek();
    if (t === '-') {
      i++;
      return { type: 'unary', op: '-', operand: parseUnary() };
    }
    if (t === 'NOT') {
      i++;
      return { type: 'unary', op: 'NOT', operand: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): Node => {
    const t = next();
    if (t === '(') {
      const inner = parseLevel(0);
      if (next() !== ')') throw new MetricMathError(`Expected ')' in expression '${text}'`);
      return inner;
    }
    if (t.startsWith('"') || t.startsWith("'")) return { type: 'str', value: t.slice(1, -1) };
    if (/^\d/.test(t) || t.startsWith('.')) return { type: 'num', value: Number(t) };
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) {
      if (peek() === '(') {
        i++;
        const args: Node[] = [];
        if (peek() !== ')') {
          for (;;) {
            args.push(parseLevel(0));
            const sep = next();
            if (sep === ')') break;
            if (sep !== ',') throw new MetricMathError(`Expected ',' or ')' in expression '${text}'`);
          }
        } else {
          i++;
        }
        return { type: 'call', name: t.toUpperCase(), args };
      }
      return { type: 'id', name: t };
    }
    throw new MetricMathError(`Unexpected '${t}' in expression '${text}'`);
  };
  const node = parseLevel(0);
  if (i < tokens.length) throw new MetricMathError(`Unexpected '${tokens[i]}' in expression '${text}'`);
  return node;
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|("[^"]*"|'[^']*')|(&&|\|\||==|!=|<=|>=|[-+*/^(),<>!])|([A-Za-z_][A-Za-z0-9_]*))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null)
      throw new MetricMathError(
        `Unexpected character '${text[pos]?.trim() || text.slice(pos).trim()[0]}' in expression '${text}'`,
      );
    pos = re.lastIndex;
    const token = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    const upper = token.toUpperCase();
    if (token === '&&' || upper === 'AND') out.push('AND');
    else if (token === '||' || upper === 'OR') out.push('OR');
    else if (token === '!' || upper === 'NOT') out.push('NOT');
    else out.push(token);
  }
  return out;
}

/** Ids an expression refers to (for dependency order and validation). */
export function expressionIds(node: Node): string[] {
  switch (node.type) {
    case 'id':
      return [node.name];
    case 'unary':
      return expressionIds(node.operand);
    case 'binary':
      return [...expressionIds(node.left), ...expressionIds(node.right)];
    case 'call':
      return node.args.flatMap(expressionIds);
    default:
      return [];
  }
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
  const ctx: MathContext = {
    grid,
    periodSeconds,
    results: new Map(),
    metricIds: queries.filter((q) => q.metricStat !== undefined).map((q) => q.id),
  };
  const visiting = new Set<string>();
  const resolve = (id: string): Value => {
    const done = ctx.results.get(id);
    if (done !== undefined) return done;
    const query = byId.get(id);
    if (query === undefined) throw new MetricMathError(`Unrecognized metric or expression id '${id}'`);
    if (visiting.has(id)) throw new MetricMathError(`Circular reference involving '${id}'`);
    visiting.add(id);
    let value: Value;
    if (query.metricStat !== undefined) {
      const statPeriodMs = query.metricStat.period * 1000;
      value = metricStatSeries(
        query,
        metrics,
        statPeriodMs === periodMs ? grid : gridOf(start, end, statPeriodMs),
        statPeriodMs,
      );
    } else if (query.expression !== undefined) {
      value = evalNode(parseExpression(query.expression), ctx, resolve, query.label ?? query.id);
    } else {
      throw new MetricMathError(`Query '${id}' has neither MetricStat nor Expression`);
    }
    visiting.delete(id);
    ctx.results.set(id, value);
    return value;
  };
  const out = new Map<string, QueryResult>();
  for (const q of queries) {
    const value = resolve(q.id);
    const label = q.label ?? (q.metricStat ? q.metricStat.metricName : q.id);
    const series = toSeries(value, ctx, label);
    const timestamps = [...series.points.keys()].sort((a, b) => a - b);
    const messages =
      series.units !== undefined && series.units.length > 1
        ? [
            {
              Code: 'MultipleUnits',
              Value: `Multiple units returned: '[${[...series.units].sort().join(', ')}]'`,
            },
          ]
        : [];
    out.set(q.id, {
      id: q.id,
      label,
      timestamps,
      values: timestamps.map((t) => series.points.get(t)!),
      messages,
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
  if (chosen === undefined) throw new MetricMathError('Exactly one query must have ReturnData set to true');
  return results.get(chosen.id)!;
}

function gridOf(start: number, end: number, periodMs: number): number[] {
  const grid: number[] = [];
  for (let t = start; t < end; t += periodMs) grid.push(t);
  return grid;
}

function metricStatSeries(
  query: MetricQuerySpec,
  metrics: RegionMetrics,
  grid: readonly number[],
  periodMs: number,
): TimeSeries {
  const stat = query.metricStat!;
  const metric = metrics.find({
    namespace: stat.namespace,
    metricName: stat.metricName,
    dimensions: stat.dimensions,
  });
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
      const agg = aggregate(metric, t, t + periodMs, { unit: stat.unit, withValues: extended !== undefined });
      if (agg === undefined) continue;
      const v = basic !== undefined ? basicStatistic(agg, basic) : extendedStatistic(agg, extended!);
      if (v !== undefined) points.set(t, v);
      if (stat.unit === undefined) {
        for (const unit of metric.units())
          if (aggregate(metric, t, t + periodMs, { unit }) !== undefined) units.add(unit);
      }
    }
  }
  return { kind: 'series', label: query.label ?? stat.metricName, points, units: [...units] };
}

function toSeries(value: Value, ctx: MathContext, label: string): TimeSeries {
  if (value.kind === 'series') return value;
  if (value.kind === 'scalar')
    return { kind: 'series', label, points: new Map(ctx.grid.map((t) => [t, value.value])) };
  if (value.series.length === 1) return value.series[0]!;
  throw new MetricMathError('An expression that returns an array of time series cannot be used here');
}

function evalNode(node: Node, ctx: MathContext, resolve: (id: string) => Value, label: string): Value {
  switch (node.type) {
    case 'num':
      return { kind: 'scalar', value: node.value };
    case 'str':
      throw new MetricMathError(`A string ("${node.value}") is only valid as the argument of METRICS`);
    case 'id':
      return resolve(node.name);
    case 'unary': {
      const operand = evalNode(node.operand, ctx, resolve, label);
      return map1(operand, node.op === '-' ? (v) => -v : (v) => (v === 0 ? 1 : 0));
    }
    case 'binary':
      return map2(
        evalNode(node.left, ctx, resolve, label),
        evalNode(node.right, ctx, resolve, label),
        binary(node.op),
        label,
      );
    case 'call':
      return callFunction(node, ctx, resolve, label);
  }
}

function binary(op: string): (a: number, b: number) => number {
  switch (op) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return (a, b) => a / b;
    case '^':
      return (a, b) => a ** b;
    case '==':
      return (a, b) => (a === b ? 1 : 0);
    case '!=':
      return (a, b) => (a !== b ? 1 : 0);
    case '<':
      return (a, b) => (a < b ? 1 : 0);
    case '<=':
      return (a, b) => (a <= b ? 1 : 0);
    case '>':
      return (a, b) => (a > b ? 1 : 0);
    case '>=':
      return (a, b) => (a >= b ? 1 : 0);
    case 'AND':
      return (a, b) => (a !== 0 && b !== 0 ? 1 : 0);
    case 'OR':
      return (a, b) => (a !== 0 || b !== 0 ? 1 : 0);
    default:
      throw new MetricMathError(`Unsupported operator '${op}'`);
  }
}

function map1(value: Value, f: (v: number) => number): Value {
  if (value.kind === 'scalar') return { kind: 'scalar', value: f(value.value) };
  if (value.kind === 'series')
    return { kind: 'series', label: value.label, points: mapPoints(value.points, f) };
  return {
    kind: 'array',
    series: value.series.map((s) => ({ kind: 'series', label: s.label, points: mapPoints(s.points, f) })),
  };
}

function mapPoints(points: Map<number, number>, f: (v: number) => number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [t, v] of points) out.set(t, f(v));
  return out;
}

function map2(a: Value, b: Value, f: (x: number, y: number) => number, label: string): Value {
  if (a.kind === 'array')
    return { kind: 'array', series: a.series.map((s) => map2(s, b, f, s.label) as TimeSeries) };
  if (b.kind === 'array')
    return { kind: 'array', series: b.series.map((s) => map2(a, s, f, s.label) as TimeSeries) };
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: f(a.value, b.value) };
  if (a.kind === 'scalar')
    return { kind: 'series', label, points: mapPoints((b as TimeSeries).points, (v) => f(a.value, v)) };
  if (b.kind === 'scalar')
    return { kind: 'series', label, points: mapPoints(a.points, (v) => f(v, b.value)) };
  const out = new Map<number, number>();
  for (const [t, v] of a.points) {
    const w = b.points.get(t);
    if (w !== undefined) out.set(t, f(v, w));
  }
  return { kind: 'series', label, points: out };
}

function reduce(values: number[], fn: string): number {
  if (values.length === 0) return NaN;
  switch (fn) {
    case 'SUM':
      return values.reduce((s, v) => s + v, 0);
    case 'AVG':
      return values.reduce((s, v) => s + v, 0) / values.length;
    // reduce, not Math.min(...values): a spread of 100,000+ arguments overflows the stack.
    case 'MIN':
      return values.reduce((a, b) => Math.min(a, b));
    case 'MAX':
      return values.reduce((a, b) => Math.max(a, b));
    default: {
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    }
  }
}

function callFunction(
  node: Extract<Node, { type: 'call' }>,
  ctx: MathContext,
  resolve: (id: string) => Value,
  label: string,
): Value {
  const arg = (i: number): Value => {
    const a = node.args[i];
    if (a === undefined) throw new MetricMathError(`${node.name} expects more arguments`);
    return evalNode(a, ctx, resolve, label);
  };
  const seriesArg = (i: number): TimeSeries => {
    const v = arg(i);
    if (v.kind !== 'series') throw new MetricMathError(`${node.name} expects a time series`);
    return v;
  };
  const perPoint = (f: (v: number) => number): Value => map1(arg(0), f);
  switch (node.name) {
    case 'ABS':
      return perPoint(Math.abs);
    case 'CEIL':
      return perPoint(Math.ceil);
    case 'FLOOR':
      return perPoint(Math.floor);
    case 'LOG':
      return perPoint(Math.log);
    case 'LOG10':
      return perPoint(Math.log10);
    case 'EXP':
      return perPoint(Math.exp);
    case 'SQRT':
      return perPoint(Math.sqrt);
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX':
    case 'STDDEV': {
      const v = arg(0);
      if (v.kind === 'scalar') return v;
      if (v.kind === 'series') return { kind: 'scalar', value: reduce([...v.points.values()], node.name) };
      const points = new Map<number, number>();
      for (const t of ctx.grid) {
        const values = v.series.map((s) => s.points.get(t)).filter((x): x is number => x !== undefined);
        if (values.length > 0) points.set(t, reduce(values, node.name));
      }
      return { kind: 'series', label, points };
    }
    case 'METRICS': {
      const filter = node.args[0]?.type === 'str' ? node.args[0].value : undefined;
      const series = ctx.metricIds
        .map((id) => resolve(id))
        .filter(
          (v): v is TimeSeries => v.kind === 'series' && (filter === undefined || v.label.includes(filter)),
        );
      return { kind: 'array', series };
    }
    case 'FILL': {
      const target = arg(0);
      const how = node.args[1];
      if (how === undefined) throw new MetricMathError('FILL expects a value, REPEAT or LINEAR');
      const fillOne = (s: TimeSeries): TimeSeries => ({
        kind: 'series',
        label: s.label,
        points: fill(s, how, ctx, resolve, label),
      });
      if (target.kind === 'array') return { kind: 'array', series: target.series.map(fillOne) };
      if (target.kind === 'scalar') return target;
      return fillOne(target);
    }
    case 'IF': {
      const cond = arg(0);
      const a = arg(1);
      const b = node.args.length > 2 ? arg(2) : undefined;
      const condSeries = toSeries(cond, ctx, label);
      const points = new Map<number, number>();
      for (const [t, c] of condSeries.points) {
        const chosen = c !== 0 ? a : b;
        if (chosen === undefined) continue;
        const v =
          chosen.kind === 'scalar'
            ? chosen.value
            : chosen.kind === 'series'
              ? chosen.points.get(t)
              : undefined;
        if (v !== undefined) points.set(t, v);
      }
      return { kind: 'series', label, points };
    }
    case 'RATE':
    case 'DIFF':
    case 'DIFF_TIME': {
      const s = seriesArg(0);
      const times = [...s.points.keys()].sort((x, y) => x - y);
      const points = new Map<number, number>();
      for (let k = 1; k < times.length; k++) {
        const dt = (times[k]! - times[k - 1]!) / 1000;
        const dv = s.points.get(times[k]!)! - s.points.get(times[k - 1]!)!;
        points.set(times[k]!, node.name === 'DIFF' ? dv : node.name === 'RATE' ? dv / dt : dt);
      }
      return { kind: 'series', label, points };
    }
    case 'RUNNING_SUM': {
      const s = seriesArg(0);
      const points = new Map<number, number>();
      let sum = 0;
      for (const t of [...s.points.keys()].sort((x, y) => x - y)) {
        sum += s.points.get(t)!;
        points.set(t, sum);
      }
      return { kind: 'series', label, points };
    }
    case 'PERIOD':
      arg(0);
      return { kind: 'scalar', value: ctx.periodSeconds };
    case 'TIME_SERIES': {
      const v = arg(0);
      if (v.kind !== 'scalar') throw new MetricMathError('TIME_SERIES expects a scalar');
      return { kind: 'series', label, points: new Map(ctx.grid.map((t) => [t, v.value])) };
    }
    case 'FIRST':
    case 'LAST': {
      const v = arg(0);
      if (v.kind !== 'array') return v;
      const s = node.name === 'FIRST' ? v.series[0] : v.series[v.series.length - 1];
      return s ?? { kind: 'series', label, points: new Map() };
    }
    default:
      throw new MetricMathError(
        `Unsupported function ${node.name} in the vault-alarm-lab emulator's metric math`,
      );
  }
}

function fill(
  s: TimeSeries,
  how: Node,
  ctx: MathContext,
  resolve: (id: string) => Value,
  label: string,
): Map<number, number> {
  const out = new Map(s.points);
  if (how.type === 'id' && (how.name.toUpperCase() === 'REPEAT' || how.name.toUpperCase() === 'LINEAR')) {
    const mode = how.name.toUpperCase();
    const known = ctx.grid.filter((t) => s.points.has(t));
    for (const t of ctx.grid) {
      if (out.has(t)) continue;
      const before = [...known].reverse().find((k) => k < t);
      const after = known.find((k) => k > t);
      if (mode === 'REPEAT') {
        const src = before ?? after;
        if (src !== undefined) out.set(t, s.points.get(src)!);
      } else if (before !== undefined && after !== undefined) {
        const a = s.points.get(before)!;
        const b = s.points.get(after)!;
        out.set(t, a + ((b - a) * (t - before)) / (after - before));
      }
    }
    return out;
  }
  const value = evalNode(how, ctx, resolve, label);
  for (const t of ctx.grid) {
    if (out.has(t)) continue;
    const v =
      value.kind === 'scalar' ? value.value : value.kind === 'series' ? value.points.get(t) : undefined;
    if (v !== undefined) out.set(t, v);
  }
  return out;
}
