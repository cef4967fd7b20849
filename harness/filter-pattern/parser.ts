import type { FilterPatternAst } from './ast.ts';
import { FilterPatternSyntaxError } from './errors.ts';
import { detectKind } from './lexer.ts';
import { resolveFilterPatternOptions } from './options.ts';
import type { FilterPatternOptions, ResolvedFilterPatternOptions } from './options.ts';
import { ParseContext } from './parse-context.ts';
import { parseJsonPattern } from './parse-json.ts';
import { parseSpaceDelimitedPattern } from './parse-space-delimited.ts';
import { parseTermPattern } from './parse-terms.ts';

/**
 * Parses a filter pattern into its AST, enforcing every rule AWS applies at PutMetricFilter time.
 * Throws FilterPatternSyntaxError (code, position, caret message, awsMessage).
 *
 * FilterPattern ::= ws* ( JsonPattern | SpacePattern | TermPattern )? ws*
 *
 * The kind follows from the first non-whitespace character: `{` JSON, `[` space-delimited, anything
 * else unstructured terms; empty or whitespace-only matches every event (filter-patterns.md §1).
 */
export function parseFilterPattern(pattern: string, options?: FilterPatternOptions): FilterPatternAst {
  return parseWithOptions(pattern, resolveFilterPatternOptions(options));
}

export function parseWithOptions(pattern: string, options: ResolvedFilterPatternOptions): FilterPatternAst {
  if (typeof pattern !== 'string') {
    throw new TypeError(
      `a filter pattern must be a string, got ${pattern === null ? 'null' : typeof pattern}`,
    );
  }
  if (pattern.length > options.maxLength) {
    throw new FilterPatternSyntaxError(
      'FP_PATTERN_TOO_LONG',
      `the pattern is ${pattern.length} characters long; the limit is ${options.maxLength}`,
      pattern,
      { start: options.maxLength, end: pattern.length },
      `1 validation error detected: Value '${pattern}' at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to ${options.maxLength}`,
    );
  }
  const context = new ParseContext(pattern, options);
  switch (detectKind(pattern)) {
    case 'match-all':
      return { type: 'MatchAll', start: 0, end: pattern.length };
    case 'json':
      return parseJsonPattern(context);
    case 'space-delimited':
      return parseSpaceDelimitedPattern(context);
    case 'terms':
      return parseTermPattern(context);
  }
}
