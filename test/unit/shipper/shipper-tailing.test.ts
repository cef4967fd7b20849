import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { FakeLogs } from '../../support/shipper-fake-logs.ts';
import {
  TEST_GROUP as G,
  TEST_STREAM as S,
  numberedLines,
  numbersOf,
  range,
  shipperSetup,
  startTestShipper,
} from '../../support/shipper-harness.ts';
import { tempDir } from '../../support/shipper-temp.ts';

describe('shipper: tailing', () => {
  it('ships existing and appended lines once, in order, creating group and stream', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, numberedLines(0, 100));
    const { shipper } = await start();
    await shipper.drain();
    await appendFile(file, numberedLines(100, 50));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 150));
    const stats = shipper.stats();
    expect(stats.files[0]).toMatchObject({
      eventsRead: 150,
      eventsShipped: 150,
      eventsRejected: 0,
      lagMs: 0,
      committedOffset: 150 * 12,
    });
    await shipper.stop();
  });

  it('follows new lines without being asked (change notifications and polling)', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, '');
    const { shipper } = await start();
    await appendFile(file, numberedLines(0, 3));
    await waitFor(() => logs.messages(G, S).length === 3, {
      description: 'three lines shipped',
      timeoutMs: 5000,
    });
    await shipper.stop();
  });

  it('waits for a partial last line, ships it after the idle timeout, and continues after it', async () => {
    const { logs, file, start } = await shipperSetup();
    await writeFile(file, 'first\nsecond-without-newline');
    const { shipper } = await start();
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['first']);
    await waitFor(() => logs.messages(G, S).length === 2, {
      description: 'the partial line after the idle timeout',
      timeoutMs: 5000,
    });
    expect(logs.messages(G, S)).toEqual(['first', 'second-without-newline']);
    await appendFile(file, '\nthird\n');
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['first', 'second-without-newline', 'third']);
    await shipper.stop();
  });

  it('ships the partial last line on stop', async () => {
    const { logs, file, start } = await shipperSetup({}, { timing: { partialLineTimeoutMs: 60_000 } });
    await writeFile(file, 'a\nb');
    const { shipper } = await start();
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['a']);
    await shipper.stop();
    await shipper.stop();
    expect(logs.messages(G, S)).toEqual(['a', 'b']);
  });

  it('flush() ships what was read at once, held multi-line event included, without waiting for the interval', async () => {
    const dir = await tempDir();
    const logs = new FakeLogs();
    const file = path.join(dir, 'audit.log');
    await writeFile(file, 'one\ntwo\n');
    const { shipper } = await startTestShipper({
      dir,
      client: logs,
      logs: { force_flush_interval: 3600 },
      options: { timing: { multiLineIdleMs: 3_600_000 } },
    });
    await waitFor(() => shipper.stats().files[0]!.bytesRead === 8, { description: 'both lines read' });
    expect(logs.messages(G, S)).toEqual([]);
    await shipper.flush();
    expect(logs.messages(G, S)).toEqual(['one', 'two']);
    await shipper.stop();
  });

  it('waits for the file to appear', async () => {
    const { logs, file, start } = await shipperSetup();
    const { shipper } = await start();
    await shipper.drain();
    await writeFile(file, numberedLines(0, 2));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual([0, 1]);
    await shipper.stop();
  });

  it('groups multi-line events and applies filters', async () => {
    const { logs, file, start } = await shipperSetup({
      filters: [{ type: 'exclude', expression: 'sys/health' }],
    });
    await writeFile(file, 'Error: boom\n  at a()\n  at b()\nGET sys/health\nnext\n');
    const { shipper } = await start();
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['Error: boom\n  at a()\n  at b()', 'next']);
    expect(shipper.stats().files[0]).toMatchObject({
      eventsFiltered: 1,
      eventsShipped: 2,
      committedOffset: 50,
    });
    await shipper.stop();
  });

  it('splits events larger than the API allows into ordered chunks, losing nothing', async () => {
    const { logs, file, start } = await shipperSetup({}, { maxEventBytes: 1026 });
    const long = 'é'.repeat(1500);
    await writeFile(file, `before\n${long}\nafter\n`);
    const { shipper, events } = await start();
    await shipper.drain();
    const messages = logs.messages(G, S);
    expect(messages[0]).toBe('before');
    expect(messages[messages.length - 1]).toBe('after');
    expect(messages.slice(1, -1).join('')).toBe(long);
    expect(messages.slice(1, -1).every((m) => Buffer.byteLength(m) <= 1000)).toBe(true);
    expect(events.find((e) => e.type === 'split')).toMatchObject({ parts: 3 });
    expect(shipper.stats().files[0]!.eventsSplit).toBe(1);
    await shipper.stop();
  });

  it('reads UTF-16LE files', async () => {
    const { logs, file, start } = await shipperSetup({ encoding: 'utf-16le' });
    await writeFile(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\r\nwörld\n', 'utf16le')]),
    );
    const { shipper } = await start();
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['héllo', 'wörld']);
    await shipper.stop();
  });
});
