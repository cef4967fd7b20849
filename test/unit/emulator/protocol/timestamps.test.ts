import { describe, expect, it } from 'vitest';
import {
  parseTimestamp,
  toEpochSeconds,
  toIsoTimestamp,
} from '../../../../harness/emulator/protocol/timestamps.ts';

describe('timestamps per protocol', () => {
  it('writes ISO 8601 with Z, without a fraction for whole seconds', () => {
    expect(toIsoTimestamp(new Date('2023-11-14T22:13:20.000Z'))).toBe('2023-11-14T22:13:20Z');
    expect(toIsoTimestamp(new Date('2023-11-14T22:13:20.123Z'))).toBe('2023-11-14T22:13:20.123Z');
    expect(toEpochSeconds(new Date(1700000000123))).toBe(1700000000.123);
  });

  it('reads ISO 8601 (zone-less means UTC), offsets, microseconds and epoch seconds', () => {
    expect(parseTimestamp('2023-11-14T22:13:20Z')?.getTime()).toBe(1700000000000);
    expect(parseTimestamp('2023-11-14T22:13:20')?.getTime()).toBe(1700000000000);
    expect(parseTimestamp('2023-11-14T23:13:20+01:00')?.getTime()).toBe(1700000000000);
    expect(parseTimestamp('2023-11-14T23:00:00.500000Z')?.getTime()).toBe(
      Date.UTC(2023, 10, 14, 23, 0, 0, 500),
    );
    expect(parseTimestamp(1700000000.5)?.getTime()).toBe(1700000000500);
    expect(parseTimestamp('1700000000')?.getTime()).toBe(1700000000000);
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
  });
});
