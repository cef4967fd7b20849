import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AgentConfigError, loadAgentConfig } from '../../../../harness/shipper/index.ts';
import type { HostInfo } from '../../../../harness/shipper/index.ts';

// The agent's sampleSchema approach: sample configs on disk, each invalid one with the exact
// problems it must be refused with. Host facts are pinned so placeholder expansion is stable.
const FIXTURES = fileURLToPath(new URL('../../../fixtures/agent-config/', import.meta.url));
const host: Partial<HostInfo> = {
  hostname: 'lab-host',
  localHostname: 'lab-host',
  ipAddress: '10.0.0.7',
  region: 'eu-west-1',
};
const clock = {
  now: () => Date.UTC(2024, 0, 15, 12),
  setTimer: () => () => undefined,
  sleep: async () => undefined,
};

function load(file: string) {
  return loadAgentConfig(`${FIXTURES}${file}`, { hostInfo: host, clock });
}

function refusal(file: string): AgentConfigError {
  try {
    load(file);
  } catch (error) {
    if (error instanceof AgentConfigError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

const INVALID: readonly [string, readonly string[]][] = [
  [
    'invalid-article-trailing-space.json',
    [
      "logs.logs_collected.files.collect_list[0].log_group_name = \"vault_audit_log \" (shown with whitespace visible: vault_audit_log␠): the space at index 15 (trailing) is not allowed; a log group name must be 1–512 characters from a-z A-Z 0-9 '_' '-' '/' '.' '#' (CloudWatch Logs pattern [\\.\\-_/#A-Za-z0-9]+), not starting with 'aws/'",
    ],
  ],
  [
    'invalid-auto-removal-multi.json',
    [
      'logs.logs_collected.files.collect_list[0].auto_removal = true: cannot be combined with publish_multi_logs (as in the agent)',
    ],
  ],
  [
    'invalid-collect-list-empty.json',
    ['logs.logs_collected.files.collect_list = []: must hold at least 1 item'],
  ],
  [
    'invalid-encoding.json',
    [
      'logs.logs_collected.files.collect_list[0].encoding = "utf-99": unknown encoding; expected a WHATWG/IANA name such as utf-8, utf-16le, utf-16be, latin1, shift_jis, gbk',
    ],
  ],
  [
    'invalid-filter-type.json',
    [
      'logs.logs_collected.files.collect_list[0].filters[0].type = "contains": expected one of "include", "exclude"',
    ],
  ],
  ['invalid-flush-interval-zero.json', ['logs.force_flush_interval = 0: must be >= 1 (allowed: 1..172800)']],
  [
    'invalid-group-aws-prefix.json',
    [
      "logs.logs_collected.files.collect_list[0].log_group_name = \"AWS/vault/audit\": it starts with 'aws/', which is reserved for AWS; a log group name must be 1–512 characters from a-z A-Z 0-9 '_' '-' '/' '.' '#' (CloudWatch Logs pattern [\\.\\-_/#A-Za-z0-9]+), not starting with 'aws/'",
    ],
  ],
  [
    'invalid-group-colon.json',
    [
      "logs.logs_collected.files.collect_list[0].log_group_name = \"vault:audit\": ':' (U+003A) at index 5 is not allowed; a log group name must be 1–512 characters from a-z A-Z 0-9 '_' '-' '/' '.' '#' (CloudWatch Logs pattern [\\.\\-_/#A-Za-z0-9]+), not starting with 'aws/'",
    ],
  ],
  [
    'invalid-group-default-from-glob.json',
    [
      "logs.logs_collected.files.collect_list[0].log_group_name (default: file_path minus extension) = \"/var/log/vault/*\": '*' (U+002A) at index 15 (trailing) is not allowed; a log group name must be 1–512 characters from a-z A-Z 0-9 '_' '-' '/' '.' '#' (CloudWatch Logs pattern [\\.\\-_/#A-Za-z0-9]+), not starting with 'aws/'",
    ],
  ],
  [
    'invalid-group-empty.json',
    ['logs.logs_collected.files.collect_list[0].log_group_name = "": must not be empty'],
  ],
  [
    'invalid-log-group-class.json',
    [
      'logs.logs_collected.files.collect_list[0].log_group_class = "COLD": expected STANDARD or INFREQUENT_ACCESS (any case); the agent would silently ignore it',
    ],
  ],
  ['invalid-logs-missing.json', ['logs: is required but missing']],
  [
    'invalid-missing-file-path.json',
    ['logs.logs_collected.files.collect_list[0].file_path: is required but missing'],
  ],
  [
    'invalid-multiline-regex.json',
    [
      'logs.logs_collected.files.collect_list[0].multi_line_start_pattern = "^(\\\\d{4}": not a valid regular expression: Invalid regular expression: /^(\\d{4}/: Unterminated group',
    ],
  ],
  [
    'invalid-not-json.json',
    [
      '(config root): not valid JSON: Expected double-quoted property name in JSON at position 103 (line 1, column 104)',
    ],
  ],
  [
    'invalid-retention-conflict.json',
    [
      'logs.logs_collected.files.collect_list[1].retention_in_days = 90: log group "VAULT" is given different retention_in_days values (30, 90)',
    ],
  ],
  [
    'invalid-retention-value.json',
    [
      'logs.logs_collected.files.collect_list[0].retention_in_days = 2: expected one of -1, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    ],
  ],
  [
    'invalid-stream-asterisk.json',
    [
      "logs.logs_collected.files.collect_list[0].log_stream_name = \"audit*\": '*' (U+002A) at index 5 (trailing) is not allowed; a log stream name must be 1–512 characters, none of them ':' or '*' (CloudWatch Logs pattern [^:*]*)",
    ],
  ],
  [
    'invalid-stream-unknown-placeholder.json',
    [
      'logs.logs_collected.files.collect_list[0].log_stream_name = "{instanceid}": unknown placeholder {instanceid}; known placeholders: {instance_id} {hostname} {local_hostname} {ip_address} {date} {aws_region} {account_id}',
    ],
  ],
  [
    'invalid-timestamp-directive.json',
    [
      'logs.logs_collected.files.collect_list[0].timestamp_format = "%Y-%j %H:%M" (shown with whitespace visible: %Y-%j␠%H:%M): unsupported directive %j at index 3; supported: %Y %y %b %B %m %-m %d %-d %H %I %-I %M %-M %S %-S %p %Z %z %f %A %a %%',
    ],
  ],
  [
    'invalid-timezone.json',
    ['logs.logs_collected.files.collect_list[0].timezone = "PST": expected one of "Local", "LOCAL", "UTC"'],
  ],
  [
    'invalid-top-level-typo.json',
    [
      'logs: is required but missing',
      'log: unknown key "log"; allowed keys here: agent, metrics, traces, csm, opentelemetry, logs',
    ],
  ],
  [
    'invalid-trim-without-format.json',
    [
      'logs.logs_collected.files.collect_list[0].trim_timestamp = true: needs timestamp_format (there is no timestamp to trim)',
    ],
  ],
  [
    'invalid-type-mismatch.json',
    [
      'logs.force_flush_interval = "5": expected an integer, got a string',
      'logs.logs_collected.files.collect_list[0].publish_multi_logs = "yes": expected a boolean, got a string',
    ],
  ],
  [
    'invalid-unknown-key-from-beginning.json',
    [
      'logs.logs_collected.files.collect_list[0].from_beginning: unknown key "from_beginning" (the agent refuses it too: a new file is always read from its start); allowed keys here: file_path, log_group_name, log_stream_name, log_group_class, multi_line_start_pattern, timestamp_format, timezone, trim_timestamp, encoding, auto_removal, backpressure_mode, blacklist, publish_multi_logs, retention_in_days, filters, service.name, deployment.environment',
    ],
  ],
];

describe('agent config samples', () => {
  it('has a sample for every expectation and an expectation for every invalid sample', () => {
    const onDisk = readdirSync(FIXTURES)
      .filter((f) => f.startsWith('invalid-'))
      .sort();
    expect(onDisk).toEqual(INVALID.map(([f]) => f).sort());
    expect(onDisk.length).toBeGreaterThanOrEqual(15);
  });

  it.each(INVALID)('refuses %s with its message', (file, messages) => {
    const error = refusal(file);
    expect(error.code).toBe('LAB_CONFIG_INVALID');
    expect(error.issues.map((i) => i.message)).toEqual(messages);
    for (const message of messages) expect(error.message).toContain(message);
  });

  it("refuses the article's config naming the field, the value with its trailing space, and the rule", () => {
    const error = refusal('invalid-article-trailing-space.json');
    expect(error.issues).toHaveLength(1);
    const [problem] = error.issues;
    expect(problem!.path).toBe('logs.logs_collected.files.collect_list[0].log_group_name');
    expect(problem!.value).toBe('vault_audit_log ');
    expect(error.message).toContain('"vault_audit_log "');
    expect(error.message).toContain('vault_audit_log␠');
    expect(error.message).toContain('[\\.\\-_/#A-Za-z0-9]+');
    expect(error.message).toContain('nothing was read or shipped');
  });

  it('loads the fixed article config with {instance_id} falling back to the hostname off EC2', () => {
    const config = load('valid-article-fixed.json');
    expect(config.sources).toHaveLength(1);
    expect(config.sources[0]).toMatchObject({
      filePath: '/var/log/vault_audit.log',
      logGroupName: 'vault_audit_log',
      logStreamName: 'lab-host',
      encoding: 'utf-8',
      multiLine: { implicit: true },
    });
    expect(config.forceFlushIntervalMs).toBe(200);
    expect(config.forceFlushIntervalConfigured).toBe(false);
  });

  it('uses the EC2 instance id when the host has one', () => {
    const config = loadAgentConfig(`${FIXTURES}valid-article-fixed.json`, {
      hostInfo: { ...host, instanceId: 'i-0abc123' },
    });
    expect(config.sources[0]!.logStreamName).toBe('i-0abc123');
  });

  it('applies the agent defaults: group = path minus extension, stream = {instance_id}', () => {
    const config = load('valid-minimal.json');
    expect(config.sources[0]).toMatchObject({
      logGroupName: '/var/log/vault/audit',
      logStreamName: 'lab-host',
      trimTimestamp: false,
      autoRemoval: false,
      filters: [],
    });
  });

  it('resolves every field of a full config', () => {
    const config = load('valid-full.json');
    const [audit, server] = config.sources;
    expect(audit).toMatchObject({
      logGroupName: '/vault/lab-host/audit',
      logStreamName: 'lab-host-2024-01-15',
      logGroupClass: 'STANDARD',
      retentionInDays: 30,
      multiLine: { implicit: false },
    });
    expect(audit!.timestamp?.parse('{"time":"2024-01-15T10:11:12.345Z"}', 0)?.epochMs).toBe(
      Date.UTC(2024, 0, 15, 10, 11, 12, 345),
    );
    // multi_line_start_pattern "{timestamp_format}" is the timestamp regex.
    expect(audit!.multiLine.startPattern.test('2024-01-15T10:11:12.345Z start')).toBe(true);
    expect(audit!.filters.map((f) => f.type)).toEqual(['include', 'exclude']);
    expect(audit!.filters[1]!.expression.test('GET SYS/HEALTH')).toBe(true);
    expect(server!.multiLine.startPattern.test('2024-01-15 boot')).toBe(true);
    expect(server!.multiLine.startPattern.test('  at frame')).toBe(false);
    expect(config.forceFlushIntervalMs).toBe(1000);
    expect(config.concurrency).toBe(4);
    expect(config.endpointOverride).toBe('http://127.0.0.1:4566');
    expect(config.region).toBe('eu-west-1');
  });

  it('derives nothing for publish_multi_logs without a group: the group comes from each file', () => {
    const config = load('valid-glob-publish-multi.json');
    expect(config.sources[0]).toMatchObject({
      isGlob: true,
      publishMultiLogs: true,
      logGroupName: '',
      logGroupNameConfigured: false,
    });
    expect(config.sources[0]!.blacklist?.test('audit-old-1.log')).toBe(true);
  });

  it('reads sections it does not act on and says so', () => {
    const config = load('valid-other-sections.json');
    expect(config.warnings).toEqual([
      'logs.logs_collected.windows_events is ignored (Windows only)',
      'logs.metrics_collected is ignored (the shipper ships files only)',
      'logs.credentials.role_arn is not assumed: the shipper uses the target credentials (SDK default chain)',
    ]);
    // -1 is the agent's "never expire": no retention policy.
    expect(config.sources[0]!.retentionInDays).toBeUndefined();
  });

  it('refuses a missing config file by name', () => {
    const error = (() => {
      try {
        loadAgentConfig('/nonexistent/amazon-cloudwatch-agent.json');
      } catch (e) {
        return e as AgentConfigError;
      }
      throw new Error('accepted');
    })();
    expect(error.message).toContain('/nonexistent/amazon-cloudwatch-agent.json');
    expect(error.issues[0]!.message).toContain('cannot read the config file: no such file');
  });

  it('returns a frozen config', () => {
    const config = load('valid-minimal.json');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.sources[0])).toBe(true);
  });

  it('accepts an object as well as a path, resolving relative paths against baseDir', () => {
    const config = loadAgentConfig(
      {
        logs: {
          logs_collected: { files: { collect_list: [{ file_path: 'audit.log', log_group_name: 'g' }] } },
        },
      },
      { baseDir: '/srv/vault', hostInfo: host },
    );
    expect(config.origin).toBe('(object)');
    expect(config.sources[0]!.filePath).toBe('/srv/vault/audit.log');
  });

  it('names the entry that set a conflicting group setting, not a later entry of the group without one', () => {
    const entry = (extra: Record<string, unknown>) => ({ log_group_name: 'vault', ...extra });
    const error = (() => {
      try {
        loadAgentConfig(
          {
            logs: {
              logs_collected: {
                files: {
                  collect_list: [
                    { file_path: '/a.log', ...entry({ retention_in_days: 30, log_group_class: 'STANDARD' }) },
                    {
                      file_path: '/b.log',
                      ...entry({ retention_in_days: 90, log_group_class: 'INFREQUENT_ACCESS' }),
                    },
                    { file_path: '/c.log', ...entry({}) },
                  ],
                },
              },
            },
          },
          { hostInfo: host },
        );
      } catch (e) {
        if (e instanceof AgentConfigError) return e;
        throw e;
      }
      throw new Error('accepted');
    })();
    expect(error.issues.map((i) => i.message)).toEqual([
      'logs.logs_collected.files.collect_list[1].retention_in_days = 90: log group "vault" is given different retention_in_days values (30, 90)',
      'logs.logs_collected.files.collect_list[1].log_group_class = "INFREQUENT_ACCESS": log group "vault" is given different log_group_class values (STANDARD, INFREQUENT_ACCESS)',
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const error = refusal('invalid-type-mismatch.json');
    expect(error.issues.map((i) => i.path)).toEqual([
      'logs.force_flush_interval',
      'logs.logs_collected.files.collect_list[0].publish_multi_logs',
    ]);
  });
});
