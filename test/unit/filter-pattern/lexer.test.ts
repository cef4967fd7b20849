import { describe, expect, it } from 'vitest';
import { FilterPatternSyntaxError, detectKind, tokenize } from '../../../harness/filter-pattern/index.ts';

const shape = (pattern: string) => tokenize(pattern).map((t) => [t.type, t.text]);

describe('detectKind', () => {
  it.each([
    ['', 'match-all'],
    ['   ', 'match-all'],
    ['  { $.a = 1 }', 'json'],
    ['\t[a, b]', 'space-delimited'],
    ['ERROR', 'terms'],
    ['"[ERROR]"', 'terms'],
    ['%x%', 'terms'],
  ] as const)('%j is %s', (pattern, kind) => {
    expect(detectKind(pattern)).toBe(kind);
  });
});

describe('tokenize', () => {
  it('splits unstructured terms, prefixes, phrases and regexes with their spans', () => {
    expect(tokenize('ERROR -"no op" ?%a+%')).toEqual([
      { type: 'Term', text: 'ERROR', start: 0, end: 5 },
      { type: 'Minus', text: '-', start: 6, end: 7 },
      { type: 'String', text: '"no op"', start: 7, end: 14, value: 'no op' },
      { type: 'Question', text: '?', start: 15, end: 16 },
      { type: 'Regex', text: '%a+%', start: 16, end: 20 },
      { type: 'EOF', text: '', start: 20, end: 20 },
    ]);
  });

  it('resolves \\" and \\\\ in quoted text and keeps other backslashes', () => {
    const [token] = tokenize('"say \\"hi\\" C:\\path \\\\"');
    expect(token).toMatchObject({ type: 'String', value: 'say "hi" C:\\path \\' });
  });

  it('lexes a JSON pattern, switching to value mode after an operator', () => {
    expect(shape('{ $.ip != 123.123.* && ($.a[0] >= -1e3 || $.b = %x|y%) }')).toEqual([
      ['LBrace', '{'],
      ['Selector', '$.ip'],
      ['Operator', '!='],
      ['Bare', '123.123.*'],
      ['And', '&&'],
      ['LParen', '('],
      ['Selector', '$.a[0]'],
      ['Operator', '>='],
      ['Bare', '-1e3'],
      ['Or', '||'],
      ['Selector', '$.b'],
      ['Operator', '='],
      ['Regex', '%x|y%'],
      ['RParen', ')'],
      ['RBrace', '}'],
      ['EOF', ''],
    ]);
  });

  it('keeps bracketed keys with dots and spaces inside one selector token', () => {
    expect(shape("{ $.['cluster name.x'].id=1}")).toEqual([
      ['LBrace', '{'],
      ['Selector', "$.['cluster name.x'].id"],
      ['Operator', '='],
      ['Bare', '1'],
      ['RBrace', '}'],
      ['EOF', ''],
    ]);
  });

  it('lexes keywords as words and a bare value up to a closing parenthesis', () => {
    expect(shape('{($.x IS NULL)||($.e=DisableKey)}').map(([type]) => type)).toEqual([
      'LBrace', 'LParen', 'Selector', 'Word', 'Word', 'RParen', 'Or', 'LParen', 'Selector', 'Operator', 'Bare', 'RParen', 'RBrace', 'EOF',
    ]); // prettier-ignore
  });

  it('lexes space-delimited patterns: names, ellipsis, commas, conditions', () => {
    expect(shape('[..., status_code = 4* || status_code=410, bytes>1000,]')).toEqual([
      ['LBracket', '['],
      ['Ellipsis', '...'],
      ['Comma', ','],
      ['Word', 'status_code'],
      ['Operator', '='],
      ['Bare', '4*'],
      ['Or', '||'],
      ['Word', 'status_code'],
      ['Operator', '='],
      ['Bare', '410'],
      ['Comma', ','],
      ['Word', 'bytes'],
      ['Operator', '>'],
      ['Bare', '1000'],
      ['Comma', ','],
      ['RBracket', ']'],
      ['EOF', ''],
    ]);
  });

  it.each([
    ['"open', 'FP_UNTERMINATED_STRING', 0],
    ['ERROR %abc', 'FP_UNTERMINATED_REGEX', 6],
    ['user-id', 'FP_INVALID_TERM_CHARACTER', 4],
    ['{ $.a = 1 & $.b = 2 }', 'FP_UNEXPECTED_CHARACTER', 10],
    ["{ $.a = 'x' }", 'FP_INVALID_VALUE', 8],
  ] as const)('rejects %j with %s at %i', (pattern, code, position) => {
    expect(() => tokenize(pattern)).toThrow(FilterPatternSyntaxError);
    try {
      tokenize(pattern);
    } catch (error) {
      expect(error).toMatchObject({ code, position });
    }
  });
});
