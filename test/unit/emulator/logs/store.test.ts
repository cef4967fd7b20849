import { describe, expect, it } from 'vitest';
import {
  LogGroupState,
  LogStreamState,
  LogsStore,
  restoreLogs,
  snapshotLogs,
} from '../../../../harness/emulator/logs/store.ts';

const event = (timestamp: number, seq: number, message = `m${seq}`) => ({
  timestamp,
  message,
  ingestionTime: 5000,
  seq,
});

describe('log stream storage', () => {
  it('keeps events in timestamp then arrival order, even when batches arrive out of order', () => {
    const stream = new LogStreamState('s', 0);
    stream.append([event(10, 1), event(20, 2)], 4);
    stream.append([event(15, 3), event(20, 4)], 4);
    expect(stream.ordered().map((e) => e.seq)).toEqual([1, 3, 2, 4]);
    expect([stream.firstEventTimestamp, stream.lastEventTimestamp, stream.storedBytes]).toEqual([10, 20, 8]);
  });

  it('expires events older than a cutoff and frees their bytes', () => {
    const stream = new LogStreamState('s', 0);
    stream.append([event(10, 1, 'aa'), event(20, 2, 'bbb'), event(30, 3, 'c')], 6);
    expect(stream.expireBefore(25)).toBe(5);
    expect(stream.ordered().map((e) => e.timestamp)).toEqual([30]);
    expect(stream.storedBytes).toBe(1);
  });

  it('computes the retention cutoff from the group policy', () => {
    const group = new LogGroupState('g', 0);
    expect(group.retentionCutoff(10 * 86_400_000)).toBeUndefined();
    group.retentionInDays = 3;
    expect(group.retentionCutoff(10 * 86_400_000)).toBe(7 * 86_400_000);
  });
});

describe('snapshots for --state-dir', () => {
  it('restores a stream of 200,000 events', () => {
    const store = new LogsStore();
    const group = new LogGroupState('g', 0);
    const stream = new LogStreamState('s', 0);
    stream.append(
      Array.from({ length: 200_000 }, (_, i) => event(i, store.nextSeq())),
      200_000,
    );
    group.streams.set('s', stream);
    store.groups.set('g', group);
    const restored = restoreLogs(snapshotLogs(store)).groups.get('g')!.streams.get('s')!;
    expect(restored.ordered()).toHaveLength(200_000);
    expect(restored.lastIngestionTime).toBe(5000);
  });

  it('round-trips groups, streams, events, filters, tags and retention', () => {
    const store = new LogsStore();
    const group = new LogGroupState('g', 100, 'STANDARD', undefined, true);
    group.retentionInDays = 7;
    group.tags = { a: 'b' };
    group.metricFilters.set('f', {
      filterName: 'f',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }],
      creationTime: 150,
    });
    const stream = new LogStreamState('s', 110);
    stream.append([event(200, store.nextSeq(), 'héllo'), event(201, store.nextSeq())], 8);
    group.streams.set('s', stream);
    store.groups.set('g', group);

    const restored = restoreLogs(JSON.parse(JSON.stringify(snapshotLogs(store))));
    expect(restored.seq).toBe(2);
    const g = restored.groups.get('g')!;
    expect([g.creationTime, g.retentionInDays, g.tags, g.deletionProtectionEnabled]).toEqual([
      100,
      7,
      { a: 'b' },
      true,
    ]);
    expect(g.metricFilters.get('f')?.filterPattern).toBe('ERROR');
    const s = g.streams.get('s')!;
    expect(s.ordered()).toEqual(stream.ordered());
    expect([s.creationTime, s.storedBytes, s.lastIngestionTime]).toEqual([110, 8, 5000]);
  });
});
