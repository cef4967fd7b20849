import { FilterPatternSyntaxError } from './errors.ts';
import type { FilterPatternErrorCode } from './errors.ts';
import type { Junction, RegexLiteral, SelectorNode, Span } from './ast.ts';
import { Lexer } from './lexer.ts';
import type { LexMode, Token, TokenType } from './lexer.ts';
import { MAX_REGEX_PER_PATTERN, MAX_WILDCARD_SELECTORS_PER_PATTERN } from './limits.ts';
import type { ResolvedFilterPatternOptions } from './options.ts';
import { parseRegex } from './regex/index.ts';
import { parseSelector } from './selector.ts';

/** What the three sub-parsers share: the lexer, the options and the pattern-wide quotas. */
export class ParseContext {
  readonly lexer: Lexer;
  /** Pattern-wide quotas used so far. */
  private readonly used = { regex: 0, wildcardSelectors: 0 };

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

  /**
   * Operand ( operator Operand )*: one operand comes back as it is, several as one `type` node
   * spanning them. `operand(true)` parses the first operand.
   */
  junction<T extends string, Operand extends Span>(
    operator: 'And' | 'Or',
    type: T,
    operand: (first: boolean) => Operand,
  ): Operand | Junction<T, Operand> {
    const head = operand(true);
    const operands = [head];
    while (this.lexer.peek('structure').type === operator) {
      this.lexer.next('structure');
      operands.push(operand(false));
    }
    if (operands.length === 1) return head;
    return { type, operands, start: head.start, end: operands[operands.length - 1]!.end };
  }

  /** A `%…%` token: validated, parsed and counted against "a limit of 2 regex for each filter pattern". */
  regex(token: Token): RegexLiteral {
    this.charge('regex', MAX_REGEX_PER_PATTERN, 'FP_TOO_MANY_REGEX', 'regular expressions', token);
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
      this.charge(
        'wildcardSelectors',
        MAX_WILDCARD_SELECTORS_PER_PATTERN,
        'FP_TOO_MANY_WILDCARD_SELECTORS',
        'wildcard selectors',
        token,
      );
    }
    return selector;
  }

  /** Counts one more use of a pattern-wide quota; past `limit` the pattern is refused at `token`. */
  private charge(
    quota: keyof ParseContext['used'],
    limit: number,
    code: FilterPatternErrorCode,
    what: string,
    token: Token,
  ): void {
    this.used[quota] += 1;
    if (this.used[quota] > limit)
      this.fail(code, `a filter pattern may contain at most ${limit} ${what}`, token);
  }
}
