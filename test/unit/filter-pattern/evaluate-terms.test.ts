import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../harness/filter-pattern/index.ts';

const matches = (pattern: string, message: string) => compileFilterPattern(pattern).matches(message);

describe('unstructured (term) patterns', () => {
  it.each<[string, string, boolean]>([
    ['ERROR', 'Exiting with ERRORCODE: -1', true], // substring, no word boundary
    ['ERROR', 'error', false], // case sensitive
    ['ERROR WARN', 'WARN then ERROR', true], // all terms, any order
    ['ERROR WARN', 'ERROR only', false],
    ['"ERROR WARN"', 'WARN ERROR', false], // a phrase is contiguous
    ['"ERROR WARN"', 'x ERROR WARN y', true],
    ['"a  b"', 'a b', false], // no whitespace normalisation
    ['ERROR -DEBUG', 'ERROR x', true],
    ['ERROR -DEBUG', 'ERROR DEBUG', false],
    ['-DEBUG', 'anything', true], // exclusions alone
    ['-DEBUG -TRACE', 'a TRACE', false],
    ['?ERROR ?WARN', 'a WARN', true],
    ['?ERROR ?WARN', 'INFO', false],
    ['?ERROR ?WARN REQUEST', 'INFO REQUEST', true], // ? ignored when mixed
    ['?ERROR ?WARN REQUEST', 'ERROR', false],
    ['?ERROR -WARN', 'INFO', true],
    ['"say \\"hi\\""', 'they say "hi"', true], // \" inside a phrase
    ['"C:\\temp"', 'path C:\\temp here', true], // other backslashes are literal
    ['"[ERROR]"', 'x [ERROR] y', true],
    ['" " ERROR', 'ERROR', true], // a whitespace-only phrase matches anything
    ['-" "', 'a b', false],
    ['"é"', 'café', true],
    ['%^\\[ERROR%', '[ERROR] x', true],
    ['%^ERROR%', '[ERROR] x', false],
  ])('%j on %j → %s', (pattern, message, expected) => {
    expect(matches(pattern, message)).toBe(expected);
  });

  it('matches everything with "", " ", whitespace or nothing', () => {
    for (const pattern of ['', ' ', '""', '" "', '"\t"']) {
      const compiled = compileFilterPattern(pattern);
      expect(compiled.kind).toBe('match-all');
      expect(compiled.matches('')).toBe(true);
      expect(compiled.test('NoSpacesHere')).toEqual({ matched: true, extractedValues: {} });
    }
  });

  it('combines a regex with terms when the choice allows it', () => {
    const pattern = compileFilterPattern('%ERR[0-9]+% -DEBUG ?x', { choices: { regexAmongTerms: 'allow' } });
    expect(pattern.matches('ERR42 failed')).toBe(true);
    expect(pattern.matches('ERR42 DEBUG')).toBe(false);
    expect(pattern.matches('ERR failed')).toBe(false);
  });

  it('extracts nothing (TestMetricFilter returns {} for term patterns)', () => {
    expect(compileFilterPattern('ERROR').test('[ERROR] 400')).toEqual({ matched: true, extractedValues: {} });
    expect(compileFilterPattern('ERROR').test('[INFO] 200')).toEqual({ matched: false, extractedValues: {} });
  });
});
