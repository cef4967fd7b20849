/**
 * The first index of `sorted` at which `before` turns false (`before` must hold for a prefix of the
 * array and fail for the rest): a binary search for every "first item at or after" query the
 * emulator makes on time-ordered data (metric buckets, log events).
 */
export function partitionPoint<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
