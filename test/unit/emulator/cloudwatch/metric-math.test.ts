import { describe, expect, it } from 'vitest';
import type { MetricQuerySpec } from '../../../../harness/emulator/cloudwatch/alarm-model.ts';
import { evaluateAllQueries } from '../../../../harness/emulator/cloudwatch/metric-math.ts';
import {
  MetricMathError,
  parseExpression,
} from '../../../../harness/emulator/cloudwatch/metric-math-parser.ts';
import { MetricStore } from '../../../../harness/emulator/cloudwatch/metric-store.ts';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const MIN = 60_000;

function storeWith(series: Record<string, (number | undefined)[]>): MetricStore {
  const store = new MetricStore();
  for (const [name, values] of Object.entries(series)) {
    values.forEach((v, i) => {
      if (v !== undefined)
        store.put('000000000000', 'us-east-1', {
          namespace: 'NS',
          metricName: name,
          timestamp: T0 + i * MIN,
          value: v,
        });
    });
  }
  return store;
}

function metric(id: string, name: string, stat = 'Sum'): MetricQuerySpec {
  return {
    id,
    returnData: false,
    metricStat: { namespace: 'NS', metricName: name, dimensions: [], period: 60, stat },
  };
}

function run(
  store: MetricStore,
  queries: MetricQuerySpec[],
  id: string,
  minutes = 4,
): (number | undefined)[] {
  const results = evaluateAllQueries(
    queries,
    store.region('000000000000', 'us-east-1'),
    T0,
    T0 + minutes * MIN,
    60,
  );
  const r = results.get(id)!;
  return Array.from({ length: minutes }, (_, i) => {
    const k = r.timestamps.indexOf(T0 + i * MIN);
    return k < 0 ? undefined : r.values[k];
  });
}

describe('metric math', () => {
  const store = storeWith({ errors: [1, 2, undefined, 4], requests: [10, 10, 10, 20] });
  const base = [metric('e', 'errors'), metric('r', 'requests')];

  it('does arithmetic between series and scalars, only where both series have data', () => {
    expect(run(store, [...base, { id: 'x', expression: '100 * e / r' }], 'x')).toEqual([
      10,
      20,
      undefined,
      20,
    ]);
    expect(run(store, [...base, { id: 'x', expression: '-e + 2 ^ 3' }], 'x')).toEqual([7, 6, undefined, 4]);
  });

  it('fills gaps with a value, REPEAT or LINEAR', () => {
    expect(run(store, [...base, { id: 'x', expression: 'FILL(e, 0)' }], 'x')).toEqual([1, 2, 0, 4]);
    expect(run(store, [...base, { id: 'x', expression: 'FILL(e, REPEAT)' }], 'x')).toEqual([1, 2, 2, 4]);
    expect(run(store, [...base, { id: 'x', expression: 'FILL(e, LINEAR)' }], 'x')).toEqual([1, 2, 3, 4]);
  });

  it('reduces one series to a scalar and an array to a series', () => {
    expect(run(store, [...base, { id: 'x', expression: 'e - AVG(e)' }], 'x')).toEqual([
      1 - 7 / 3,
      2 - 7 / 3,
      undefined,
      4 - 7 / 3,
    ]);
    expect(run(store, [...base, { id: 'x', expression: 'SUM(METRICS())' }], 'x')).toEqual([11, 12, 10, 24]);
    expect(run(store, [...base, { id: 'x', expression: 'MAX(METRICS("req"))' }], 'x')).toEqual([
      10, 10, 10, 20,
    ]);
  });

  it('reduces a series longer than a call may take arguments (200,000 periods)', () => {
    const periods = 200_000;
    const results = evaluateAllQueries(
      [...base, { id: 'x', expression: 'e - MIN(FILL(e, 7))' }],
      store.region('000000000000', 'us-east-1'),
      T0,
      T0 + periods * MIN,
      60,
    );
    expect(results.get('x')!.values).toEqual([0, 1, 3]);
  });

  it('supports IF, comparisons, logic, RATE, DIFF and RUNNING_SUM', () => {
    expect(run(store, [...base, { id: 'x', expression: 'IF(e >= 2 AND r > 5, 1, 0)' }], 'x')).toEqual([
      0,
      1,
      undefined,
      1,
    ]);
    expect(run(store, [...base, { id: 'x', expression: 'DIFF(r)' }], 'x')).toEqual([undefined, 0, 0, 10]);
    expect(run(store, [...base, { id: 'x', expression: 'RATE(r)' }], 'x')).toEqual([
      undefined,
      0,
      0,
      10 / 60,
    ]);
    expect(run(store, [...base, { id: 'x', expression: 'RUNNING_SUM(e)' }], 'x')).toEqual([
      1,
      3,
      undefined,
      7,
    ]);
    expect(run(store, [...base, { id: 'x', expression: 'PERIOD(e) + 0 * e' }], 'x')).toEqual([
      60,
      60,
      undefined,
      60,
    ]);
  });

  it('lets expressions use expressions, in any order', () => {
    expect(
      run(store, [{ id: 'y', expression: 'x * 2' }, ...base, { id: 'x', expression: 'e + 1' }], 'y'),
    ).toEqual([4, 6, undefined, 10]);
  });

  it('refuses what it does not support, unknown ids and cycles', () => {
    expect(() => run(store, [...base, { id: 'x', expression: 'ANOMALY_DETECTION_BAND(e, 2)' }], 'x')).toThrow(
      MetricMathError,
    );
    expect(() =>
      run(store, [...base, { id: 'x', expression: 'SEARCH(\'{NS} m\', "Sum", 60)' }], 'x'),
    ).toThrow(/Unsupported function SEARCH/);
    expect(() => run(store, [...base, { id: 'x', expression: 'e + zz' }], 'x')).toThrow(
      /Unrecognized metric or expression id 'zz'/,
    );
    expect(() =>
      run(
        store,
        [
          { id: 'a', expression: 'b' },
          { id: 'b', expression: 'a' },
        ],
        'a',
      ),
    ).toThrow(/Circular/);
    expect(() => parseExpression('e +')).toThrow(MetricMathError);
    expect(() => parseExpression('e # 2')).toThrow(/Unexpected character/);
  });
});
