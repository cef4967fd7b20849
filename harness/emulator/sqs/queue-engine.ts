/**
 * SQS queues and messages: send, receive (visibility timeout, long polling, FIFO groups,
 * redrive to a dead-letter queue), delete, change visibility, purge, attributes. Message times
 * (delays, visibility, retention, deduplication) run on the emulator clock; a long poll waits in real
 * time (`waitClock`), since a client's ReceiveMessage call is a real HTTP request, but it wakes as
 * soon as a message becomes receivable, including after the emulator clock was advanced.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../clock.ts';
import {
  invalidAttributeName,
  invalidAttributeValue,
  invalidMessageContents,
  invalidParameterValue,
  messageNotInflight,
  missingParameter,
  purgeQueueInProgress,
  queueDeletedRecently,
  queueDoesNotExist,
  queueNameExists,
  receiptHandleIsInvalid,
} from './errors.ts';
import { attributeBaseType, isNumberText, isValidAttributeName } from '../shared/message-attributes.ts';
import { md5Hex, md5OfMessageAttributes, type SqsMessageAttributeValue } from './md5.ts';
import type { StoreAccessor } from '../state/state-registry.ts';
import { queueArn, type Queue, type SqsMessage, type SqsRegionStore } from './queue-store.ts';

/** Limits from the SQS API reference and developer guide ("Amazon SQS quotas"). */
export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_WAIT_SECONDS = 20;
export const MAX_VISIBILITY_TIMEOUT = 43_200;
export const MAX_DELAY_SECONDS = 900;
const QUEUE_DELETE_COOLDOWN_MS = 60_000;
const PURGE_COOLDOWN_MS = 60_000;
const FIFO_DEDUP_WINDOW_MS = 5 * 60_000;
const LONG_POLL_RECHECK_MS = 100;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
// XML 1.0 characters: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
const INVALID_BODY_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Settable queue attributes and their defaults (GetQueueAttributes on a new queue at AWS). */
const DEFAULTS: Readonly<Record<string, string>> = {
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
const READ_ONLY = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];
const SYSTEM_ATTRIBUTE_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
];

export interface SendInput {
  readonly body: string | undefined;
  readonly delaySeconds?: number | undefined;
  readonly messageAttributes?: Readonly<Record<string, SqsMessageAttributeValue>> | undefined;
  readonly systemAttributes?: Readonly<Record<string, SqsMessageAttributeValue>> | undefined;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
}

export interface SendResult {
  readonly messageId: string;
  readonly md5OfMessageBody: string;
  readonly md5OfMessageAttributes?: string | undefined;
  readonly md5OfMessageSystemAttributes?: string | undefined;
  readonly sequenceNumber?: string | undefined;
}

export interface ReceiveInput {
  readonly maxNumberOfMessages?: number | undefined;
  readonly visibilityTimeout?: number | undefined;
  readonly waitTimeSeconds?: number | undefined;
  readonly attributeNames?: readonly string[] | undefined;
  readonly messageAttributeNames?: readonly string[] | undefined;
}

export interface ReceivedMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MD5OfMessageAttributes?: string;
  readonly MessageAttributes?: Record<string, SqsMessageAttributeValue>;
}

export interface SqsEngineOptions {
  readonly clock: Clock;
  readonly stores: StoreAccessor<SqsRegionStore>;
  /** Real time for long-poll waits (a test may pass a fake). */
  readonly waitClock?: Clock;
}

export class SqsEngine {
  readonly #clock: Clock;
  readonly #waitClock: Clock;
  readonly #stores: StoreAccessor<SqsRegionStore>;
  readonly #waiters = new Map<Queue, Set<() => void>>();

  constructor(options: SqsEngineOptions) {
    this.#clock = options.clock;
    this.#waitClock = options.waitClock ?? systemClock;
    this.#stores = options.stores;
  }

  /** The queues of an account and region, by name (empty when none was ever created). */
  queues(accountId: string, region: string): ReadonlyMap<string, Queue> {
    return this.#stores.peek({ accountId, region })?.queues ?? new Map();
  }

