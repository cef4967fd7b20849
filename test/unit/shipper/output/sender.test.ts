import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../../harness/clock.ts';
import { classifyError } from '../../../../harness/shipper/output/error-class.ts';
import {
  DEFAULT_RETRY_POLICY,
  retryDelay,
  scaledRetryPolicy,
} from '../../../../harness/shipper/output/retry.ts';
import { Sender } from '../../../../harness/shipper/output/sender.ts';
import type { RetryNotice } from '../../../../harness/shipper/output/sender.ts';
import { LogStreamProvisioner } from '../../../../harness/shipper/output/log-stream-provisioner.ts';
import { FakeLogs, FakeLogsError } from '../../../support/shipper-fake-logs.ts';

function setup(
  options: { groups?: string[]; settings?: { retentionInDays?: number; logGroupClass?: string } } = {},
) {
  const logs = new FakeLogs({ groups: options.groups ?? [] });
  // Frozen wall time: only advance() moves it, so timer assertions cannot race the real clock.
  const clock = new OffsetClock({ wallNow: () => 1_700_000_000_000 });
  const warnings: string[] = [];
  const provisioner = new LogStreamProvisioner(
    logs,
    () => options.settings ?? {},
    (m) => warnings.push(m),
  );
  const sender = new Sender({
    api: logs,
    clock,
    provisioner,
    retry: DEFAULT_RETRY_POLICY,
    random: () => 0.5,
  });
  return { logs, clock, sender, warnings };
}

const events = [
  { timestamp: 1_000, message: 'one' },
  { timestamp: 1_001, message: 'two' },
];

/** Runs `send` while advancing the virtual clock until it settles: retry waits take no wall time. */
async function settle<T>(clock: OffsetClock, promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  while (!done) await clock.advance(100);
  return promise;
}

