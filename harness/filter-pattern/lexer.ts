import { AWS_INVALID_CHARACTER_MESSAGE, FilterPatternSyntaxError } from './errors.ts';
import type { PatternKind } from './ast.ts';

/**
 * The filter pattern lexer. The language is context-sensitive (`123.123.*` is one bare value after
 * `=` but would be nonsense elsewhere), so the parser pulls tokens and says which mode it expects:
 *
 * - `term`: unstructured patterns: `-`, `?`, `"phrase"`, `%regex%`, bare terms;
 * - `structure`: inside `{…}` and `[…]`: braces, brackets, parentheses, `,` `...` `&&` `||`,
 *   operators, `$.selectors` and words (field names, keywords);
 * - `value`: right after an operator: `"string"`, `%regex%` or a bare value.
 *
 * Token spans are offsets into the pattern as given; `text` is the exact source slice.
 */
export type TokenType =
  | 'LBrace'
  | 'RBrace'
  | 'LParen'
  | 'RParen'
  | 'LBracket'
  | 'RBracket'
  | 'Comma'
  | 'And'
  | 'Or'
  | 'Operator'
  | 'Selector'
  | 'Word'
  | 'Ellipsis'
  | 'String'
  | 'Regex'
  | 'Bare'
  | 'Term'
  | 'Minus'
  | 'Question'
  | 'EOF';

export type LexMode = 'term' | 'structure' | 'value';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** String tokens: the content with `\"` and `\\` resolved. */
  readonly value?: string;
}

/** Whitespace that separates tokens: space, tab, line feed, vertical tab, form feed, carriage return. */
export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f';
}

/** Characters that end a bare value or a word (besides whitespace). */
const VALUE_STOPS = new Set(['(', ')', '{', '}', '[', ']', ',', '"', '%', "'"]);
const WORD_STOPS = new Set([...VALUE_STOPS, '=', '!', '<', '>', '&', '|', '$']);

/** Characters that end a selector (besides whitespace); `[` does not: it starts an index step. */
const SELECTOR_STOPS = new Set([')', '}', '(', '{', ',', '"', '=', '!', '<', '>', '&', '|', '%']);

/** Structure tokens of one character. */
const PUNCTUATION: ReadonlyMap<string, TokenType> = new Map([
  ['{', 'LBrace'],
  ['}', 'RBrace'],
  ['(', 'LParen'],
  [')', 'RParen'],
  ['[', 'LBracket'],
  [']', 'RBracket'],
  [',', 'Comma'],
]);

/** The pattern kind, decided by the first non-whitespace character (filter-patterns.md §1). */
export function detectKind(pattern: string): PatternKind {
  const first = pattern.trimStart()[0];
  if (first === undefined) return 'match-all';
  if (first === '{') return 'json';
  if (first === '[') return 'space-delimited';
  return 'terms';
}

export class Lexer {
  private pos = 0;
  private peeked: { token: Token; mode: LexMode; from: number } | undefined;

  constructor(readonly pattern: string) {}

  peek(mode: LexMode): Token {
    if (this.peeked && this.peeked.mode === mode) return this.peeked.token;
    const from = this.peeked ? this.peeked.from : this.pos;
    this.pos = from;
    const token = this.lex(mode);
    this.peeked = { token, mode, from };
    this.pos = from;
    return token;
  }

  next(mode: LexMode): Token {
    const token = this.peek(mode);
    this.peeked = undefined;
    this.pos = token.end;
    return token;
  }

  private lex(mode: LexMode): Token {
    const src = this.pattern;
    while (isSpace(src[this.pos])) this.pos += 1;
    const start = this.pos;
    const ch = src[start];
    if (ch === undefined) return this.token('EOF', start, start);
    if (ch === '"') return this.lexString(start);
    if (ch === '%') return this.lexRegex(start);
    if (mode === 'term') return this.lexTerm(start);
    if (mode === 'value') return this.lexValue(start);
    return this.lexStructure(start);
  }

  private token(type: TokenType, start: number, end: number, value?: string): Token {
    this.pos = end;
    const text = this.pattern.slice(start, end);
    return value === undefined ? { type, text, start, end } : { type, text, start, end, value };
  }

  /** String ::= '"' ( '\"' | '\\' | any char but '"' )* '"' */
  private lexString(start: number): Token {
    const src = this.pattern;
    let value = '';
    for (let i = start + 1; i < src.length; i += 1) {
      const ch = src[i]!;
      if (ch === '"') return this.token('String', start, i + 1, value);
      if (ch === '\\' && (src[i + 1] === '"' || src[i + 1] === '\\')) {
        value += src[i + 1];
        i += 1;
      } else {
        value += ch;
      }
    }
    throw new FilterPatternSyntaxError('FP_UNTERMINATED_STRING', "'\"' has no closing '\"'", src, {
      start,
      end: start + 1,
    });
  }

