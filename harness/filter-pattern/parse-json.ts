import type {
  FilterComparisonOperator,
  JsonComparison,
  JsonExpression,
  JsonIsCheck,
  JsonNotExists,
  JsonPattern,
} from './ast.ts';
import { UnsupportedFilterPatternError } from './errors.ts';
import type { Token } from './lexer.ts';
import type { ParseContext } from './parse-context.ts';
import { parseValueAfter } from './values.ts';

/**
 * JSON patterns. "Compound expressions support the use of parentheses and the following standard
 * order of operations: () > && > ||" (matching-terms-json-log-events.html).
 *
 * JsonPattern ::= '{' Or '}'
 */
export function parseJsonPattern(context: ParseContext): JsonPattern {
  const { lexer } = context;
  const open = context.expect('LBrace', 'structure', "'{'");
  if (lexer.peek('structure').type === 'RBrace') {
    const close = lexer.next('structure');
    context.fail('FP_EMPTY_BODY', 'a JSON pattern needs at least one condition inside { }', {
      start: open.start,
      end: close.end,
    });
  }
  const expression = parseOr(context, 0);
  const close = lexer.next('structure');
  if (close.type !== 'RBrace') {
    if (close.type === 'RParen') context.fail('FP_UNEXPECTED_TOKEN', "')' has no matching '('", close);
    context.unexpected(close, "'&&', '||' or '}'");
  }
  const trailing = lexer.next('structure');
  if (trailing.type !== 'EOF') {
    context.fail('FP_TRAILING_INPUT', "nothing may follow the closing '}'", {
      start: trailing.start,
      end: context.pattern.trimEnd().length,
    });
  }
  return { type: 'JsonPattern', expression, start: open.start, end: close.end };
}

/** Or ::= And ( '||' And )* */
function parseOr(context: ParseContext, depth: number): JsonExpression {
  return context.junction('Or', 'Or', () => parseAnd(context, depth));
}

/** And ::= Primary ( '&&' Primary )* */
function parseAnd(context: ParseContext, depth: number): JsonExpression {
  return context.junction('And', 'And', () => parsePrimary(context, depth));
}

/** Primary ::= '(' Or ')' | Condition */
function parsePrimary(context: ParseContext, depth: number): JsonExpression {
  const { lexer } = context;
  const token = lexer.peek('structure');
  if (token.type !== 'LParen') return parseCondition(context);
  lexer.next('structure');
  if (depth + 1 > context.options.maxNestingDepth) {
    context.fail(
      'FP_NESTING_TOO_DEEP',
      `parentheses nested deeper than ${context.options.maxNestingDepth}`,
      token,
    );
  }
  const inner = parseOr(context, depth + 1);
  const close = lexer.next('structure');
  if (close.type !== 'RParen') context.unexpected(close, "'&&', '||' or ')'");
  // Parentheses only group; the span widens so errors and tools can point at the whole group.
  return { ...inner, start: token.start, end: close.end };
}

/**
 * Condition ::= Selector ( Operator Value | 'IS' ( 'NULL' | 'TRUE' | 'FALSE' ) | 'NOT' 'EXISTS' )
 *
 * "The variables IS NOT and EXISTS currently aren't supported." Keywords appear only in upper case
 * in AWS's documentation, so other spellings are refused rather than guessed.
 */
function parseCondition(context: ParseContext): JsonComparison | JsonIsCheck | JsonNotExists {
  const { lexer } = context;
  const token = lexer.next('structure');
  if (token.type !== 'Selector') {
    if (token.type === 'Word') {
      context.fail('FP_EXPECTED_SELECTOR', `selectors start with '$.': did you mean $.${token.text}?`, token);
    }
    if (token.type === 'EOF')
      context.fail('FP_UNEXPECTED_END', 'expected a condition but the pattern ends', token);
    context.fail(
      'FP_EXPECTED_SELECTOR',
      `expected a property selector such as $.eventType, found '${token.text}'`,
      token,
    );
  }
  const selector = context.selector(token);
  const next = lexer.next('structure');
  if (next.type === 'Operator') {
    const operator = next.text as FilterComparisonOperator;
    const value = parseValueAfter(operator, context);
    return { type: 'Comparison', selector, operator, value, start: selector.start, end: value.end };
  }
  if (next.type === 'Word') {
    const keyword = checkKeyword(context, next);
    if (keyword === 'IS') {
      const what = lexer.next('structure');
      const check = what.type === 'Word' ? checkKeyword(context, what) : undefined;
      if (check === 'NOT') {
        throw new UnsupportedFilterPatternError(
          'FP_UNSUPPORTED_KEYWORD',
          "'IS NOT' is not supported by AWS",
          context.pattern,
          {
            start: next.start,
            end: what.end,
          },
        );
      }
      if (check !== 'NULL' && check !== 'TRUE' && check !== 'FALSE')
        context.unexpected(what, "NULL, TRUE or FALSE after 'IS'");
      return { type: 'IsCheck', selector, check, start: selector.start, end: what.end };
    }
    if (keyword === 'NOT') {
      const exists = lexer.next('structure');
      if (exists.type !== 'Word' || checkKeyword(context, exists) !== 'EXISTS')
        context.unexpected(exists, "EXISTS after 'NOT'");
      return { type: 'NotExists', selector, start: selector.start, end: exists.end };
    }
    if (keyword === 'EXISTS') {
      throw new UnsupportedFilterPatternError(
        'FP_UNSUPPORTED_KEYWORD',
        '\'EXISTS\' is not supported by AWS: use $.x = "*" (or NOT EXISTS for absence)',
        context.pattern,
        next,
      );
    }
  }
  if (next.type === 'EOF')
    context.fail(
      'FP_UNEXPECTED_END',
      `expected an operator after ${selector.text} but the pattern ends`,
      next,
    );
  context.fail(
    'FP_EXPECTED_OPERATOR',
    `expected = != < > <= >= IS or NOT EXISTS after ${selector.text}, found '${next.text}'`,
    next,
  );
}

const KEYWORDS = new Set(['IS', 'NULL', 'TRUE', 'FALSE', 'NOT', 'EXISTS']);

function checkKeyword(context: ParseContext, token: Token): string | undefined {
  if (KEYWORDS.has(token.text)) return token.text;
  if (KEYWORDS.has(token.text.toUpperCase())) {
    throw new UnsupportedFilterPatternError(
      'FP_UNSUPPORTED_KEYWORD',
      `keywords are written in upper case: ${token.text.toUpperCase()}`,
      context.pattern,
      token,
    );
  }
  return undefined;
}
