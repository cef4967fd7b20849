/**
 * Publish: to a topic (TopicArn or a topic TargetArn); SMS and mobile endpoints are not emulated.
 * Message attributes arrive decoded (binary values as bytes) and travel on as base64.
 */
import type { PublishInput, PublishResponse } from '@aws-sdk/client-sns';
import type { Validated } from '../../service.ts';
import type { MessageAttributeValue } from '../envelope.ts';
import { invalidParameter } from '../errors.ts';
import type { SnsContext } from '../context.ts';

export async function publish(sns: SnsContext, input: Validated<PublishInput>): Promise<PublishResponse> {
  if (input.PhoneNumber !== undefined) {
    throw invalidParameter('PhoneNumber Reason: SMS is not delivered by the vault-alarm-lab emulator');
  }
  const topicArn = input.TopicArn ?? input.TargetArn;
  if (topicArn === undefined || topicArn === '') {
    throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) {
    attributes[name] = {
      DataType: value.DataType ?? '',
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined
        ? { BinaryValue: Buffer.from(value.BinaryValue).toString('base64') }
        : {}),
    };
  }
  const result = await sns.engine.publish({
    topicArn,
    message: input.Message,
    subject: input.Subject,
    messageStructure: input.MessageStructure,
    messageAttributes: Object.keys(attributes).length > 0 ? attributes : undefined,
    messageGroupId: input.MessageGroupId,
    messageDeduplicationId: input.MessageDeduplicationId,
  });
  return { MessageId: result.messageId };
}
