import {
  AWS_INVALID_CHARACTER_MESSAGE,
  FilterPatternSyntaxError,
  UnsupportedFilterPatternError,
} from '../errors.ts';
import type { FilterPatternErrorCode } from '../errors.ts';
import { MAX_REGEX_REPEAT } from '../limits.ts';
import type { RegexAlternation, RegexCharClass, RegexConcat, RegexPiece } from './regex-ast.ts';
import {
  addRange,
  complement,
  dotClass,
  emptySet,
  shorthandClass,
  singleton,
  symbolOf,
  union,
} from './symbols.ts';
import type { SymbolSet } from './symbols.ts';

/**
 * "Filter patterns with regex can only include the following: alphanumeric characters, supported
 * symbol characters (':', '_', '#', '=', '@', '/', ';', ',', '-') and supported operators ('^', '$',
 * '?', '[', ']', '{', '}', '|', '\', '*', '+', '.')" (regex-expressions.html). Space is not listed but
 * AWS's own example `%^starting|^initializing|^shutting down%` uses it, so it is allowed.
 */
const ALLOWED_SYMBOLS = new Set([':', '_', '#', '=', '@', '/', ';', ',', '-', ' ']);
const OPERATORS = new Set(['^', '$', '?', '[', ']', '{', '}', '|', '\\', '*', '+', '.']);

/** Java-style control escapes; AWS documents only `\xhh` and the class shorthands. */
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c };

export function isAllowedRegexCharacter(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch) || ALLOWED_SYMBOLS.has(ch) || OPERATORS.has(ch);
}

/**
 * Parses the body of a `%…%` regex, `pattern.slice(start, end)`, into a RegexNode. Positions in
 * errors and nodes are offsets into the whole filter pattern.
 *
 * Regex       ::= Alternative ( '|' Alternative )*
 * Alternative ::= Piece+
 * Piece       ::= '^' | '$' | Atom Quantifier? '?'?
 * Atom        ::= '.' | Class | Escape | Literal
 * Quantifier  ::= '*' | '+' | '?' | '{' Int '}' | '{' Int ',' Int? '}' | '{' ',' Int '}'
 */
export function parseRegex(pattern: string, start: number, end: number): RegexAlternation {
  validateCharacters(pattern, start, end);
  if (start === end) fail('FP_REGEX_EMPTY', 'empty regular expression %%', pattern, start - 1, end + 1);
  return new RegexParser(pattern, start, end).parse();
}

function validateCharacters(pattern: string, start: number, end: number): void {
  for (let i = start; i < end; i += 1) {
    const ch = pattern[i]!;
    if (isAllowedRegexCharacter(ch)) continue;
    const code = ch.charCodeAt(0);
    const shown = code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
    const why =
      code >= 0x80
        ? 'multi-byte characters are not supported in a regex'
        : ch === '(' || ch === ')'
          ? "'(' and ')' are not supported in a regex (match them with \\x28 and \\x29)"
          : `'${shown}' is not allowed in a regex (match it with \\x${code.toString(16).padStart(2, '0').toUpperCase()})`;
    throw new FilterPatternSyntaxError(
      'FP_REGEX_INVALID_CHARACTER',
      why,
      pattern,
      { start: i, end: i + 1 },
      AWS_INVALID_CHARACTER_MESSAGE,
    );
  }
}

function fail(
  code: FilterPatternErrorCode,
  summary: string,
  pattern: string,
  start: number,
  end: number,
): never {
  throw new FilterPatternSyntaxError(code, summary, pattern, { start, end });
}

class RegexParser {
  private pos: number;

