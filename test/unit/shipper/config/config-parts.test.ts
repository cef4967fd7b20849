import { describe, expect, it } from 'vitest';
import {
  checkLogGroupName,
  checkLogStreamName,
  describeCharacterAt,
  showValue,
} from '../../../../harness/shipper/config/names.ts';
import { expandPlaceholders } from '../../../../harness/shipper/config/placeholders.ts';
import { compileGoRegex } from '../../../../harness/shipper/config/regex-compat.ts';
import { compileTimestampFormat } from '../../../../harness/shipper/config/timestamp-format.ts';
import { checkAgainstSchema } from '../../../../harness/shipper/config/schema-check.ts';

describe('log group and stream names', () => {
  it('accepts the model alphabet and refuses anything else, pointing at the character', () => {
    expect(checkLogGroupName('/vault/audit_log-1.#x')).toBeUndefined();
    expect(checkLogGroupName('vault_audit_log ')?.detail).toBe(
      'the space at index 15 (trailing) is not allowed',
    );
    expect(checkLogGroupName(' vault')?.detail).toBe('the space at index 0 (leading) is not allowed');
    expect(checkLogGroupName('vault\taudit')?.detail).toBe('the tab at index 5 is not allowed');
    expect(checkLogGroupName('café')?.detail).toBe("'é' (U+00E9) at index 3 (trailing) is not allowed");
    expect(checkLogGroupName('aws/x')?.detail).toContain("starts with 'aws/'");
    expect(checkLogGroupName('x'.repeat(513))?.detail).toBe('it is 513 characters long');
    expect(checkLogGroupName('x'.repeat(512))).toBeUndefined();
  });

  it('allows anything but ":" and "*" in stream names', () => {
    expect(checkLogStreamName('host name with spaces ü')).toBeUndefined();
    expect(checkLogStreamName('a:b')?.detail).toBe("':' (U+003A) at index 1 is not allowed");
    expect(checkLogStreamName('')?.detail).toBe('it is empty');
  });

  it('shows whitespace in values', () => {
    expect(showValue('a b ')).toBe('"a b " (shown with whitespace visible: a␠b␠)');
    expect(showValue('plain')).toBe('"plain"');
    expect(showValue(3)).toBe('3');
    expect(describeCharacterAt('\u0001x', 0)).toBe(
      'the control character U+0001 at index 0 (leading) is not allowed',
    );
  });
});

describe('placeholders', () => {
  const host = {
    hostname: 'ip-10-0-0-7.ec2.internal',
    localHostname: 'box',
    ipAddress: '10.0.0.7',
    region: 'eu-west-1',
  };
  const now = new Date(2024, 5, 30, 23, 59).getTime();

  it('expands the agent placeholders once', () => {
    const result = expandPlaceholders(
      '{hostname}/{local_hostname}/{ip_address}/{date}/{aws_region}/{instance_id}',
      { host, now },
    );
    expect(result).toEqual({
      ok: true,
      value: 'ip-10-0-0-7.ec2.internal/box/10.0.0.7/2024-06-30/eu-west-1/box',
    });
  });

  it('uses the instance id on EC2', () => {
    expect(expandPlaceholders('{instance_id}', { host: { ...host, instanceId: 'i-0123' }, now })).toEqual({
      ok: true,
      value: 'i-0123',
    });
  });

  it('refuses unknown and unresolvable placeholders', () => {
    const unknown = expandPlaceholders('{instanceId}', { host, now });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.problem).toContain('unknown placeholder {instanceId}');
    const missing = expandPlaceholders('{account_id}', { host, now });
    expect(!missing.ok && missing.problem).toBe('placeholder {account_id} cannot be resolved on this host');
  });
});

