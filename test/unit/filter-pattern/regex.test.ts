import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterPatternSyntaxError, compileFilterPattern } from '../../../harness/filter-pattern/index.ts';
import type { FilterPatternErrorCode } from '../../../harness/filter-pattern/index.ts';

/** A standalone regex pattern tested against one message (the whole message is searched). */
const search = (regex: string, message: string) => compileFilterPattern(`%${regex}%`).matches(message);

function rejection(regex: string): { code: string; position: number } {
  try {
    compileFilterPattern(`%${regex}%`);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) return { code: error.code, position: error.position };
    throw error;
  }
  throw new Error(`accepted %${regex}%`);
}

describe('regex validation (regex-expressions.html)', () => {
  it('accepts every documented character: letters, digits, : _ # = @ / ; , - and the operators', () => {
    expect(() => compileFilterPattern('%^aZ09:_#=@/;,-[x]{1}b?c*d+\\.e$|f%')).not.toThrow();
    expect(() => compileFilterPattern('%^shutting down%')).not.toThrow(); // space: used by AWS's own example
  });

  it.each([...'!"\'&<>~`()%\t', 'é', '→'])(
    'rejects %j even escaped, with "Invalid character(s) in term"',
    (ch) => {
      if (ch === '%') return; // '%' closes the regex: covered by the lexer
      for (const regex of [`a${ch}`, `a\\${ch}`]) {
        const pattern = `%${regex}%`;
        expect(() => compileFilterPattern(pattern)).toThrow(
          expect.objectContaining({
            code: 'FP_REGEX_INVALID_CHARACTER',
            position: pattern.indexOf(ch, 2),
            awsMessage: 'Invalid character(s) in term',
          }),
        );
      }
    },
  );

  it.each<[string, FilterPatternErrorCode, number]>([
    ['*a', 'FP_REGEX_NOTHING_TO_REPEAT', 1],
    ['a|+b', 'FP_REGEX_NOTHING_TO_REPEAT', 3],
    ['^*', 'FP_REGEX_NOTHING_TO_REPEAT', 2],
    ['a**', 'FP_REGEX_NOTHING_TO_REPEAT', 3],
    ['a{2}{3}', 'FP_REGEX_NOTHING_TO_REPEAT', 5],
    ['a+?+', 'FP_REGEX_NOTHING_TO_REPEAT', 4],
    ['a{', 'FP_REGEX_INVALID_QUANTIFIER', 2],
    ['a{x}', 'FP_REGEX_INVALID_QUANTIFIER', 2],
    ['a{,}', 'FP_REGEX_INVALID_QUANTIFIER', 2],
    ['a{5,2}', 'FP_REGEX_INVALID_QUANTIFIER', 2],
    ['a{1, 2}', 'FP_REGEX_INVALID_QUANTIFIER', 2],
    ['a{1001}', 'FP_REGEX_REPEAT_TOO_LARGE', 2],
    ['.{1000}.{1000}', 'FP_REGEX_TOO_LARGE', 0],
    ['[abc', 'FP_REGEX_UNTERMINATED_CLASS', 1],
    ['[]', 'FP_REGEX_INVALID_CLASS', 1],
    ['[z-a]', 'FP_REGEX_INVALID_CLASS', 2],
    ['[a[b]]', 'FP_REGEX_INVALID_CLASS', 3],
    ['[\\d-z]', 'FP_REGEX_INVALID_CLASS', 2],
    ['\\bword', 'FP_REGEX_UNSUPPORTED_ESCAPE', 1],
    ['a\\1', 'FP_REGEX_UNSUPPORTED_ESCAPE', 2],
    ['\\x4', 'FP_REGEX_UNSUPPORTED_ESCAPE', 1],
    ['\\xE9', 'FP_REGEX_UNSUPPORTED_ESCAPE', 1],
    ['a\\', 'FP_REGEX_UNSUPPORTED_ESCAPE', 2],
    ['a]', 'FP_REGEX_UNESCAPED_BRACKET', 2],
    ['a}', 'FP_REGEX_UNESCAPED_BRACKET', 2],
    ['a|', 'FP_REGEX_EMPTY', 2],
    ['|a', 'FP_REGEX_EMPTY', 1],
    ['a||b', 'FP_REGEX_EMPTY', 3],
  ])('rejects the regex %s with %s at %i', (regex, code, position) => {
    expect(rejection(regex)).toEqual({ code, position });
  });

  it('allows two regexes per pattern and no more ("a limit of 2 regex for each filter pattern")', () => {
    expect(compileFilterPattern('{ $.a = %x% || $.b = %y% }').regexCount).toBe(2);
    expect(() => compileFilterPattern('[a = %x%, b = %y%, c = %z%]')).toThrow(
      expect.objectContaining({ code: 'FP_TOO_MANY_REGEX' }),
    );
  });
});

