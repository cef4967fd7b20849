import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { captureIo } from '../../support/cli-io.ts';

/**
 * `vault-alarm-lab pattern …` run as users run it: the real bin in a child process, real stdio, real
 * exit codes. One in-process case checks colours on a terminal, which a pipe cannot show.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/vault-1.14.0/', import.meta.url));

function cli(args: readonly string[], input?: string) {
  return execa('node', ['bin/vault-alarm-lab.js', 'pattern', ...args], {
    cwd: REPO,
    reject: false,
    ...(input === undefined ? {} : { input }),
    env: { NO_COLOR: undefined, DEBUG: undefined },
    extendEnv: true,
    timeout: 60_000,
  });
}

describe('vault-alarm-lab pattern test', () => {
  it('prints the TestMetricFilter response with --json, numbering events from 1 (aws-cli example)', async () => {
    const result = await cli([
      'test',
      '--pattern',
      'ERROR',
      '--event',
      '[ERROR] 400 BAD REQUEST',
      '--event',
      '[ERROR] 400 BAD REQUEST',
      '--event',
      '[INFO] 200 OK',
      '--json',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      matches: [
        { eventNumber: 1, eventMessage: '[ERROR] 400 BAD REQUEST', extractedValues: {} },
        { eventNumber: 2, eventMessage: '[ERROR] 400 BAD REQUEST', extractedValues: {} },
      ],
    });
  });

  it('exits 0 with an empty list when nothing matches', async () => {
    const result = await cli(['test', '-p', '{ $.type = "response" }', '-e', 'not json', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('{"matches":[]}');
  });

  it('prints the caret message on stderr and exits 2 for a syntax error', async () => {
    const result = await cli(['test', '-p', '{ $.type = && $.x = 1 }', '-e', '{}']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatchInlineSnapshot(`
      "Invalid filter pattern at position 11: expected a value after '='
        { $.type = && $.x = 1 }
                   ^~"
    `);
  });

  it('tests a recorded Vault audit log from --events-file, with extracted values', async () => {
    const result = await cli([
      'test',
      '-p',
      '{ $.type = "response" && $.error = "*permission denied*" }',
      '-f',
      `${FIXTURES}permission-denied-read.log`,
      '--json',
    ]);
    expect(result.exitCode).toBe(0);
    const { matches } = JSON.parse(result.stdout) as {
      matches: { eventNumber: number; extractedValues: Record<string, string> }[];
    };
    expect(matches.map((m) => m.eventNumber)).toEqual([2]);
    expect(matches[0]!.extractedValues).toEqual({
      '$.type': 'response',
      '$.error': '1 error occurred:\n\t* permission denied\n\n',
    });
  });

  it('reads events from stdin with -f -, skipping blank lines and CRLF endings', async () => {
    const result = await cli(
      ['test', '-p', '[level=ERROR, code]', '-f', '-', '--json'],
      'ERROR 1\r\n\nINFO 2\r\nERROR 3\n',
    );
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      matches: [
        { eventNumber: 1, eventMessage: 'ERROR 1', extractedValues: { $level: 'ERROR', $code: '1' } },
        { eventNumber: 3, eventMessage: 'ERROR 3', extractedValues: { $level: 'ERROR', $code: '3' } },
      ],
    });
  });

  it('shows the value a metric filter would publish with --metric-value', async () => {
    const line = '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287';
    const args = [
      'test',
      '-p',
      '[ip, id, user, timestamp, request, status_code, size]',
      '-e',
      line,
      '--metric-value',
      '$size',
      '--metric-value',
      '$user',
    ];
    const json = await cli([...args, '--json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).metricValues).toEqual([
      { metricValue: '$size', values: [{ eventNumber: 1, value: 287 }] },
      { metricValue: '$user', values: [{ eventNumber: 1, value: null, reason: 'value-not-numeric' }] },
    ]);
    const human = await cli(args);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain('metric value $size → 287');
    expect(human.stdout).toContain('metric value $user → no datapoint ($user is not a number)');
    expect(human.stdout).not.toContain('\u001b['); // not a terminal: no colours
  });

  it('rejects a metric value the pattern cannot supply, with exit 2', async () => {
    const result = await cli(['test', '-p', 'ERROR', '-e', 'ERROR', '--metric-value', '$.latency']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "Invalid metric transformation: metricValue: '$.latency' is a JSON selector, but the filter pattern is an unstructured (term) pattern",
    );
  });

  it('prints readable results: the matching events and what was extracted', async () => {
    const result = await cli(['test', '-p', '{ $.a = 1 }', '-e', '{"a":1}', '-e', '{"a":2}', '--all']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "pattern  { $.a = 1 }  (json pattern)

      event 1    matched
                 {"a":1}
                 $.a = "1"
      event 2    no match
                 {"a":2}

      1 of 2 events matched"
    `);
  });

  it.each([
    [['test', '-e', 'x'], '--pattern is required'],
    [['test', '-p', 'x'], 'give the events with --event or --events-file'],
    [['test', '-p', 'x', '-e', 'x', '-f', 'y'], 'use either --event or --events-file, not both'],
    [['test', '-p', 'x', '-e', 'x', '--colour'], "unknown option '--colour'"],
  ])('exits 2 on usage errors: %j', async (args, message) => {
    const result = await cli(args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 3 (input error) naming the file when --events-file cannot be read', async () => {
    const result = await cli(['test', '-p', 'x', '-f', 'no/such/audit.log']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cannot read --events-file ${REPO}no/such/audit.log: ENOENT`);
  });

  it('colours the output on a terminal', async () => {
    const io = captureIo({ tty: true });
    expect(await main(['pattern', 'test', '-p', 'ERROR', '-e', 'ERROR'], io)).toBe(0);
    expect(io.stdoutText()).toContain('\u001b[32mmatched\u001b[39m');
    const plain = captureIo({ tty: true, env: { NO_COLOR: '1' } });
    expect(await main(['pattern', 'test', '-p', 'ERROR', '-e', 'ERROR'], plain)).toBe(0);
    expect(plain.stdoutText()).not.toContain('\u001b[');
  });
});

describe('vault-alarm-lab pattern check', () => {
  it('says what kind of pattern a valid one is', async () => {
    const result = await cli(['check', '-p', '[ip, ..., status = 4*]', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, kind: 'space-delimited', regexCount: 0 });
  });

  it('exits 2 with the position and AWS message of an invalid one', async () => {
    const result = await cli(['check', '-p', '%(a|b)%', '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: false,
      code: 'FP_REGEX_INVALID_CHARACTER',
      position: 1,
      range: { start: 1, end: 2 },
      awsMessage: 'Invalid character(s) in term',
    });
    const human = await cli(['check', '-p', '%(a|b)%']);
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toContain('Invalid filter pattern at position 1:');
  });
});
