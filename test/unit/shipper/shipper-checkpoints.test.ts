import { appendFile, copyFile, open, readFile, rename, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../../harness/shipper/state/checkpoint-store.ts';
import { identify } from '../../../harness/shipper/input/file-identity.ts';
import { isCurrentFollowerState } from '../../../harness/shipper/input/follower-state.ts';
import { formatStatus } from '../../../harness/shipper/index.ts';
import {
  TEST_GROUP as G,
  TEST_STREAM as S,
  numberedLines,
  numbersOf,
  range,
  shipperSetup,
} from '../../support/shipper-harness.ts';

/** Lines 0-9 of `file` shipped by a shipper that then stopped; `start` restarts on its state. */
async function shippedTenLinesThenStopped() {
  const setup = await shipperSetup();
  await writeFile(setup.file, numberedLines(0, 10));
  const { shipper } = await setup.start();
  await shipper.drain();
  await shipper.stop();
  return setup;
}

describe('shipper: checkpoints', () => {
  it('resumes exactly after a restart', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 20));
    let { shipper } = await start();
    await shipper.drain();
    await shipper.stop();
    await appendFile(file, numberedLines(20, 5));
    ({ shipper } = await start());
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 25));
    expect(shipper.stats().files[0]!.eventsRead).toBe(5);
    await shipper.stop();
  });

  it('finishes a file rotated while stopped before starting the new one', async () => {
    const { logs, file, start, dir } = await shipperSetup();
    await writeFile(file, numberedLines(0, 10));
    const { shipper } = await start();
    await shipper.drain();
    await shipper.stop();
    await appendFile(file, numberedLines(10, 10));
    await rename(file, path.join(dir, 'audit.log-20240101'));
    await writeFile(file, numberedLines(20, 30)); // longer than the old offset: the agent would skip its start
    const started = await start();
    await started.shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 50));
    expect(started.events.find((e) => e.type === 'file-opened')).toMatchObject({
      path: path.join(dir, 'audit.log-20240101'),
      resumed: true,
      offset: 120,
    });
    await started.shipper.stop();
  });

  it('after two rotations while stopped, reads the checkpointed file, then the one rotated in between (never read), then the current one', async () => {
    const { logs, file, start } = await shippedTenLinesThenStopped();
    // logrotate (create) twice, a logger writing in between.
    await appendFile(file, numberedLines(10, 5));
    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(15, 10));
    await rename(`${file}.1`, `${file}.2`);
    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(25, 10));
    const restarted = await start();
    await restarted.shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 35));
    expect(restarted.events).toContainEqual(
      expect.objectContaining({
        type: 'rotation',
        detail: expect.stringContaining(`${file}.1 (dev`) as unknown,
      }),
    );
    expect(restarted.shipper.stats().totals.lossReports).toBe(0);
    await restarted.shipper.stop();
  });

  it('does not read again rotated files it already shipped when the name was rotated while stopped', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 10));
    const { shipper } = await start();
    await shipper.drain();
    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(10, 10));
    await shipper.drain();
    await shipper.stop();
    await rename(`${file}.1`, `${file}.2`);
    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(20, 10));
    const restarted = await start();
    await restarted.shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 30));
    await restarted.shipper.stop();
  });

  it('reports loudly a file rotated and compressed while stopped before it was ever read', async () => {
    const { logs, file, start } = await shippedTenLinesThenStopped();
    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(10, 10));
    // The next rotation compresses the previous one (logrotate `compress` without `delaycompress`).
    await rename(`${file}.1`, `${file}.2`);
    await writeFile(`${file}.1.gz`, gzipSync(await readFile(file)));
    await unlink(file);
    await writeFile(file, numberedLines(20, 10));
    const restarted = await start();
    await restarted.shipper.drain();
    expect(restarted.events).toContainEqual(
      expect.objectContaining({
        type: 'data-loss',
        path: `${file}.1.gz`,
        reason: expect.stringContaining('compressed while the shipper was stopped') as unknown,
      }),
    );
    const stats = restarted.shipper.stats();
    expect(stats.files[0]).toMatchObject({ lossReports: 1 });
    expect(formatStatus(stats)).toContain('DATA LOSS 1');
    expect(numbersOf(logs.messages(G, S))).toEqual([...range(0, 10), ...range(20, 30)]);
    await restarted.shipper.stop();
  });

  it('picks up a copytruncate that happened while stopped from the copy', async () => {
    const { logs, file, start } = await shippedTenLinesThenStopped();
    await appendFile(file, numberedLines(10, 5));
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, numberedLines(15, 5));
    const { shipper } = await start();
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 20));
    await shipper.stop();
  });

  it('reports files that vanished while stopped', async () => {
    const { file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 3));
    const { shipper } = await start();
    await shipper.drain();
    await shipper.stop();
    await unlink(file);
    const restarted = await start();
    expect(restarted.events.find((e) => e.type === 'data-loss')).toMatchObject({
      reason: expect.stringContaining('is gone'),
    });
    await restarted.shipper.stop();
  });

  it('looks for the requests an earlier run had in flight and sends only the missing ones', async () => {
    const { logs, file, start, dir } = await shipperSetup();
    await writeFile(file, numberedLines(0, 6));
    // An earlier run: lines 0-1 accepted and checkpointed, lines 2-3 sent and accepted but killed
    // before the checkpoint, lines 4-5 sent and lost.
    const T = Date.now() - 60_000;
    const handle = await open(file, 'r');
    const identity = await identify(handle);
    await handle.close();
    await logs.createLogGroup({ logGroupName: G });
    await logs.createLogStream({ logGroupName: G, logStreamName: S });
    await logs.putLogEvents({
      logGroupName: G,
      logStreamName: S,
      logEvents: [0, 1, 2, 3].map((n) => ({
        timestamp: T + n,
        message: `line ${String(n).padStart(6, '0')}`,
      })),
    });
    const store = new CheckpointStore(path.join(dir, 'state'), isCurrentFollowerState);
    await store.open();
    await store.save(store.keyFor(file, G, S), () => ({
      version: 1,
      path: file,
      group: G,
      stream: S,
      generations: [
        {
          identity,
          path: file,
          done: [[0, 0, 24, 0]],
          pending: [
            { from: [24, 0], to: [48, 0], group: G, stream: S, firstTs: T + 2, lastTs: T + 3, count: 2 },
            { from: [48, 0], to: [72, 0], group: G, stream: S, firstTs: T + 4, lastTs: T + 5, count: 2 },
          ],
          rotated: false,
        },
      ],
      completed: [],
      savedAt: new Date().toISOString(),
    }));
    const { shipper, events } = await start();
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 6));
    expect(
      events.filter((e) => e.type === 'reconciled').map((e) => e.type === 'reconciled' && e.presence),
    ).toEqual(['present', 'absent']);
    // Resent under the time they were first sent with, so they sort where they belong.
    expect(logs.events(G, S).map((e) => e.timestamp)).toEqual([T, T + 1, T + 2, T + 3, T + 4, T + 4]);
    expect(shipper.stats().files[0]).toMatchObject({ eventsSkipped: 2, eventsShipped: 2 });
    await shipper.stop();
  });
});
