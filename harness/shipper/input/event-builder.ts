import type { ResolvedSource } from '../config/types.ts';
import type { Unit } from './event-assembler.ts';
import type { Pos } from '../position.ts';

/**
 * Turns an assembled event into what is sent: timestamp (parsed with `timestamp_format`, else the
 * Clock's time at read, the agent's default), filters, and splitting.
 *
 * Oversized events are split, never truncated or dropped: a message longer than the API allows is cut
 * at UTF-8 character boundaries into consecutive events of at most `maxMessageBytes` bytes, all with
 * the same timestamp, in order (the agent truncates with "[Truncated...]" in one place and drops
 * multi-line overflow in another).
 */
export interface PartDraft {
  readonly message: string;
  readonly bytes: number;
  readonly timestamp: number;
  readonly from: Pos;
  readonly to: Pos;
}

export type BuiltUnit =
  | { readonly kind: 'events'; readonly parts: readonly PartDraft[] }
  /** Refused by a filter: never sent, but done (the checkpoint moves past it). */
  | { readonly kind: 'filtered' }
  /** Nothing to send (PutLogEvents requires a non-empty message). */
  | { readonly kind: 'empty' };

export interface TimestampMemory {
  /** Last timestamp parsed from this file: events whose own does not parse take it (the agent's rule). */
  last: number | undefined;
}

export function buildUnit(
  unit: Unit,
  source: ResolvedSource,
  now: number,
  memory: TimestampMemory,
  maxMessageBytes: number,
): BuiltUnit {
  let text = unit.text;
  let timestamp = now;
  if (source.timestamp) {
    const parsed = source.timestamp.parse(text, now);
    if (parsed) {
      timestamp = parsed.epochMs;
      memory.last = parsed.epochMs;
      if (source.trimTimestamp) {
        text = text.slice(0, parsed.index) + text.slice(parsed.index + parsed.length).replace(/^\s+/, '');
      }
    } else if (memory.last !== undefined) {
      timestamp = memory.last;
    }
  }
  for (const filter of source.filters) {
    const matches = filter.expression.test(text);
    if (filter.type === 'include' ? !matches : matches) return { kind: 'filtered' };
  }
  if (text.length === 0) return { kind: 'empty' };
  const chunks = splitUtf8(text, maxMessageBytes);
  if (chunks.length === 1) {
    const only = chunks[0]!;
    return {
      kind: 'events',
      parts: [{ message: only.text, bytes: only.bytes, timestamp, from: [unit.start, 0], to: [unit.end, 0] }],
    };
  }
  return {
    kind: 'events',
    parts: chunks.map((chunk, k) => ({
      message: chunk.text,
      bytes: chunk.bytes,
      timestamp,
      from: [unit.start, k] as Pos,
      to: (k === chunks.length - 1 ? [unit.end, 0] : [unit.start, k + 1]) as Pos,
    })),
  };
}

/** Cuts `text` into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): { text: string; bytes: number }[] {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no encoding to be sized.
  if (text.length * 3 <= maxBytes) return [{ text, bytes: Buffer.byteLength(text) }];
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= maxBytes) return [{ text, bytes: encoded.length }];
  const pieces: { text: string; bytes: number }[] = [];
  let start = 0;
  while (start < encoded.length) {
    let end = Math.min(start + maxBytes, encoded.length);
    // Step back over continuation bytes (10xxxxxx) so the cut falls on a character start.
    while (end < encoded.length && end > start && (encoded[end]! & 0xc0) === 0x80) end--;
    pieces.push({ text: encoded.toString('utf8', start, end), bytes: end - start });
    start = end;
  }
  return pieces;
}

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

/** Decodes one line; a byte-order mark at the start of the file is not part of the text. */
export function decodeLine(bytes: Buffer, encoding: string, atFileStart: boolean): string {
  if (encoding === 'utf-8') {
    const skip = atFileStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return bytes.toString('utf8', skip);
  }
  // Only the file's first line can carry a byte-order mark that is not text.
  const key = `${encoding}|${atFileStart}`;
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    decoder = new TextDecoder(encoding, { ignoreBOM: !atFileStart });
    decoders.set(key, decoder);
  }
  return decoder.decode(bytes);
}
