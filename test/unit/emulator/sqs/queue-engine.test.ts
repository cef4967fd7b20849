import { afterEach, describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../../harness/clock.ts';
import { SqsEngine } from '../../../../harness/emulator/sqs/queue-engine.ts';
import { createSqsRegionStore } from '../../../../harness/emulator/sqs/queue-store.ts';
import { standaloneStores } from '../../../../harness/emulator/state/state-registry.ts';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
let engine: SqsEngine;
let clock: OffsetClock;

function setup(): void {
  clock = new OffsetClock({ startAt: Date.UTC(2026, 0, 15, 10) });
  engine = new SqsEngine({ clock, stores: standaloneStores(createSqsRegionStore) });
}

afterEach(() => undefined);

describe('SqsEngine', () => {
  it('hides a received message for the visibility timeout, on the emulator clock', async () => {
    setup();
    const q = engine.createQueue(ACCOUNT, REGION, 'q', { VisibilityTimeout: '30' });
    engine.sendMessage(q, { body: 'hello' }, ACCOUNT);
    const [first] = await engine.receiveMessages(q, { attributeNames: ['All'] });
    expect(first).toMatchObject({
      Body: 'hello',
      MD5OfBody: '5d41402abc4b2a76b9719d911017c592',
      Attributes: { ApproximateReceiveCount: '1' },
    });
    expect(await engine.receiveMessages(q, {})).toEqual([]);
    expect(engine.getAttributes(q, ['ApproximateNumberOfMessagesNotVisible'])).toEqual({
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    await clock.advance(30_000);
    const [again] = await engine.receiveMessages(q, { attributeNames: ['ApproximateReceiveCount'] });
    expect(again!.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(again!.ReceiptHandle).not.toBe(first!.ReceiptHandle);
    engine.deleteMessage(q, again!.ReceiptHandle);
    await clock.advance(60_000);
    expect(await engine.receiveMessages(q, {})).toEqual([]);
  });

  it('delays messages, and changes visibility of one in flight', async () => {
    setup();
    const q = engine.createQueue(ACCOUNT, REGION, 'q');
    engine.sendMessage(q, { body: 'later', delaySeconds: 10 }, ACCOUNT);
    expect(engine.getAttributes(q, ['ApproximateNumberOfMessagesDelayed'])).toEqual({
      ApproximateNumberOfMessagesDelayed: '1',
    });
    expect(await engine.receiveMessages(q, {})).toEqual([]);
    await clock.advance(10_000);
    const [m] = await engine.receiveMessages(q, {});
    engine.changeMessageVisibility(q, m!.ReceiptHandle, 0);
    expect((await engine.receiveMessages(q, {}))[0]!.Body).toBe('later');
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    setup();
    const dlq = engine.createQueue(ACCOUNT, REGION, 'dlq');
    const q = engine.createQueue(ACCOUNT, REGION, 'q', {
      VisibilityTimeout: '0',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
    });
    engine.sendMessage(q, { body: 'poison' }, ACCOUNT);
    expect(await engine.receiveMessages(q, {})).toHaveLength(1);
    expect(await engine.receiveMessages(q, {})).toHaveLength(1);
    expect(await engine.receiveMessages(q, {})).toHaveLength(0);
    const [dead] = await engine.receiveMessages(dlq, { attributeNames: ['ApproximateReceiveCount'] });
    expect(dead).toMatchObject({ Body: 'poison', Attributes: { ApproximateReceiveCount: '3' } });
  });

  it('keeps FIFO order per group, blocks a group while one of its messages is in flight, and deduplicates', async () => {
    setup();
    const q = engine.createQueue(ACCOUNT, REGION, 'q.fifo', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
    });
    engine.sendMessage(q, { body: 'a1', groupId: 'a' }, ACCOUNT);
    engine.sendMessage(q, { body: 'a2', groupId: 'a' }, ACCOUNT);
    engine.sendMessage(q, { body: 'b1', groupId: 'b' }, ACCOUNT);
    const dup = engine.sendMessage(q, { body: 'a1', groupId: 'a' }, ACCOUNT);
    expect(q.messages).toHaveLength(3);
    expect(dup.messageId).toBe(q.messages[0]!.messageId);
    const first = await engine.receiveMessages(q, { maxNumberOfMessages: 10 });
    expect(first.map((m) => m.Body)).toEqual(['a1', 'b1']);
    engine.deleteMessage(q, first[0]!.ReceiptHandle);
    expect((await engine.receiveMessages(q, { maxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual(['a2']);
    await clock.advance(5 * 60_000);
    engine.sendMessage(q, { body: 'a1', groupId: 'a' }, ACCOUNT);
    expect(q.messages.filter((m) => m.body === 'a1')).toHaveLength(1);
  });

  it('long-polls in real time and wakes up when a message arrives', async () => {
    setup();
    const q = engine.createQueue(ACCOUNT, REGION, 'q');
    const started = performance.now();
    const pending = engine.receiveMessages(q, { waitTimeSeconds: 5 });
    setTimeout(() => engine.sendMessage(q, { body: 'wake' }, ACCOUNT), 50);
    const [m] = await pending;
    expect(m!.Body).toBe('wake');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('expires messages after the retention period', async () => {
    setup();
    const q = engine.createQueue(ACCOUNT, REGION, 'q', { MessageRetentionPeriod: '60' });
    engine.sendMessage(q, { body: 'old' }, ACCOUNT);
    await clock.advance(61_000);
    expect(await engine.receiveMessages(q, {})).toEqual([]);
  });

  it('expires a message moved to the dead-letter queue by its original enqueue time', async () => {
    // "The expiration of a message is always based on its original enqueue timestamp" (SQS guide,
    // dead-letter queues): a message redriven late sits behind newer ones and must still expire.
    setup();
    const dlq = engine.createQueue(ACCOUNT, REGION, 'dlq', { MessageRetentionPeriod: '60' });
    const q = engine.createQueue(ACCOUNT, REGION, 'q', {
      VisibilityTimeout: '0',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    engine.sendMessage(q, { body: 'old poison' }, ACCOUNT);
    expect(await engine.receiveMessages(q, {})).toHaveLength(1);
    await clock.advance(30_000);
    engine.sendMessage(dlq, { body: 'newer' }, ACCOUNT);
    expect(await engine.receiveMessages(q, {})).toEqual([]);
    expect(dlq.messages.map((m) => m.body)).toEqual(['newer', 'old poison']);
    await clock.advance(31_000);
    const left = await engine.receiveMessages(dlq, { maxNumberOfMessages: 10 });
    expect(left.map((m) => m.Body)).toEqual(['newer']);
  });

  it('returns the same queue for the same attributes and refuses different ones', () => {
    setup();
    const q = engine.createQueue(ACCOUNT, REGION, 'q', { DelaySeconds: '0' });
    expect(engine.createQueue(ACCOUNT, REGION, 'q', { DelaySeconds: '0' })).toBe(q);
    expect(() => engine.createQueue(ACCOUNT, REGION, 'q', { DelaySeconds: '5' })).toThrow(
      'A queue already exists with the same name and a different value for attribute DelaySeconds',
    );
  });
});
