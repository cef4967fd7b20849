import { Readable } from 'node:stream';
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snsModel } from '../../../../harness/emulator/models/index.ts';
import type { SnsOperation } from '../../../../harness/emulator/models/sns.ts';
import { decodeQueryInput } from '../../../../harness/emulator/protocol/query/form-decoder.ts';
import { serializeQueryResponse } from '../../../../harness/emulator/protocol/query/query-protocol.ts';

/**
 * The awsQuery codecs against the real SDK v3 SNS client, without a network: the client's own
 * serializer produces the form we decode, and its own parser reads the XML we write. Random inputs
 * (fast-check) cover escaping, Unicode, empty strings and list/map sizes.
 */
interface Exchange {
  body: string;
}

function clientAnswering(xml: () => string, exchange: Exchange): SNSClient {
  return new SNSClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { body?: unknown }) => {
        exchange.body =
          typeof request.body === 'string'
            ? request.body
            : Buffer.from(request.body as Uint8Array).toString('utf8');
        return {
          response: {
            statusCode: 200,
            reason: 'OK',
            headers: { 'content-type': 'text/xml' },
            body: Readable.from([Buffer.from(xml(), 'utf8')]),
          },
        };
      },
    } as never,
  });
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'line1\r\nline2\r',
    '&<>"\'',
    ' leading and trailing ',
    '\ttab',
    'a+b=c&d',
    '100%',
    'é ü 漢字 🙂',
  ),
);
const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);

describe('SNS query requests from the SDK decode to the input the SDK was given', () => {
  it('Publish with string and binary message attributes', async () => {
    await fc.assert(
      fc.asyncProperty(
        text.filter((s) => s.length > 0),
        fc.option(text, { nil: undefined }),
        fc.dictionary(
          name,
          fc.oneof(
            text.map((v) => ({ DataType: 'String', StringValue: v })),
            fc.uint8Array({ maxLength: 16 }).map((b) => ({ DataType: 'Binary', BinaryValue: b })),
          ),
          { maxKeys: 4 },
        ),
        async (message, subject, attributes) => {
          const exchange: Exchange = { body: '' };
          const client = clientAnswering(
            () =>
              '<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult></PublishResponse>',
            exchange,
          );
          const input = {
            TopicArn: 'arn:aws:sns:us-east-1:000000000000:t',
            Message: message,
            ...(subject !== undefined ? { Subject: subject } : {}),
            ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
          };
          await client.send(new PublishCommand(input));
          const decoded = decodeQueryInput(
            snsModel,
            'PublishInput',
            new URLSearchParams(exchange.body),
          ) as Record<string, unknown>;
          // Buffer.toJSON runs before a replacer sees the value: look at the raw member instead.
          const normalise = (value: unknown) =>
            JSON.parse(
              JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
                const raw = this[key];
                return raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : v;
              }),
            );
          expect(normalise(decoded)).toEqual(normalise(input));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('CreateTopic with attributes and tags, Subscribe with attributes', async () => {
    await fc.assert(
      fc.asyncProperty(
        name,
        fc.dictionary(name, text, { maxKeys: 3 }),
        fc.array(fc.record({ Key: name, Value: text }), { maxLength: 3 }),
        async (topic, attributes, tags) => {
          const exchange: Exchange = { body: '' };
          const client = clientAnswering(
            () =>
              '<R><CreateTopicResult><TopicArn>a</TopicArn></CreateTopicResult><SubscribeResult><SubscriptionArn>s</SubscriptionArn></SubscribeResult></R>',
            exchange,
          );
          const create = {
            Name: topic,
            ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
            ...(tags.length ? { Tags: tags } : {}),
          };
          await client.send(new CreateTopicCommand(create));
          expect(decodeQueryInput(snsModel, 'CreateTopicInput', new URLSearchParams(exchange.body))).toEqual(
            create,
          );
          const subscribe = {
            TopicArn: 'arn',
            Protocol: 'sqs',
            Endpoint: 'arn:q',
            ReturnSubscriptionArn: true,
            ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
          };
          await client.send(new SubscribeCommand(subscribe));
          expect(decodeQueryInput(snsModel, 'SubscribeInput', new URLSearchParams(exchange.body))).toEqual(
            subscribe,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the SDK parses the XML we write back into the output we wrote', () => {
  it('ListTopics, GetTopicAttributes and ListTagsForResource', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          text.map((arn) => ({ TopicArn: arn })),
          { maxLength: 4 },
        ),
        fc.option(name, { nil: undefined }),
        fc.dictionary(name, text, { maxKeys: 4 }),
        fc.array(fc.record({ Key: name, Value: text }), { maxLength: 3 }),
        async (topics, nextToken, attributes, tags) => {
          let xml = '';
          const client = clientAnswering(() => xml, { body: '' });
          const op = (operation: SnsOperation) => snsModel.operations[operation];
          const listOutput = { Topics: topics, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
          xml = serializeQueryResponse(
            snsModel,
            'ListTopics',
            op('ListTopics').output,
            op('ListTopics').resultWrapper,
            listOutput,
            'r',
          ).body as string;
          const listed = await client.send(new ListTopicsCommand({}));
          expect({
            Topics: listed.Topics,
            ...(listed.NextToken !== undefined ? { NextToken: listed.NextToken } : {}),
          }).toEqual(listOutput);

          xml = serializeQueryResponse(
            snsModel,
            'GetTopicAttributes',
            op('GetTopicAttributes').output,
            op('GetTopicAttributes').resultWrapper,
            { Attributes: attributes },
            'r',
          ).body as string;
          expect(
            (await client.send(new GetTopicAttributesCommand({ TopicArn: 'a' }))).Attributes ?? {},
          ).toEqual(attributes);

          xml = serializeQueryResponse(
            snsModel,
            'ListTagsForResource',
            op('ListTagsForResource').output,
            op('ListTagsForResource').resultWrapper,
            { Tags: tags },
            'r',
          ).body as string;
          expect(
            (await client.send(new ListTagsForResourceCommand({ ResourceArn: 'a' }))).Tags ?? [],
          ).toEqual(tags);
        },
      ),
      { numRuns: 60 },
    );
  });
});
