import { describe, expect, it } from 'vitest';
import {
  FilterPatternSyntaxError,
  UnsupportedFilterPatternError,
  parseFilterPattern,
} from '../../../harness/filter-pattern/index.ts';
import type { FilterPatternErrorCode, JsonExpression } from '../../../harness/filter-pattern/index.ts';
import { ConfigError } from '../../../harness/errors.ts';

/** A compact rendering of a JSON expression tree: precedence is visible at a glance. */
function tree(expression: JsonExpression): string {
  switch (expression.type) {
    case 'Or':
      return `(${expression.operands.map(tree).join(' | ')})`;
    case 'And':
      return `(${expression.operands.map(tree).join(' & ')})`;
    case 'Comparison':
      return `${expression.selector.text}${expression.operator}${expression.value.type === 'Regex' ? `%${expression.value.source}%` : expression.value.raw}`;
    case 'IsCheck':
      return `${expression.selector.text} IS ${expression.check}`;
    case 'NotExists':
      return `${expression.selector.text} NOT EXISTS`;
  }
}

function json(pattern: string): string {
  const ast = parseFilterPattern(pattern);
  if (ast.type !== 'JsonPattern') throw new Error(`not JSON: ${ast.type}`);
  return tree(ast.expression);
}

describe('parseFilterPattern: JSON', () => {
  it('binds && tighter than || and lets parentheses override it ("() > && > ||")', () => {
    expect(json('{ $.a = 1 || $.b = 2 && $.c = 3 }')).toBe('($.a=1 | ($.b=2 & $.c=3))');
    expect(json('{ ($.a = 1 || $.b = 2) && $.c = 3 }')).toBe('(($.a=1 | $.b=2) & $.c=3)');
    expect(json('{ $.a = 1 && $.b = 2 && $.c = 3 || $.d = 4 }')).toBe('(($.a=1 & $.b=2 & $.c=3) | $.d=4)');
  });

  it('parses IS NULL / TRUE / FALSE and NOT EXISTS with any whitespace between keywords', () => {
    expect(json('{ $.a IS NULL && $.b IS  TRUE && $.c IS\tFALSE && $.d NOT   EXISTS }')).toBe(
      '($.a IS NULL & $.b IS TRUE & $.c IS FALSE & $.d NOT EXISTS)',
    );
  });

  it('types values: numbers, quoted and bare strings with wildcards, regexes', () => {
    const ast = parseFilterPattern(
      '{ $.n = +1e3 && $.s = "*Trail" && $.b = 123.123.* && $.r != %^a% && $.q = "4" }',
    );
    expect(ast.type).toBe('JsonPattern');
    const values = (
      ast as unknown as { expression: { operands: { value: unknown }[] } }
    ).expression.operands.map((o) => o.value);
    expect(values).toMatchObject([
      { type: 'Number', raw: '+1e3', value: 1000 },
      { type: 'String', quoted: true, literal: 'Trail', leadingWildcard: true, trailingWildcard: false },
      { type: 'String', quoted: false, literal: '123.123.', leadingWildcard: false, trailingWildcard: true },
      { type: 'Regex', source: '^a' },
      { type: 'String', quoted: true, literal: '4' },
    ]);
  });

  it('parses selector steps with spans', () => {
    const ast = parseFilterPattern("{ $.a[0].b[*].['c.d'] = 1 }");
    const selector = (ast as unknown as { expression: { selector: unknown } }).expression.selector;
    expect(selector).toMatchObject({
      text: "$.a[0].b[*].['c.d']",
      start: 2,
      end: 21,
      wildcards: 1,
      steps: [
        { kind: 'property', name: 'a', start: 3, end: 5 },
        { kind: 'index', index: 0, start: 5, end: 8 },
        { kind: 'property', name: 'b', start: 8, end: 10 },
        { kind: 'wildcard', form: '[*]', start: 10, end: 13 },
        { kind: 'property', name: 'c.d', start: 13, end: 21 },
      ],
    });
  });

  it('gives every node a source span', () => {
    const pattern = '  { ($.a = "x") && $.b > 2 }  ';
    const ast = parseFilterPattern(pattern);
    expect(ast).toMatchObject({ type: 'JsonPattern', start: 2, end: 28 });
    const and = (
      ast as unknown as {
        expression: { start: number; end: number; operands: { start: number; end: number }[] };
      }
    ).expression;
    expect(pattern.slice(and.start, and.end)).toBe('($.a = "x") && $.b > 2');
    expect(and.operands.map((o) => pattern.slice(o.start, o.end))).toEqual(['($.a = "x")', '$.b > 2']);
  });
});

