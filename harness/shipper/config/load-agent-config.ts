import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { isGlob } from '../glob.ts';
import { AgentConfigError } from './agent-config-error.ts';
import type { HostInfo } from './host-info.ts';
import { localHostInfo } from './host-info.ts';
import { checkLogGroupName, checkLogStreamName } from './names.ts';
import { expandPlaceholders } from './placeholders.ts';
import { compileGoRegex } from './regex-compat.ts';
import type { ConfigIssue } from './schema-check.ts';
import { checkAgainstSchema, childPath, issue } from './schema-check.ts';
import type { TimestampFormat } from './timestamp-format.ts';
import { compileTimestampFormat } from './timestamp-format.ts';
import type { ResolvedShipperConfig, ResolvedSource } from './types.ts';

/**
 * How long a batch may wait when the config sets no `force_flush_interval`. The agent waits 5 s
 * (plus up to 5 s of multi-line hold-back); a lab that asserts alarms wants lines in CloudWatch in
 * well under a second.
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 200;

/** The agent's implicit multi-line start pattern: a line starting with non-whitespace starts an event. */
const IMPLICIT_START_PATTERN = /^\S/;

export interface LoadAgentConfigOptions {
  /** Environment for `{aws_region}` fallbacks (AWS_REGION). Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Host facts for placeholders; missing fields come from the OS (no network). */
  readonly hostInfo?: Partial<HostInfo>;
  /** Clock for `{date}`. */
  readonly clock?: Clock;
  /** Base for relative `file_path`s; defaults to the config file's directory, else the cwd. */
  readonly baseDir?: string;
}

interface RawEntry {
  file_path: string;
  log_group_name?: string;
  log_stream_name?: string;
  log_group_class?: string;
  multi_line_start_pattern?: string;
  timestamp_format?: string;
  timezone?: 'Local' | 'LOCAL' | 'UTC';
  trim_timestamp?: boolean;
  encoding?: string;
  auto_removal?: boolean;
  backpressure_mode?: string;
  blacklist?: string;
  publish_multi_logs?: boolean;
  retention_in_days?: number;
  filters?: { type: 'include' | 'exclude'; expression: string }[];
}

interface RawConfig {
  agent?: { region?: unknown };
  logs: {
    logs_collected: {
      files: { collect_list: RawEntry[] };
      windows_events?: unknown;
      application_signals?: unknown;
    };
    metrics_collected?: unknown;
    log_stream_name?: string;
    force_flush_interval?: number;
    credentials?: { role_arn?: string };
    endpoint_override?: string;
    concurrency?: number;
  };
}

/**
 * Reads a CloudWatch agent JSON config (a path, or the parsed object) and returns the shipper's
 * resolved view of its `logs` section, or throws `AgentConfigError` listing every problem. Pure: it
 * reads the config file and nothing else, so a refused config never touches a log file.
 */
