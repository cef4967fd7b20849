import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../harness/filter-pattern/index.ts';

const matches = (pattern: string, message: string | object) =>
  compileFilterPattern(pattern).matches(typeof message === 'string' ? message : JSON.stringify(message));

/** The event of a third-party pytest suite run against the real TestMetricFilter API (GRAMMAR.md Q6). */
const observed = {
  eventType: 'UpdateTrail',
  someString: '111.111.111.111',
  emptyString: '',
  someInt: 123,
  someFloat: 12.34,
  someObject: {},
  someArray: [],
  someNull: null,
};

describe('JSON patterns: comparisons', () => {
  it.each<[string, boolean]>([
    // string literals against string and number nodes (by the number's text)
    ['{ $.someString = "111.111.111.111" }', true],
    ['{ $.someString = 111.111.111.111 }', true],
    ['{ $.someString != 111*111 }', true], // interior * is literal
    ['{ $.someString = "111*" }', true],
    ['{ $.someString = "*.111.111.111" }', true],
    ['{ $.emptyString = "*" }', true],
    ['{ $.someInt = "123" }', true],
    ['{ $.someInt != "123.0" }', true],
    ['{ $.someInt = "1*" }', true],
    ['{ $.someInt = *23 }', true],
    ['{ $.someInt != "3*" }', true],
    ['{ $.someFloat = "12.3*" }', true],
    ['{ $.someFloat = *.34 }', true],
    // number literals: numeric against numbers, textual against strings
    ['{ $.someInt = 123 }', true],
    ['{ $.someInt = 123.0 }', true],
    ['{ $.someInt != 123 }', false],
    ['{ $.someString != 111 }', true],
    ['{ $.someString = 123 }', false],
    ['{ $.someString > 123 }', false],
    ['{ $.someString <= 123 }', false],
    ['{ $.eventType >= 123 }', false],
    // objects and arrays never satisfy a comparison, != included
    ['{ $.someObject = 123 }', false],
    ['{ $.someObject != 123 }', false],
    ['{ $.someObject != "non-number-like" }', false],
    ['{ $.someArray != "x" }', false],
    // missing, null and booleans neither
    ['{ $.notThere != "x" }', false],
    ['{ $.someNull != "x" }', false],
    ['{ $.someNull = * }', false],
    ['{ $.someNull IS NULL }', true],
    ['{ $.notThere IS NULL }', false],
    ['{ $.notThere NOT EXISTS }', true],
    ['{ $.someNull NOT EXISTS }', false],
    ['{ $.someString.deeper NOT EXISTS }', true],
  ])('%s', (pattern, expected) => {
    expect(matches(pattern, observed)).toBe(expected);
  });

  it('compares booleans only with IS TRUE / IS FALSE', () => {
    const event = { on: true, off: false, text: 'true' };
    expect(matches('{ $.on IS TRUE && $.off IS FALSE }', event)).toBe(true);
    expect(matches('{ $.text IS TRUE }', event)).toBe(false);
    expect(matches('{ $.on = true }', event)).toBe(false);
    expect(matches('{ $.on = * }', event)).toBe(false);
  });

  it('compares numbers numerically, including exponent forms in the event', () => {
    expect(matches('{ $.n > 99 }', '{"n": 1e2}')).toBe(true);
    expect(matches('{ $.n = 100 }', '{"n": 1E+2}')).toBe(true);
    expect(matches('{ $.n < -0.5 }', '{"n": -1}')).toBe(true);
    expect(matches('{ $.n >= 10e-3 }', '{"n": 0.01}')).toBe(true);
  });

  it('applies regexes to the selected value, anchors included, and negates them with !=', () => {
    const event = { ip: '10.0.0.15', port: 8200 };
    expect(matches('{ $.ip = %^10\\.0\\.0\\.1% }', event)).toBe(true);
    expect(matches('{ $.ip = %^0\\.0% }', event)).toBe(false);
    expect(matches('{ $.ip != %^192% }', event)).toBe(true);
    expect(matches('{ $.port = %^82% }', event)).toBe(true);
    expect(matches('{ $.missing != %x% }', event)).toBe(false);
  });

  it('treats "%…%" in quotes as a literal string', () => {
    expect(matches('{ $.foo = "%bar%" }', { foo: 'bar' })).toBe(false);
    expect(matches('{ $.foo = "%bar%" }', { foo: '%bar%' })).toBe(true);
  });

  it('matches a * wildcard across the newlines of a Vault error string', () => {
    expect(
      matches('{ $.error = "*permission denied*" }', {
        error: '1 error occurred:\n\t* permission denied\n\n',
      }),
    ).toBe(true);
  });
});

