import path from 'node:path';
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { AgentConfigError } from './agent-config-error.ts';
import type { HostInfo } from './host-info.ts';
import { localHostInfo } from './host-info.ts';
import { readConfigFile } from './read-config-file.ts';
import { resolveEntry } from './resolve-entry.ts';
import type { RawEntry } from './resolve-entry.ts';
import type { ConfigIssue } from './schema-check.ts';
import { checkAgainstSchema, childPath, issue } from './schema-check.ts';
import type { ResolvedShipperConfig, ResolvedSource } from './types.ts';

/**
 * How long a batch may wait when the config sets no `force_flush_interval`. The agent waits 5 s
 * (plus up to 5 s of multi-line hold-back); a lab that asserts alarms wants lines in CloudWatch in
 * well under a second.
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 200;

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
    resolveEntry(entry, index, childPath(listPath, index), {
      logStreamName: logs.log_stream_name,
      host,
      now,
      baseDir,
      issues,
    }),
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
