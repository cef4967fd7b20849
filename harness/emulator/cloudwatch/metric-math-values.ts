/**
 * What metric math computes with: scalars, time series (period start → value) and arrays of time
 * series (METRICS()). Arithmetic over two series only yields values at timestamps both have (FILL
 * exists for that, as at AWS); a scalar applies to every point.
 */
import { MetricMathError } from './metric-math-parser.ts';

export interface TimeSeries {
  readonly kind: 'series';
  readonly label: string;
  readonly points: Map<number, number>;
  /** Units of the samples behind a metric's series, when several were merged (no unit asked). */
  readonly units?: readonly string[];
}

export type MathValue =
  | { readonly kind: 'scalar'; readonly value: number }
  | TimeSeries
  | { readonly kind: 'array'; readonly series: TimeSeries[] };

export function scalar(value: number): MathValue {
  return { kind: 'scalar', value };
}

export function series(label: string, points: Map<number, number>): TimeSeries {
  return { kind: 'series', label, points };
}

/** The value at period `t`: the scalar itself, the series' point, nothing for an array. */
export function valueAt(value: MathValue, t: number): number | undefined {
  if (value.kind === 'scalar') return value.value;
  return value.kind === 'series' ? value.points.get(t) : undefined;
}

/** Applies `f` to every value (scalar, each point, each point of each series). */
export function mapValue(value: MathValue, f: (v: number) => number): MathValue {
  if (value.kind === 'scalar') return scalar(f(value.value));
  if (value.kind === 'series') return series(value.label, mapPoints(value.points, f));
  return { kind: 'array', series: value.series.map((s) => series(s.label, mapPoints(s.points, f))) };
}

/** Applies a binary operator: scalar with scalar, scalar with each point, or series point by point. */
export function combineValues(
  a: MathValue,
  b: MathValue,
  f: (x: number, y: number) => number,
  label: string,
): MathValue {
  // Each member of an array operand gives one series, under its own label.
  if (a.kind === 'array')
    return { kind: 'array', series: a.series.map((s) => combineValues(s, b, f, s.label) as TimeSeries) };
  if (b.kind === 'array')
    return { kind: 'array', series: b.series.map((s) => combineValues(a, s, f, s.label) as TimeSeries) };
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(f(a.value, b.value));
  if (a.kind === 'scalar')
    return series(
      label,
      mapPoints((b as TimeSeries).points, (v) => f(a.value, v)),
    );
  if (b.kind === 'scalar')
    return series(
      label,
      mapPoints(a.points, (v) => f(v, b.value)),
    );
  const out = new Map<number, number>();
  for (const [t, v] of a.points) {
    const w = b.points.get(t);
    if (w !== undefined) out.set(t, f(v, w));
  }
  return series(label, out);
}

/** One series for a result: a scalar spread over the grid, the only series of a one-member array. */
export function toSeries(value: MathValue, grid: readonly number[], label: string): TimeSeries {
  if (value.kind === 'series') return value;
  if (value.kind === 'scalar') return series(label, new Map(grid.map((t) => [t, value.value])));
  if (value.series.length === 1) return value.series[0]!;
  throw new MetricMathError(
    `'${label}' returns an array of ${value.series.length} time series where one series is needed`,
  );
}

/** Timestamps in ascending order. */
export function times(s: TimeSeries): number[] {
  return [...s.points.keys()].sort((x, y) => x - y);
}

function mapPoints(points: Map<number, number>, f: (v: number) => number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [t, v] of points) out.set(t, f(v));
  return out;
}