describe('JSON patterns: selectors', () => {
  const event = {
    a: { b: [{ c: 1 }, { c: 2, d: 'x' }] },
    list: ['p', 'q'],
    'dotted.key': 'v',
    'hyphen-key': 'h',
    nested: [
      [0, 1],
      [2, 3],
    ],
    obj: { x: 'one', y: 'two' },
  };

  it.each<[string, boolean]>([
    ['{ $.a.b[1].c = 2 }', true],
    ['{ $.a.b[2].c = 2 }', false],
    ['{ $.a.b[*].c = 2 }', true],
    ['{ $.a.b[*].d = "x" }', true],
    ['{ $.a.b[*].c != 1 }', true], // existential: some element differs
    ['{ $.list[*] != "p" }', true],
    ['{ $.list[*] = "z" }', false],
    ['{ $.list[*] NOT EXISTS }', false],
    ['{ $.a.b[*].e NOT EXISTS }', true],
    ['{ $.* = "v" }', true],
    ['{ $.obj.* = "two" }', true],
    ['{ $.list.* = "p" }', false], // .* reads object members, [*] array elements
    ['{ $.obj[*] = "one" }', false],
    ["{ $.['dotted.key'] = v }", true],
    ['{ $.dotted.key = v }', false],
    ['{ $.hyphen-key = h }', true],
    ['{ $.nested[1][0] = 2 }', true],
    ['{ $.list[0].x NOT EXISTS }', true],
    ['{ $.constructor NOT EXISTS }', true], // own members only
  ])('%s', (pattern, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('matches only events that are JSON objects', () => {
    for (const message of [
      'eventType UpdateTrail',
      '{"eventType": "UpdateTrail"',
      '["UpdateTrail"]',
      'INFO {"eventType":"UpdateTrail"}',
      '"x"',
    ]) {
      expect(matches('{ $.eventType = "UpdateTrail" || $.eventType NOT EXISTS }', message)).toBe(false);
    }
    expect(matches('{ $.eventType NOT EXISTS }', '  {"x":1}  ')).toBe(true);
  });

  it('reads the last of duplicate keys', () => {
    expect(matches('{ $.k = 2 }', '{"k": 1, "k": 2}')).toBe(true);
  });
});

describe('JSON patterns: extractedValues', () => {
  it('reports each selector of the pattern with the first scalar it selects', () => {
    const pattern = compileFilterPattern(
      '{ $.type = "response" && ($.n > 1 || $.flag IS TRUE) && $.list[*] = * && $.gone NOT EXISTS && $.obj IS NULL || $.type = x }',
    );
    expect(pattern.test('{"type":"response","n":5,"flag":true,"list":[{},"b"],"obj":null}')).toEqual({
      matched: true,
      extractedValues: { '$.type': 'response', '$.n': '5', '$.flag': 'true', '$.list[*]': 'b' },
    });
  });

  it('reports {} when the choice says so, and nothing for a non-match', () => {
    const none = compileFilterPattern('{ $.a = 1 }', { choices: { jsonExtractedValues: 'none' } });
    expect(none.test('{"a":1}')).toEqual({ matched: true, extractedValues: {} });
    expect(compileFilterPattern('{ $.a = 1 }').test('{"a":2}')).toEqual({
      matched: false,
      extractedValues: {},
    });
  });
});