describe('parseFilterPattern: space-delimited and terms', () => {
  it('parses slots: ellipsis, names, conditions, unnamed trailing slot', () => {
    const ast = parseFilterPattern('[..., request=*.html*, status_code = 4* && status_code != 403,]');
    expect(ast).toMatchObject({
      type: 'SpaceDelimitedPattern',
      ellipsisIndex: 0,
      slots: [
        { type: 'Ellipsis' },
        {
          type: 'Field',
          name: 'request',
          condition: { type: 'SlotComparison', field: 'request', operator: '=' },
        },
        {
          type: 'Field',
          name: 'status_code',
          condition: { type: 'SlotAnd', operands: [{ operator: '=' }, { operator: '!=' }] },
        },
        { type: 'Field', name: undefined, condition: undefined },
      ],
    });
  });

  it('classifies term roles and phrases', () => {
    expect(parseFilterPattern('ERROR -"no op" ?WARN')).toMatchObject({
      type: 'TermPattern',
      terms: [
        { role: 'include', matcher: { type: 'Phrase', text: 'ERROR', quoted: false } },
        { role: 'exclude', matcher: { type: 'Phrase', text: 'no op', quoted: true } },
        { role: 'optional', matcher: { type: 'Phrase', text: 'WARN' } },
      ],
    });
  });

  it.each(['', '   ', '""', '" "', '"  " ""', '\t'])('treats %j as match-all', (pattern) => {
    expect(parseFilterPattern(pattern).type).toBe('MatchAll');
  });

  it('accepts a standalone regex, and a regex among terms only when the choice allows it', () => {
    expect(parseFilterPattern('%ERROR|WARN%')).toMatchObject({
      type: 'TermPattern',
      terms: [{ matcher: { type: 'Regex' } }],
    });
    expect(() => parseFilterPattern('%ERROR% -DEBUG')).toThrow(UnsupportedFilterPatternError);
    expect(parseFilterPattern('%ERROR% -DEBUG', { choices: { regexAmongTerms: 'allow' } }).type).toBe(
      'TermPattern',
    );
  });
});

