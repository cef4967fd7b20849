/**
 * CloudWatch Logs limits the shipper enforces before a request leaves the process, so the service
 * never has to refuse a batch we built.
 *
 * Source: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
 * and the logs service model (botocore `logs/2014-03-28/service-2.json`).
 */

/** Maximum PutLogEvents request size: sum of UTF-8 message bytes plus the per-event overhead. */
export const MAX_BATCH_BYTES = 1_048_576;

/** Bytes the service adds to each event when it sizes a request (the agent budgets 200, we use the API's figure). */
export const PER_EVENT_OVERHEAD_BYTES = 26;

/** Maximum number of events in one PutLogEvents request. */
export const MAX_BATCH_EVENTS = 10_000;

/** Maximum span between the oldest and newest event of one request ("must not span more than 24 hours"). */
export const MAX_BATCH_SPAN_MS = 24 * 60 * 60 * 1000;

/**
 * Maximum size of one event, overhead included: 1 MiB since April 2025 (256 KiB before). The largest
 * message is therefore 1,048,576 − 26 bytes; AWS does not state that figure, it follows from the
 * overhead counting toward the event limit as it did under the 256 KiB limit.
 */
export const MAX_EVENT_BYTES = 1_048_576;
export const MAX_EVENT_MESSAGE_BYTES = MAX_EVENT_BYTES - PER_EVENT_OVERHEAD_BYTES;

/** Events older than this are rejected individually (reported in `rejectedLogEventsInfo`). */
export const MAX_EVENT_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Log group and stream names: 1–512 characters (CreateLogGroup / CreateLogStream). */
export const MAX_NAME_LENGTH = 512;

/** Log group name alphabet (model pattern `[\.\-_/#A-Za-z0-9]+`). */
export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]+$/;
export const LOG_GROUP_NAME_RULE =
  "1–512 characters from a-z A-Z 0-9 '_' '-' '/' '.' '#' (CloudWatch Logs pattern [\\.\\-_/#A-Za-z0-9]+), not starting with 'aws/'";

/** Log stream name alphabet (model pattern `[^:*]*`). */
export const LOG_STREAM_NAME_PATTERN = /^[^:*]*$/;
export const LOG_STREAM_NAME_RULE =
  "1–512 characters, none of them ':' or '*' (CloudWatch Logs pattern [^:*]*)";
