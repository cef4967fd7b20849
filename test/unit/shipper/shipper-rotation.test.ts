import { appendFile, copyFile, open, rename, truncate, unlink, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/util/wait-for.ts';
import {
  TEST_GROUP as G,
  TEST_STREAM as S,
  numberedLines,
  numbersOf,
  range,
  shipperSetup,
} from '../../support/shipper-harness.ts';

/** Only explicit drains read the file: no change notifications, no polling in between. */
const NO_POLLING = { watch: false, timing: { pollIntervalMs: 60_000 } };

describe('shipper: rotation', () => {
  it("reads a renamed file until drained, covering Vault's mv-then-SIGHUP window, then the new file", async () => {
    const { logs, file, start } = await shipperSetup();
    const writer = await open(file, 'a');
    await writer.write(numberedLines(0, 10));
    const { shipper, events } = await start();
    await shipper.drain();
    await rename(file, `${file}.1`);
    // The writer has not reopened yet: these lines go to the renamed file.
    await writer.write(numberedLines(10, 10));
    await shipper.drain();
    // SIGHUP: the writer reopens by name, creating a new file.
    await writer.close();
    await writeFile(file, numberedLines(20, 10));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 30));
    await waitFor(() => events.some((e) => e.type === 'file-finished'), {
      description: 'the renamed file to be finished',
      timeoutMs: 5000,
    });
    expect(events.filter((e) => e.type === 'rotation').map((e) => e.type === 'rotation' && e.kind)).toEqual([
      'removed',
      'rename',
    ]);
    expect(shipper.stats().files[0]!.generations).toBe(1);
    await shipper.stop();
  });

  it('keeps order when the new file is written before the old one is drained', async () => {
    const { logs, file, start } = await shipperSetup({}, NO_POLLING);
    const writer = await open(file, 'a');
    await writer.write(numberedLines(0, 5));
    const { shipper } = await start();
    await shipper.drain();
    await rename(file, `${file}.1`);
    await writer.write(numberedLines(5, 5));
    await writeFile(file, numberedLines(10, 5));
    await writer.close();
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 15));
    await shipper.stop();
  });

  it('handles copytruncate, reading the unread rest from the copy', async () => {
    const { logs, file, start } = await shipperSetup({}, NO_POLLING);
    await writeFile(file, numberedLines(0, 10));
    const { shipper, events } = await start();
    await shipper.drain();
    // Written but not yet read when logrotate copies and truncates.
    await appendFile(file, numberedLines(10, 10));
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, numberedLines(20, 3));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 23));
    expect(
      events.some((e) => e.type === 'rotation' && e.kind === 'truncate' && e.detail.includes('copy')),
    ).toBe(true);
    await shipper.stop();
  });

  it.each([
    ['past its old size (fingerprint)', 20, 'LINE'],
    ['to exactly its old size (mtime, then fingerprint)', 5, 'line'],
  ])('notices a copytruncate even when the file regrew %s', async (_, regrown, prefix) => {
    const { logs, file, start } = await shipperSetup({}, NO_POLLING);
    await writeFile(file, numberedLines(0, 5));
    const { shipper } = await start();
    await shipper.drain();
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, numberedLines(5, regrown, prefix));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 5 + regrown));
    await shipper.stop();
  });

  it('reports the loss when a file is truncated before being read and no copy exists', async () => {
    const { logs, file, start } = await shipperSetup({}, NO_POLLING);
    await writeFile(file, numberedLines(0, 5));
    const { shipper, events } = await start();
    await shipper.drain();
    await appendFile(file, numberedLines(5, 5));
    await truncate(file, 0);
    await appendFile(file, numberedLines(10, 2));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual([0, 1, 2, 3, 4, 10, 11]);
    // The shipper never saw the size grow, so it cannot say how much: the event is still raised.
    expect(
      events.some((e) => e.type === 'rotation' && e.kind === 'truncate' && e.detail.includes('no copy')),
    ).toBe(true);
    await shipper.stop();
  });

  it('follows a file deleted and recreated', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 3));
    const { shipper } = await start();
    await shipper.drain();
    await unlink(file);
    await writeFile(file, numberedLines(3, 3));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 6));
    await shipper.stop();
  });
});