export function loadAgentConfig(
  pathOrObject: string | object,
  options: LoadAgentConfigOptions = {},
): ResolvedShipperConfig {
  const origin = typeof pathOrObject === 'string' ? pathOrObject : '(object)';
  const raw = typeof pathOrObject === 'string' ? readConfigFile(pathOrObject) : pathOrObject;
  const schemaIssues = checkAgainstSchema(raw);
  if (schemaIssues.length > 0) throw new AgentConfigError(origin, schemaIssues);

  const config = raw as RawConfig;
  const env = options.env ?? process.env;
  const host: HostInfo = { ...localHostInfo(env), ...definedOnly(options.hostInfo ?? {}) };
  const now = (options.clock ?? systemClock).now();
  const baseDir =
    options.baseDir ??
    (typeof pathOrObject === 'string' ? path.dirname(path.resolve(pathOrObject)) : process.cwd());
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const logs = config.logs;
  const listPath = 'logs.logs_collected.files.collect_list';
  const sources = logs.logs_collected.files.collect_list.map((entry, index) =>
    resolveEntry(entry, index, childPath(listPath, index), { logs, host, now, baseDir, issues }),
  );
  checkGroupConflicts(sources, listPath, issues);
  if (issues.length > 0) throw new AgentConfigError(origin, issues);

  if (logs.logs_collected.windows_events !== undefined)
    warnings.push('logs.logs_collected.windows_events is ignored (Windows only)');
  if (logs.logs_collected.application_signals !== undefined)
    warnings.push('logs.logs_collected.application_signals is ignored');
  if (logs.metrics_collected !== undefined)
    warnings.push('logs.metrics_collected is ignored (the shipper ships files only)');
  if (logs.credentials?.role_arn !== undefined) {
    warnings.push(
      'logs.credentials.role_arn is not assumed: the shipper uses the target credentials (SDK default chain)',
    );
  }
  for (const entry of logs.logs_collected.files.collect_list) {
    if (entry.backpressure_mode !== undefined) {
      warnings.push(
        `backpressure_mode "${entry.backpressure_mode}" ignored for ${entry.file_path}: the shipper never releases a file it has not shipped`,
      );
    }
  }
  const region = config.agent?.region;
  return deepFreeze({
    origin,
    sources,
    forceFlushIntervalMs:
      logs.force_flush_interval !== undefined ? logs.force_flush_interval * 1000 : DEFAULT_FLUSH_INTERVAL_MS,
    forceFlushIntervalConfigured: logs.force_flush_interval !== undefined,
    ...(logs.concurrency !== undefined ? { concurrency: logs.concurrency } : {}),
    ...(logs.endpoint_override !== undefined ? { endpointOverride: logs.endpoint_override } : {}),
    ...(typeof region === 'string' && region !== '' ? { region } : {}),
    warnings,
  });
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String((error as Error).message);
    throw new AgentConfigError(file, [issue('', file, `cannot read the config file: ${why}`, false)], {
      cause: error,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AgentConfigError(
      file,
      [issue('', file, `not valid JSON: ${withLineColumn(detail, text)}`, false)],
      { cause: error },
    );
  }
}

/** "… at position 103" → "… at position 103 (line 1, column 104)". */
function withLineColumn(detail: string, text: string): string {
  const match = /position (\d+)/.exec(detail);
  if (!match) return detail;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return detail.replace(match[0], `${match[0]} (line ${line}, column ${column})`);
}

interface EntryContext {
  readonly logs: RawConfig['logs'];
  readonly host: HostInfo;
  readonly now: number;
  readonly baseDir: string;
  readonly issues: ConfigIssue[];
}

function resolveEntry(entry: RawEntry, index: number, at: string, ctx: EntryContext): ResolvedSource {
  const { issues } = ctx;
  const filePath = path.resolve(ctx.baseDir, entry.file_path);
  const globbed = isGlob(entry.file_path);

  // Defaults as the agent's translator applies them: group = path minus its last extension,
  // stream = the entry's, else logs.log_stream_name, else {instance_id}.
  const groupTemplate = entry.log_group_name ?? defaultGroupName(filePath);
  const groupAt =
    entry.log_group_name !== undefined
      ? childPath(at, 'log_group_name')
      : `${childPath(at, 'log_group_name')} (default: file_path minus extension)`;
  const streamTemplate = entry.log_stream_name ?? ctx.logs.log_stream_name ?? '{instance_id}';
  const streamAt =
    entry.log_stream_name !== undefined
      ? childPath(at, 'log_stream_name')
      : ctx.logs.log_stream_name !== undefined
        ? 'logs.log_stream_name'
        : `${childPath(at, 'log_stream_name')} (default: {instance_id})`;
  const publishMultiLogs = entry.publish_multi_logs ?? false;
  const groupDerivedPerFile = publishMultiLogs && entry.log_group_name === undefined;
  const logGroupName = groupDerivedPerFile ? '' : expandName(groupTemplate, groupAt, 'group', ctx);
  const logStreamName = expandName(streamTemplate, streamAt, 'stream', ctx);

  const timezone = entry.timezone === 'UTC' ? 'UTC' : 'Local';
  let timestamp: TimestampFormat | undefined;
  if (entry.timestamp_format !== undefined) {
    try {
      timestamp = compileTimestampFormat(entry.timestamp_format, timezone);
    } catch (error) {
      issues.push(issue(childPath(at, 'timestamp_format'), entry.timestamp_format, (error as Error).message));
    }
  }
  if (entry.trim_timestamp && entry.timestamp_format === undefined) {
    issues.push(
      issue(childPath(at, 'trim_timestamp'), true, 'needs timestamp_format (there is no timestamp to trim)'),
    );
  }

  let startPattern = IMPLICIT_START_PATTERN;
  const implicit = entry.multi_line_start_pattern === undefined;
  if (entry.multi_line_start_pattern === '{timestamp_format}') {
    if (entry.timestamp_format === undefined) {
      issues.push(
        issue(
          childPath(at, 'multi_line_start_pattern'),
          entry.multi_line_start_pattern,
          'refers to {timestamp_format}, which is not set',
        ),
      );
    } else if (timestamp) startPattern = timestamp.regex;
  } else if (entry.multi_line_start_pattern !== undefined) {
    startPattern =
      compileOrReport(entry.multi_line_start_pattern, childPath(at, 'multi_line_start_pattern'), issues) ??
      startPattern;
  }

  const filters = (entry.filters ?? []).flatMap((filter, i) => {
    const expression = compileOrReport(
      filter.expression,
      childPath(childPath(at, 'filters'), i) + '.expression',
      issues,
    );
    return expression ? [{ type: filter.type, expression }] : [];
  });
  const blacklist =
    entry.blacklist !== undefined
      ? compileOrReport(entry.blacklist, childPath(at, 'blacklist'), issues)
      : undefined;
  const encoding = resolveEncoding(entry.encoding, childPath(at, 'encoding'), issues);

  let logGroupClass: ResolvedSource['logGroupClass'];
  if (entry.log_group_class !== undefined) {
    const upper = entry.log_group_class.toUpperCase();
    if (upper === 'STANDARD' || upper === 'INFREQUENT_ACCESS') logGroupClass = upper;
    else
      issues.push(
        issue(
          childPath(at, 'log_group_class'),
          entry.log_group_class,
          'expected STANDARD or INFREQUENT_ACCESS (any case); the agent would silently ignore it',
        ),
      );
  }
  if (entry.auto_removal && publishMultiLogs) {
    issues.push(
      issue(
        childPath(at, 'auto_removal'),
        true,
        'cannot be combined with publish_multi_logs (as in the agent)',
      ),
    );
  }

  return {
    index,
    filePath,
    isGlob: globbed,
    logGroupName,
    logGroupNameConfigured: entry.log_group_name !== undefined,
    logStreamName,
    publishMultiLogs,
    ...(timestamp ? { timestamp } : {}),
    trimTimestamp: entry.trim_timestamp ?? false,
    multiLine: { startPattern, implicit },
    encoding,
    filters,
    ...(blacklist ? { blacklist } : {}),
    // -1 is the agent's "never expire": no retention policy is set.
    ...(entry.retention_in_days !== undefined && entry.retention_in_days > 0
      ? { retentionInDays: entry.retention_in_days }
      : {}),
    ...(logGroupClass ? { logGroupClass } : {}),
    autoRemoval: entry.auto_removal ?? false,
  };
}

function expandName(template: string, at: string, kind: 'group' | 'stream', ctx: EntryContext): string {
  const expanded = expandPlaceholders(template, { host: ctx.host, now: ctx.now });
  if (!expanded.ok) {
    ctx.issues.push(issue(at, template, expanded.problem));
    return template;
  }
  const problem = kind === 'group' ? checkLogGroupName(expanded.value) : checkLogStreamName(expanded.value);
  if (problem) {
    const after =
      expanded.value !== template ? ` (after placeholder expansion: ${JSON.stringify(expanded.value)})` : '';
    const what = kind === 'group' ? 'a log group name' : 'a log stream name';
    ctx.issues.push(issue(at, template, `${problem.detail}${after}; ${what} must be ${problem.rule}`));
  }
  return expanded.value;
}

/** `/var/log/vault/audit.log` → `/var/log/vault/audit` (the agent's `fileconfig.go` rule). */
export function defaultGroupName(filePath: string): string {
  const ext = path.extname(filePath);
  return ext === '' ? filePath : filePath.slice(0, -ext.length);
}

function compileOrReport(source: string, at: string, issues: ConfigIssue[]): RegExp | undefined {
  try {
    return compileGoRegex(source);
  } catch (error) {
    issues.push(issue(at, source, `not a valid regular expression: ${(error as Error).message}`));
    return undefined;
  }
}

function resolveEncoding(name: string | undefined, at: string, issues: ConfigIssue[]): string {
  if (name === undefined) return 'utf-8';
  try {
    return new TextDecoder(name.trim().toLowerCase()).encoding;
  } catch {
    issues.push(
      issue(
        at,
        name,
        'unknown encoding; expected a WHATWG/IANA name such as utf-8, utf-16le, utf-16be, latin1, shift_jis, gbk',
      ),
    );
    return 'utf-8';
  }
}

/** Settings the agent applies per log group, so every entry naming the group must agree on them. */
const GROUP_SETTINGS: readonly {
  readonly key: string;
  readonly of: (source: ResolvedSource) => string | number | undefined;
}[] = [
  { key: 'retention_in_days', of: (source) => source.retentionInDays },
  { key: 'log_group_class', of: (source) => source.logGroupClass },
];

/**
 * The agent refuses two retention values or two classes for one group (names compared
 * case-insensitively). The issue points at the last entry that set a differing value.
 */
function checkGroupConflicts(
  sources: readonly ResolvedSource[],
  listPath: string,
  issues: ConfigIssue[],
): void {
  const byGroup = new Map<string, ResolvedSource[]>();
  for (const source of sources) {
    if (source.logGroupName === '') continue;
    const key = source.logGroupName.toLowerCase();
    byGroup.set(key, [...(byGroup.get(key) ?? []), source]);
  }
  for (const group of byGroup.values()) {
    for (const { key, of } of GROUP_SETTINGS) {
      const setters = group.filter((source) => of(source) !== undefined);
      const values = new Set(setters.map((source) => of(source)));
      if (values.size < 2) continue;
      const last = setters[setters.length - 1]!;
      issues.push(
        issue(
          childPath(childPath(listPath, last.index), key),
          of(last),
          `log group ${JSON.stringify(last.logGroupName)} is given different ${key} values (${[...values].join(', ')})`,
        ),
      );
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof RegExp) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
