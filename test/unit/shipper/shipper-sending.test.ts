import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TEST_GROUP as G,
  TEST_STREAM as S,
  numberedLines,
  numbersOf,
  range,
  shipperSetup,
} from '../../support/shipper-harness.ts';

describe('shipper: sending', () => {
  it('stops the file on a non-retryable error and keeps its checkpoint; a restart ships everything', async () => {
    const { logs, file, start, dir } = await shipperSetup();
    await writeFile(file, numberedLines(0, 5));
    let { shipper } = await start();
    await shipper.drain();
    logs.putFaults.push({ error: 'InvalidParameterException', message: 'something the service refuses' });
    await appendFile(file, numberedLines(5, 5));
    await expect(shipper.drain()).rejects.toMatchObject({ code: 'LAB_SHIPPER_DESTINATION_STOPPED' });
    expect(shipper.stats().files[0]).toMatchObject({
      stoppedByError: expect.stringContaining('InvalidParameterException'),
      committedOffset: 60,
      eventsShipped: 5,
    });
    await shipper.stop();
    const stateFile = (await readdir(path.join(dir, 'state'))).find((n) => n.endsWith('.json'))!;
    const state = JSON.parse(await readFile(path.join(dir, 'state', stateFile), 'utf8'));
    expect(state.generations[0].done).toEqual([[0, 0, 60, 0]]);
    ({ shipper } = await start());
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 10));
    await shipper.stop();
  });

  it('retries throttling and 5xx until accepted, counting retries', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 3));
    logs.putFaults.push(
      { error: 'ThrottlingException' },
      { error: 'ServiceUnavailableException', status: 500 },
      { error: 'ThrottlingException' },
    );
    const { shipper, events } = await start();
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual([0, 1, 2]);
    expect(shipper.stats().files[0]!.retries).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(3);
    await shipper.stop();
  });

  it('counts and reports events the service rejects as too old or too new', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 4));
    const { shipper, events } = await start();
    await logs.createLogGroup({ logGroupName: G }).catch(() => undefined);
    await logs.createLogStream({ logGroupName: G, logStreamName: S }).catch(() => undefined);
    logs.putFaults.push({ reject: { tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 3 } });
    await shipper.drain();
    expect(shipper.stats().files[0]).toMatchObject({
      eventsShipped: 2,
      eventsRejected: 2,
      rejected: { tooOld: 1, tooNew: 1, expired: 0 },
      committedOffset: 48,
    });
    expect(events.find((e) => e.type === 'rejected')).toMatchObject({ tooOld: 1, tooNew: 1 });
    await shipper.stop();
  });
});