describe('regex semantics', () => {
  it.each<[string, string, boolean]>([
    // search, not whole-string match
    ['AUTHORIZED', '[ERROR 401] UNAUTHORIZED REQUEST', true],
    ['^[hc]at', 'the cat', false],
    ['[hc]at$', 'the hat', true],
    // $ also holds before a final line terminator (java.util.regex), \r\n counting as one
    ['hat$', 'the hat\n', true],
    ['hat$', 'the hat\r\n', true],
    ['hat$', 'the hat\n\n', false],
    ['hat\\r$', 'the hat\r\n', false],
    ['^$', '', true],
    ['^$', '\n', true],
    // . excludes Java's line terminators only
    ['a.b', 'a\nb', false],
    ['a.b', 'a\rb', false],
    ['a.b', 'a\u2028b', false],
    ['a.b', 'a\u0085b', false],
    ['a.b', 'a\tb', true],
    ['a.b', 'aéb', true],
    ['^.$', '😀', true], // a surrogate pair is one character
    ['^..$', '😀', false],
    // classes, escapes, quantifiers
    ['[^c]$', 'ab', true],
    ['[^c]$', 'ac', false],
    ['[^a]', 'é', true],
    ['\\W', 'é', true],
    ['\\w', 'é', false],
    ['\\s', '\u000b', true],
    ['\\S', ' \t\n', false],
    ['\\x3A', 'a:b', true],
    ['\\x28', '(', true],
    ['\\t', 'a\tb', true],
    ['[\\d_]+x', '12_x', true],
    ['[a\\-z]', '-', true],
    ['[a\\-z]', 'b', false],
    ['[-a]', '-', true],
    ['a{,2}b', 'b', true],
    ['^a{2,}$', 'aaaa', true],
    ['^a{2,}$', 'a', false],
    ['^a{2}$', 'aaa', false],
    ['^xa+?y', 'xy', false],
    ['^xa??y', 'xy', true],
    ['colou?r', 'colouur', false],
    ['gra|ey', 'grey', true],
    ['^ab|cd$', 'xxcd', true],
    ['^ab|cd$', 'xabx', false],
  ])('regex %s on %j → %s', (regex, message, expected) => {
    expect(search(regex, message)).toBe(expected);
  });

  it('agrees with JavaScript RegExp on ASCII text without line terminators', () => {
    // Regexes built from atoms both engines read the same way; inputs over a small alphabet.
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '\\w', '\\s', '1', ' ', '-');
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?');
    const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
    const alternative = fc
      .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 5 }), fc.boolean())
      .map(([start, pieces, end]) => (start ? '^' : '') + pieces.join('') + (end ? '$' : ''));
    const regex = fc
      .array(alternative, { minLength: 1, maxLength: 3 })
      .map((alternatives) => alternatives.join('|'));
    const input = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', '-', '_', 'x'), maxLength: 12 });
    fc.assert(
      fc.property(regex, fc.array(input, { minLength: 1, maxLength: 8 }), (source, inputs) => {
        const ours = compileFilterPattern(`%${source}%`);
        const theirs = new RegExp(source);
        for (const text of inputs)
          expect(ours.matches(text), `%${source}% on ${JSON.stringify(text)}`).toBe(theirs.test(text));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps matching correctly after the DFA state cache fills up and is rebuilt', () => {
    // a.{11}b needs ~4096 DFA states on a/b text: more than the 1024 cached, so the cache is dropped
    // and rebuilt several times within one event and across events.
    const source = 'a.{11}b$';
    const ours = compileFilterPattern(`%${source}%`);
    const theirs = new RegExp(source);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 500, maxLength: 3000 }), (text) => {
        expect(ours.matches(text)).toBe(theirs.test(text));
      }),
      { numRuns: 200 },
    );
  });

  it('is case sensitive', () => {
    expect(search('[Ee]rror|[Ff]ail', 'ERROR FAIL')).toBe(false);
    expect(search('[Ee]rror|[Ff]ail', 'Failed')).toBe(true);
  });
});
