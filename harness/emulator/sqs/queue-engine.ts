/**
 * SQS queues and messages: send, receive (visibility timeout, long polling, FIFO groups,
 * redrive to a dead-letter queue), delete, change visibility, purge, attributes. Message times
 * (delays, visibility, retention, deduplication) run on the emulator clock; a long poll waits in real
 * time (`long-poll.ts`), but it wakes as soon as a message becomes receivable, including after the
 * emulator clock was advanced.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../clock.ts';
import type { StoreAccessor } from '../state/state-registry.ts';
import {
  invalidAttributeValue,
  invalidParameterValue,
  messageNotInflight,
  missingParameter,
  purgeQueueInProgress,
  queueDeletedRecently,
  queueDoesNotExist,
  queueNameExists,
  receiptHandleIsInvalid,
} from './errors.ts';
import {
  FIFO_DEDUP_WINDOW_MS,
  MAX_RECEIVE_MESSAGES,
  MAX_VISIBILITY_TIMEOUT,
  MAX_WAIT_SECONDS,
  PURGE_COOLDOWN_MS,
  QUEUE_DELETE_COOLDOWN_MS,
} from './limits.ts';
import { QueueWaiters } from './long-poll.ts';
import { md5Hex, md5OfMessageAttributes, type SqsMessageAttributeValue } from './md5.ts';
import { checkMessage, type MessageToSend } from './message-checks.ts';
import {
  QUEUE_ATTRIBUTE_DEFAULTS,
  checkQueueAttribute,
  checkReadableAttributes,
  parseRedrive,
  queueAttributeValues,
} from './queue-attributes.ts';
import { newQueue, type Queue, type SqsMessage, type SqsRegionStore } from './queue-store.ts';
import { receivedMessage, type AttributeSelection, type ReceivedMessage } from './received-message.ts';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
/** How long a long poll sleeps at most before looking again (messages made visible by the clock). */
const LONG_POLL_RECHECK_MS = 100;

export interface SendInput extends MessageToSend {
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

export interface ReceiveInput extends AttributeSelection {
  readonly maxNumberOfMessages?: number | undefined;
  readonly visibilityTimeout?: number | undefined;
  readonly waitTimeSeconds?: number | undefined;
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
  readonly #waiters: QueueWaiters;