describe('Sender', () => {
  it('creates the stream (and group) on ResourceNotFoundException, then sends', async () => {
    const { logs, sender } = setup({ settings: { retentionInDays: 7, logGroupClass: 'INFREQUENT_ACCESS' } });
    const outcome = await sender.send({
      group: 'g',
      stream: 's',
      events,
      signal: new AbortController().signal,
    });
    expect(outcome).toMatchObject({ state: 'accepted', attempts: 2 });
    expect(logs.calls.map((c) => c.op)).toEqual([
      'DescribeLogGroups',
      'PutLogEvents',
      'CreateLogStream',
      'CreateLogGroup',
      'PutRetentionPolicy',
      'CreateLogStream',
      'PutLogEvents',
    ]);
    expect(logs.groups.get('g')).toMatchObject({ retentionInDays: 7, logGroupClass: 'INFREQUENT_ACCESS' });
    expect(logs.messages('g', 's')).toEqual(['one', 'two']);
  });

  it('sets retention on an existing group once, when it differs', async () => {
    const { logs, sender } = setup({ groups: ['g'], settings: { retentionInDays: 30 } });
    await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' });
    const signal = new AbortController().signal;
    await sender.send({ group: 'g', stream: 's', events, signal });
    await sender.send({ group: 'g', stream: 's', events, signal });
    expect(logs.calls.filter((c) => c.op === 'PutRetentionPolicy')).toHaveLength(1);
    expect(logs.groups.get('g')?.retentionInDays).toBe(30);
  });

  it('retries throttling with growing, jittered waits on the injected clock', async () => {
    const { logs, sender, clock } = setup({ groups: ['g'] });
    await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' });
    logs.putFaults.push(
      { error: 'ThrottlingException' },
      { error: 'ThrottlingException' },
      { error: 'ThrottlingException' },
    );
    const notices: RetryNotice[] = [];
    const start = clock.now();
    const outcome = await settle(
      clock,
      sender.send({
        group: 'g',
        stream: 's',
        events,
        signal: new AbortController().signal,
        onRetry: (n) => notices.push(n),
      }),
    );
    expect(outcome).toMatchObject({ state: 'accepted', attempts: 4 });
    // random() = 0.5 → 3/4 of base·2^n: 375, 750, 1500 ms.
    expect(notices.map((n) => n.delayMs)).toEqual([375, 750, 1500]);
    expect(clock.now() - start).toBeGreaterThanOrEqual(2625);
    expect(logs.messages('g', 's')).toEqual(['one', 'two']);
  });

  it('looks for the batch after an ambiguous 500 and does not resend what landed', async () => {
    const { logs, sender, clock } = setup({ groups: ['g'] });
    await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' });
    logs.putFaults.push({ error: 'ServiceUnavailableException', status: 500, storeFirst: true });
    const outcome = await settle(
      clock,
      sender.send({ group: 'g', stream: 's', events, signal: new AbortController().signal }),
    );
    expect(outcome).toMatchObject({ state: 'accepted', attempts: 1, foundAfterFailure: true });
    expect(logs.messages('g', 's')).toEqual(['one', 'two']);
  });

  it('resends after an ambiguous 500 when the batch did not land', async () => {
    const { logs, sender, clock } = setup({ groups: ['g'] });
    await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' });
    logs.putFaults.push({ error: 'InternalFailure', status: 500 });
    const outcome = await settle(
      clock,
      sender.send({ group: 'g', stream: 's', events, signal: new AbortController().signal }),
    );
    expect(outcome).toMatchObject({ state: 'accepted', attempts: 2, foundAfterFailure: false });
    expect(logs.messages('g', 's')).toEqual(['one', 'two']);
  });

  it('fails without retrying on InvalidParameterException', async () => {
    const { logs, sender } = setup();
    const outcome = await sender.send({
      group: 'bad name ',
      stream: 's',
      events,
      signal: new AbortController().signal,
    });
    expect(outcome.state).toBe('failed');
    expect(outcome.state === 'failed' && outcome.description).toMatch(
      /^InvalidParameterException \(HTTP 400\): 1 validation error/,
    );
    expect(logs.calls.filter((c) => c.op === 'PutLogEvents')).toHaveLength(1);
  });

  it('stops retrying when aborted', async () => {
    const { logs, sender, clock } = setup({ groups: ['g'] });
    await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' });
    logs.putFaults.push({ error: 'ThrottlingException' }, { error: 'ThrottlingException' });
    const controller = new AbortController();
    const pending = sender.send({
      group: 'g',
      stream: 's',
      events,
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    await clock.advance(10);
    expect(await pending).toMatchObject({ state: 'aborted', attempts: 1 });
    expect(logs.messages('g', 's')).toEqual([]);
  });
});

describe('error classes', () => {
  const err = (name: string, status?: number, extra: object = {}) =>
    Object.assign(new FakeLogsError(name, status ?? 400, name), extra);

  it.each([
    ['ResourceNotFoundException', 400, 'not-found'],
    ['ThrottlingException', 400, 'retry'],
    ['LimitExceededException', 400, 'retry'],
    ['ServiceUnavailableException', 500, 'retry'],
    ['Whatever', 503, 'retry'],
    ['AccessDeniedException', 400, 'retry'],
    ['UnrecognizedClientException', 400, 'retry'],
    ['InvalidParameterException', 400, 'fatal'],
    ['DataAlreadyAcceptedException', 400, 'fatal'],
    ['SerializationException', 400, 'fatal'],
  ] as const)('%s (HTTP %s) → %s', (name, status, kind) => {
    expect(classifyError(err(name, status)).kind).toBe(kind);
  });

  it('treats a reset connection as ambiguous and a refused one as not sent', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyError(reset)).toMatchObject({ kind: 'retry', ambiguous: true });
    expect(classifyError(refused)).toMatchObject({ kind: 'retry', ambiguous: false });
    expect(classifyError(err('ServiceUnavailableException', 500))).toMatchObject({ ambiguous: true });
    expect(classifyError(err('ThrottlingException'))).toMatchObject({ ambiguous: false, profile: 'slow' });
    expect(classifyError(new TypeError('bug'))).toMatchObject({ kind: 'fatal' });
  });
});

describe('retryDelay', () => {
  it('doubles from the base up to the cap, jittered into [d/2, d)', () => {
    const profile = { baseMs: 100, capMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => retryDelay(n, profile, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect(retryDelay(2, profile, () => 0.999999)).toBe(400);
    for (let i = 0; i < 100; i++) {
      const d = retryDelay(3, profile);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
  });

  it('scales a whole policy from one base', () => {
    const fast = scaledRetryPolicy(50);
    expect(fast.slow).toEqual({ baseMs: 50, capMs: 3000 });
    expect(fast.blocked.baseMs).toBe(500);
  });
});
