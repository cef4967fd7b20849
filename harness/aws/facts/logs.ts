/**
 * CloudWatch Logs facts the shipper, the rules and the emulator share, each stated once. Byte counts
 * are UTF-8. Sources: the API reference (API_PutLogEvents, API_CreateLogGroup, API_CreateLogStream,
 * API_PutMetricFilter) and the logs service model (botocore `logs/2014-03-28/service-2.json`, from
 * which harness/emulator/models/logs.ts is generated; test/unit/aws/facts.test.ts checks that they
 * agree). The metric filter's own limits (pattern length, metric transformation) live with the
 * compiler that enforces them, harness/filter-pattern/limits.ts, which sits below this layer.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** PutLogEvents request size: the sum of message bytes plus EVENT_OVERHEAD_BYTES per event. */
export const MAX_BATCH_BYTES = 1_048_576;

/** Bytes the service adds to each event when it sizes a request and an event (API_PutLogEvents). */
export const EVENT_OVERHEAD_BYTES = 26;

/** Events in one PutLogEvents request (the model's InputLogEvents `max 10000`). */
export const MAX_BATCH_EVENTS = 10_000;

/** The events of one request may not span more than 24 hours (API_PutLogEvents). */
export const MAX_BATCH_SPAN_MS = DAY_MS;

/**
 * One event, overhead included: 1 MiB since April 2025 (256 KiB before). The largest message is
 * therefore 1,048,576 − 26 bytes; AWS does not state that figure, it follows from the overhead
 * counting toward the event limit as it did under the 256 KiB limit.
 */
export const MAX_EVENT_BYTES = 1_048_576;
export const MAX_EVENT_MESSAGE_BYTES = MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES;

/** Events older than 14 days are rejected one by one (`tooOldLogEventEndIndex`), not the request. */
export const MAX_EVENT_AGE_MS = 14 * DAY_MS;

/** Events more than 2 hours in the future are rejected one by one (`tooNewLogEventStartIndex`). */
export const MAX_EVENT_FUTURE_MS = 2 * HOUR_MS;

/** Log group, log stream and metric filter names: 1–512 characters (the model's `min 1, max 512`). */
export const MAX_NAME_LENGTH = 512;

/** Log group name alphabet (model pattern `[\.\-_/#A-Za-z0-9]+`); the length is MAX_NAME_LENGTH. */
export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]+$/;
export const LOG_GROUP_NAME_RULE =
  "1–512 characters from a-z A-Z 0-9 '_' '-' '/' '.' '#' (CloudWatch Logs pattern [\\.\\-_/#A-Za-z0-9]+), not starting with 'aws/'";

/** Log stream name alphabet (model pattern `[^:*]*`); the length is MAX_NAME_LENGTH. */
export const LOG_STREAM_NAME_PATTERN = /^[^:*]*$/;
export const LOG_STREAM_NAME_RULE =
  "1–512 characters, none of them ':' or '*' (CloudWatch Logs pattern [^:*]*)";

/** Metric-filter metrics are standard resolution: their data arrives per minute (CloudWatch Logs guide). */
export const METRIC_FILTER_RESOLUTION_SECONDS = 60;
