import { describe, expect, it } from 'vitest';
import type { ResolvedSource } from '../../../../harness/shipper/config/types.ts';
import { compileTimestampFormat } from '../../../../harness/shipper/config/timestamp-format.ts';
import { EventAssembler } from '../../../../harness/shipper/input/event-assembler.ts';
import { buildUnit, decodeLine, splitUtf8 } from '../../../../harness/shipper/input/event-builder.ts';

function source(overrides: Partial<ResolvedSource> = {}): ResolvedSource {
  return {
    index: 0,
    filePath: '/x.log',
    isGlob: false,
    logGroupName: 'g',
    logGroupNameConfigured: true,
    logStreamName: 's',
    publishMultiLogs: false,
    trimTimestamp: false,
    multiLine: { startPattern: /^\S/, implicit: true },
    encoding: 'utf-8',
    filters: [],
    autoRemoval: false,
    ...overrides,
  };
}

describe('EventAssembler', () => {
  it("groups indented continuation lines with the agent's implicit ^\\S pattern", () => {
    const a = new EventAssembler(/^\S/);
    expect(a.pushLine(0, 10, 'Exception: boom')).toEqual([]);
    expect(a.pushLine(10, 20, '  at f()')).toEqual([]);
    expect(a.pushLine(20, 21, '')).toEqual([]);
    expect(a.pushLine(21, 30, 'next')).toEqual([{ start: 0, end: 21, text: 'Exception: boom\n  at f()\n' }]);
    expect(a.holding).toBe(true);
    expect(a.flush()).toEqual({ start: 21, end: 30, text: 'next' });
    expect(a.flush()).toBeUndefined();
  });

  it('cuts at boundaries an earlier run recorded, even inside a group', () => {
    const a = new EventAssembler(/^\S/, [10]);
    a.pushLine(0, 10, 'start');
    expect(a.pushLine(10, 20, '  continuation')).toEqual([{ start: 0, end: 10, text: 'start' }]);
  });
});

describe('buildUnit', () => {
  const memory = () => ({ last: undefined as number | undefined });

  it('stamps events with the clock at read time by default', () => {
    const built = buildUnit({ start: 0, end: 4, text: 'abc' }, source(), 1234, memory(), 1000);
    expect(built).toEqual({
      kind: 'events',
      parts: [{ message: 'abc', bytes: 3, timestamp: 1234, from: [0, 0], to: [4, 0] }],
    });
  });

  it('parses and trims timestamps, and falls back to the last parsed one', () => {
    const s = source({ timestamp: compileTimestampFormat('%Y-%m-%d %H:%M:%S', 'UTC'), trimTimestamp: true });
    const m = memory();
    const first = buildUnit({ start: 0, end: 30, text: '2024-01-02 03:04:05   hello' }, s, 9, m, 1000);
    expect(first.kind === 'events' && first.parts[0]).toMatchObject({
      message: 'hello',
      timestamp: Date.UTC(2024, 0, 2, 3, 4, 5),
    });
    const second = buildUnit({ start: 30, end: 40, text: 'no time' }, s, 9, m, 1000);
    expect(second.kind === 'events' && second.parts[0]!.timestamp).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('applies every filter (include must match, exclude must not)', () => {
    const s = source({
      filters: [
        { type: 'include', expression: /"type":"response"/ },
        { type: 'exclude', expression: /sys\/health/ },
      ],
    });
    expect(buildUnit({ start: 0, end: 1, text: '{"type":"request"}' }, s, 0, memory(), 1000).kind).toBe(
      'filtered',
    );
    expect(
      buildUnit({ start: 0, end: 1, text: '{"type":"response","path":"sys/health"}' }, s, 0, memory(), 1000)
        .kind,
    ).toBe('filtered');
    expect(
      buildUnit({ start: 0, end: 1, text: '{"type":"response","path":"secret/x"}' }, s, 0, memory(), 1000)
        .kind,
    ).toBe('events');
  });

  it('never sends an empty message', () => {
    expect(buildUnit({ start: 0, end: 1, text: '' }, source(), 0, memory(), 1000).kind).toBe('empty');
  });

  it('splits an oversized event into ordered chunks whose positions tile the line', () => {
    const text = 'ab'.repeat(25);
    const built = buildUnit({ start: 100, end: 151, text }, source(), 7, memory(), 20);
    expect(built.kind).toBe('events');
    if (built.kind !== 'events') return;
    expect(built.parts.map((p) => p.message).join('')).toBe(text);
    expect(built.parts.map((p) => [p.from, p.to])).toEqual([
      [
        [100, 0],
        [100, 1],
      ],
      [
        [100, 1],
        [100, 2],
      ],
      [
        [100, 2],
        [151, 0],
      ],
    ]);
    expect(built.parts.every((p) => p.timestamp === 7 && p.bytes <= 20)).toBe(true);
  });
});

describe('splitUtf8', () => {
  it('never cuts inside a character', () => {
    const text = 'é'.repeat(7) + '😀'.repeat(3);
    const pieces = splitUtf8(text, 5);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const p of pieces) {
      expect(p.bytes).toBeLessThanOrEqual(5);
      expect(Buffer.byteLength(p.text)).toBe(p.bytes);
      expect(p.text).not.toContain('\ufffd');
    }
  });
});

describe('decodeLine', () => {
  it('drops a byte-order mark at the start of the file only', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf, 0x61]);
    expect(decodeLine(bom, 'utf-8', true)).toBe('a');
    expect(decodeLine(Buffer.from('\ufeffa', 'utf16le'), 'utf-16le', true)).toBe('a');
    expect(decodeLine(Buffer.from('\ufeffa', 'utf16le'), 'utf-16le', false)).toBe('\ufeffa');
  });

  it('decodes legacy encodings', () => {
    expect(decodeLine(Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]), 'shift_jis', false)).toBe('テスト');
    expect(decodeLine(Buffer.from([0xe9]), 'windows-1252', false)).toBe('é');
  });
});
