import { describe, expect, it } from 'vitest';
import { Batch } from '../../../../harness/shipper/output/batch.ts';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_BATCH_SPAN_MS,
  EVENT_OVERHEAD_BYTES,
} from '../../../../harness/aws/facts/logs.ts';
import { RecordingOwner, part } from '../../../support/shipper-parts.ts';

const owner = new RecordingOwner();

describe('Batch limits', () => {
  it('counts 26 bytes per event toward the 1,048,576-byte request limit', () => {
    const b = new Batch(1);
    const size = 1048;
    const fits = Math.floor(MAX_BATCH_BYTES / (size + EVENT_OVERHEAD_BYTES));
    for (let i = 0; i < fits; i++) {
      const p = part(owner, 0, 'x'.repeat(size));
      expect(b.fits(p)).toBe(true);
      b.add(p);
    }
    expect(b.requestBytes).toBe(fits * (size + 26));
    expect(b.fits(part(owner, 0, 'x'.repeat(size)))).toBe(false);
    // The exact remainder still fits.
    const rest = MAX_BATCH_BYTES - b.requestBytes - EVENT_OVERHEAD_BYTES;
    expect(b.fits(part(owner, 0, 'y'.repeat(rest)))).toBe(true);
    expect(b.fits(part(owner, 0, 'y'.repeat(rest + 1)))).toBe(false);
  });

  it('holds at most 10,000 events', () => {
    const b = new Batch(2);
    for (let i = 0; i < MAX_BATCH_EVENTS; i++) b.add(part(owner, 0, 'a'));
    expect(b.fits(part(owner, 0, 'a'))).toBe(false);
  });

  it('never spans more than 24 hours', () => {
    const b = new Batch(3);
    b.add(part(owner, 1_000));
    expect(b.fits(part(owner, 1_000 + MAX_BATCH_SPAN_MS))).toBe(true);
    expect(b.fits(part(owner, 1_001 + MAX_BATCH_SPAN_MS))).toBe(false);
    expect(b.fits(part(owner, 999 - MAX_BATCH_SPAN_MS + 1000))).toBe(true);
  });

  it('sorts out-of-order events stably by timestamp', () => {
    const b = new Batch(4);
    for (const [t, m] of [
      [5, 'a'],
      [3, 'b'],
      [5, 'c'],
      [3, 'd'],
    ] as const)
      b.add(part(owner, t, m));
    expect(b.sorted).toBe(false);
    expect(b.eventsInOrder().map((p) => p.message)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('gives up its trailing run of newest events so the next batch starts strictly later', () => {
    const b = new Batch(5);
    for (const t of [1, 2, 3, 3]) b.add(part(owner, t));
    const moved = b.takeTrailingRun();
    expect(moved.map((p) => p.timestamp)).toEqual([3, 3]);
    expect(b.maxTs).toBe(2);
    expect(b.size).toBe(2);
    const same = new Batch(6);
    for (const t of [4, 4]) same.add(part(owner, t));
    expect(same.takeTrailingRun()).toEqual([]);
  });
});