describe('Go regex compatibility', () => {
  it('translates RE2-only syntax', () => {
    expect(compileGoRegex('(?i)^error').test('ERROR: x')).toBe(true);
    expect(compileGoRegex('(?P<year>\\d{4})-').exec('2024-')?.groups?.['year']).toBe('2024');
    expect(compileGoRegex('^[[:digit:]]+[[:space:]]').test('12 x')).toBe(true);
    expect(compileGoRegex('\\Aabc\\z').test('abc')).toBe(true);
    expect(() => compileGoRegex('(?U)a+')).toThrow(/ungreedy/);
    expect(() => compileGoRegex('[[:nope:]]')).toThrow(/unknown POSIX class/);
  });
});

describe('timestamp_format', () => {
  it('parses ISO-like formats in UTC', () => {
    const f = compileTimestampFormat('%Y-%m-%dT%H:%M:%S.%fZ', 'UTC');
    expect(f.parse('{"time":"2024-03-05T07:08:09.123456Z","type":"request"}', 0)).toEqual({
      epochMs: Date.UTC(2024, 2, 5, 7, 8, 9, 123),
      index: 9,
      length: 27,
    });
  });

  it('honours %z offsets and AM/PM', () => {
    const f = compileTimestampFormat('%d/%b/%Y:%I:%M:%S %p %z', 'Local');
    expect(f.parse('05/Mar/2024:01:02:03 PM +0200 GET /', 0)?.epochMs).toBe(Date.UTC(2024, 2, 5, 11, 2, 3));
    const colon = compileTimestampFormat('%Y-%m-%d %H:%M:%S%z', 'UTC');
    expect(colon.parse('2024-03-05 01:02:03-05:30', 0)?.epochMs).toBe(Date.UTC(2024, 2, 5, 6, 32, 3));
  });

  it('parses every full month name (the agent only parses seven-letter ones)', () => {
    const f = compileTimestampFormat('%B %d %Y', 'UTC');
    expect(f.parse('September 9 2024', 0)?.epochMs).toBe(Date.UTC(2024, 8, 9));
    expect(f.parse('May 1 2024', 0)?.epochMs).toBe(Date.UTC(2024, 4, 1));
  });

  it('gives year-less timestamps the current year, wrapping across New Year', () => {
    const f = compileTimestampFormat('%b %-d %H:%M:%S', 'UTC');
    const january = Date.UTC(2025, 0, 2);
    expect(f.parse('Dec 31 23:59:59 host x', january)?.epochMs).toBe(Date.UTC(2024, 11, 31, 23, 59, 59));
    expect(f.parse('Jan 1 00:00:01 host x', january)?.epochMs).toBe(Date.UTC(2025, 0, 1, 0, 0, 1));
  });

  it('uses local time unless UTC is configured', () => {
    const f = compileTimestampFormat('%Y-%m-%d %H:%M:%S', 'Local');
    expect(f.parse('2024-03-05 01:02:03', 0)?.epochMs).toBe(new Date(2024, 2, 5, 1, 2, 3).getTime());
  });

  it('returns undefined when nothing matches, and refuses formats it cannot parse', () => {
    expect(compileTimestampFormat('%H:%M:%S', 'UTC').parse('no time here', 0)).toBeUndefined();
    expect(() => compileTimestampFormat('%Y-%j', 'UTC')).toThrow('unsupported directive %j at index 3');
    expect(() => compileTimestampFormat('plain', 'UTC')).toThrow('no % directive');
  });
});

describe('schema check', () => {
  it('reports duplicates in collect_list (uniqueItems)', () => {
    const entry = { file_path: '/a.log' };
    const issues = checkAgainstSchema({
      logs: { logs_collected: { files: { collect_list: [entry, { ...entry }] } } },
    });
    expect(issues.map((i) => i.message)).toEqual([
      'logs.logs_collected.files.collect_list[1]: duplicates logs.logs_collected.files.collect_list[0] (items must be unique)',
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    const issues = checkAgainstSchema({
      logs: { 'service.name': '', logs_collected: { files: { collect_list: [{ file_path: '/a' }] } } },
    });
    expect(issues.map((i) => i.path)).toEqual(['logs["service.name"]']);
  });
});
