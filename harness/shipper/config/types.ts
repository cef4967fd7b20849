import type { TimestampFormat } from './timestamp-format.ts';

/** One `collect_list` entry with the agent's defaults applied, names expanded and validated. */
export interface ResolvedSource {
  /** Position in `collect_list` (for messages and state keys). */
  readonly index: number;
  /** Absolute path or glob (`*`, `?`, `[...]`, `**`). */
  readonly filePath: string;
  readonly isGlob: boolean;
  /** Expanded group name; for `publish_multi_logs` without a configured group it is derived per file. */
  readonly logGroupName: string;
  readonly logGroupNameConfigured: boolean;
  readonly logStreamName: string;
  /** Without it only the newest matching file is followed (the agent's rule). */
  readonly publishMultiLogs: boolean;
  readonly timestamp?: TimestampFormat;
  readonly trimTimestamp: boolean;
  /**
   * A line matching `startPattern` starts a new event; other lines are appended with "\n". When the
   * config has no pattern the agent's implicit `^[\S]` applies (`implicit: true`).
   */
  readonly multiLine: { readonly startPattern: RegExp; readonly implicit: boolean };
  /** WHATWG encoding name (TextDecoder), e.g. "utf-8", "utf-16le", "shift_jis". */
  readonly encoding: string;
  /** All must pass: include must match, exclude must not. */
  readonly filters: readonly { readonly type: 'include' | 'exclude'; readonly expression: RegExp }[];
  /** Matched against candidate base names; matches are not followed. */
  readonly blacklist?: RegExp;
  readonly retentionInDays?: number;
  readonly logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS';
  /** Delete a rotated-away file once every line of it is accepted (the agent deletes before that). */
  readonly autoRemoval: boolean;
}

/** The result of `loadAgentConfig`: frozen, complete, nothing left to check at run time. */
export interface ResolvedShipperConfig {
  /** Where it came from: the file path, or "(object)". */
  readonly origin: string;
  readonly sources: readonly ResolvedSource[];
  /** How long a batch may wait: `force_flush_interval` when set, else the shipper's short default. */
  readonly forceFlushIntervalMs: number;
  readonly forceFlushIntervalConfigured: boolean;
  /** `logs.concurrency`: PutLogEvents requests in flight across all streams, when set. */
  readonly concurrency?: number;
  /** `logs.endpoint_override`. */
  readonly endpointOverride?: string;
  /** `agent.region`. */
  readonly region?: string;
  /** Things read but not acted on (ignored sections, `credentials.role_arn`...). */
  readonly warnings: readonly string[];
}