describe('parseFilterPattern: rejected patterns', () => {
  it.each<[string, FilterPatternErrorCode, number]>([
    ['{ $.type = && $.x = 1 }', 'FP_EXPECTED_VALUE', 11],
    ['{ $.type = }', 'FP_EXPECTED_VALUE', 11],
    ['{}', 'FP_EMPTY_BODY', 0],
    ['[ ]', 'FP_EMPTY_BODY', 0],
    ['{ $.a = 1', 'FP_UNEXPECTED_END', 9],
    ['{ $.a = 1 } x', 'FP_TRAILING_INPUT', 12],
    ['{ $.a = 1 )', 'FP_UNEXPECTED_TOKEN', 10],
    ['{ ($.a = 1 }', 'FP_UNEXPECTED_TOKEN', 11],
    ['{ status = "401" }', 'FP_EXPECTED_SELECTOR', 2],
    ['{ "a" = 1 }', 'FP_EXPECTED_SELECTOR', 2],
    ['{ $[0] = 1 }', 'FP_INVALID_SELECTOR', 3],
    ['{ $ = 1 }', 'FP_INVALID_SELECTOR', 2],
    ['{ $.a[x] = 1 }', 'FP_INVALID_SELECTOR', 5],
    ['{ $.a.@b = 1 }', 'FP_INVALID_SELECTOR', 6],
    ['{ $.a }', 'FP_EXPECTED_OPERATOR', 6],
    ['{ $.a ~ 1 }', 'FP_EXPECTED_OPERATOR', 6],
    ['{ $.a = a@b }', 'FP_INVALID_VALUE', 9],
    ["{$.userIdentity.type = 'Root'}", 'FP_INVALID_VALUE', 23],
    ['{ $.latency > "abc" }', 'FP_NUMERIC_OPERATOR_NEEDS_NUMBER', 14],
    ['{ $.latency > "123" }', 'FP_NUMERIC_OPERATOR_NEEDS_NUMBER', 14],
    ['{ $.latency >= 5* }', 'FP_NUMERIC_OPERATOR_NEEDS_NUMBER', 15],
    ['{ $.latency < %5% }', 'FP_NUMERIC_OPERATOR_NEEDS_NUMBER', 14],
    ['{ $.a EXISTS }', 'FP_UNSUPPORTED_KEYWORD', 6],
    ['{ $.a IS NOT NULL }', 'FP_UNSUPPORTED_KEYWORD', 6],
    ['{ $.a is null }', 'FP_UNSUPPORTED_KEYWORD', 6],
    ['{ $.a IS MAYBE }', 'FP_UNEXPECTED_TOKEN', 9],
    ['{ $.a NOT THERE }', 'FP_UNEXPECTED_TOKEN', 10],
    ['{ $.a[*].b[*] = 1 }', 'FP_TOO_MANY_WILDCARDS_IN_SELECTOR', 10],
    ['{ $.a[*] = 1 || $.b[*] = 1 || $.*.c = 1 || $.d[*] = 1 }', 'FP_TOO_MANY_WILDCARD_SELECTORS', 43],
    ['{ $.a = %x% && $.b = %y% && $.c = %z% }', 'FP_TOO_MANY_REGEX', 34],
    ['[..., status_code = 4*, ...]', 'FP_DUPLICATE_FIELD', 24],
    ['[a, b, a]', 'FP_DUPLICATE_FIELD', 7],
    ['[ip, status_code = 4* && bytes > 1000]', 'FP_SLOT_FIELD_MISMATCH', 25],
    ['[1st, b]', 'FP_INVALID_FIELD_NAME', 1],
    ['[a-b]', 'FP_INVALID_FIELD_NAME', 1],
    ['[a b]', 'FP_UNEXPECTED_TOKEN', 3],
    ['[a, b', 'FP_UNEXPECTED_END', 5],
    ['[a] b', 'FP_TRAILING_INPUT', 4],
    ['[a = ]', 'FP_EXPECTED_VALUE', 5],
    ['[$.a = 1]', 'FP_UNEXPECTED_TOKEN', 1],
    ['ERROR - WARN', 'FP_DETACHED_PREFIX', 6],
    ['ERROR -', 'FP_DETACHED_PREFIX', 6],
    ['--ERROR', 'FP_UNEXPECTED_TOKEN', 1],
    ['"a""b"', 'FP_UNEXPECTED_TOKEN', 3],
    ['ERROR:', 'FP_INVALID_TERM_CHARACTER', 5],
    ['%something!%', 'FP_REGEX_INVALID_CHARACTER', 10],
    ['%(a|b)%', 'FP_REGEX_INVALID_CHARACTER', 1],
    ['%%', 'FP_REGEX_EMPTY', 0],
  ])('%j → %s at %i', (pattern, code, position) => {
    let thrown: unknown;
    try {
      parseFilterPattern(pattern);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FilterPatternSyntaxError);
    expect(thrown).toMatchObject({ code, position, pattern });
  });

  it('nests parentheses up to the limit and no deeper', () => {
    const nested = (depth: number) => `{ ${'('.repeat(depth)}$.a = 1${')'.repeat(depth)} }`;
    expect(parseFilterPattern(nested(64)).type).toBe('JsonPattern');
    expect(() => parseFilterPattern(nested(65))).toThrow(
      expect.objectContaining({ code: 'FP_NESTING_TOO_DEEP' }),
    );
    expect(parseFilterPattern(nested(65), { maxNestingDepth: 100 }).type).toBe('JsonPattern');
  });

  it('enforces the 1024-character limit with the AWS validation message', () => {
    const exact = `"${'a'.repeat(1022)}"`;
    expect(parseFilterPattern(exact).type).toBe('TermPattern');
    const long = `"${'a'.repeat(1023)}"`;
    expect(() => parseFilterPattern(long)).toThrow(
      expect.objectContaining({
        code: 'FP_PATTERN_TOO_LONG',
        position: 1024,
        awsMessage: expect.stringMatching(
          /at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024$/,
        ),
      }),
    );
  });

  it('rejects unknown options naming the key', () => {
    expect(() => parseFilterPattern('x', { colour: true } as never)).toThrow(ConfigError);
    expect(() =>
      parseFilterPattern('x', { choices: { spaceDelimitedExtraFields: 'maybe' } } as never),
    ).toThrow(/spaceDelimitedExtraFields' must be one of no-match, last-absorbs-rest/);
  });
});
