import { describe, expect, it } from 'vitest';
import { compileFilterPattern, splitFields } from '../../../harness/filter-pattern/index.ts';

const APACHE = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';

describe('splitFields', () => {
  it.each<[string, string[]]>([
    [
      APACHE,
      ['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /index.html HTTP/1.0', '404', '1534'],
    ],
    ['  a \t b\n c  ', ['a', 'b', 'c']],
    ['x "a \\"quoted\\" b" y', ['x', 'a \\"quoted\\" b', 'y']],
    ['[a [b] c', ['a [b', 'c']],
    ['"open to the end', ['open to the end']],
    ['[open', ['open']],
    ['"a"b [c]d', ['a', 'b', 'c', 'd']],
    ['""  []', ['', '']],
    ['', []],
  ])('%j', (message, fields) => {
    expect(splitFields(message).values).toEqual(fields);
  });
});

describe('space-delimited patterns', () => {
  it.each<[string, string, boolean]>([
    ['[ip, user, username, timestamp, request, status_code, bytes]', APACHE, true],
    ['[ip, user, username, timestamp, request, status_code, bytes]', `${APACHE} extra`, false], // exact field count
    ['[ip, user, username, timestamp, request, status_code, bytes, more]', APACHE, false],
    ['[..., status_code = 404, bytes]', APACHE, true],
    ['[ip, ..., bytes]', APACHE, true],
    ['[ip, user, username, timestamp, request, status_code, bytes, ...]', APACHE, true], // ... may cover nothing
    ['[ip, ..., a, b, c, d, e, f, g]', APACHE, false],
    ['[..., status_code = 4* && status_code != 403, bytes]', APACHE, true],
    ['[..., status_code = 403 || status_code = 410, bytes]', APACHE, false],
    ['[..., request = *index*, status_code, bytes]', APACHE, true],
    ['[..., request = "GET *", status_code, bytes]', APACHE, true],
    ['[..., request = %^GET /[a-z]+\\.html%, status_code, bytes]', APACHE, true],
    ['[..., request != %POST%, status_code, bytes]', APACHE, true],
    ['[..., bytes > 1000]', APACHE, true],
    ['[..., bytes > 1534]', APACHE, false],
    ['[..., bytes >= 1534]', APACHE, true],
    ['[ip, user > 0, ...]', APACHE, false], // "-" is not a number
    ['[ip, user != 0, ...]', APACHE, true], // non-numeric field: compared as text
    ['[ip, user = "-", ...]', APACHE, true],
    ['[ip, ..., status_code = 404.0, bytes]', APACHE, true], // numeric equality
    ['[ip, ..., status_code = "404.0", bytes]', APACHE, false],
    ['[w1, , w3]', 'a b c', true],
    ['[w1=ERROR, w2]', 'ERROR 09/25/2014 12:00:02 Failed to process request', false],
  ])('%s on %j → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern).matches(message)).toBe(expected);
  });

  it('lets the last slot absorb the rest of the line when that choice is made', () => {
    const pattern = compileFilterPattern('[w1=ERROR, w2]', {
      choices: { spaceDelimitedExtraFields: 'last-absorbs-rest' },
    });
    expect(pattern.test('ERROR 09/25/2014  12:00:02 "Failed" x  ')).toEqual({
      matched: true,
      extractedValues: { $w1: 'ERROR', $w2: '09/25/2014  12:00:02 "Failed" x' },
    });
    expect(pattern.matches('WARN x y')).toBe(false);
  });

  it('extracts named fields by name and the others by 1-based position', () => {
    expect(
      compileFilterPattern('[..., request=*.html*, status_code=4*,]').test(APACHE).extractedValues,
    ).toEqual({
      $1: '127.0.0.1',
      $2: '-',
      $3: 'frank',
      $4: '10/Oct/2000:13:25:15 -0700',
      $request: 'GET /index.html HTTP/1.0',
      $status_code: '404',
      $7: '1534',
    });
    expect(compileFilterPattern('[a, , ...]').test('x y').extractedValues).toEqual({ $a: 'x', $2: 'y' });
  });
});
