import { describe, expect, it } from 'vitest';
import {
  cloudwatchTimestamp,
  dbl,
  javaDouble,
  javaJson,
  longUtcDate,
  reasonDatapointTime,
} from '../../../harness/alarm-evaluation/java-format.ts';

describe('javaDouble (Java Double.toString, as CloudWatch prints numbers)', () => {
  it.each([
    [21, '21.0'],
    [21.5, '21.5'],
    [0.43262672424316406, '0.43262672424316406'],
    [99.50160229693434, '99.50160229693434'],
    [10000, '10000.0'],
    [0, '0.0'],
    [-3, '-3.0'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1.5e-7, '1.5E-7'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('%s → %s', (n, text) => {
    expect(javaDouble(n)).toBe(text);
  });
});

describe('javaJson', () => {
  it('writes doubles Java-style, integers as integers, keeps key order and drops undefined', () => {
    expect(javaJson({ b: dbl(90), a: 60, skip: undefined, list: [dbl(1.5), null], s: 'x"y' })).toBe(
      '{"b":90.0,"a":60,"list":[1.5,null],"s":"x\\"y"}',
    );
  });
});

describe('CloudWatch date formats', () => {
  const t = Date.UTC(2018, 7, 15, 21, 20, 2, 381);
  it('formats notification timestamps with +0000', () => {
    expect(cloudwatchTimestamp(t)).toBe('2018-08-15T21:20:02.381+0000');
  });
  it('formats datapoint times in reasons as dd/MM/yy HH:mm:ss', () => {
    expect(reasonDatapointTime(Date.UTC(2019, 9, 2, 16, 59, 0))).toBe('02/10/19 16:59:00');
  });
  it('formats email dates as AWS does', () => {
    expect(longUtcDate(t)).toBe('Wednesday 15 August, 2018 21:20:02 UTC');
  });
});
