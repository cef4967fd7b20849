/**
 * Cuts a byte stream into lines, remembering each line's file offsets. `\n` and `\r\n` end a line
 * (and are not part of it). For UTF-16 the newline is the two-byte code unit at an even offset. The
 * bytes after the last newline stay in the carry until more arrive: a partial last line is never
 * emitted as a line, only explicitly through `takePartial()` (idle timeout, rotation, shutdown).
 */
export interface RawLine {
  /** Offset of the first byte. */
  readonly start: number;
  /** Offset past the terminator (the next line's start). */
  readonly end: number;
  readonly bytes: Buffer;
}

/** A line this long without a newline is cut here rather than buffered without bound. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export class LineSplitter {
  readonly #newline: Buffer;
  readonly #cr: Buffer;
  readonly #unit: number;
  #carry: Buffer = Buffer.alloc(0);
  #carryStart: number;

  constructor(encoding: string, startOffset: number) {
    this.#carryStart = startOffset;
    if (encoding === 'utf-16le') {
      this.#newline = Buffer.from([0x0a, 0x00]);
      this.#cr = Buffer.from([0x0d, 0x00]);
      this.#unit = 2;
    } else if (encoding === 'utf-16be') {
      this.#newline = Buffer.from([0x00, 0x0a]);
      this.#cr = Buffer.from([0x00, 0x0d]);
      this.#unit = 2;
    } else {
      this.#newline = Buffer.from([0x0a]);
      this.#cr = Buffer.from([0x0d]);
      this.#unit = 1;
    }
  }

  /** Offset of the first byte not yet returned as part of a line. */
  get carryStart(): number {
    return this.#carryStart;
  }

  get carryLength(): number {
    return this.#carry.length;
  }

  /** Offset just past everything pushed so far. */
  get position(): number {
    return this.#carryStart + this.#carry.length;
  }

  push(chunk: Buffer): RawLine[] {
    const data = this.#carry.length === 0 ? chunk : Buffer.concat([this.#carry, chunk]);
    const lines: RawLine[] = [];
    let lineStart = 0;
    let searchFrom = 0;
    for (;;) {
      const at = data.indexOf(this.#newline, searchFrom);
      if (at < 0) break;
      if (this.#unit === 2 && (this.#carryStart + at) % 2 !== 0) {
        searchFrom = at + 1;
        continue;
      }
      let contentEnd = at;
      if (
        contentEnd - lineStart >= this.#unit &&
        data.subarray(contentEnd - this.#unit, contentEnd).equals(this.#cr)
      ) {
        contentEnd -= this.#unit;
      }
      const next = at + this.#newline.length;
      lines.push({
        start: this.#carryStart + lineStart,
        end: this.#carryStart + next,
        bytes: data.subarray(lineStart, contentEnd),
      });
      lineStart = next;
      searchFrom = next;
    }
    // Copy the remainder: keeping a slice would pin the whole read buffer in memory.
    this.#carry = Buffer.from(data.subarray(lineStart));
    this.#carryStart += lineStart;
    if (this.#carry.length >= MAX_LINE_BYTES) {
      const cut = this.#carry.length - (this.#carry.length % this.#unit);
      lines.push({
        start: this.#carryStart,
        end: this.#carryStart + cut,
        bytes: this.#carry.subarray(0, cut),
      });
      this.#carry = Buffer.from(this.#carry.subarray(cut));
      this.#carryStart += cut;
    }
    return lines;
  }

  /** The unterminated rest as a line of its own (empty carry → undefined). */
  takePartial(): RawLine | undefined {
    if (this.#carry.length === 0) return undefined;
    const line = { start: this.#carryStart, end: this.#carryStart + this.#carry.length, bytes: this.#carry };
    this.#carryStart += this.#carry.length;
    this.#carry = Buffer.alloc(0);
    return line;
  }
}
