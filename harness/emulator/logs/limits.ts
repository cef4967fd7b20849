/**
 * CloudWatch Logs limits the emulator enforces, with their sources. Byte counts are UTF-8.
 */

/** PutLogEvents batch: sum of message bytes + 26 bytes per event (API_PutLogEvents). */
export const MAX_BATCH_BYTES = 1_048_576;
/** Per-event overhead counted towards both the batch and the event limit (API_PutLogEvents). */
export const EVENT_OVERHEAD_BYTES = 26;
/** One event, overhead included: 1 MB since April 2025 (cloudwatch-agent.md §4.2). */
export const MAX_EVENT_BYTES = 1_048_576;
/** Events per PutLogEvents (the model's `min 1, max 10000`). */
export const MAX_BATCH_EVENTS = 10_000;
/** A batch may not span more than 24 hours (API_PutLogEvents). */
export const MAX_BATCH_SPAN_MS = 24 * 60 * 60 * 1000;
/** Events more than 2 hours in the future are rejected individually (tooNewLogEventStartIndex). */
export const MAX_FUTURE_MS = 2 * 60 * 60 * 1000;
/** Events older than 14 days are rejected individually (tooOldLogEventEndIndex). */
export const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Metric filters per log group (API_PutMetricFilter). */
export const MAX_METRIC_FILTERS_PER_GROUP = 100;
/** Log groups per account and region (cloudwatch_limits_cwl). */
export const MAX_LOG_GROUPS = 1_000_000;
/** Tags per log group (TagResource). */
export const MAX_TAGS = 50;

/** Describe* default page size (model `limit` max 50). */
export const DEFAULT_DESCRIBE_LIMIT = 50;
/** GetLogEvents / FilterLogEvents: up to 10,000 events or 1 MB per response (API reference). */
export const DEFAULT_EVENTS_LIMIT = 10_000;
export const MAX_RESPONSE_BYTES = 1_048_576;

/** PutRetentionPolicy accepted values (API_PutRetentionPolicy; 1096 is in the current list). */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60_000;
