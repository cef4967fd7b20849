/**
 * CloudWatch Logs limits the emulator enforces, with their sources. Byte counts are UTF-8. The
 * PutLogEvents limits the shipper shares are stated once in harness/aws/facts/logs.ts.
 */

export {
  EVENT_OVERHEAD_BYTES,
  MAX_BATCH_BYTES,
  MAX_BATCH_SPAN_MS,
  MAX_EVENT_AGE_MS,
  MAX_EVENT_BYTES,
  MAX_EVENT_FUTURE_MS,
} from '../../aws/facts/logs.ts';

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
