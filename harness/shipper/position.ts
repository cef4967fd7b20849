/**
 * A position in a file as the shipper tracks it: a byte offset plus a chunk index. An event made of
 * the bytes [a, b) that fits in one PutLogEvents event covers [(a,0), (b,0)). An oversized event cut
 * into n chunks covers [(a,0),(a,1)), [(a,1),(a,2)) … [(a,n-1),(b,0)), so the chunks of one line tile
 * the position space just as whole lines do, and "which chunks of this line were accepted" is as
 * exact as "which lines were accepted". Positions compare lexicographically.
 */
export type Pos = readonly [offset: number, chunk: number];

export const ORIGIN: Pos = [0, 0];

export function comparePos(a: Pos, b: Pos): number {
  return a[0] - b[0] || a[1] - b[1];
}

export type Interval = readonly [from: Pos, to: Pos];

/**
 * Disjoint, sorted, merged half-open intervals of positions: which parts of a file are done
 * (accepted by CloudWatch, or filtered out and so never to be sent).
 */
export class IntervalSet {
  #intervals: Interval[] = [];

  constructor(intervals: readonly Interval[] = []) {
    for (const [from, to] of intervals) this.add(from, to);
  }

  get intervals(): readonly Interval[] {
    return this.#intervals;
  }

  add(from: Pos, to: Pos): void {
    if (comparePos(from, to) >= 0) return;
    let lo = from;
    let hi = to;
    const kept: Interval[] = [];
    let inserted = false;
    for (const interval of this.#intervals) {
      if (comparePos(interval[1], lo) < 0) {
        kept.push(interval);
      } else if (comparePos(interval[0], hi) > 0) {
        if (!inserted) {
          kept.push([lo, hi]);
          inserted = true;
        }
        kept.push(interval);
      } else {
        // Overlapping or touching: merge.
        if (comparePos(interval[0], lo) < 0) lo = interval[0];
        if (comparePos(interval[1], hi) > 0) hi = interval[1];
      }
    }
    if (!inserted) kept.push([lo, hi]);
    this.#intervals = kept;
  }

  /** True when [from, to) lies entirely inside the set. */
  covers(from: Pos, to: Pos): boolean {
    for (const [a, b] of this.#intervals) {
      if (comparePos(a, from) <= 0 && comparePos(to, b) <= 0) return true;
      if (comparePos(a, from) > 0) return false;
    }
    return false;
  }

  /** End of the run of done positions that starts at `base`, or `base` when nothing there is done. */
  contiguousEnd(base: Pos = ORIGIN): Pos {
    const first = this.#intervals[0];
    if (first === undefined || comparePos(first[0], base) > 0 || comparePos(first[1], base) < 0) return base;
    return first[1];
  }

  /** Every interval endpoint: event boundaries of an earlier run that a re-read must respect. */
  boundaries(): number[] {
    return this.#intervals.flatMap(([a, b]) => [a[0], b[0]]);
  }

  toJSON(): [number, number, number, number][] {
    return this.#intervals.map(([a, b]) => [a[0], a[1], b[0], b[1]]);
  }

  static fromJSON(value: unknown): IntervalSet {
    const set = new IntervalSet();
    if (!Array.isArray(value)) return set;
    for (const item of value) {
      if (Array.isArray(item) && item.length === 4 && item.every((n) => Number.isSafeInteger(n) && n >= 0)) {
        set.add([item[0], item[1]], [item[2], item[3]]);
      }
    }
    return set;
  }
}
