import { describe, expect, it } from 'vitest';
import { metricKey } from '../../../../harness/emulator/cloudwatch/metric-identity.ts';
import {
  MetricStore,
  aggregate,
  periodAggregates,
} from '../../../../harness/emulator/cloudwatch/metric-store.ts';
import {
  basicStatistic,
  extendedStatistic,
  parseExtendedStatistic,
} from '../../../../harness/alarm-evaluation/statistics.ts';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);
const MIN = 60_000;
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

function store(): MetricStore {
  return new MetricStore();
}

describe('MetricStore', () => {
  it('identifies a metric by namespace, name and the set of its dimensions, in any order', () => {
    const s = store();
    s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      dimensions: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
      timestamp: T0,
      value: 1,
    });
    s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      dimensions: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      timestamp: T0 + 1000,
      value: 3,
    });
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0, value: 5 });
    expect(s.list(ACCOUNT, REGION)).toHaveLength(2);
    const metric = s.find(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      dimensions: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
    })!;
    expect(metric.identity.dimensions.map((d) => d.name)).toEqual(['A', 'B']);
    expect(aggregate(metric, T0, T0 + MIN)).toMatchObject({ sampleCount: 2, sum: 4, minimum: 1, maximum: 3 });
  });

  it('keeps accounts and regions apart', () => {
    const s = store();
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0, value: 1 });
    expect(s.list(ACCOUNT, 'eu-west-1')).toEqual([]);
    expect(s.list('111111111111', REGION)).toEqual([]);
    expect(s.list(ACCOUNT, REGION)).toHaveLength(1);
  });

  it('aggregates standard-resolution samples per minute and high-resolution ones per second', () => {
    const s = store();
    const m = s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0 + 5_000, value: 1 });
    s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      timestamp: T0 + 25_000,
      value: 2,
      storageResolution: 1,
    });
    // The standard sample lands at the minute start; the high-resolution one at its second.
    expect(aggregate(m, T0, T0 + 10_000)?.sum).toBe(1);
    expect(aggregate(m, T0 + 20_000, T0 + 30_000)?.sum).toBe(2);
    expect(aggregate(m, T0 + 10_000, T0 + 20_000)).toBeUndefined();
  });

  it('merges values with counts and statistic sets; statistic sets hide the raw values', () => {
    const s = store();
    const m = s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      timestamp: T0,
      values: [1, 10],
      counts: [3, 1],
    });
    const agg = aggregate(m, T0, T0 + MIN, { withValues: true })!;
    expect(agg).toMatchObject({ sampleCount: 4, sum: 13, minimum: 1, maximum: 10 });
    expect(basicStatistic(agg, 'Average')).toBe(3.25);
    expect(extendedStatistic(agg, parseExtendedStatistic('p50')!)).toBe(1);
    expect(extendedStatistic(agg, parseExtendedStatistic('p90')!)).toBe(10);
    s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      timestamp: T0 + MIN,
      statisticValues: { sampleCount: 2, sum: 6, minimum: 2, maximum: 4 },
    });
    const both = aggregate(m, T0, T0 + 2 * MIN, { withValues: true })!;
    expect(both).toMatchObject({ sampleCount: 6, sum: 19, minimum: 1, maximum: 10 });
    expect(extendedStatistic(both, parseExtendedStatistic('p50')!)).toBeUndefined();
    expect(extendedStatistic(both, parseExtendedStatistic('p100')!)).toBe(10);
  });

  it('filters by unit when asked, and reports one period aggregate per unit otherwise', () => {
    const s = store();
    const m = s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      timestamp: T0,
      value: 1,
      unit: 'Count',
    });
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0, value: 7 });
    expect(aggregate(m, T0, T0 + MIN, { unit: 'Count' })?.sum).toBe(1);
    expect(aggregate(m, T0, T0 + MIN, { unit: 'None' })?.sum).toBe(7);
    expect(aggregate(m, T0, T0 + MIN)?.sum).toBe(8);
    const periods = periodAggregates(m, T0, T0 + 5 * MIN, 5 * MIN);
    expect(periods.map((p) => [p.unit, p.aggregate.sum])).toEqual([
      ['Count', 1],
      ['None', 7],
    ]);
  });

  it('returns per-period aggregates only for periods with samples', () => {
    const s = store();
    let m;
    for (const minute of [0, 1, 7, 12]) {
      m = s.put(ACCOUNT, REGION, {
        namespace: 'NS',
        metricName: 'M',
        timestamp: T0 + minute * MIN + 3000,
        value: minute,
      });
    }
    const periods = periodAggregates(m!, T0, T0 + 15 * MIN, 5 * MIN);
    expect(periods.map((p) => [(p.timestamp - T0) / MIN, p.aggregate.sum, p.aggregate.sampleCount])).toEqual([
      [0, 1, 2],
      [5, 7, 1],
      [10, 12, 1],
    ]);
  });

  it('accepts out-of-order timestamps', () => {
    const s = store();
    let m;
    for (const minute of [5, 1, 3, 1, 0]) {
      m = s.put(ACCOUNT, REGION, {
        namespace: 'NS',
        metricName: 'M',
        timestamp: T0 + minute * MIN,
        value: 1,
      });
    }
    expect(
      periodAggregates(m!, T0, T0 + 6 * MIN, MIN).map((p) => [(p.timestamp - T0) / MIN, p.aggregate.sum]),
    ).toEqual([
      [0, 1],
      [1, 2],
      [3, 1],
      [5, 1],
    ]);
  });

  it('lists metrics by namespace, name, dimension filters and recent activity', () => {
    const s = store();
    s.put(
      ACCOUNT,
      REGION,
      {
        namespace: 'A',
        metricName: 'x',
        dimensions: [{ name: 'host', value: 'h1' }],
        timestamp: T0,
        value: 1,
      },
      T0,
    );
    s.put(
      ACCOUNT,
      REGION,
      {
        namespace: 'A',
        metricName: 'x',
        dimensions: [{ name: 'host', value: 'h2' }],
        timestamp: T0,
        value: 1,
      },
      T0 + 4 * 3600_000,
    );
    s.put(ACCOUNT, REGION, { namespace: 'B', metricName: 'y', timestamp: T0, value: 1 }, T0);
    expect(s.list(ACCOUNT, REGION, { namespace: 'A' })).toHaveLength(2);
    expect(s.list(ACCOUNT, REGION, { dimensions: [{ name: 'host' }] })).toHaveLength(2);
    expect(s.list(ACCOUNT, REGION, { dimensions: [{ name: 'host', value: 'h2' }] })).toHaveLength(1);
    expect(s.list(ACCOUNT, REGION, { metricName: 'y' })[0]?.identity.namespace).toBe('B');
    expect(s.list(ACCOUNT, REGION, { activeSince: T0 + 3600_000 })).toHaveLength(1);
  });

  it('round-trips through a snapshot', () => {
    const s = store();
    s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      dimensions: [{ name: 'd', value: 'v' }],
      timestamp: T0,
      values: [1, 2],
      counts: [1, 2],
    });
    s.put(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      dimensions: [{ name: 'd', value: 'v' }],
      timestamp: T0 + MIN,
      value: 4,
      unit: 'Seconds',
    });
    const copy = new MetricStore();
    copy.restore(JSON.parse(JSON.stringify(s.snapshot())));
    const m = copy.find(ACCOUNT, REGION, {
      namespace: 'NS',
      metricName: 'M',
      dimensions: [{ name: 'd', value: 'v' }],
    })!;
    expect(m.key).toBe(
      metricKey({ namespace: 'NS', metricName: 'M', dimensions: [{ name: 'd', value: 'v' }] }),
    );
    expect(aggregate(m, T0, T0 + 2 * MIN, { withValues: true })).toMatchObject({
      sampleCount: 4,
      sum: 9,
      values: [1, 2, 4],
      weights: [1, 2, 1],
    });
  });

  it('merges buckets holding more raw values than a call may take arguments', () => {
    const s = store();
    const values = Array.from({ length: 150 }, (_, i) => i);
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0, value: 1000 });
    for (let i = 0; i < 1000; i++)
      s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0 + MIN, values });
    const m = s.find(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M' })!;
    const merged = aggregate(m, T0, T0 + 2 * MIN, { withValues: true })!;
    expect(merged.sampleCount).toBe(150_001);
    expect(merged.values).toHaveLength(150_001);
    expect(extendedStatistic(merged, parseExtendedStatistic('p100')!)).toBe(1000);
  });

  it('prunes old buckets and empty metrics', () => {
    const s = store();
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'old', timestamp: T0, value: 1 });
    const m = s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0, value: 1 });
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0 + 10 * MIN, value: 2 });
    s.prune(T0 + MIN);
    expect(s.list(ACCOUNT, REGION).map((x) => x.identity.metricName)).toEqual(['M']);
    expect(aggregate(m, T0, T0 + 20 * MIN)?.sum).toBe(2);
  });

  it('notifies put listeners', () => {
    const s = store();
    const seen: string[] = [];
    const off = s.onPut((_a, _r, metric) => seen.push(metric.identity.metricName));
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'M', timestamp: T0, value: 1 });
    off();
    s.put(ACCOUNT, REGION, { namespace: 'NS', metricName: 'N', timestamp: T0, value: 1 });
    expect(seen).toEqual(['M']);
  });
});
