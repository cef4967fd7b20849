import { open, stat } from 'node:fs/promises';

/**
 * A backtest's input cut into pieces that can be scanned independently: a plain file in byte ranges
 * (a piece owns the lines that start inside its range), a gzipped file whole (gzip cannot be entered
 * in the middle). Pieces keep the files' order, so line numbers add up.
 */
export interface LogPiece {
  readonly file: string;
  /** Position of the piece among the file's pieces. */
  readonly index: number;
  readonly gzip: boolean;
  readonly start: number;
  /** Exclusive; the piece reads on to the end of the line that crosses it. */
  readonly end: number;
}

export const DEFAULT_PIECE_BYTES = 32 * 1024 * 1024;

export async function planPieces(
  files: readonly string[],
  pieceBytes = DEFAULT_PIECE_BYTES,
): Promise<LogPiece[]> {
  const pieces: LogPiece[] = [];
  for (const file of files) {
    const size = (await stat(file)).size;
    if (await isGzip(file, size)) {
      pieces.push({ file, index: 0, gzip: true, start: 0, end: size });
      continue;
    }
    let index = 0;
    for (let start = 0; start < size || index === 0; start += pieceBytes) {
      pieces.push({ file, index: index++, gzip: false, start, end: Math.min(size, start + pieceBytes) });
      if (size === 0) break;
    }
  }
  return pieces;
}

/** By content, not name: rotated logs are often `audit.log.1.gz`, but a `.gz` may also be plain. */
async function isGzip(file: string, size: number): Promise<boolean> {
  if (size < 2) return false;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
