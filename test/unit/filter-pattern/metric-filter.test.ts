import { describe, expect, it } from 'vitest';
import {
  FilterPatternSyntaxError,
  MetricTransformationError,
  compileMetricFilter,
  prepareEvent,
} from '../../../harness/filter-pattern/index.ts';
import type {
  MetricTransformationErrorCode,
  MetricTransformationInput,
} from '../../../harness/filter-pattern/index.ts';

const base = { metricName: 'Count', metricNamespace: 'Lab' } as const;
const filter = (pattern: string, transformation: Partial<MetricTransformationInput> = {}) =>
  compileMetricFilter(pattern, [{ ...base, metricValue: '1', ...transformation }]);

function transformationError(pattern: string, transformations: unknown): MetricTransformationError {
  try {
    compileMetricFilter(pattern, transformations as MetricTransformationInput[]);
  } catch (error) {
    if (error instanceof MetricTransformationError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('compileMetricFilter: values', () => {
  it('publishes a literal value per matching event and nothing for others', () => {
    const counter = filter('ERROR');
    expect(counter.apply('an ERROR')).toEqual([{ ...base, value: 1, dimensions: {} }]);
    expect(counter.apply('fine')).toBeUndefined();
    expect(filter('ERROR', { metricValue: '-2.5' }).apply('ERROR')?.[0]?.value).toBe(-2.5);
  });

  it('reads $.field from JSON events, numbers or numeric strings', () => {
    const latency = filter('{ $.latency = * }', { metricValue: '$.latency', unit: 'Milliseconds' });
    expect(latency.apply('{"latency": 50, "requestType": "GET"}')).toEqual([
      { ...base, value: 50, dimensions: {}, unit: 'Milliseconds' },
    ]);
    expect(latency.apply('{"latency": "12.5"}')?.[0]?.value).toBe(12.5);
    expect(latency.apply('{"requestType": "GET"}')).toBeUndefined();
  });

  it('publishes nothing for a matching event whose value is missing or not a number, and says why', () => {
    const sized = filter('{ $.type = "response" }', { metricValue: '$.size' });
    const missing = prepareEvent('{"type":"response"}');
    expect(sized.apply(missing)).toEqual([]);
    expect(sized.evaluate(missing)).toEqual({
      matched: true,
      emissions: [],
      skipped: [{ transformation: 0, reason: 'value-missing', field: '$.size' }],
    });
    expect(sized.evaluate('{"type":"response","size":"big"}')).toMatchObject({
      skipped: [{ reason: 'value-not-numeric' }],
    });
    expect(sized.evaluate('{"type":"response","size":[1]}')).toMatchObject({
      skipped: [{ reason: 'value-not-numeric' }],
    });
    expect(sized.evaluate('{"type":"request"}')).toEqual({ matched: false });
  });

  it('reads $name and $N from space-delimited events', () => {
    const line = '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287';
    const pattern = '[ip, id, user, timestamp, request, status_code, size]';
    expect(filter(pattern, { metricValue: '$size' }).apply(line)?.[0]?.value).toBe(287);
    expect(filter(pattern, { metricValue: '$7' }).apply(line)?.[0]?.value).toBe(287);
    expect(filter('[..., status_code, bytes]', { metricValue: '$7' }).apply(line)?.[0]?.value).toBe(287);
    expect(filter('[..., status_code, bytes]', { metricValue: '$9' }).evaluate(line)).toMatchObject({
      skipped: [{ reason: 'value-missing' }],
    });
    expect(filter(pattern, { metricValue: '$user' }).evaluate(line)).toMatchObject({
      skipped: [{ reason: 'value-not-numeric' }],
    });
  });
});

describe('compileMetricFilter: dimensions', () => {
  it('resolves dimensions from fields and leaves out the ones the event lacks', () => {
    const byPath = filter('{ $.type = "response" }', {
      dimensions: { Path: '$.request.path', Op: '$.request.operation', Port: '$.port' },
    });
    expect(
      byPath.apply('{"type":"response","request":{"path":"sys/auth","operation":"read"},"port":8200}'),
    ).toEqual([{ ...base, value: 1, dimensions: { Path: 'sys/auth', Op: 'read', Port: '8200' } }]);
    expect(
      byPath.apply('{"type":"response","request":{"path":"sys/auth","operation":""}}')?.[0]?.dimensions,
    ).toEqual({ Path: 'sys/auth' });
    const byServer = filter('[ip, server, ...]', { dimensions: { Server: '$server' } });
    expect(byServer.apply('1.2.3.4 Prod x')?.[0]?.dimensions).toEqual({ Server: 'Prod' });
  });

  it('exposes defaultValue on the compiled transformation for the emulator', () => {
    const withDefault = filter('ERROR', { defaultValue: 0 });
    expect(withDefault.transformations).toHaveLength(1);
    expect(withDefault.transformations[0]).toMatchObject({
      metricValue: '1',
      constantValue: 1,
      defaultValue: 0,
      dimensions: [],
    });
    expect(filter('ERROR').transformations[0]!.defaultValue).toBeUndefined();
  });
});

describe('compileMetricFilter: validation (PutMetricFilter)', () => {
  it.each<[string, unknown, MetricTransformationErrorCode, string | RegExp]>([
    ['ERROR', [], 'MT_COUNT', /Member must have length greater than or equal to 1$/],
    [
      'ERROR',
      [
        { ...base, metricValue: '1' },
        { ...base, metricValue: '1' },
      ],
      'MT_COUNT',
      /less than or equal to 1$/,
    ],
    [
      'ERROR',
      [{ metricNamespace: 'Lab', metricValue: '1' }],
      'MT_REQUIRED',
      "1 validation error detected: Value null at 'metricTransformations.1.member.metricName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'ERROR',
      [{ ...base, metricName: 'a:b', metricValue: '1' }],
      'MT_INVALID_NAME',
      /Member must satisfy regular expression pattern: \[\^:\*\$\]\*$/,
    ],
    [
      'ERROR',
      [{ ...base, metricNamespace: 'x'.repeat(256), metricValue: '1' }],
      'MT_TOO_LONG',
      /less than or equal to 255$/,
    ],
    ['ERROR', [{ ...base, metricValue: '$'.padEnd(101, 'a') }], 'MT_TOO_LONG', /less than or equal to 100$/],
    ['ERROR', [{ ...base, metricValue: 'length' }], 'MT_INVALID_VALUE', 'Invalid metric value: length'],
    ['ERROR', [{ ...base, metricValue: '$.x' }], 'MT_INVALID_VALUE', 'Invalid metric value: $.x'],
    ['{ $.a = 1 }', [{ ...base, metricValue: '$a' }], 'MT_INVALID_VALUE', 'Invalid metric value: $a'],
    ['{ $.a = 1 }', [{ ...base, metricValue: '$.a[*]' }], 'MT_INVALID_VALUE', 'Invalid metric value: $.a[*]'],
    ['[a, b]', [{ ...base, metricValue: '$c' }], 'MT_INVALID_VALUE', 'Invalid metric value: $c'],
    ['[a, b]', [{ ...base, metricValue: '$3' }], 'MT_INVALID_VALUE', 'Invalid metric value: $3'],
    ['[a, b]', [{ ...base, metricValue: '$.a' }], 'MT_INVALID_VALUE', 'Invalid metric value: $.a'],
    [
      'ERROR',
      [{ ...base, metricValue: '1', defaultValue: Number.NaN }],
      'MT_INVALID_DEFAULT_VALUE',
      /Member must be a number$/,
    ],
    [
      '?ERROR ?WARN',
      [{ ...base, metricValue: '1', dimensions: { Cluster: '$.x' } }],
      'MT_DIMENSIONS_UNSUPPORTED',
      'The specified filter pattern does not support dimensions',
    ],
    [
      '',
      [{ ...base, metricValue: '1', dimensions: { Cluster: '$.x' } }],
      'MT_DIMENSIONS_UNSUPPORTED',
      'The specified filter pattern does not support dimensions',
    ],
    [
      '{ $.a = 1 }',
      [{ ...base, metricValue: '1', defaultValue: 0, dimensions: { A: '$.a' } }],
      'MT_DEFAULT_WITH_DIMENSIONS',
      /defaultValue/,
    ],
    [
      '{ $.a = 1 }',
      [{ ...base, metricValue: '1', dimensions: { A: '$.a', B: '$.b', C: '$.c', D: '$.d' } }],
      'MT_TOO_MANY_DIMENSIONS',
      /3 dimensions/,
    ],
    [
      '{ $.a = 1 }',
      [{ ...base, metricValue: '1', dimensions: { ':A': '$.a' } }],
      'MT_INVALID_DIMENSION',
      /:A/,
    ],
    [
      '{ $.a = 1 }',
      [{ ...base, metricValue: '1', dimensions: { '  ': '$.a' } }],
      'MT_INVALID_DIMENSION',
      /dimension name/,
    ],
    [
      '{ $.a = 1 }',
      [{ ...base, metricValue: '1', dimensions: { A: 'constant' } }],
      'MT_INVALID_DIMENSION',
      /constant/,
    ],
    [
      'ERROR',
      [{ ...base, metricValue: '1', unit: 'Requests' }],
      'MT_INVALID_UNIT',
      /Member must satisfy enum value set: \[Seconds, .*, None\]$/,
    ],
  ])('%s with %j → %s', (pattern, transformations, code, awsMessage) => {
    const error = transformationError(pattern, transformations);
    expect(error.code).toBe(code);
    if (typeof awsMessage === 'string') expect(error.awsMessage).toBe(awsMessage);
    else expect(error.awsMessage).toMatch(awsMessage);
    expect(error.message).toMatch(/^Invalid metric transformation: /);
  });

  it('reports pattern errors before transformation errors', () => {
    expect(() => compileMetricFilter('{ $.a = }', [])).toThrow(FilterPatternSyntaxError);
  });

  it('accepts up to three dimensions on JSON and space-delimited patterns, and every StandardUnit', () => {
    expect(() => filter('{ $.a = 1 }', { dimensions: { A: '$.a', B: '$.b', C: '$.c' } })).not.toThrow();
    expect(() => filter('[a, ..., b]', { dimensions: { A: '$a', B: '$b', Third: '$2' } })).not.toThrow();
    expect(() => filter('ERROR', { unit: 'Count/Second' })).not.toThrow();
  });
});
