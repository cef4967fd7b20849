import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../../harness/clock.ts';
import { ConcurrencyLimiter } from '../../../../harness/shipper/output/concurrency-limiter.ts';
import { DestinationQueue } from '../../../../harness/shipper/output/destination-queue.ts';
import type { ShipperEvent } from '../../../../harness/shipper/events.ts';
import { DEFAULT_RETRY_POLICY } from '../../../../harness/shipper/output/retry.ts';
import { Sender } from '../../../../harness/shipper/output/sender.ts';
import { LogStreamProvisioner } from '../../../../harness/shipper/output/log-stream-provisioner.ts';
import { waitFor } from '../../../../harness/util/wait-for.ts';
import { FakeLogs } from '../../../support/shipper-fake-logs.ts';
import { RecordingOwner, part } from '../../../support/shipper-parts.ts';

async function setup(
  options: { maxInFlight?: number; maxBufferedBytes?: number; flushIntervalMs?: number } = {},
) {
  const logs = new FakeLogs({ groups: ['g'] });
  await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' });
  logs.calls.length = 0;
  // Frozen wall time: only advance() moves it, so timer assertions cannot race the real clock.
  const clock = new OffsetClock({ wallNow: () => 1_700_000_000_000 });
  const events: ShipperEvent[] = [];
  const sender = new Sender({
    api: logs,
    clock,
    provisioner: new LogStreamProvisioner(
      logs,
      () => ({}),
      () => undefined,
    ),
    retry: DEFAULT_RETRY_POLICY,
    random: () => 0.5,
  });
  const queue = new DestinationQueue({
    group: 'g',
    stream: 's',
    clock,
    wallNow: () => Date.now(),
    flushIntervalMs: options.flushIntervalMs ?? 200,
    maxInFlight: options.maxInFlight ?? 4,
    limiter: new ConcurrencyLimiter(8),
    sender,
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    emit: (e) => events.push(e),
  });
  return { logs, clock, queue, events, owner: new RecordingOwner() };
}

const puts = (logs: FakeLogs) => logs.calls.filter((c) => c.op === 'PutLogEvents').length;

describe('DestinationQueue', () => {
  it('waits for the flush interval on the injected clock, then sends one request', async () => {
    const { logs, clock, queue, owner } = await setup();
    for (let i = 0; i < 5; i++) queue.add(part(owner, 1000 + i, `line ${i}`));
    await clock.advance(199);
    expect(puts(logs)).toBe(0);
    await clock.advance(1);
    await queue.whenIdle();
    expect(puts(logs)).toBe(1);
    expect(logs.messages('g', 's')).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(owner.accepted_).toHaveLength(1);
  });

  it('sends a full batch at once, without waiting for the timer', async () => {
    const { logs, queue, owner } = await setup();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 11; i++) queue.add(part(owner, 1000 + i, big));
    await waitFor(() => puts(logs) === 1, { description: 'the first full batch to be sent' });
    expect(logs.messages('g', 's')).toHaveLength(10);
  });

  it('runs batches with disjoint time ranges concurrently, and serialises overlapping ones', async () => {
    const { logs, queue, owner } = await setup();
    const release: (() => void)[] = [];
    logs.gate = () => new Promise((resolve) => release.push(resolve));
    const big = 'y'.repeat(400_000);
    // Two events per batch (a third does not fit): timestamps 1,1 | 2,2 | 3,3 → disjoint ranges.
    for (const t of [1, 1, 2, 2, 3, 3]) queue.add(part(owner, t, big));
    queue.flush();
    await waitFor(() => release.length === 3, { description: 'three requests in flight' });
    expect(logs.maxInFlight).toBe(3);
    for (const r of release.splice(0)) r();
    await queue.whenIdle();

    logs.maxInFlight = 0;
    // Same timestamp across the batch boundary: the second must wait for the first.
    for (const t of [5, 5, 5, 5]) queue.add(part(owner, t, big));
    queue.flush();
    await waitFor(() => release.length === 1, { description: 'the first of two overlapping batches' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(release).toHaveLength(1);
    release.shift()!();
    await waitFor(() => release.length === 1, { description: 'the second batch after the first' });
    release.shift()!();
    await queue.whenIdle();
    expect(logs.maxInFlight).toBe(1);
    expect(logs.messages('g', 's')).toHaveLength(10);
  });

  it('reports no capacity past its buffer limit and calls back once a batch is accepted', async () => {
    const { clock, queue, owner } = await setup({ maxBufferedBytes: 1000 });
    let woken = 0;
    queue.onCapacity(() => woken++);
    queue.add(part(owner, 1, 'z'.repeat(600)));
    expect(queue.hasCapacity()).toBe(true);
    queue.add(part(owner, 2, 'z'.repeat(600)));
    expect(queue.hasCapacity()).toBe(false);
    await clock.advance(200);
    await queue.whenIdle();
    expect(queue.hasCapacity()).toBe(true);
    expect(woken).toBeGreaterThan(0);
  });

  it('stops on a non-retryable error without marking anything shipped', async () => {
    const { logs, queue, owner, events } = await setup();
    logs.putFaults.push({
      error: 'InvalidParameterException',
      message: 'Log event too large: 300000 bytes exceeds limit of 262144',
    });
    queue.add(part(owner, 1, 'a'));
    queue.flush();
    await expect(queue.whenIdle()).rejects.toThrow(
      /shipping to g \/ s stopped: InvalidParameterException \(HTTP 400\): Log event too large/,
    );
    expect(owner.accepted_).toEqual([]);
    expect(owner.abandoned_).toMatchObject([{ definite: true }]);
    expect(queue.hasCapacity()).toBe(false);
    expect(() => queue.add(part(owner, 2, 'b'))).toThrow(/stopped/);
    expect(events.some((e) => e.type === 'destination-stopped')).toBe(true);
  });

  it('maps rejectedLogEventsInfo indices to counts per owner', async () => {
    const { logs, queue, events } = await setup();
    const a = new RecordingOwner('/a.log');
    const b = new RecordingOwner('/b.log');
    logs.putFaults.push({ reject: { tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 4 } });
    for (const [o, t] of [
      [a, 1],
      [b, 2],
      [a, 3],
      [b, 4],
      [a, 5],
    ] as const)
      queue.add(part(o, t));
    queue.flush();
    await queue.whenIdle();
    expect(a.accepted_[0]!.rejected).toEqual({ tooOld: 1, tooNew: 1, expired: 0 });
    expect(b.accepted_[0]!.rejected).toEqual({ tooOld: 1, tooNew: 0, expired: 0 });
    expect(events.filter((e) => e.type === 'rejected')).toHaveLength(2);
    expect(logs.events('g', 's').map((e) => e.timestamp)).toEqual([3, 4]);
  });

  it('fails the batch, unsent, when its in-flight record cannot be written', async () => {
    const { logs, queue, owner } = await setup();
    owner.failBegin = new Error('ENOSPC: no space left on device');
    queue.add(part(owner, 1));
    queue.flush();
    await expect(queue.whenIdle()).rejects.toThrow(/cannot record the batch before sending it: ENOSPC/);
    expect(puts(logs)).toBe(0);
  });
});
