import { describe, expect, it } from 'vitest';
import { compileFilterPattern, prepareEvent } from '../../../harness/filter-pattern/index.ts';

const EVENT =
  '{"type":"response","request":{"path":"sys/auth","operation":"read"},"auth":{"policies":["root"]}}';

describe('prepareEvent: parse once, share across filters', () => {
  it('parses a JSON event once and hands every JSON filter that one parse', () => {
    const filters = [
      '{ $.type = "response" }',
      '{ $.request.path = "sys/*" }',
      '{ $.auth.policies[0] = "root" }',
      '{ $.request.operation != "list" }',
      '{ $.missing NOT EXISTS }',
    ].map((pattern) => compileFilterPattern(pattern));
    const event = prepareEvent(EVENT);
    const parsed = event.json();
    expect(filters.map((f) => f.matches(event))).toEqual([true, true, true, true, true]);
    expect(filters.map((f) => f.test(event).matched)).toEqual([true, true, true, true, true]);
    expect(event.json()).toBe(parsed);
    // A filter that re-parsed the message would still see "response": it reads the shared parse.
    parsed!.type = 'request';
    expect(compileFilterPattern('{ $.type = "request" }').matches(event)).toBe(true);
    expect(compileFilterPattern('{ $.type = "request" }').matches(EVENT)).toBe(false);
  });

  it('matches term and space-delimited patterns against the text of a JSON event', () => {
    const event = prepareEvent(EVENT);
    expect(compileFilterPattern('response').matches(event)).toBe(true);
    expect(compileFilterPattern('%sys/auth%').matches(event)).toBe(true);
    expect(compileFilterPattern('[a, ...]').matches(event)).toBe(true);
  });

  it('does not treat messages that are not JSON objects as JSON', () => {
    expect(prepareEvent('INFO {"a":1}').json()).toBeUndefined();
    expect(prepareEvent('[1,2]').json()).toBeUndefined();
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
