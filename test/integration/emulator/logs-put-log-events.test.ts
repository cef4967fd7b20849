import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// PutLogEvents limits and validation (cloudwatch-agent.md §4), on the emulator clock.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let lab: TestEmulator;

beforeAll(async () => {
  lab = await startTestEmulator();
});
afterAll(async () => lab.stop());
beforeEach(async () => {
  await lab.emulator.reset();
  await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
  await lab.logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
});

const put = (logEvents: InputLogEvent[], extra: Record<string, unknown> = {}) =>
  lab.logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents, ...extra }));

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected PutLogEvents to fail');
}

async function storedMessages(): Promise<string[]> {
  const { events } = await lab.logs.send(
    new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true }),
  );
  return events!.map((e) => e.message!);
}

describe('batch size (UTF-8 bytes + 26 per event, 1,048,576 max)', () => {
  it('accepts a batch of exactly 1,048,576 bytes and refuses one byte more', async () => {
    const now = lab.clock.now();
    // 4 × (262,118 + 26) = 1,048,576
    const exact = Array.from({ length: 4 }, (_, i) => ({ timestamp: now + i, message: 'x'.repeat(262_118) }));
    await expect(put(exact)).resolves.toMatchObject({ nextSequenceToken: expect.stringMatching(/^\d+$/) });
    const over = exact.map((e, i) => (i === 3 ? { ...e, message: `${e.message}y` } : e));
    expect(await failure(put(over))).toEqual({
      name: 'InvalidParameterException',
      message: 'Upload too large: 1048577 bytes exceeds limit of 1048576',
    });
  });

  it('counts UTF-8 bytes, not characters', async () => {
    const now = lab.clock.now();
    // 'é' is 2 bytes: 524,275 × 2 + 26 = 1,048,576
    await expect(put([{ timestamp: now, message: 'é'.repeat(524_275) }])).resolves.toBeDefined();
    expect((await failure(put([{ timestamp: now, message: 'é'.repeat(524_276) }]))).message).toBe(
      'Log event too large: 1048578 bytes exceeds limit of 1048576',
    );
  });
});

describe('event count and members', () => {
  it('accepts 10,000 events and refuses 10,001 or none', async () => {
    const now = lab.clock.now();
    const events = Array.from({ length: 10_000 }, (_, i) => ({ timestamp: now, message: `e${i}` }));
    await put(events);
    const tooMany = await failure(put([...events, { timestamp: now, message: 'one more' }]));
    expect(tooMany.name).toBe('InvalidParameterException');
    expect(tooMany.message).toMatch(
      /^1 validation error detected: Value '.*' at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000$/s,
    );
    expect((await failure(put([]))).message).toMatch(
      /at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1$/,
    );
  });

  it('refuses an empty message with the member path', async () => {
    const message = (await failure(put([{ timestamp: lab.clock.now(), message: '' }]))).message;
    expect(message).toBe(
      "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('ignores sequence tokens (never InvalidSequenceTokenException)', async () => {
    await put([{ timestamp: lab.clock.now(), message: 'a' }], { sequenceToken: '1234' });
    await put([{ timestamp: lab.clock.now(), message: 'b' }], { sequenceToken: '1234' });
    expect(await storedMessages()).toEqual(['a', 'b']);
  });

  it('needs an existing group and stream', async () => {
    const event = [{ timestamp: lab.clock.now(), message: 'x' }];
    expect(
      await failure(
        lab.logs.send(
          new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 'nope', logEvents: event }),
        ),
      ),
    ).toEqual({ name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
    expect(
      await failure(
        lab.logs.send(
          new PutLogEventsCommand({ logGroupName: 'nope', logStreamName: 's', logEvents: event }),
        ),
      ),
    ).toEqual({ name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });
});

describe('order and time window', () => {
  it('requires chronological order but allows equal timestamps', async () => {
    const now = lab.clock.now();
    await put([
      { timestamp: now, message: 'a' },
      { timestamp: now, message: 'b' },
    ]);
    expect(
      await failure(
        put([
          { timestamp: now, message: 'c' },
          { timestamp: now - 1, message: 'd' },
        ]),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
    expect(await storedMessages()).toEqual(['a', 'b']);
  });

  it('rejects too old (>14 days) and too new (>2 h) events individually and keeps the rest', async () => {
    const now = lab.clock.now();
    const result = await put([
      { timestamp: now - 15 * DAY, message: 'too old 1' },
      { timestamp: now - 14 * DAY - 1, message: 'too old 2' },
      { timestamp: now - HOUR, message: 'kept 1' },
      { timestamp: now + HOUR, message: 'kept 2' },
      { timestamp: now + 2 * HOUR + 60_000, message: 'too new' },
    ]);
    expect(result.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 4 });
    expect(await storedMessages()).toEqual(['kept 1', 'kept 2']);
  });

  it('reports events older than the retention period as expired', async () => {
    await lab.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
    const now = lab.clock.now();
    const result = await put([
      { timestamp: now - 2 * DAY, message: 'expired' },
      { timestamp: now - 60_000, message: 'kept' },
    ]);
    expect(result.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });
    expect(await storedMessages()).toEqual(['kept']);
  });

  it('stops returning stored events once the clock passes the retention period', async () => {
    await lab.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
    const now = lab.clock.now();
    await put([
      { timestamp: now - 12 * HOUR, message: 'older' },
      { timestamp: now, message: 'newer' },
    ]);
    await lab.clock.advance(18 * HOUR);
    expect(await storedMessages()).toEqual(['newer']);
    expect((await lab.logs.send(new DescribeLogGroupsCommand({}))).logGroups![0]!.storedBytes).toBe(5);
  });

  it('refuses a batch whose accepted events span more than 24 hours', async () => {
    const now = lab.clock.now();
    expect(
      await failure(
        put([
          { timestamp: now - 25 * HOUR, message: 'a' },
          { timestamp: now, message: 'b' },
        ]),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    });
    // The span counts accepted events only: a too-old first event does not widen it.
    const result = await put([
      { timestamp: now - 20 * DAY, message: 'too old' },
      { timestamp: now - HOUR, message: 'a' },
      { timestamp: now, message: 'b' },
    ]);
    expect(result.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
  });

  it('judges "too new" by the emulator clock, not the wall clock', async () => {
    // The lab clock starts at TEST_START (January 2026), far from the wall clock.
    const before = await put([{ timestamp: lab.clock.now() + 3 * HOUR, message: 'early' }]);
    expect(before.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 0 });
    await lab.clock.advance(3 * HOUR);
    const after = await put([{ timestamp: lab.clock.now(), message: 'on time' }]);
    expect(after.rejectedLogEventsInfo).toBeUndefined();
    const { events } = await lab.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' }),
    );
    expect(events!.map((e) => e.message)).toEqual(['on time']);
    expect(events![0]!.ingestionTime! - lab.clock.now()).toBeLessThanOrEqual(0);
    expect(lab.clock.now() - events![0]!.ingestionTime!).toBeLessThan(60_000);
  });
});
