import type { RegexAlternation, RegexCharClass } from './regex-ast.ts';
import type { SymbolSet } from './symbols.ts';

/**
 * A Thompson NFA in flat arrays. Instructions: CHAR (consume one symbol in `sets[i]`, go to
 * `next[i]`), SPLIT (go to `next[i]` and `alt[i]`), BOL/EOL (zero-width anchors, go to `next[i]`),
 * MATCH. Without groups every quantifier wraps one class, so the program is a chain of small
 * fragments and its size is the sum of the expanded repetitions.
 */
export const CHAR = 0;
export const SPLIT = 1;
export const BOL = 2;
export const EOL = 3;
export const MATCH = 4;

export interface RegexProgram {
  readonly kind: Uint8Array;
  readonly next: Int32Array;
  readonly alt: Int32Array;
  readonly sets: readonly (SymbolSet | undefined)[];
  readonly start: number;
  readonly size: number;
}

/** The number of instructions `compileProgram` would emit, computed without building them. */
export function programSize(regex: RegexAlternation): number {
  let size = 1 + Math.max(0, regex.alternatives.length - 1); // MATCH + one SPLIT per extra alternative
  for (const alternative of regex.alternatives) {
    for (const piece of alternative.pieces) {
      if (piece.type !== 'Repeat') size += 1;
      else if (piece.max === Infinity) size += piece.min + 2;
      else size += piece.min + 2 * (piece.max - piece.min);
    }
  }
  return size;
}

export function compileProgram(regex: RegexAlternation): RegexProgram {
  const builder = new ProgramBuilder(programSize(regex));
  const match = builder.emit(MATCH, -1, -1, undefined);
  // Alternatives are chained right to left so each one ends in `match`.
  const starts = regex.alternatives.map((alternative) => {
    let target = match;
    for (let i = alternative.pieces.length - 1; i >= 0; i -= 1) {
      const piece = alternative.pieces[i]!;
      if (piece.type === 'Assertion')
        target = builder.emit(piece.kind === 'start' ? BOL : EOL, target, -1, undefined);
      else if (piece.type === 'CharClass') target = builder.emit(CHAR, target, -1, piece.set);
      else target = builder.repeat(piece.child, piece.min, piece.max, target);
    }
    return target;
  });
  let start = starts[starts.length - 1]!;
  for (let i = starts.length - 2; i >= 0; i -= 1) start = builder.emit(SPLIT, starts[i]!, start, undefined);
  return builder.finish(start);
}

class ProgramBuilder {
  private readonly kind: Uint8Array;
  private readonly next: Int32Array;
  private readonly alt: Int32Array;
  private readonly sets: (SymbolSet | undefined)[] = [];
  private count = 0;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.next = new Int32Array(capacity);
    this.alt = new Int32Array(capacity);
  }

  emit(kind: number, next: number, alt: number, set: SymbolSet | undefined): number {
    const id = this.count;
    // Typed arrays ignore writes past their end; a miscounted size must fail loudly instead.
    if (id >= this.kind.length) throw new Error('regex program size miscounted');
    this.kind[id] = kind;
    this.next[id] = next;
    this.alt[id] = alt;
    this.sets[id] = set;
    this.count += 1;
    return id;
  }

  /** `x{min,max}` before `target`: optional copies (SPLIT + CHAR) after `min` required ones. */
  repeat(child: RegexCharClass, min: number, max: number, target: number): number {
    let tail = target;
    if (max === Infinity) {
      // x* as a loop: SPLIT → (CHAR → back to SPLIT) | target
      const split = this.emit(SPLIT, -1, tail, undefined);
      const char = this.emit(CHAR, split, -1, child.set);
      this.next[split] = char;
      tail = split;
      if (min > 0) {
        // x+ reuses the loop: one required copy then the loop; further required copies before it.
        tail = this.emit(CHAR, split, -1, child.set);
        for (let i = 1; i < min; i += 1) tail = this.emit(CHAR, tail, -1, child.set);
      }
      return tail;
    }
    for (let i = 0; i < max - min; i += 1) {
      const char = this.emit(CHAR, tail, -1, child.set);
      tail = this.emit(SPLIT, char, target, undefined);
    }
    for (let i = 0; i < min; i += 1) tail = this.emit(CHAR, tail, -1, child.set);
    return tail;
  }

  finish(start: number): RegexProgram {
    return {
      kind: this.kind.subarray(0, this.count),
      next: this.next.subarray(0, this.count),
      alt: this.alt.subarray(0, this.count),
      sets: this.sets,
      start,
      size: this.count,
    };
  }
}