  createQueue(
    accountId: string,
    region: string,
    name: string,
    attributes: Readonly<Record<string, string>> = {},
    tags: Readonly<Record<string, string>> = {},
  ): Queue {
    const store = this.#stores.get({ accountId, region });
    const wantsFifo = attributes['FifoQueue'] === 'true';
    if (
      attributes['FifoQueue'] !== undefined &&
      attributes['FifoQueue'] !== 'true' &&
      attributes['FifoQueue'] !== 'false'
    ) {
      throw invalidAttributeValue('FifoQueue');
    }
    if (wantsFifo ? !FIFO_QUEUE_NAME.test(name) : !QUEUE_NAME.test(name)) {
      throw invalidParameterValue(
        wantsFifo || name.endsWith('.fifo')
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const settable: Record<string, string> = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'FifoQueue') continue;
      this.#checkAttribute(key, value, wantsFifo);
      settable[key] = value;
    }
    const existing = store.queues.get(name);
    const now = this.#clock.now();
    if (existing !== undefined) {
      for (const [key, value] of Object.entries(settable)) {
        if ((existing.attributes[key] ?? DEFAULTS[key]) !== value) throw queueNameExists(key);
      }
      return existing;
    }
    const deletedAt = store.deletedAt.get(name);
    if (deletedAt !== undefined && now - deletedAt < QUEUE_DELETE_COOLDOWN_MS) throw queueDeletedRecently();
    const queue: Queue = {
      name,
      accountId,
      region,
      arn: queueArn(accountId, region, name),
      fifo: wantsFifo,
      attributes: { ...DEFAULTS, ...(wantsFifo ? { ContentBasedDeduplication: 'false' } : {}), ...settable },
      tags: { ...tags },
      createdAt: now,
      lastModifiedAt: now,
      messages: [],
      receipts: new Map(),
      lastPurgeAt: undefined,
      dedup: new Map(),
      sequence: 10000000000000000000n,
    };
    store.queues.set(name, queue);
    return queue;
  }

  /** The queue named by a queue URL (`…/<account>/<name>`) or by name; throws QueueDoesNotExist. */
  queueByUrl(accountId: string, region: string, url: string): Queue {
    const match = /\/(\d{12})\/([^/?#]+)\/?$/.exec(url.split('?')[0] ?? url);
    const owner = match?.[1] ?? accountId;
    const name = match?.[2] ?? (url.includes('/') ? undefined : url);
    if (name === undefined) throw queueDoesNotExist();
    const queue = this.#stores.peek({ accountId: owner, region })?.queues.get(decodeURIComponent(name));
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  queueByName(accountId: string, region: string, name: string): Queue {
    const queue = this.#stores.peek({ accountId, region })?.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  /** The queue an ARN names (SNS subscriptions, redrive policies); undefined when it does not exist. */
  queueByArn(arn: string): Queue | undefined {
    const parts = arn.split(':');
    if (parts.length !== 6 || parts[2] !== 'sqs') return undefined;
    return this.#stores.peek({ accountId: parts[4]!, region: parts[3]! })?.queues.get(parts[5]!);
  }

  deleteQueue(queue: Queue): void {
    const store = this.#stores.get(queue);
    store.queues.delete(queue.name);
    store.deletedAt.set(queue.name, this.#clock.now());
    this.#wake(queue);
  }

  purgeQueue(queue: Queue): void {
    const now = this.#clock.now();
    if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < PURGE_COOLDOWN_MS)
      throw purgeQueueInProgress(queue.name);
    queue.lastPurgeAt = now;
    queue.messages = [];
    queue.receipts.clear();
  }

  setAttributes(queue: Queue, attributes: Readonly<Record<string, string>>): void {
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'FifoQueue') {
        if (value !== String(queue.fifo)) throw invalidAttributeValue(key);
        continue;
      }
      this.#checkAttribute(key, value, queue.fifo);
    }
    for (const [key, value] of Object.entries(attributes)) {
      if (key !== 'FifoQueue') queue.attributes[key] = value;
    }
    queue.lastModifiedAt = this.#clock.now();
  }

  getAttributes(queue: Queue, names: readonly string[]): Record<string, string> {
    for (const name of names) {
      if (name !== 'All' && !SETTABLE.has(name) && !READ_ONLY.includes(name) && name !== 'FifoQueue') {
        throw invalidAttributeName(name);
      }
    }
    this.#expire(queue);
    const now = this.#clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of queue.messages) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiptHandle !== undefined) inFlight++;
      else delayed++;
    }
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(visible),
      ApproximateNumberOfMessagesNotVisible: String(inFlight),
      ApproximateNumberOfMessagesDelayed: String(delayed),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
      ...queue.attributes,
      ...(queue.fifo ? { FifoQueue: 'true' } : {}),
    };
    if (names.includes('All')) return all;
    const out: Record<string, string> = {};
    for (const name of names) if (all[name] !== undefined) out[name] = all[name]!;
    return out;
  }

