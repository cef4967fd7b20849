import { FilterPatternSyntaxError } from './errors.ts';
import type { FilterPatternErrorCode } from './errors.ts';
import type { RegexLiteral, SelectorNode } from './ast.ts';
import { Lexer } from './lexer.ts';
import type { LexMode, Token, TokenType } from './lexer.ts';
import { MAX_REGEX_PER_PATTERN, MAX_WILDCARD_SELECTORS_PER_PATTERN } from './limits.ts';
import type { ResolvedFilterPatternOptions } from './options.ts';
import { parseRegex } from './regex/index.ts';
import { parseSelector } from './selector.ts';

/** What the three sub-parsers share: the lexer, the options and the pattern-wide quotas. */
export class ParseContext {
  readonly lexer: Lexer;
  private regexCount = 0;
  private wildcardSelectors = 0;

  constructor(
    readonly pattern: string,
    readonly options: ResolvedFilterPatternOptions,
  ) {
    this.lexer = new Lexer(pattern);
  }

  fail(
    code: FilterPatternErrorCode,
    summary: string,
    at: { start: number; end: number },
    awsMessage?: string,
  ): never {
    const end = Math.max(at.end, at.start + 1);
    throw new FilterPatternSyntaxError(code, summary, this.pattern, { start: at.start, end }, awsMessage);
  }

  /** Consumes a token of `type` or fails with "expected <what>". */
  expect(type: TokenType, mode: LexMode, what: string): Token {
    const token = this.lexer.next(mode);
    if (token.type === type) return token;
    this.unexpected(token, what);
  }

  unexpected(token: Token, expected: string): never {
    if (token.type === 'EOF')
      this.fail('FP_UNEXPECTED_END', `expected ${expected} but the pattern ends`, token);
    this.fail('FP_UNEXPECTED_TOKEN', `expected ${expected}, found '${token.text}'`, token);
  }

  /** A `%…%` token: validated, parsed and counted against "a limit of 2 regex for each filter pattern". */
  regex(token: Token): RegexLiteral {
    this.regexCount += 1;
    if (this.regexCount > MAX_REGEX_PER_PATTERN) {
      this.fail(
        'FP_TOO_MANY_REGEX',
        `a filter pattern may contain at most ${MAX_REGEX_PER_PATTERN} regular expressions`,
        token,
      );
    }
    const regex = parseRegex(this.pattern, token.start + 1, token.end - 1);
    return {
      type: 'Regex',
      source: this.pattern.slice(token.start + 1, token.end - 1),
      regex,
      start: token.start,
      end: token.end,
    };
  }

  /** A `$…` token, counted against "up to three wildcard selectors in a filter pattern". */
  selector(token: Token): SelectorNode {
    const selector = parseSelector(this.pattern, token.start, token.end);
    if (selector.wildcards > 0) {
      this.wildcardSelectors += 1;
      if (this.wildcardSelectors > MAX_WILDCARD_SELECTORS_PER_PATTERN) {
        this.fail(
          'FP_TOO_MANY_WILDCARD_SELECTORS',
          `a filter pattern may contain at most ${MAX_WILDCARD_SELECTORS_PER_PATTERN} wildcard selectors`,
          token,
        );
      }
    }
    return selector;
  }
}