  constructor(options: SqsEngineOptions) {
    this.#clock = options.clock;
    this.#waitClock = options.waitClock ?? systemClock;
    this.#stores = options.stores;
    this.#waiters = new QueueWaiters(this.#waitClock);
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
    const fifoAttribute = attributes['FifoQueue'];
    if (fifoAttribute !== undefined && fifoAttribute !== 'true' && fifoAttribute !== 'false') {
      throw invalidAttributeValue('FifoQueue');
    }
    const wantsFifo = fifoAttribute === 'true';
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
        if ((existing.attributes[key] ?? QUEUE_ATTRIBUTE_DEFAULTS[key]) !== value) throw queueNameExists(key);
      }
      return existing;
    }
    const deletedAt = store.deletedAt.get(name);
    if (deletedAt !== undefined && now - deletedAt < QUEUE_DELETE_COOLDOWN_MS) throw queueDeletedRecently();
    const queue = newQueue(store, name, wantsFifo, settable, tags, now);
    store.queues.set(name, queue);
    return queue;
  }

  /** The queue named by a queue URL (`…/<account>/<name>`) or by name; throws QueueDoesNotExist. */
  queueByUrl(accountId: string, region: string, url: string): Queue {
    const match = /\/(\d{12})\/([^/?#]+)\/?$/.exec(url.split('?')[0] ?? url);
    const owner = match?.[1] ?? accountId;
    const name = match?.[2] ?? (url.includes('/') ? undefined : url);
    if (name === undefined) throw queueDoesNotExist();
    return this.queueByName(owner, region, decodeURIComponent(name));
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
    this.#waiters.wake(queue);
  }

  purgeQueue(queue: Queue): void {
    const now = this.#clock.now();
    if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < PURGE_COOLDOWN_MS)
      throw purgeQueueInProgress(queue.name);
    queue.lastPurgeAt = now;
    queue.messages = [];
    queue.receipts.clear();
  }

  /** SetQueueAttributes: every value is checked before any is set. */
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
    checkReadableAttributes(names);
    this.#expire(queue);
    const all = queueAttributeValues(queue, this.#clock.now());
    if (names.includes('All')) return all;
    const out: Record<string, string> = {};
    for (const name of names) if (all[name] !== undefined) out[name] = all[name]!;
    return out;
  }

  sendMessage(queue: Queue, input: SendInput, senderId: string): SendResult {
    const body = checkMessage(queue, input);
    const attributes = input.messageAttributes ?? {};
    const now = this.#clock.now();
    let deduplicationId: string | undefined;
    let sequenceNumber: string | undefined;
    if (queue.fifo) {
      if (input.groupId === undefined) throw missingParameter('MessageGroupId');
      if (input.delaySeconds !== undefined && input.delaySeconds !== 0) {
        throw invalidParameterValue(
          `Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
        );
      }
      deduplicationId =
        input.deduplicationId ??
        (queue.attributes['ContentBasedDeduplication'] === 'true' ? sha256Hex(body) : undefined);
      if (deduplicationId === undefined) {
        throw invalidParameterValue(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      forgetExpiredDeduplicationIds(queue, now);
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
      groupId: input.groupId,
      deduplicationId,
      sequenceNumber,
    };
    if (deduplicationId !== undefined)
      queue.dedup.set(deduplicationId, { at: now, messageId: message.messageId });
    queue.messages.push(message);
    this.#waiters.wake(queue);
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
    if (!Number.isInteger(max) || max < 1 || max > MAX_RECEIVE_MESSAGES) {
      throw invalidValue(
        'MaxNumberOfMessages',
        max,
        `Must be between 1 and ${MAX_RECEIVE_MESSAGES}, if provided.`,
      );
    }
    const wait = input.waitTimeSeconds ?? Number(queue.attributes['ReceiveMessageWaitTimeSeconds'] ?? 0);
    if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw invalidValue('WaitTimeSeconds', wait, `Must be >= 0 and <= ${MAX_WAIT_SECONDS}, if provided.`);
    }
    const visibility = input.visibilityTimeout ?? Number(queue.attributes['VisibilityTimeout'] ?? 30);
    checkVisibilityTimeout(visibility);
    const deadline = this.#waitClock.now() + wait * 1000;
    for (;;) {
      const got = this.#take(queue, max, visibility, input);
      if (got.length > 0 || this.#waitClock.now() >= deadline || signal?.aborted === true) return got;
      if (this.#stores.peek(queue)?.queues.get(queue.name) !== queue) return [];
      await this.#waiters.wait(
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
    forgetReceipts(queue, messageId);
  }

  changeMessageVisibility(queue: Queue, receiptHandle: string, timeoutSeconds: number): void {
    const messageId = queue.receipts.get(receiptHandle);
    if (messageId === undefined) throw receiptHandleIsInvalid(receiptHandle);
    checkVisibilityTimeout(timeoutSeconds);
    const message = queue.messages.find((m) => m.messageId === messageId);
    const now = this.#clock.now();
    if (message === undefined || message.receiptHandle !== receiptHandle || message.visibleAt <= now)
      throw messageNotInflight();
    message.visibleAt = now + timeoutSeconds * 1000;
    if (timeoutSeconds === 0) this.#waiters.wake(queue);
  }

  /** Receives up to `max` visible messages, redriving those received too often to the dead-letter queue. */
  #take(queue: Queue, max: number, visibility: number, selection: AttributeSelection): ReceivedMessage[] {
    this.#expire(queue);
    const now = this.#clock.now();
    const out: ReceivedMessage[] = [];
    // A FIFO group with a message in flight delivers nothing else until that one is done.
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
          forgetReceipts(queue, m.messageId);
          m.visibleAt = now;
          m.receiptHandle = undefined;
          dlq.messages.push(m);
          this.#waiters.wake(dlq);
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
      out.push(receivedMessage(m, handle, selection));
    }
    return out;
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
    checkQueueAttribute(key, value, fifo, (arn) => this.queueByArn(arn) !== undefined);
  }
}

function checkVisibilityTimeout(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT) {
    throw invalidValue(
      'VisibilityTimeout',
      seconds,
      `Must be >= 0 and <= ${MAX_VISIBILITY_TIMEOUT}, if provided.`,
    );
  }
}

/** SQS's wording for a parameter out of its range. */
function invalidValue(parameter: string, value: number, reason: string): Error {
  return invalidParameterValue(`Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

/** Drops deduplication ids older than the window; the map is in insertion, hence time, order. */
function forgetExpiredDeduplicationIds(queue: Queue, now: number): void {
  for (const [id, seen] of queue.dedup) {
    if (now - seen.at < FIFO_DEDUP_WINDOW_MS) return;
    queue.dedup.delete(id);
  }
}

function forgetReceipts(queue: Queue, messageId: string): void {
  for (const [handle, id] of queue.receipts) if (id === messageId) queue.receipts.delete(handle);
}

function receiptHandleFor(messageId: string): string {
  return Buffer.concat([Buffer.from(messageId), randomBytes(48)]).toString('base64');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