  sendMessage(queue: Queue, input: SendInput, senderId: string): SendResult {
    const body = input.body;
    if (body === undefined || body === '') throw missingParameter('MessageBody');
    const maxBytes = Number(queue.attributes['MaximumMessageSize'] ?? MAX_MESSAGE_BYTES);
    const attributes = input.messageAttributes ?? {};
    const size = Buffer.byteLength(body, 'utf8') + attributesSize(attributes);
    if (size > maxBytes) {
      throw invalidParameterValue(
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxBytes} bytes.`,
      );
    }
    if (INVALID_BODY_CHAR.test(body)) throw invalidMessageContents();
    validateMessageAttributes(attributes);
    if (
      input.delaySeconds !== undefined &&
      (input.delaySeconds < 0 || input.delaySeconds > MAX_DELAY_SECONDS)
    ) {
      throw invalidParameterValue(
        `Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`,
      );
    }
    const now = this.#clock.now();
    let groupId: string | undefined;
    let deduplicationId: string | undefined;
    let sequenceNumber: string | undefined;
    if (queue.fifo) {
      if (input.groupId === undefined) throw missingParameter('MessageGroupId');
      if (input.delaySeconds !== undefined && input.delaySeconds !== 0) {
        throw invalidParameterValue(
          `Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
        );
      }
      groupId = input.groupId;
      deduplicationId =
        input.deduplicationId ??
        (queue.attributes['ContentBasedDeduplication'] === 'true' ? sha256Hex(body) : undefined);
      if (deduplicationId === undefined) {
        throw invalidParameterValue(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      for (const [id, seen] of queue.dedup) if (now - seen.at >= FIFO_DEDUP_WINDOW_MS) queue.dedup.delete(id);
      const seen = queue.dedup.get(deduplicationId);
      if (seen !== undefined) {
        return {
          messageId: seen.messageId,
          md5OfMessageBody: md5Hex(body),
          md5OfMessageAttributes: md5OfMessageAttributes(attributes),
        };
      }
      queue.sequence += 1n;
      sequenceNumber = queue.sequence.toString();
    } else if (input.groupId !== undefined) {
      groupId = input.groupId;
    }
    const delay = input.delaySeconds ?? Number(queue.attributes['DelaySeconds'] ?? 0);
    const message: SqsMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      messageAttributes: { ...attributes },
      md5OfMessageAttributes: md5OfMessageAttributes(attributes),
      systemAttributes: { ...(input.systemAttributes ?? {}) },
      senderId,
      sentAt: now,
      visibleAt: now + delay * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
      delayed: delay > 0,
      groupId,
      deduplicationId,
      sequenceNumber,
    };
    if (deduplicationId !== undefined)
      queue.dedup.set(deduplicationId, { at: now, messageId: message.messageId });
    queue.messages.push(message);
    this.#wake(queue);
    return {
      messageId: message.messageId,
      md5OfMessageBody: message.md5OfBody,
      md5OfMessageAttributes: message.md5OfMessageAttributes,
      md5OfMessageSystemAttributes:
        input.systemAttributes !== undefined && Object.keys(input.systemAttributes).length > 0
          ? md5OfMessageAttributes(input.systemAttributes)
          : undefined,
      sequenceNumber,
    };
  }

  async receiveMessages(queue: Queue, input: ReceiveInput, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    const max = input.maxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw invalidParameterValue(
        `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      );
    }
    const wait = input.waitTimeSeconds ?? Number(queue.attributes['ReceiveMessageWaitTimeSeconds'] ?? 0);
    if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw invalidParameterValue(
        `Value ${wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
      );
    }
    const visibility = input.visibilityTimeout ?? Number(queue.attributes['VisibilityTimeout'] ?? 30);
    if (!Number.isInteger(visibility) || visibility < 0 || visibility > MAX_VISIBILITY_TIMEOUT) {
      throw invalidParameterValue(
        `Value ${visibility} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= ${MAX_VISIBILITY_TIMEOUT}, if provided.`,
      );
    }
    const deadline = this.#waitClock.now() + wait * 1000;
    for (;;) {
      const got = this.#take(queue, max, visibility, input);
      if (got.length > 0 || this.#waitClock.now() >= deadline || signal?.aborted === true) return got;
      if (this.#stores.peek(queue)?.queues.get(queue.name) !== queue) return [];
      await this.#waitForMessage(
        queue,
        Math.min(LONG_POLL_RECHECK_MS, deadline - this.#waitClock.now()),
        signal,
      );
    }
  }

  deleteMessage(queue: Queue, receiptHandle: string): void {
    const messageId = queue.receipts.get(receiptHandle);
    if (messageId === undefined) throw receiptHandleIsInvalid(receiptHandle);
    queue.messages = queue.messages.filter((m) => m.messageId !== messageId);
    for (const [handle, id] of queue.receipts) if (id === messageId) queue.receipts.delete(handle);
  }

  changeMessageVisibility(queue: Queue, receiptHandle: string, timeoutSeconds: number): void {
    const messageId = queue.receipts.get(receiptHandle);
    if (messageId === undefined) throw receiptHandleIsInvalid(receiptHandle);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 0 || timeoutSeconds > MAX_VISIBILITY_TIMEOUT) {
      throw invalidParameterValue(
        `Value ${timeoutSeconds} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= ${MAX_VISIBILITY_TIMEOUT}, if provided.`,
      );
    }
    const message = queue.messages.find((m) => m.messageId === messageId);
    const now = this.#clock.now();
    if (message === undefined || message.receiptHandle !== receiptHandle || message.visibleAt <= now)
      throw messageNotInflight();
    message.visibleAt = now + timeoutSeconds * 1000;
    if (timeoutSeconds === 0) this.#wake(queue);
  }

  #take(queue: Queue, max: number, visibility: number, input: ReceiveInput): ReceivedMessage[] {
    this.#expire(queue);
    const now = this.#clock.now();
    const out: ReceivedMessage[] = [];
    const blockedGroups = new Set<string>();
    if (queue.fifo) {
      for (const m of queue.messages)
        if (m.visibleAt > now && m.receiptHandle !== undefined && m.groupId) blockedGroups.add(m.groupId);
    }
    const redrive = parseRedrive(queue.attributes['RedrivePolicy']);
    for (const m of [...queue.messages]) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (queue.fifo && m.groupId !== undefined && blockedGroups.has(m.groupId)) continue;
      if (redrive !== undefined && m.receiveCount >= redrive.maxReceiveCount) {
        const dlq = this.queueByArn(redrive.deadLetterTargetArn);
        if (dlq !== undefined) {
          queue.messages = queue.messages.filter((x) => x !== m);
          for (const [handle, id] of queue.receipts) if (id === m.messageId) queue.receipts.delete(handle);
          m.visibleAt = now;
          m.receiptHandle = undefined;
          dlq.messages.push(m);
          this.#wake(dlq);
          continue;
        }
      }
      const handle = receiptHandleFor(m.messageId);
      m.receiveCount++;
      m.firstReceivedAt ??= now;
      m.receiptHandle = handle;
      m.visibleAt = now + visibility * 1000;
      queue.receipts.set(handle, m.messageId);
      if (queue.fifo && m.groupId !== undefined) blockedGroups.add(m.groupId);
      out.push(this.#view(m, handle, input));
    }
    return out;
  }

  #view(m: SqsMessage, handle: string, input: ReceiveInput): ReceivedMessage {
    const wanted = input.attributeNames ?? [];
    const all = wanted.includes('All');
    const system: Record<string, string> = {
      SenderId: m.senderId,
      SentTimestamp: String(m.sentAt),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      ...(m.sequenceNumber !== undefined ? { SequenceNumber: m.sequenceNumber } : {}),
      ...(m.deduplicationId !== undefined ? { MessageDeduplicationId: m.deduplicationId } : {}),
      ...(m.groupId !== undefined ? { MessageGroupId: m.groupId } : {}),
      ...(m.systemAttributes['AWSTraceHeader']?.StringValue !== undefined
        ? { AWSTraceHeader: m.systemAttributes['AWSTraceHeader'].StringValue }
        : {}),
    };
    const attributes: Record<string, string> = {};
    for (const name of SYSTEM_ATTRIBUTE_NAMES) {
      if ((all || wanted.includes(name)) && system[name] !== undefined) attributes[name] = system[name]!;
    }
    const wantedAttrs = input.messageAttributeNames ?? [];
    const messageAttributes: Record<string, SqsMessageAttributeValue> = {};
    for (const [name, value] of Object.entries(m.messageAttributes)) {
      const selected = wantedAttrs.some(
        (w) =>
          w === 'All' || w === '.*' || w === name || (w.endsWith('.*') && name.startsWith(w.slice(0, -1))),
      );
      if (selected) messageAttributes[name] = value;
    }
    return {
      MessageId: m.messageId,
      ReceiptHandle: handle,
      MD5OfBody: m.md5OfBody,
      Body: m.body,
      ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
      ...(Object.keys(messageAttributes).length > 0
        ? {
            MD5OfMessageAttributes: md5OfMessageAttributes(messageAttributes)!,
            MessageAttributes: messageAttributes,
          }
        : {}),
    };
  }

  #expire(queue: Queue): void {
    const retentionMs = Number(queue.attributes['MessageRetentionPeriod'] ?? 345600) * 1000;
    const cutoff = this.#clock.now() - retentionMs;
    // Not only the head: a message redriven from another queue keeps its original enqueue time
    // (SQS guide, dead-letter queues) and lands behind newer ones.
    if (queue.messages.some((m) => m.sentAt < cutoff)) {
      queue.messages = queue.messages.filter((m) => m.sentAt >= cutoff);
    }
  }

  #checkAttribute(key: string, value: string, fifo: boolean): void {
    if (!SETTABLE.has(key)) throw invalidAttributeName(key);
    const int = (min: number, max: number): void => {
      const n = Number(value);
      if (!/^-?\d+$/.test(value) || n < min || n > max) throw invalidAttributeValue(key);
    };
    switch (key) {
      case 'VisibilityTimeout':
        return int(0, MAX_VISIBILITY_TIMEOUT);
      case 'MaximumMessageSize':
        return int(1024, MAX_MESSAGE_BYTES);
      case 'MessageRetentionPeriod':
        return int(60, 1_209_600);
      case 'DelaySeconds':
        return int(0, MAX_DELAY_SECONDS);
      case 'ReceiveMessageWaitTimeSeconds':
        return int(0, MAX_WAIT_SECONDS);
      case 'KmsDataKeyReusePeriodSeconds':
        return int(60, 86_400);
      case 'SqsManagedSseEnabled':
        if (value !== 'true' && value !== 'false') throw invalidAttributeValue(key);
        return;
      case 'ContentBasedDeduplication':
      case 'DeduplicationScope':
      case 'FifoThroughputLimit':
        if (!fifo) throw invalidAttributeName(key);
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
        if (this.queueByArn(policy.deadLetterTargetArn) === undefined) {
          throw invalidAttributeValue(key, 'Dead letter target does not exist.');
        }
        return;
      }
      default:
        return;
    }
  }

  #waitForMessage(queue: Queue, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let waiters = this.#waiters.get(queue);
      if (waiters === undefined) {
        waiters = new Set();
        this.#waiters.set(queue, waiters);
      }
      const done = (): void => {
        cancel();
        waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const cancel = this.#waitClock.setTimer(Math.max(1, ms), done);
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  #wake(queue: Queue): void {
    for (const waiter of [...(this.#waiters.get(queue) ?? [])]) waiter();
  }
}

interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

function parseRedrive(text: string | undefined): RedrivePolicy | undefined {
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

function receiptHandleFor(messageId: string): string {
  return Buffer.concat([Buffer.from(messageId), randomBytes(48)]).toString('base64');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function validateMessageAttributes(attributes: Readonly<Record<string, SqsMessageAttributeValue>>): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  for (const name of names) {
    const value = attributes[name]!;
    if (!isValidAttributeName(name)) {
      throw invalidParameterValue(`Message (user) attribute name '${name}' is invalid.`);
    }
    const base = attributeBaseType(value.DataType);
    if (base === undefined) {
      throw invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (base === 'Binary') {
      if (value.BinaryValue === undefined || value.BinaryValue === '') {
        throw invalidParameterValue(
          `Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`,
        );
      }
    } else {
      if (value.StringValue === undefined || value.StringValue === '') {
        throw invalidParameterValue(
          `Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`,
        );
      }
      if (base === 'Number' && !isNumberText(value.StringValue)) {
        throw invalidParameterValue(
          `Can't cast the value of message (user) attribute '${name}' to a number.`,
        );
      }
    }
  }
}

function attributesSize(attributes: Readonly<Record<string, SqsMessageAttributeValue>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
    size +=
      value.StringValue !== undefined
        ? Buffer.byteLength(value.StringValue)
        : Buffer.from(value.BinaryValue ?? '', 'base64').length;
  }
  return size;
}
