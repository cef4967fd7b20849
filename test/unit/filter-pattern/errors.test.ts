import { describe, expect, it } from 'vitest';
import {
  AWS_INVALID_CHARACTER_MESSAGE,
  AWS_INVALID_PATTERN_MESSAGE,
  FILTER_PATTERN_ERROR_CODES,
  FilterPatternSyntaxError,
  UnsupportedFilterPatternError,
  awsMessageFor,
  compileFilterPattern,
} from '../../../harness/filter-pattern/index.ts';
import { LabError } from '../../../harness/errors.ts';

function syntaxError(pattern: string): FilterPatternSyntaxError {
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) return error;
    throw error;
  }
  throw new Error(`accepted: ${pattern}`);
}

describe('FilterPatternSyntaxError', () => {
  it('shows the pattern with a caret under the offending text', () => {
    const error = syntaxError('{ $.type = && $.x = 1 }');
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid filter pattern at position 11: expected a value after '='
        { $.type = && $.x = 1 }
                   ^~"
    `);
    expect(error).toMatchObject({
      code: 'FP_EXPECTED_VALUE',
      position: 11,
      range: { start: 11, end: 13 },
      summary: "expected a value after '='",
      awsMessage: AWS_INVALID_PATTERN_MESSAGE,
    });
    expect(error).toBeInstanceOf(LabError);
    expect(error.name).toBe('FilterPatternSyntaxError');
  });

  it('puts the caret past the end when the pattern stops early', () => {
    expect(syntaxError('{ $.a = 1').message).toMatchInlineSnapshot(`
      "Invalid filter pattern at position 9: expected '&&', '||' or '}' but the pattern ends
        { $.a = 1
                 ^"
    `);
  });

  it('cuts long patterns around the error and keeps the caret aligned', () => {
    const pattern = `{ $.a = "${'x'.repeat(200)}" && $.b = ? && $.c = "${'y'.repeat(200)}" }`;
    const error = syntaxError(pattern);
    const [, excerpt, caret] = error.message.split('\n');
    expect(excerpt!.startsWith('  …')).toBe(true);
    expect(excerpt!.endsWith('…')).toBe(true);
    expect(excerpt!.length).toBeLessThan(140);
    const column = caret!.indexOf('^');
    expect(excerpt![column]).toBe(pattern[error.position]);
  });

  it('prints control characters as spaces so the caret stays under the right column', () => {
    const error = syntaxError('{\n\t$.a = \n}');
    const [, excerpt, caret] = error.message.split('\n');
    expect(excerpt).toBe('  {  $.a =  }');
    expect(caret!.indexOf('^')).toBe(2 + error.position);
  });

  it('carries the AWS message for the errors AWS words differently', () => {
    expect(syntaxError('%(a)%').awsMessage).toBe(AWS_INVALID_CHARACTER_MESSAGE);
    expect(syntaxError('user.name').awsMessage).toBe(AWS_INVALID_CHARACTER_MESSAGE);
    expect(syntaxError('{ $.n >= "123" }').awsMessage).toBe(`${AWS_INVALID_CHARACTER_MESSAGE} '"123"'`);
    expect(syntaxError('[..., a, ...]').awsMessage).toBe("Duplicate field '...'");
    expect(syntaxError('[a, b, a]').awsMessage).toBe("Duplicate field 'a'");
  });

  it('words the generic message per operation, keeping the specific ones', () => {
    expect(awsMessageFor(syntaxError('{ $.a = }'), 'PutMetricFilter')).toBe('Invalid metric filter pattern');
    expect(awsMessageFor(syntaxError('{ $.a = }'), 'FilterLogEvents')).toBe('Invalid filter pattern');
    expect(awsMessageFor(syntaxError('%(%'), 'FilterLogEvents')).toBe(AWS_INVALID_CHARACTER_MESSAGE);
  });

  it('marks refusals of undocumented syntax as UnsupportedFilterPatternError', () => {
    for (const pattern of ['{ $.a EXISTS }', '{ $.a is null }', '%\\bword%', '%x% y']) {
      expect(syntaxError(pattern)).toBeInstanceOf(UnsupportedFilterPatternError);
    }
    expect(syntaxError('{ $.a = }')).not.toBeInstanceOf(UnsupportedFilterPatternError);
  });

  it('only ever uses documented codes', () => {
    for (const pattern of ['{', '[', '"', '%', '{ $.a = 1 } }', '[a,a]', '%a{2,1}%', '-', '{ $. = 1 }']) {
      expect(Object.keys(FILTER_PATTERN_ERROR_CODES)).toContain(syntaxError(pattern).code);
    }
  });
});
