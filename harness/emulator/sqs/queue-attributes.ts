/**
 * Queue attributes (SQS API reference, SetQueueAttributes and GetQueueAttributes): which a user may
 * set and their defaults, the checks of each value, and what GetQueueAttributes reports.
 */
import { invalidAttributeName, invalidAttributeValue } from './errors.ts';
import {
  MAX_DELAY_SECONDS,
  MAX_MESSAGE_BYTES,
  MAX_RETENTION_SECONDS,
  MAX_VISIBILITY_TIMEOUT,
  MAX_WAIT_SECONDS,
  MIN_RETENTION_SECONDS,
} from './limits.ts';
import type { Queue } from './queue-store.ts';

/** Settable queue attributes and their defaults (GetQueueAttributes on a new queue at AWS). */
export const QUEUE_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  VisibilityTimeout: '30',
  MaximumMessageSize: String(MAX_MESSAGE_BYTES),
  MessageRetentionPeriod: '345600',
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
};

const SETTABLE = new Set([
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

const READ_ONLY = new Set([
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'FifoQueue',
]);

/** Integer attributes and their ranges, inclusive. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  VisibilityTimeout: [0, MAX_VISIBILITY_TIMEOUT],
  MaximumMessageSize: [1024, MAX_MESSAGE_BYTES],
  MessageRetentionPeriod: [MIN_RETENTION_SECONDS, MAX_RETENTION_SECONDS],
  DelaySeconds: [0, MAX_DELAY_SECONDS],
  ReceiveMessageWaitTimeSeconds: [0, MAX_WAIT_SECONDS],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

/** Attributes only FIFO queues have. */
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** A queue's dead-letter settings. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** The RedrivePolicy attribute; undefined when unset or not a valid policy. */
export function parseRedrive(text: string | undefined): RedrivePolicy | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const doc = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    const count = Number(doc.maxReceiveCount);
    if (typeof doc.deadLetterTargetArn !== 'string' || !Number.isFinite(count)) return undefined;
    return { deadLetterTargetArn: doc.deadLetterTargetArn, maxReceiveCount: count };
  } catch {
    return undefined;
  }
}

/**
 * Checks one attribute a user sets (CreateQueue, SetQueueAttributes); `queueExists` tells whether a
 * redrive policy's dead-letter queue exists.
 */
export function checkQueueAttribute(
  key: string,
  value: string,
  fifo: boolean,
  queueExists: (arn: string) => boolean,
): void {
  if (!SETTABLE.has(key)) throw invalidAttributeName(key);
  const range = INTEGER_RANGES[key];
  if (range !== undefined) {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < range[0] || n > range[1]) throw invalidAttributeValue(key);
    return;
  }
  if (FIFO_ONLY.has(key)) {
    if (!fifo) throw invalidAttributeName(key);
    return;
  }
  switch (key) {
    case 'SqsManagedSseEnabled':
      if (value !== 'true' && value !== 'false') throw invalidAttributeValue(key);
      return;
    case 'Policy':
    case 'RedriveAllowPolicy':
      try {
        JSON.parse(value);
      } catch {
        throw invalidAttributeValue(key, 'failed to parse JSON.');
      }
      return;
    case 'RedrivePolicy': {
      if (value === '') return;
      const policy = parseRedrive(value);
      if (policy === undefined)
        throw invalidAttributeValue(
          key,
          'Redrive policy is not a valid JSON map with deadLetterTargetArn and maxReceiveCount.',
        );
      if (policy.maxReceiveCount < 1 || policy.maxReceiveCount > 1000) {
        throw invalidAttributeValue(key, 'Value for parameter maxReceiveCount must be between 1 and 1000.');
      }
      if (!queueExists(policy.deadLetterTargetArn)) {
        throw invalidAttributeValue(key, 'Dead letter target does not exist.');
      }
      return;
    }
  }
}

/** Refuses names GetQueueAttributes does not know. */
export function checkReadableAttributes(names: readonly string[]): void {
  for (const name of names) {
    if (name !== 'All' && !SETTABLE.has(name) && !READ_ONLY.has(name)) throw invalidAttributeName(name);
  }
}

/** Every attribute GetQueueAttributes reports for `All`, message counts as of `now`. */
export function queueAttributeValues(queue: Queue, now: number): Record<string, string> {
  let visible = 0;
  let inFlight = 0;
  let delayed = 0;
  for (const m of queue.messages) {
    if (m.visibleAt <= now) visible++;
    else if (m.receiptHandle !== undefined) inFlight++;
    else delayed++;
  }
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(inFlight),
    ApproximateNumberOfMessagesDelayed: String(delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
    ...queue.attributes,
    ...(queue.fifo ? { FifoQueue: 'true' } : {}),
  };
}
