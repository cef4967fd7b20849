import path from 'node:path';
import { isGlob } from './glob-syntax.ts';
import type { HostInfo } from './host-info.ts';
import { checkLogGroupName, checkLogStreamName } from './names.ts';
import { expandPlaceholders } from './placeholders.ts';
import { compileGoRegex } from './regex-compat.ts';
import type { ConfigIssue } from './schema-check.ts';
import { childPath, issue } from './schema-check.ts';
import type { TimestampFormat } from './timestamp-format.ts';
import { compileTimestampFormat } from './timestamp-format.ts';
import type { ResolvedSource } from './types.ts';

/** The agent's implicit multi-line start pattern: a line starting with non-whitespace starts an event. */
const IMPLICIT_START_PATTERN = /^\S/;

/** One `collect_list` entry as written (the schema has checked its shape). */
export interface RawEntry {
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

/** What resolving one entry needs from the rest of the config; problems are collected in `issues`. */
export interface EntryContext {
  /** `logs.log_stream_name`, the stream of entries that name none. */
  readonly logStreamName: string | undefined;
  readonly host: HostInfo;
  readonly now: number;
  readonly baseDir: string;
  readonly issues: ConfigIssue[];
}

/**
 * One `collect_list` entry with the agent's defaults applied, placeholders expanded, names, regexes,
 * timestamp format and encoding checked; every problem goes to `ctx.issues` (all are reported).
 */
export function resolveEntry(entry: RawEntry, index: number, at: string, ctx: EntryContext): ResolvedSource {
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
  const streamTemplate = entry.log_stream_name ?? ctx.logStreamName ?? '{instance_id}';
  const streamAt =
    entry.log_stream_name !== undefined
      ? childPath(at, 'log_stream_name')
      : ctx.logStreamName !== undefined
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
