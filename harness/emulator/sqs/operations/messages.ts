/**
 * Message operations: SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch),
 * ChangeMessageVisibility(Batch). Batch operations report per-entry failures as AWS does (the
 * request fails only for batch-level problems: empty, more than 10 entries, duplicate ids).
 */
import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityRequest,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  DeleteMessageRequest,
  MessageAttributeValue,
  ReceiveMessageRequest,
  ReceiveMessageResult,
  SendMessageBatchRequest,
  SendMessageBatchResult,
  SendMessageRequest,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { AwsServiceError } from '../../protocol/errors.ts';
import type { RequestContext, Validated } from '../../service.ts';
import { batchError } from '../errors.ts';
import type { SqsMessageAttributeValue } from '../md5.ts';
import type { SendInput } from '../queue-engine.ts';
import type { SqsContext } from '../context.ts';
import { queueOf } from './queue-urls.ts';

/** "Maximum number of entries per request are 10" (batch operations). */
const MAX_BATCH_ENTRIES = 10;
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
/** The whole batch counts against the 1 MiB message size limit. */
const MAX_BATCH_BYTES = 1_048_576;

function toAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): Record<string, SqsMessageAttributeValue> {
  const out: Record<string, SqsMessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    out[name] = {
      DataType: value.DataType ?? '',
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined
        ? { BinaryValue: Buffer.from(value.BinaryValue).toString('base64') }
        : {}),
      ...(value.StringListValues !== undefined && value.StringListValues.length > 0
        ? { StringListValues: value.StringListValues }
        : {}),
      ...(value.BinaryListValues !== undefined && value.BinaryListValues.length > 0
        ? { BinaryListValues: value.BinaryListValues.map((b) => Buffer.from(b).toString('base64')) }
        : {}),
    };
  }
  return out;
}

function senderOf(ctx: RequestContext): string {
  return ctx.accessKeyId !== undefined && /^[A-Z0-9]{16,}$/.test(ctx.accessKeyId)
    ? ctx.accessKeyId
    : ctx.accountId;
}

export function sendMessage(
  sqs: SqsContext,
  input: Validated<SendMessageRequest>,
  ctx: RequestContext,
): SendMessageResult {
  const queue = queueOf(sqs, input, ctx);
  const result = sqs.engine.sendMessage(queue, sendInput(input), senderOf(ctx));
  return {
    MD5OfMessageBody: result.md5OfMessageBody,
    ...(result.md5OfMessageAttributes !== undefined
      ? { MD5OfMessageAttributes: result.md5OfMessageAttributes }
      : {}),
    ...(result.md5OfMessageSystemAttributes !== undefined
      ? { MD5OfMessageSystemAttributes: result.md5OfMessageSystemAttributes }
      : {}),
    MessageId: result.messageId,
    ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}),
  };
}

/** Batch-level checks; `entryType` is the entry shape AWS names in its message. */
function checkBatch(
  entries: readonly { Id?: string | undefined }[],
  entryType:
    | 'SendMessageBatchRequestEntry'
    | 'DeleteMessageBatchRequestEntry'
    | 'ChangeMessageVisibilityBatchRequestEntry',
): void {
  if (entries.length === 0)
    throw batchError('EmptyBatchRequest', `There should be at least one ${entryType} in the request.`);
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw batchError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const e of entries) {
    const id = e.Id ?? '';
    if (!BATCH_ID.test(id)) {
      throw batchError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (ids.has(id)) throw batchError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
  }
}

/** Runs `each` for every entry: a failing entry is reported in Failed, the others go on. */
function eachEntry<E extends { Id?: string | undefined }, S>(
  entries: readonly E[],
  each: (entry: E) => S,
): { Successful: S[]; Failed: BatchResultErrorEntry[] } {
  const result: { Successful: S[]; Failed: BatchResultErrorEntry[] } = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      result.Successful.push(each(entry));
    } catch (error) {
      result.Failed.push(failure(entry.Id!, error));
    }
  }
  return result;
}

function failure(id: string, error: unknown): BatchResultErrorEntry {
  if (error instanceof AwsServiceError) {
    return { Id: id, SenderFault: error.senderFault, Code: error.queryCode, Message: error.message };
  }
  return { Id: id, SenderFault: false, Code: 'InternalError', Message: String(error) };
}

