/**
 * SQS state of one account in one region: queues by name, each with its messages. Times are on the
 * emulator clock (visibility timeouts, delays, retention), except long-poll waits (queue-engine.ts).
 */
import type { StoreScope } from '../service.ts';
import type { SqsMessageAttributeValue } from './md5.ts';
import { QUEUE_ATTRIBUTE_DEFAULTS } from './queue-attributes.ts';

export interface SqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: Record<string, SqsMessageAttributeValue>;
  readonly md5OfMessageAttributes: string | undefined;
  readonly systemAttributes: Record<string, SqsMessageAttributeValue>;
  readonly senderId: string;
  readonly sentAt: number;
  /** Not receivable before this time (DelaySeconds, visibility timeouts). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The current receipt handle while in flight. */
  receiptHandle: string | undefined;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
  readonly sequenceNumber?: string | undefined;
}

export interface Queue {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly arn: string;
  readonly fifo: boolean;
  /** Settable attributes as given (strings), defaults applied at creation. */
  readonly attributes: Record<string, string>;
  tags: Record<string, string>;
  readonly createdAt: number;
  lastModifiedAt: number;
  /** In arrival order (FIFO order for .fifo queues). */
  messages: SqsMessage[];
  /** Receipt handle → message id, for every handle ever issued and not yet deleted. */
  readonly receipts: Map<string, string>;
  lastPurgeAt: number | undefined;
  /** FIFO deduplication ids seen in the last 5 minutes → (time, message id). */
  readonly dedup: Map<string, { at: number; messageId: string }>;
  sequence: bigint;
}

export interface SqsRegionStore {
  readonly accountId: string;
  readonly region: string;
  readonly queues: Map<string, Queue>;
  /** Names of queues deleted, with the time, for QueueDeletedRecently. */
  readonly deletedAt: Map<string, number>;
}

export function createSqsRegionStore({ accountId, region }: StoreScope): SqsRegionStore {
  return { accountId, region, queues: new Map(), deletedAt: new Map() };
}

interface QueueSnapshot extends Omit<Queue, 'receipts' | 'dedup' | 'sequence'> {
  readonly receipts: [string, string][];
  readonly dedup: [string, { at: number; messageId: string }][];
  readonly sequence: string;
}

export interface SqsStoreSnapshot {
  readonly queues: QueueSnapshot[];
  readonly deletedAt: [string, number][];
}

export function snapshotSqsStore(store: SqsRegionStore): SqsStoreSnapshot {
  return {
    queues: [...store.queues.values()].map((q) => ({
      ...q,
      receipts: [...q.receipts],
      dedup: [...q.dedup],
      sequence: q.sequence.toString(),
    })),
    deletedAt: [...store.deletedAt],
  };
}

export function restoreSqsStore(data: SqsStoreSnapshot, scope: StoreScope): SqsRegionStore {
  const store = createSqsRegionStore(scope);
  for (const q of data.queues) {
    store.queues.set(q.name, {
      ...q,
      receipts: new Map(q.receipts),
      dedup: new Map(q.dedup),
      sequence: BigInt(q.sequence),
    });
  }
  for (const [name, at] of data.deletedAt) store.deletedAt.set(name, at);
  return store;
}

export function queueArn(accountId: string, region: string, name: string): string {
  return `arn:aws:sqs:${region}:${accountId}:${name}`;
}

/** Where FIFO sequence numbers start (SQS's are 20-digit numbers). */
const FIRST_SEQUENCE_NUMBER = 10000000000000000000n;

/** An empty queue of the store's account and region; `attributes` are set over the defaults. */
export function newQueue(
  scope: StoreScope,
  name: string,
  fifo: boolean,
  attributes: Readonly<Record<string, string>>,
  tags: Readonly<Record<string, string>>,
  now: number,
): Queue {
  return {
    name,
    accountId: scope.accountId,
    region: scope.region,
    arn: queueArn(scope.accountId, scope.region, name),
    fifo,
    attributes: {
      ...QUEUE_ATTRIBUTE_DEFAULTS,
      ...(fifo ? { ContentBasedDeduplication: 'false' } : {}),
      ...attributes,
    },
    tags: { ...tags },
    createdAt: now,
    lastModifiedAt: now,
    messages: [],
    receipts: new Map(),
    lastPurgeAt: undefined,
    dedup: new Map(),
    sequence: FIRST_SEQUENCE_NUMBER,
  };
}
