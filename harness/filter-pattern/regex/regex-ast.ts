import type { SymbolSet } from './symbols.ts';

/**
 * AWS's regex subset has no groups, so a quantifier always applies to one character class; the
 * tree is at most three levels deep: alternation → concatenation → piece.
 */
export type RegexNode = RegexAlternation;

export interface RegexAlternation {
  readonly type: 'Alternation';
  readonly alternatives: readonly RegexConcat[];
  readonly start: number;
  readonly end: number;
}

export interface RegexConcat {
  readonly type: 'Concat';
  readonly pieces: readonly RegexPiece[];
  readonly start: number;
  readonly end: number;
}

export type RegexPiece = RegexAssertion | RegexRepeat | RegexCharClass;

/** `^` (start of input) or `$` (end of input, or before a final line terminator, as in Java). */
export interface RegexAssertion {
  readonly type: 'Assertion';
  readonly kind: 'start' | 'end';
  readonly start: number;
  readonly end: number;
}

/** One character from `set`: a literal, `.`, an escape or a `[...]` class. */
export interface RegexCharClass {
  readonly type: 'CharClass';
  readonly set: SymbolSet;
  readonly start: number;
  readonly end: number;
}

/** `*` `+` `?` `{m}` `{m,}` `{,n}` `{m,n}` (a trailing `?` makes it lazy: no effect on whether it matches). */
export interface RegexRepeat {
  readonly type: 'Repeat';
  readonly min: number;
  /** `Infinity` when unbounded. */
  readonly max: number;
  readonly child: RegexCharClass;
  readonly start: number;
  readonly end: number;
}
