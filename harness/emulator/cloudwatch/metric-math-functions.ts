/**
 * The metric math functions the emulator supports (user guide "Metric math syntax and functions"):
 * ABS, CEIL, FLOOR, LOG, LOG10, EXP, SQRT (per point); AVG, SUM, MIN, MAX, STDDEV (a series → a
 * scalar, an array of series → one series); FILL(x, value | REPEAT | LINEAR); IF(cond, a[, b]);
 * METRICS(["label filter"]); RATE, DIFF, DIFF_TIME, RUNNING_SUM; PERIOD; TIME_SERIES(scalar);
 * FIRST, LAST. Anything else (SEARCH, ANOMALY_DETECTION_BAND, ...) is a MetricMathError naming the
 * function, never silently computed.
 */
import { MetricMathError, type MathNode } from './metric-math-parser.ts';
import {
  mapValue,
  scalar,
  series,
  times,
  toSeries,
  valueAt,
  type MathValue,
  type TimeSeries,
} from './metric-math-values.ts';

/** What a function call sees of the evaluation it is part of. */
export interface FunctionScope {
  /** Period starts of the requested range, ascending. */
  readonly grid: readonly number[];
  readonly periodSeconds: number;
  /** Label of the query being computed: the series a function creates carry it. */
  readonly label: string;
  evaluate(node: MathNode): MathValue;
  /** The values of every MetricStat query, in query order (METRICS()). */
  metricValues(): MathValue[];
}

const PER_POINT: Readonly<Record<string, (v: number) => number>> = {
  ABS: Math.abs,
  CEIL: Math.ceil,
  FLOOR: Math.floor,
  LOG: Math.log,
  LOG10: Math.log10,
  EXP: Math.exp,
  SQRT: Math.sqrt,
};

const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

/** Reductions of non-empty value lists; reduce, never Math.min(...values): spreading 100,000+ values overflows the stack. */
const REDUCERS: Readonly<Record<string, (values: readonly number[]) => number>> = {
  SUM: sum,
  AVG: (values) => sum(values) / values.length,
  MIN: (values) => values.reduce((a, b) => Math.min(a, b)),
  MAX: (values) => values.reduce((a, b) => Math.max(a, b)),
  // Population standard deviation.
  STDDEV: (values) => {
    const mean = sum(values) / values.length;
    return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  },
};

export function callFunction(name: string, args: readonly MathNode[], scope: FunctionScope): MathValue {
  const arg = (i: number): MathValue => {
    const node = args[i];
    if (node === undefined) throw new MetricMathError(`${name} expects at least ${i + 1} argument(s)`);
    return scope.evaluate(node);
  };
  const seriesArg = (i: number): TimeSeries => {
    const value = arg(i);
    if (value.kind !== 'series')
      throw new MetricMathError(`${name} expects a time series as argument ${i + 1}, got a ${value.kind}`);
    return value;
  };
  const perPoint = PER_POINT[name];
  if (perPoint !== undefined) return mapValue(arg(0), perPoint);
  const reducer = REDUCERS[name];
  if (reducer !== undefined) return reduceValue(arg(0), reducer, scope);
  switch (name) {
    case 'METRICS': {
      const filter = args[0]?.type === 'str' ? args[0].value : undefined;
      return {
        kind: 'array',
        series: scope
          .metricValues()
          .filter(
            (v): v is TimeSeries => v.kind === 'series' && (filter === undefined || v.label.includes(filter)),
          ),
      };
    }
    case 'FILL': {
      const target = arg(0);
      const how = args[1];
      if (how === undefined)
        throw new MetricMathError('FILL expects a value, REPEAT or LINEAR as argument 2');
      const fillOne = (s: TimeSeries): TimeSeries => series(s.label, fill(s, how, scope));
      if (target.kind === 'array') return { kind: 'array', series: target.series.map(fillOne) };
      return target.kind === 'scalar' ? target : fillOne(target);
    }
    case 'IF': {
      const condition = toSeries(arg(0), scope.grid, scope.label);
      const whenTrue = arg(1);
      const whenFalse = args.length > 2 ? arg(2) : undefined;
      const points = new Map<number, number>();
      for (const [t, c] of condition.points) {
        const chosen = c !== 0 ? whenTrue : whenFalse;
        const v = chosen === undefined ? undefined : valueAt(chosen, t);
        if (v !== undefined) points.set(t, v);
      }
      return series(scope.label, points);
    }
    case 'RATE':
    case 'DIFF':
    case 'DIFF_TIME': {
      const s = seriesArg(0);
      const ts = times(s);
      const points = new Map<number, number>();
      for (let k = 1; k < ts.length; k++) {
        const dt = (ts[k]! - ts[k - 1]!) / 1000;
        const dv = s.points.get(ts[k]!)! - s.points.get(ts[k - 1]!)!;
        points.set(ts[k]!, name === 'DIFF' ? dv : name === 'RATE' ? dv / dt : dt);
      }
      return series(scope.label, points);
    }
    case 'RUNNING_SUM': {
      const s = seriesArg(0);
      const points = new Map<number, number>();
      let total = 0;
      for (const t of times(s)) {
        total += s.points.get(t)!;
        points.set(t, total);
      }
      return series(scope.label, points);
    }
    case 'PERIOD':
      arg(0);
      return scalar(scope.periodSeconds);
    case 'TIME_SERIES': {
      const value = arg(0);
      if (value.kind !== 'scalar')
        throw new MetricMathError(`TIME_SERIES expects a scalar as argument 1, got a ${value.kind}`);
      return series(scope.label, new Map(scope.grid.map((t) => [t, value.value])));
    }
    case 'FIRST':
    case 'LAST': {
      const value = arg(0);
      if (value.kind !== 'array') return value;
      const s = name === 'FIRST' ? value.series[0] : value.series[value.series.length - 1];
      return s ?? series(scope.label, new Map());
    }
    default:
      throw new MetricMathError(`Unsupported function ${name} in the vault-alarm-lab emulator's metric math`);
  }
}

