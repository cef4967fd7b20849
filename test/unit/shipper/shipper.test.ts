import { appendFile, copyFile, open, readFile, rename, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identify } from '../../../harness/shipper/file-identity.ts';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { FakeLogs } from '../../support/shipper-fake-logs.ts';
import { numberedLines, numbersOf, range, startTestShipper } from '../../support/shipper-harness.ts';
import { tempDir } from '../../support/shipper-temp.ts';

const G = 'vault_audit';
const S = 'lab';

async function setup(entry: Record<string, unknown> = {}, options = {}) {
  const dir = await tempDir();
  const logs = new FakeLogs();
  const file = path.join(dir, 'audit.log');
  return { dir, logs, file, start: () => startTestShipper({ dir, client: logs, entry, options }) };
}

describe('shipper: tailing', () => {
  it('ships existing and appended lines once, in order, creating group and stream', async () => {
    const { logs, file, start } = await setup();
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
    const { logs, file, start } = await setup();
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
    const { logs, file, start } = await setup();
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
    const { logs, file, start } = await setup({}, { timing: { partialLineTimeoutMs: 60_000 } });
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
    const { logs, file, start } = await setup();
    const { shipper } = await start();
    await shipper.drain();
    await writeFile(file, numberedLines(0, 2));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual([0, 1]);
    await shipper.stop();
  });

  it('groups multi-line events and applies filters', async () => {
    const { logs, file, start } = await setup({ filters: [{ type: 'exclude', expression: 'sys/health' }] });
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
    const { logs, file, start } = await setup({}, { maxEventBytes: 1026 });
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
    const { logs, file, start } = await setup({ encoding: 'utf-16le' });
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

describe('shipper: rotation', () => {
  it("reads a renamed file until drained, covering Vault's mv-then-SIGHUP window, then the new file", async () => {
    const { logs, file, start } = await setup();
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
    const { logs, file, start } = await setup({}, { watch: false, timing: { pollIntervalMs: 60_000 } });
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
    const { logs, file, start } = await setup({}, { watch: false, timing: { pollIntervalMs: 60_000 } });
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

  it('notices a copytruncate even when the file regrew past its old size (fingerprint)', async () => {
    const { logs, file, start } = await setup({}, { watch: false, timing: { pollIntervalMs: 60_000 } });
    await writeFile(file, numberedLines(0, 5));
    const { shipper } = await start();
    await shipper.drain();
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, numberedLines(5, 20, 'LINE'));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 25));
    await shipper.stop();
  });

  it('notices a copytruncate that regrew to exactly the old size (mtime, then fingerprint)', async () => {
    const { logs, file, start } = await setup({}, { watch: false, timing: { pollIntervalMs: 60_000 } });
    await writeFile(file, numberedLines(0, 5));
    const { shipper } = await start();
    await shipper.drain();
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, numberedLines(5, 5));
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 10));
    await shipper.stop();
  });

  it('reports the loss when a file is truncated before being read and no copy exists', async () => {
    const { logs, file, start } = await setup({}, { watch: false, timing: { pollIntervalMs: 60_000 } });
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
    const { logs, file, start } = await setup();
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

describe('shipper: checkpoints', () => {
  it('resumes exactly after a restart', async () => {
    const { logs, file, start } = await setup();
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
    const { logs, file, start, dir } = await setup();
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

  it('picks up a copytruncate that happened while stopped from the copy', async () => {
    const { logs, file, start } = await setup();
    await writeFile(file, numberedLines(0, 10));
    let { shipper } = await start();
    await shipper.drain();
    await shipper.stop();
    await appendFile(file, numberedLines(10, 5));
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, numberedLines(15, 5));
    ({ shipper } = await start());
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 20));
    await shipper.stop();
  });

  it('reports files that vanished while stopped', async () => {
    const { file, start } = await setup();
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
    const { logs, file, start, dir } = await setup();
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
    const { CheckpointStore } = await import('../../../harness/shipper/checkpoint-store.ts');
    const store = new CheckpointStore(path.join(dir, 'state'));
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

describe('shipper: sending', () => {
  it('stops the file on a non-retryable error and keeps its checkpoint; a restart ships everything', async () => {
    const { logs, file, start, dir } = await setup();
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
    const state = JSON.parse(
      await readFile(
        path.join(
          dir,
          'state',
          (await import('node:fs')).readdirSync(path.join(dir, 'state')).find((n) => n.endsWith('.json'))!,
        ),
        'utf8',
      ),
    );
    expect(state.generations[0].done).toEqual([[0, 0, 60, 0]]);
    ({ shipper } = await start());
    await shipper.drain();
    expect(numbersOf(logs.messages(G, S))).toEqual(range(0, 10));
    await shipper.stop();
  });

  it('retries throttling and 5xx until accepted, counting retries', async () => {
    const { logs, file, start } = await setup();
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
    const { logs, file, start } = await setup();
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

describe('shipper: globs', () => {
  it('follows every match with publish_multi_logs, one stream per file', async () => {
    const dir = await tempDir();
    const logs = new FakeLogs();
    await writeFile(path.join(dir, 'a.log'), 'from a\n');
    await writeFile(path.join(dir, 'b.log'), 'from b\n');
    await writeFile(path.join(dir, 'c.log.gz'), 'compressed\n');
    const { shipper } = await startTestShipper({
      dir,
      client: logs,
      file: path.join(dir, '*.log*'),
      entry: { publish_multi_logs: true, log_stream_name: 'lab' },
      options: { globIntervalMs: 50 },
    });
    await shipper.drain();
    const streams = [...(logs.groups.get(G)?.streams.keys() ?? [])].sort();
    expect(streams).toEqual([`lab_${dir.replace(/\//g, '_')}_a.log`, `lab_${dir.replace(/\//g, '_')}_b.log`]);
    await writeFile(path.join(dir, 'd.log'), 'from d\n');
    await waitFor(() => logs.groups.get(G)!.streams.size === 3, {
      description: 'the new match to be followed',
      timeoutMs: 5000,
    });
    await shipper.stop();
  });

  it('follows only the newest match without publish_multi_logs', async () => {
    const dir = await tempDir();
    const logs = new FakeLogs();
    await writeFile(path.join(dir, 'app-1.log'), 'old\n');
    const newer = path.join(dir, 'app-2.log');
    await writeFile(newer, 'new\n');
    const { utimes } = await import('node:fs/promises');
    await utimes(path.join(dir, 'app-1.log'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const { shipper } = await startTestShipper({ dir, client: logs, file: path.join(dir, 'app-*.log') });
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['new']);
    await shipper.stop();
  });
});
