/**
 * The SQS service of the emulator (awsJson 1.0 query-compatible for the SDK, awsQuery for CLI 2.9):
 * queues, messages with visibility timeouts, delays, long polling, FIFO groups and dead-letter
 * redrive. Offers `sqsDelivery` to SNS, which enqueues in process.
 */
import { sqsModel, type SqsOperation } from '../models/sqs.ts';
import type { EmulatorEnv, ServiceDefinition } from '../service.ts';
import type { SqsDeliveryReceiver } from '../sns/delivery/sqs-delivery.ts';
import { defaultValidationError } from '../protocol/validation-errors.ts';
import { invalidAttributeName } from './errors.ts';
import type { SqsContext } from './context.ts';
import { SqsEngine } from './queue-engine.ts';
import {
  createSqsRegionStore,
  restoreSqsStore,
  snapshotSqsStore,
  type SqsRegionStore,
  type SqsStoreSnapshot,
} from './queue-store.ts';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  deleteMessage,
  deleteMessageBatch,
  receiveMessage,
  sendMessage,
  sendMessageBatch,
} from './operations/messages.ts';
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueueTags,
  listQueues,
  purgeQueue,
  setQueueAttributes,
  tagQueue,
  untagQueue,
} from './operations/queues.ts';

/** The service plus what SNS deliveries and in-process users (tests, benchmarks) use. */
export interface SqsService extends ServiceDefinition<SqsRegionStore, SqsOperation> {
  readonly engine: SqsEngine;
  /** Enqueue for SNS sqs subscriptions. */
  readonly delivery: SqsDeliveryReceiver;
}

export function createSqsService(env: EmulatorEnv): SqsService {
  const sqs = new SqsEngine({ clock: env.clock, stores: env.state.accessor<SqsRegionStore>('sqs') });
  const delivery: SqsDeliveryReceiver = {
    deliverFromSns(queueArn, body, messageAttributes, options) {
      const queue = sqs.queueByArn(queueArn);
      if (queue === undefined) return { ok: false, error: `Queue ${queueArn} does not exist` };
      try {
        sqs.sendMessage(
          queue,
          { body, messageAttributes, groupId: options.groupId, deduplicationId: options.deduplicationId },
          options.senderId,
        );
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };

  const context: SqsContext = { engine: sqs };

  return {
    engine: sqs,
    delivery,
    name: 'sqs',
    model: sqsModel,
    operations: {
      CreateQueue: (input, ctx) => createQueue(context, input, ctx),
      GetQueueUrl: (input, ctx) => getQueueUrl(context, input, ctx),
      ListQueues: (input, ctx) => listQueues(context, input, ctx),
      GetQueueAttributes: (input, ctx) => getQueueAttributes(context, input, ctx),
      SetQueueAttributes: (input, ctx) => setQueueAttributes(context, input, ctx),
      SendMessage: (input, ctx) => sendMessage(context, input, ctx),
      SendMessageBatch: (input, ctx) => sendMessageBatch(context, input, ctx),
      ReceiveMessage: (input, ctx) => receiveMessage(context, input, ctx),
      DeleteMessage: (input, ctx) => deleteMessage(context, input, ctx),
      DeleteMessageBatch: (input, ctx) => deleteMessageBatch(context, input, ctx),
      ChangeMessageVisibility: (input, ctx) => changeMessageVisibility(context, input, ctx),
      ChangeMessageVisibilityBatch: (input, ctx) => changeMessageVisibilityBatch(context, input, ctx),
      PurgeQueue: (input, ctx) => purgeQueue(context, input, ctx),
      DeleteQueue: (input, ctx) => deleteQueue(context, input, ctx),
      TagQueue: (input, ctx) => tagQueue(context, input, ctx),
      UntagQueue: (input, ctx) => untagQueue(context, input, ctx),
      ListQueueTags: (input, ctx) => listQueueTags(context, input, ctx),
    },
    // SQS names the attribute: an unknown attribute name is InvalidAttributeName, not a Coral
    // enum violation ("Unknown Attribute FifoQueue." recorded at AWS).
    validationError: (violations) => {
      const attribute = violations.find(
        (v) =>
          (v.kind === 'enum' || v.kind === 'mapKeys') &&
          (v.member === 'AttributeNames' || v.member === 'Attributes'),
      );
      if (attribute !== undefined) {
        const name = attribute.kind === 'mapKeys' ? mapKeyOf(attribute.value) : String(attribute.value);
        return invalidAttributeName(name);
      }
      return defaultValidationError('sqs', violations);
    },
    store: {
      create: createSqsRegionStore,
      serialize: snapshotSqsStore,
      restore: (data, scope) => restoreSqsStore(data as SqsStoreSnapshot, scope),
    },
  };
}

const ATTRIBUTE_NAMES: readonly string[] = (() => {
  const shape = sqsModel.shapes['QueueAttributeName'];
  return shape?.type === 'string' ? (shape.enum ?? []) : [];
})();

/** The offending key of an attribute map a mapKeys violation reports (its value is the whole map). */
function mapKeyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.find((k) => !ATTRIBUTE_NAMES.includes(k)) ?? keys[0] ?? '';
  }
  return String(value);
}
