/**
 * The regex engine's alphabet. AWS regexes may only contain ASCII, so every non-ASCII character of
 * an event behaves the same way for any regex, except that line terminators differ for `.` and
 * `$`. The engine therefore works on 130 symbols instead of 65,536 code units: 0–127 are the ASCII
 * characters, OTHER is any other character (a surrogate pair counts once), and OTHER_TERMINATOR is a
 * non-ASCII line terminator (U+0085, U+2028, U+2029).
 */
export const OTHER = 128;
export const OTHER_TERMINATOR = 129;
export const SYMBOL_COUNT = 130;

/** A set of symbols, one byte per symbol (1 = member). */
export type SymbolSet = Uint8Array;

export function emptySet(): SymbolSet {
  return new Uint8Array(SYMBOL_COUNT);
}

export function singleton(symbol: number): SymbolSet {
  const set = emptySet();
  set[symbol] = 1;
  return set;
}

export function addRange(set: SymbolSet, from: number, to: number): void {
  for (let c = from; c <= to; c += 1) set[c] = 1;
}

export function union(into: SymbolSet, from: SymbolSet): void {
  for (let i = 0; i < SYMBOL_COUNT; i += 1) if (from[i]) into[i] = 1;
}

export function complement(set: SymbolSet): SymbolSet {
  const out = emptySet();
  for (let i = 0; i < SYMBOL_COUNT; i += 1) out[i] = set[i] ? 0 : 1;
  return out;
}

/** The symbol of a single UTF-16 code unit or code point. */
export function symbolOf(code: number): number {
  if (code < 128) return code;
  return code === 0x85 || code === 0x2028 || code === 0x2029 ? OTHER_TERMINATOR : OTHER;
}

/**
 * Line terminators as java.util.regex defines them for `.` and `$` without flags: \n, \r, U+0085,
 * U+2028, U+2029 (CloudWatch Logs is a Java service; GRAMMAR.md explains the choice).
 */
export function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

const DIGIT = (() => {
  const s = emptySet();
  addRange(s, 0x30, 0x39);
  return s;
})();

const WORD = (() => {
  const s = emptySet();
  addRange(s, 0x30, 0x39);
  addRange(s, 0x41, 0x5a);
  addRange(s, 0x61, 0x7a);
  s[0x5f] = 1;
  return s;
})();

/** Java's `\s`: space, \t, \n, \x0B, \f, \r (AWS: "tab, space and newline"). */
const SPACE = (() => {
  const s = emptySet();
  for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) s[c] = 1;
  return s;
})();

const DOT = (() => {
  const s = complement(emptySet());
  s[0x0a] = 0;
  s[0x0d] = 0;
  s[OTHER_TERMINATOR] = 0;
  return s;
})();

/** The class a `\d \D \s \S \w \W` escape denotes; undefined for any other letter. */
export function shorthandClass(letter: string): SymbolSet | undefined {
  switch (letter) {
    case 'd':
      return DIGIT.slice();
    case 'D':
      return complement(DIGIT);
    case 's':
      return SPACE.slice();
    case 'S':
      return complement(SPACE);
    case 'w':
      return WORD.slice();
    case 'W':
      return complement(WORD);
    default:
      return undefined;
  }
}

export function dotClass(): SymbolSet {
  return DOT.slice();
}
