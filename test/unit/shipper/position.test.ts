import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pos } from '../../../harness/shipper/position.ts';
import { IntervalSet, comparePos } from '../../../harness/shipper/position.ts';

describe('IntervalSet', () => {
  it('merges touching and overlapping intervals', () => {
    const set = new IntervalSet();
    set.add([10, 0], [20, 0]);
    set.add([0, 0], [10, 0]);
    set.add([30, 0], [40, 0]);
    expect(set.toJSON()).toEqual([
      [0, 0, 20, 0],
      [30, 0, 40, 0],
    ]);
    set.add([15, 0], [35, 0]);
    expect(set.toJSON()).toEqual([[0, 0, 40, 0]]);
  });

  it('tracks the chunks of a split line as finely as whole lines', () => {
    const set = new IntervalSet();
    set.add([100, 0], [100, 1]);
    set.add([100, 2], [250, 0]);
    expect(set.covers([100, 1], [100, 2])).toBe(false);
    expect(set.covers([100, 2], [250, 0])).toBe(true);
    set.add([0, 0], [100, 0]);
    expect(set.contiguousEnd()).toEqual([100, 1]);
    set.add([100, 1], [100, 2]);
    expect(set.contiguousEnd()).toEqual([250, 0]);
  });

  it('survives a JSON round trip and ignores malformed entries', () => {
    const set = new IntervalSet([
      [
        [0, 0],
        [5, 0],
      ],
      [
        [7, 1],
        [9, 0],
      ],
    ]);
    expect(IntervalSet.fromJSON(JSON.parse(JSON.stringify(set))).toJSON()).toEqual(set.toJSON());
    expect(IntervalSet.fromJSON([[1, 2], 'x', [0, 0, -1, 0]]).toJSON()).toEqual([]);
  });

  it('covers exactly the union of what was added (property)', () => {
    const pos = fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 }))
      .map((p) => p as unknown as Pos);
    const interval = fc
      .tuple(pos, pos)
      .map(([a, b]) => (comparePos(a, b) <= 0 ? [a, b] : [b, a]) as [Pos, Pos]);
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 12 }),
        fc.array(pos, { maxLength: 20 }),
        (intervals, probes) => {
          const set = new IntervalSet();
          for (const [a, b] of intervals) set.add(a, b);
          const list = set.intervals;
          for (let i = 1; i < list.length; i++)
            expect(comparePos(list[i - 1]![1], list[i]![0])).toBeLessThan(0);
          for (const p of probes) {
            const next: Pos = [p[0], p[1] + 1];
            const inUnion = intervals.some(([a, b]) => comparePos(a, p) <= 0 && comparePos(next, b) <= 0);
            // A unit step inside one added interval is covered; covered steps lie in the union of
            // (possibly merged) intervals.
            if (inUnion) expect(set.covers(p, next)).toBe(true);
          }
        },
      ),
    );
  });
});
