import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileFilterPattern, prepareEvent } from '../../../harness/filter-pattern/index.ts';

const EVENT =
  '{"type":"response","request":{"path":"sys/auth","operation":"read"},"auth":{"policies":["root"]}}';

describe('prepareEvent: parse once, share across filters', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('parses a JSON event once for any number of JSON filters', () => {
    const filters = [
      '{ $.type = "response" }',
      '{ $.request.path = "sys/*" }',
      '{ $.auth.policies[0] = "root" }',
      '{ $.request.operation != "list" }',
      '{ $.missing NOT EXISTS }',
    ].map((pattern) => compileFilterPattern(pattern));
    const parse = vi.spyOn(JSON, 'parse');
    const event = prepareEvent(EVENT);
    expect(filters.map((f) => f.matches(event))).toEqual([true, true, true, true, true]);
    expect(filters.map((f) => f.test(event).matched)).toEqual([true, true, true, true, true]);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('never JSON-parses for term and space-delimited patterns', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const event = prepareEvent(EVENT);
    expect(compileFilterPattern('response').matches(event)).toBe(true);
    expect(compileFilterPattern('%sys/auth%').matches(event)).toBe(true);
    expect(compileFilterPattern('[a, ...]').matches(event)).toBe(true);
    expect(parse).not.toHaveBeenCalled();
  });

  it('does not try to parse messages that cannot be JSON objects', () => {
    const parse = vi.spyOn(JSON, 'parse');
    expect(prepareEvent('INFO {"a":1}').json()).toBeUndefined();
    expect(prepareEvent('[1,2]').json()).toBeUndefined();
    expect(parse).not.toHaveBeenCalled();
    expect(prepareEvent('{"a":').json()).toBeUndefined();
    expect(prepareEvent(' \n{"a":1}').json()).toEqual({ a: 1 });
  });

  it('splits space-delimited fields once for all filters', () => {
    const event = prepareEvent('a b c');
    const first = event.fields();
    compileFilterPattern('[x, y, z]').matches(event);
    compileFilterPattern('[x, ...]').matches(event);
    expect(event.fields()).toBe(first);
  });

  it('accepts plain strings too, and rejects non-strings with a TypeError', () => {
    expect(compileFilterPattern('{ $.type = response }').matches(EVENT)).toBe(true);
    expect(() => prepareEvent(42 as unknown as string)).toThrow(TypeError);
  });
});
