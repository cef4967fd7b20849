import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../harness/shipper/input/line-splitter.ts';

const text = (lines: { bytes: Buffer }[]) => lines.map((l) => l.bytes.toString('utf8'));

describe('LineSplitter', () => {
  it('returns complete lines with their offsets and keeps the partial rest', () => {
    const s = new LineSplitter('utf-8', 0);
    const lines = s.push(Buffer.from('one\ntwo\r\nthr'));
    expect(text(lines)).toEqual(['one', 'two']);
    expect(lines.map((l) => [l.start, l.end])).toEqual([
      [0, 4],
      [4, 9],
    ]);
    expect(s.carryStart).toBe(9);
    expect(s.position).toBe(12);
    const more = s.push(Buffer.from('ee\n'));
    expect(text(more)).toEqual(['three']);
    expect(more[0]).toMatchObject({ start: 9, end: 15 });
  });

  it('starts at the given offset (a resumed checkpoint)', () => {
    const s = new LineSplitter('utf-8', 1000);
    expect(s.push(Buffer.from('x\n'))[0]).toMatchObject({ start: 1000, end: 1002 });
  });

  it('hands out the unterminated last line only when asked', () => {
    const s = new LineSplitter('utf-8', 0);
    expect(s.push(Buffer.from('a\npartial'))).toHaveLength(1);
    const partial = s.takePartial();
    expect(partial?.bytes.toString()).toBe('partial');
    expect(partial).toMatchObject({ start: 2, end: 9 });
    expect(s.takePartial()).toBeUndefined();
    expect(s.push(Buffer.from('-rest\n'))[0]).toMatchObject({ start: 9, end: 15 });
  });

  it('splits UTF-16LE on the two-byte newline at even offsets only', () => {
    const s = new LineSplitter('utf-16le', 0);
    // U+0A0A ("ਊ") encodes as 0x0A 0x0A: not a newline.
    const buf = Buffer.from('ਊa\r\nb\n', 'utf16le');
    const lines = s.push(buf);
    expect(lines.map((l) => l.bytes.toString('utf16le'))).toEqual(['ਊa', 'b']);
    expect(lines[1]!.start).toBe(8);
  });

  it('keeps a multi-byte character split across reads intact', () => {
    const s = new LineSplitter('utf-8', 0);
    const bytes = Buffer.from('é\n');
    expect(s.push(bytes.subarray(0, 1))).toEqual([]);
    expect(text(s.push(bytes.subarray(1)))).toEqual(['é']);
  });
});