/** A series → a scalar; an array of series → one series of the per-period reductions. */
function reduceValue(
  value: MathValue,
  reducer: (values: readonly number[]) => number,
  scope: FunctionScope,
): MathValue {
  if (value.kind === 'scalar') return value;
  if (value.kind === 'series') {
    const values = [...value.points.values()];
    return scalar(values.length === 0 ? NaN : reducer(values));
  }
  const points = new Map<number, number>();
  for (const t of scope.grid) {
    const values = value.series.map((s) => s.points.get(t)).filter((v): v is number => v !== undefined);
    if (values.length > 0) points.set(t, reducer(values));
  }
  return series(scope.label, points);
}

/** FILL of one series over the grid: with REPEAT, LINEAR, or a value (scalar or series). */
function fill(s: TimeSeries, how: MathNode, scope: FunctionScope): Map<number, number> {
  const mode = how.type === 'id' ? how.name.toUpperCase() : undefined;
  if (mode === 'REPEAT' || mode === 'LINEAR') return fillFromNeighbours(s, scope.grid, mode);
  const out = new Map(s.points);
  const value = scope.evaluate(how);
  for (const t of scope.grid) {
    if (out.has(t)) continue;
    const v = valueAt(value, t);
    if (v !== undefined) out.set(t, v);
  }
  return out;
}

/**
 * REPEAT takes the last value before a gap (the first one after, for a leading gap); LINEAR
 * interpolates between the values around a gap and leaves leading and trailing gaps empty.
 */
function fillFromNeighbours(
  s: TimeSeries,
  grid: readonly number[],
  mode: 'REPEAT' | 'LINEAR',
): Map<number, number> {
  const out = new Map(s.points);
  const known = grid.filter((t) => s.points.has(t));
  let k = 0;
  for (const t of grid) {
    if (s.points.has(t)) continue;
    while (k < known.length && known[k]! < t) k++;
    const before = k > 0 ? known[k - 1] : undefined;
    const after = known[k];
    if (mode === 'REPEAT') {
      const source = before ?? after;
      if (source !== undefined) out.set(t, s.points.get(source)!);
    } else if (before !== undefined && after !== undefined) {
      const a = s.points.get(before)!;
      const b = s.points.get(after)!;
      out.set(t, a + ((b - a) * (t - before)) / (after - before));
    }
  }
  return out;
}