  constructor(
    private readonly pattern: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  parse(): RegexAlternation {
    const alternatives: RegexConcat[] = [this.parseAlternative()];
    while (this.peek() === '|') {
      this.pos += 1;
      alternatives.push(this.parseAlternative());
    }
    return { type: 'Alternation', alternatives, start: this.start, end: this.end };
  }

  private peek(): string | undefined {
    return this.pos < this.end ? this.pattern[this.pos] : undefined;
  }

  private parseAlternative(): RegexConcat {
    const from = this.pos;
    const pieces: RegexPiece[] = [];
    for (let ch = this.peek(); ch !== undefined && ch !== '|'; ch = this.peek())
      pieces.push(this.parsePiece());
    if (pieces.length === 0) {
      const at = Math.min(this.pos, this.end - 1);
      fail('FP_REGEX_EMPTY', "empty alternative: '|' needs a regex on both sides", this.pattern, at, at + 1);
    }
    return { type: 'Concat', pieces, start: from, end: this.pos };
  }

  private parsePiece(): RegexPiece {
    const from = this.pos;
    const ch = this.peek()!;
    if (ch === '^' || ch === '$') {
      this.pos += 1;
      this.refuseQuantifier(`'${ch}' is an anchor`);
      return { type: 'Assertion', kind: ch === '^' ? 'start' : 'end', start: from, end: this.pos };
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      fail(
        'FP_REGEX_NOTHING_TO_REPEAT',
        `'${ch}' has nothing before it to repeat`,
        this.pattern,
        from,
        from + 1,
      );
    }
    if (ch === ']' || ch === '}') {
      fail(
        'FP_REGEX_UNESCAPED_BRACKET',
        `unescaped '${ch}' (write \\${ch} to match it)`,
        this.pattern,
        from,
        from + 1,
      );
    }
    const atom = this.parseAtom();
    const quantifier = this.parseQuantifier();
    if (quantifier === undefined) return atom;
    if (this.peek() === '?') this.pos += 1; // lazy: changes what is captured, never whether it matches
    this.refuseQuantifier('a quantifier cannot be repeated');
    return {
      type: 'Repeat',
      min: quantifier.min,
      max: quantifier.max,
      child: atom,
      start: from,
      end: this.pos,
    };
  }

  private refuseQuantifier(why: string): void {
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{') {
      fail(
        'FP_REGEX_NOTHING_TO_REPEAT',
        `'${next}' has nothing to repeat: ${why}`,
        this.pattern,
        this.pos,
        this.pos + 1,
      );
    }
  }

  private parseAtom(): RegexCharClass {
    const from = this.pos;
    const ch = this.peek()!;
    if (ch === '.') {
      this.pos += 1;
      return { type: 'CharClass', set: dotClass(), start: from, end: this.pos };
    }
    if (ch === '[') return this.parseClass();
    if (ch === '\\') {
      const set = this.parseEscape(false);
      return { type: 'CharClass', set, start: from, end: this.pos };
    }
    this.pos += 1;
    return { type: 'CharClass', set: singleton(symbolOf(ch.charCodeAt(0))), start: from, end: this.pos };
  }

  private parseQuantifier(): { min: number; max: number } | undefined {
    const ch = this.peek();
    if (ch === '*') return this.advance({ min: 0, max: Infinity });
    if (ch === '+') return this.advance({ min: 1, max: Infinity });
    if (ch === '?') return this.advance({ min: 0, max: 1 });
    if (ch !== '{') return undefined;
    const from = this.pos;
    const close = this.pattern.indexOf('}', from);
    const body = close === -1 || close >= this.end ? undefined : this.pattern.slice(from + 1, close);
    const match = body === undefined ? null : /^(\d*)(,?)(\d*)$/.exec(body);
    if (body === undefined || match === null || (match[1] === '' && match[3] === '')) {
      const to = close === -1 || close >= this.end ? from + 1 : close + 1;
      fail(
        'FP_REGEX_INVALID_QUANTIFIER',
        "expected a repetition {m}, {m,}, {,n} or {m,n} (write \\{ to match '{')",
        this.pattern,
        from,
        to,
      );
    }
    const min = match[1] === '' ? 0 : Number(match[1]);
    const max = match[2] === '' ? min : match[3] === '' ? Infinity : Number(match[3]);
    this.pos = close + 1;
    if (min > MAX_REGEX_REPEAT || (max !== Infinity && max > MAX_REGEX_REPEAT)) {
      fail(
        'FP_REGEX_REPEAT_TOO_LARGE',
        `repetition count above ${MAX_REGEX_REPEAT}`,
        this.pattern,
        from,
        this.pos,
      );
    }
    if (min > max)
      fail('FP_REGEX_INVALID_QUANTIFIER', `{${body}}: minimum above maximum`, this.pattern, from, this.pos);
    return { min, max };
  }

  private advance<T>(value: T): T {
    this.pos += 1;
    return value;
  }

  /** At a backslash: returns the set the escape denotes. Inside a class, shorthands are allowed too. */
  private parseEscape(inClass: boolean): SymbolSet {
    const from = this.pos;
    const letter = this.pattern[from + 1];
    if (from + 1 >= this.end || letter === undefined) {
      fail(
        'FP_REGEX_UNSUPPORTED_ESCAPE',
        'a regex cannot end with a lone backslash',
        this.pattern,
        from,
        from + 1,
      );
    }
    this.pos = from + 2;
    const shorthand = shorthandClass(letter);
    if (shorthand) return shorthand;
    if (letter === 'x') {
      const hex = this.pattern.slice(from + 2, from + 4);
      if (from + 4 > this.end || !/^[0-9A-Fa-f]{2}$/.test(hex)) {
        fail(
          'FP_REGEX_UNSUPPORTED_ESCAPE',
          '\\x needs exactly two hex digits (\\x3A)',
          this.pattern,
          from,
          from + 2,
        );
      }
      this.pos = from + 4;
      const code = parseInt(hex, 16);
      if (code >= 0x80) {
        // Above \x7F the escape names a non-ASCII character: "Multi-byte characters are not supported".
        throw new UnsupportedFilterPatternError(
          'FP_REGEX_UNSUPPORTED_ESCAPE',
          `\\x${hex} is not ASCII; AWS regexes support only ASCII characters`,
          this.pattern,
          { start: from, end: from + 4 },
        );
      }
      return singleton(code);
    }
    const control = CONTROL_ESCAPES[letter];
    if (control !== undefined) return singleton(control);
    if (/[A-Za-z0-9]/.test(letter)) {
      throw new UnsupportedFilterPatternError(
        'FP_REGEX_UNSUPPORTED_ESCAPE',
        `'\\${letter}' is not a supported escape${inClass ? ' in a class' : ''} (supported: \\d \\D \\s \\S \\w \\W \\xhh \\t \\n \\r \\f)`,
        this.pattern,
        { start: from, end: from + 2 },
      );
    }
    return singleton(symbolOf(letter.charCodeAt(0)));
  }

  /** Class ::= '[' '^'? ClassItem+ ']' ; ClassItem ::= ClassChar ( '-' ClassChar )? | Shorthand */
  private parseClass(): RegexCharClass {
    const from = this.pos;
    this.pos += 1;
    const negated = this.peek() === '^';
    if (negated) this.pos += 1;
    const set = emptySet();
    let items = 0;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) {
        fail('FP_REGEX_UNTERMINATED_CLASS', "'[' has no closing ']'", this.pattern, from, from + 1);
      }
      if (ch === ']') {
        if (items === 0) {
          fail(
            'FP_REGEX_INVALID_CLASS',
            "empty class '[]' (write \\] to match ']')",
            this.pattern,
            from,
            this.pos + 1,
          );
        }
        this.pos += 1;
        break;
      }
      if (ch === '[') {
        fail(
          'FP_REGEX_INVALID_CLASS',
          "'[' inside a class (write \\[ to match it)",
          this.pattern,
          this.pos,
          this.pos + 1,
        );
      }
      const itemStart = this.pos;
      const low = this.parseClassChar();
      items += 1;
      if (typeof low !== 'number') {
        if (this.peek() === '-' && this.pos + 1 < this.end && this.pattern[this.pos + 1] !== ']') {
          fail(
            'FP_REGEX_INVALID_CLASS',
            'a range cannot start at a class such as \\d',
            this.pattern,
            itemStart,
            this.pos + 1,
          );
        }
        union(set, low);
        continue;
      }
      if (this.peek() === '-' && this.pos + 1 < this.end && this.pattern[this.pos + 1] !== ']') {
        this.pos += 1;
        const high = this.parseClassChar();
        if (typeof high !== 'number' || high < low) {
          fail('FP_REGEX_INVALID_CLASS', 'invalid range in class', this.pattern, itemStart, this.pos);
        }
        addRange(set, low, high);
        continue;
      }
      set[low] = 1;
    }
    return { type: 'CharClass', set: negated ? complement(set) : set, start: from, end: this.pos };
  }

  /** A character code, or a set for a shorthand escape. */
  private parseClassChar(): number | SymbolSet {
    const ch = this.peek()!;
    if (ch !== '\\') {
      this.pos += 1;
      return ch.charCodeAt(0);
    }
    const from = this.pos;
    const set = this.parseEscape(true);
    const letter = this.pattern[from + 1]!;
    if (shorthandClass(letter)) return set;
    if (letter === 'x') return parseInt(this.pattern.slice(from + 2, from + 4), 16);
    const control = CONTROL_ESCAPES[letter];
    return control ?? letter.charCodeAt(0);
  }
}
