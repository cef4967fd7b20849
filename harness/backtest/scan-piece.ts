import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { BacktestRule } from './backtest-rule.ts';
import { LineScanner } from './line-scanner.ts';
import type { TimeWindow } from './line-scanner.ts';
import type { LogPiece } from './log-pieces.ts';
import type { CauseRequest, ScanResult } from './scan-result.ts';
import { BacktestReadError } from './errors.ts';

const NEWLINE = 0x0a;
const READ_CHUNK = 1024 * 1024;

/**
 * Reads one piece and scans its lines. Memory stays at one read chunk plus one partial line; the
 * result holds per-minute buckets, which grow with the time span, not with the log size.
 */
export async function scanPiece(
  piece: LogPiece,
  rules: readonly BacktestRule[],
  window: TimeWindow,
  onBytes: (count: number) => void = () => undefined,
  causeRequests?: readonly CauseRequest[],
): Promise<ScanResult> {
  const scanner = new LineScanner(rules, window, causeRequests);
  let stream: Readable;
  let skipFirstLine = false;
  let limit = Infinity;
  if (piece.gzip) {
    stream = createReadStream(piece.file, { highWaterMark: READ_CHUNK }).pipe(
      createGunzip({ chunkSize: READ_CHUNK }),
    );
  } else {
    // Starting one byte early tells whether the range starts on a line boundary.
    const from = Math.max(0, piece.start - 1);
    skipFirstLine = piece.start > 0;
    stream = createReadStream(piece.file, { start: from, highWaterMark: READ_CHUNK });
    limit = piece.end - from;
  }
  let position = 0;
  let carry: Buffer | undefined;
  let done = false;
  try {
    await readLines();
  } catch (error) {
    stream.destroy();
    const message = error instanceof Error ? error.message : String(error);
    if (!piece.gzip) throw new BacktestReadError(piece.file, message, { cause: error });
    // A rotated file still being written, or cut short: keep what was read and say where it broke.
    scanner.unreadableRest(`gzip data broken from here on (${message}): the rest of the file was not read`);
    scanner.addBytes(position);
    return scanner.result();
  }
  stream.destroy();
  scanner.addBytes(piece.gzip ? position : piece.end - piece.start);
  return scanner.result();

  async function readLines(): Promise<void> {
    for await (const data of stream as AsyncIterable<Buffer>) {
      const chunk = carry === undefined ? data : Buffer.concat([carry, data]);
      const base = position - (carry?.length ?? 0);
      onBytes(piece.gzip ? data.length : Math.max(0, Math.min(position + data.length, limit) - position));
      position += data.length;
      carry = undefined;
      let lineStart = 0;
      if (skipFirstLine) {
        // The line that crosses the piece's start belongs to the previous piece.
        const newline = chunk.indexOf(NEWLINE);
        if (newline < 0) {
          carry = chunk;
          continue;
        }
        lineStart = newline + 1;
        skipFirstLine = false;
        if (base + lineStart >= limit) {
          done = true;
          break;
        }
      }
      let stop = chunk.lastIndexOf(NEWLINE);
      if (base + chunk.length > limit - 1) {
        // The piece owns the lines that start before its end: up to the first newline at or after it.
        const cut = chunk.indexOf(NEWLINE, Math.max(lineStart, limit - 1 - base));
        if (cut >= 0) {
          stop = cut;
          done = true;
        }
      }
      if (stop < lineStart) {
        carry = chunk.subarray(lineStart);
        continue;
      }
      feedLines(scanner, chunk.toString('utf8', lineStart, stop));
      if (done) break;
      carry = stop + 1 < chunk.length ? chunk.subarray(stop + 1) : undefined;
    }
    // An unterminated last line is still a line.
    if (!done && carry !== undefined && carry.length > 0) scanner.line(carry.toString('utf8'));
  }
}

function feedLines(scanner: LineScanner, text: string): void {
  let from = 0;
  for (;;) {
    const to = text.indexOf('\n', from);
    if (to < 0) {
      scanner.line(text.slice(from));
      return;
    }
    scanner.line(text.slice(from, to));
    from = to + 1;
  }
}