  /** Regex ::= '%' body '%' — '%' is not a regex character, so the next '%' always closes it. */
  private lexRegex(start: number): Token {
    const close = this.pattern.indexOf('%', start + 1);
    if (close === -1) {
      throw new FilterPatternSyntaxError('FP_UNTERMINATED_REGEX', "'%' has no closing '%'", this.pattern, {
        start,
        end: start + 1,
      });
    }
    return this.token('Regex', start, close + 1);
  }

  /** Term ::= '-' | '?' | run of non-whitespace (validated: [A-Za-z0-9_]+) */
  private lexTerm(start: number): Token {
    const src = this.pattern;
    const ch = src[start]!;
    if (ch === '-') return this.token('Minus', start, start + 1);
    if (ch === '?') return this.token('Question', start, start + 1);
    let end = start;
    while (end < src.length && !isSpace(src[end])) end += 1;
    for (let i = start; i < end; i += 1) {
      if (!/[A-Za-z0-9_]/.test(src[i]!)) {
        const shown = src.slice(start, end);
        throw new FilterPatternSyntaxError(
          'FP_INVALID_TERM_CHARACTER',
          `unquoted terms may contain only letters, digits and '_': quote it as "${shown.replace(/["\\]/g, '\\$&')}"`,
          src,
          { start: i, end: i + 1 },
          AWS_INVALID_CHARACTER_MESSAGE,
        );
      }
    }
    return this.token('Term', start, end);
  }

  /** A bare value runs to whitespace, a bracket/brace/parenthesis, ',', '&&' or '||'. */
  private lexValue(start: number): Token {
    const src = this.pattern;
    if (src[start] === "'") {
      const close = src.indexOf("'", start + 1);
      throw new FilterPatternSyntaxError(
        'FP_INVALID_VALUE',
        'single-quoted values are not supported: use double quotes',
        src,
        { start, end: close === -1 ? start + 1 : close + 1 },
      );
    }
    let end = start;
    while (end < src.length) {
      const ch = src[end]!;
      if (isSpace(ch) || VALUE_STOPS.has(ch)) break;
      if ((ch === '&' || ch === '|') && src[end + 1] === ch) break;
      end += 1;
    }
    if (end === start) return this.lexStructure(start);
    return this.token('Bare', start, end);
  }

  private lexStructure(start: number): Token {
    const src = this.pattern;
    const ch = src[start]!;
    const punctuation = PUNCTUATION.get(ch);
    if (punctuation !== undefined) return this.token(punctuation, start, start + 1);
    if (ch === '$') return this.token('Selector', start, this.selectorEnd(start));
    const two = src.slice(start, start + 2);
    if (two === '&&') return this.token('And', start, start + 2);
    if (two === '||') return this.token('Or', start, start + 2);
    if (two === '!=' || two === '<=' || two === '>=') return this.token('Operator', start, start + 2);
    if (ch === '=' || ch === '<' || ch === '>') return this.token('Operator', start, start + 1);
    if (src.startsWith('...', start) && !/[A-Za-z0-9_]/.test(src[start + 3] ?? '')) {
      return this.token('Ellipsis', start, start + 3);
    }
    let end = start;
    while (end < src.length && !isSpace(src[end]) && !WORD_STOPS.has(src[end]!)) end += 1;
    if (end > start) return this.token('Word', start, end);
    const hint =
      ch === '&' || ch === '|' ? ` (did you mean '${ch}${ch}'?)` : ch === '!' ? " (did you mean '!='?)" : '';
    throw new FilterPatternSyntaxError('FP_UNEXPECTED_CHARACTER', `unexpected '${ch}'${hint}`, src, {
      start,
      end: start + 1,
    });
  }

  /**
   * A selector's extent: `$` then `.name`, `.*`, `[n]`, `[*]`, `.['key']` steps. The run is taken
   * loosely here (anything up to whitespace or a structural character, with `['…']` kept whole);
   * `parseSelector` validates it precisely.
   */
  private selectorEnd(start: number): number {
    const src = this.pattern;
    let i = start + 1;
    while (i < src.length) {
      const ch = src[i]!;
      if (ch === '[' && src[i + 1] === "'") {
        const close = src.indexOf("']", i + 2);
        i = close === -1 ? src.length : close + 2;
        continue;
      }
      if (isSpace(ch) || SELECTOR_STOPS.has(ch)) break;
      i += 1;
    }
    return i;
  }
}

/**
 * All tokens of a pattern, for tests and tooling. Switches modes the way the parser does: term
 * mode for unstructured patterns; structure mode inside `{}`/`[]`, and value mode after an operator.
 */
export function tokenize(pattern: string): Token[] {
  const lexer = new Lexer(pattern);
  const kind = detectKind(pattern);
  const tokens: Token[] = [];
  let mode: LexMode = kind === 'terms' || kind === 'match-all' ? 'term' : 'structure';
  for (;;) {
    const token = lexer.next(mode);
    tokens.push(token);
    if (token.type === 'EOF') return tokens;
    if (mode !== 'term') mode = token.type === 'Operator' ? 'value' : 'structure';
  }
}
