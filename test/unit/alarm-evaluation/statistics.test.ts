import { describe, expect, it } from 'vitest';
import {
  extendedStatistic,
  parseExtendedStatistic,
  type Aggregate,
} from '../../../harness/alarm-evaluation/statistics.ts';

function agg(values: number[]): Aggregate {
  return {
    sampleCount: values.length,
    sum: values.reduce((s, v) => s + v, 0),
    minimum: Math.min(...values),
    maximum: Math.max(...values),
    values,
  };
}

const ONE_TO_TEN = agg([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);

describe('parseExtendedStatistic', () => {
  it.each([
    'p99',
    'p99.9',
    'p0',
    'p100',
    'tm90',
    'wm99',
    'tc90',
    'ts90',
    'IQM',
    'TM(10%:90%)',
    'TM(:95%)',
    'WM(5%:)',
    'PR(:300)',
    'PR(100:2000)',
    'TC(0.1:0.5)',
    'TS(80%:)',
  ])('accepts %s', (text) => {
    expect(parseExtendedStatistic(text)).toBeDefined();
  });
  it.each([
    'p101',
    'p',
    'P99',
    'Sum',
    'TM(90%:10%)',
    'TM(10%:0.5)',
    'PR(10%:20%)',
    'TM(:)',
    'TM(a:b)',
    'IQR',
  ])('rejects %s', (text) => {
    expect(parseExtendedStatistic(text)).toBeUndefined();
  });
});

describe('extendedStatistic', () => {
  const stat = (text: string): number | undefined =>
    extendedStatistic(ONE_TO_TEN, parseExtendedStatistic(text)!);
  it('computes nearest-rank percentiles', () => {
    expect(stat('p50')).toBe(5);
    expect(stat('p90')).toBe(9);
    expect(stat('p99')).toBe(10);
    expect(stat('p0')).toBe(1);
    expect(stat('p100')).toBe(10);
  });
  it('computes trimmed and winsorized statistics', () => {
    expect(stat('TM(10%:90%)')).toBe((2 + 3 + 4 + 5 + 6 + 7 + 8 + 9) / 8);
    // (p25, p75] = (3, 8]: values strictly above the lower and at or below the upper percentile.
    expect(stat('IQM')).toBe((4 + 5 + 6 + 7 + 8) / 5);
    expect(stat('tm50')).toBe((1 + 2 + 3 + 4 + 5) / 5);
    expect(stat('TC(10%:90%)')).toBe(8);
    expect(stat('TS(10%:90%)')).toBe(44);
    expect(stat('WM(10%:90%)')).toBe((1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 9) / 10);
  });
  it('computes percentile ranks of absolute bounds', () => {
    expect(stat('PR(:3)')).toBe(30);
    expect(stat('PR(5:8)')).toBe(30);
  });
  it('weights values by their counts', () => {
    const weighted: Aggregate = {
      sampleCount: 100,
      sum: 0,
      minimum: 1,
      maximum: 100,
      values: [1, 100],
      weights: [99, 1],
    };
    expect(extendedStatistic(weighted, parseExtendedStatistic('p99')!)).toBe(1);
    expect(extendedStatistic(weighted, parseExtendedStatistic('p100')!)).toBe(100);
  });
  it('has no value without raw samples, except p0/p100', () => {
    const statSet: Aggregate = { sampleCount: 4, sum: 10, minimum: 1, maximum: 4 };
    expect(extendedStatistic(statSet, parseExtendedStatistic('p50')!)).toBeUndefined();
    expect(extendedStatistic(statSet, parseExtendedStatistic('p100')!)).toBe(4);
  });
});