/** The message fields SendMessage and a SendMessageBatch entry share. */
function sendInput(request: {
  MessageBody?: string | undefined;
  DelaySeconds?: number | undefined;
  MessageAttributes?: Record<string, MessageAttributeValue> | undefined;
  MessageSystemAttributes?: Record<string, MessageAttributeValue> | undefined;
  MessageGroupId?: string | undefined;
  MessageDeduplicationId?: string | undefined;
}): SendInput {
  return {
    body: request.MessageBody,
    delaySeconds: request.DelaySeconds,
    messageAttributes: toAttributes(request.MessageAttributes),
    systemAttributes: toAttributes(request.MessageSystemAttributes),
    groupId: request.MessageGroupId,
    deduplicationId: request.MessageDeduplicationId,
  };
}

export function sendMessageBatch(
  sqs: SqsContext,
  input: Validated<SendMessageBatchRequest>,
  ctx: RequestContext,
): SendMessageBatchResult {
  const queue = queueOf(sqs, input, ctx);
  const entries = input.Entries ?? [];
  checkBatch(entries, 'SendMessageBatchRequestEntry');
  const total = entries.reduce((n, e) => n + Buffer.byteLength(e.MessageBody ?? ''), 0);
  if (total > MAX_BATCH_BYTES) {
    throw batchError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${total} bytes.`,
    );
  }
  return eachEntry(entries, (e) => {
    const r = sqs.engine.sendMessage(queue, sendInput(e), senderOf(ctx));
    return {
      Id: e.Id!,
      MessageId: r.messageId,
      MD5OfMessageBody: r.md5OfMessageBody,
      ...(r.md5OfMessageAttributes !== undefined ? { MD5OfMessageAttributes: r.md5OfMessageAttributes } : {}),
      ...(r.sequenceNumber !== undefined ? { SequenceNumber: r.sequenceNumber } : {}),
    };
  });
}

export async function receiveMessage(
  sqs: SqsContext,
  input: Validated<ReceiveMessageRequest>,
  ctx: RequestContext,
): Promise<ReceiveMessageResult> {
  const queue = queueOf(sqs, input, ctx);
  const messages = await sqs.engine.receiveMessages(
    queue,
    {
      maxNumberOfMessages: input.MaxNumberOfMessages,
      visibilityTimeout: input.VisibilityTimeout,
      waitTimeSeconds: input.WaitTimeSeconds,
      attributeNames: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
      messageAttributeNames: input.MessageAttributeNames,
    },
    ctx.signal,
  );
  return messages.length > 0 ? { Messages: messages as ReceiveMessageResult['Messages'] } : {};
}

export function deleteMessage(
  sqs: SqsContext,
  input: Validated<DeleteMessageRequest>,
  ctx: RequestContext,
): void {
  const queue = queueOf(sqs, input, ctx);
  sqs.engine.deleteMessage(queue, input.ReceiptHandle ?? '');
}

export function deleteMessageBatch(
  sqs: SqsContext,
  input: Validated<DeleteMessageBatchRequest>,
  ctx: RequestContext,
): DeleteMessageBatchResult {
  const queue = queueOf(sqs, input, ctx);
  const entries = input.Entries ?? [];
  checkBatch(entries, 'DeleteMessageBatchRequestEntry');
  return eachEntry(entries, (e) => {
    sqs.engine.deleteMessage(queue, e.ReceiptHandle ?? '');
    return { Id: e.Id! };
  });
}

export function changeMessageVisibility(
  sqs: SqsContext,
  input: Validated<ChangeMessageVisibilityRequest>,
  ctx: RequestContext,
): void {
  const queue = queueOf(sqs, input, ctx);
  sqs.engine.changeMessageVisibility(queue, input.ReceiptHandle ?? '', input.VisibilityTimeout ?? 0);
}

export function changeMessageVisibilityBatch(
  sqs: SqsContext,
  input: Validated<ChangeMessageVisibilityBatchRequest>,
  ctx: RequestContext,
): ChangeMessageVisibilityBatchResult {
  const queue = queueOf(sqs, input, ctx);
  const entries = input.Entries ?? [];
  checkBatch(entries, 'ChangeMessageVisibilityBatchRequestEntry');
  return eachEntry(entries, (e) => {
    sqs.engine.changeMessageVisibility(queue, e.ReceiptHandle ?? '', e.VisibilityTimeout ?? 0);
    return { Id: e.Id! };
  });
}
