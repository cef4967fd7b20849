/** SQS limits the emulator enforces (SQS developer guide "Amazon SQS quotas", API reference). */

/** Largest message, body and attributes together: 1 MiB (the MaximumMessageSize ceiling). */
export const MAX_MESSAGE_BYTES = 1_048_576;
/** "A message can contain up to 10 metadata attributes." */
export const MAX_MESSAGE_ATTRIBUTES = 10;
/** ReceiveMessage WaitTimeSeconds: long polling waits at most 20 seconds. */
export const MAX_WAIT_SECONDS = 20;
/** Visibility timeout: 0 seconds to 12 hours. */
export const MAX_VISIBILITY_TIMEOUT = 43_200;
/** DelaySeconds: 0 to 15 minutes. */
export const MAX_DELAY_SECONDS = 900;
/** MessageRetentionPeriod: 1 minute to 14 days. */
export const MIN_RETENTION_SECONDS = 60;
export const MAX_RETENTION_SECONDS = 1_209_600;
/** "You must wait 60 seconds after deleting a queue before you can create another with the same name." */
export const QUEUE_DELETE_COOLDOWN_MS = 60_000;
/** "Only one PurgeQueue operation ... is allowed every 60 seconds." */
export const PURGE_COOLDOWN_MS = 60_000;
/** FIFO queues drop a message whose deduplication id was seen in the last 5 minutes. */
export const FIFO_DEDUP_WINDOW_MS = 5 * 60_000;
/** ReceiveMessage: 1 to 10 messages per call. */
export const MAX_RECEIVE_MESSAGES = 10;
