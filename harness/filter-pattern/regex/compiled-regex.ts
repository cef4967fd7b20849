import { FilterPatternSyntaxError } from '../errors.ts';
import { MAX_REGEX_PROGRAM_SIZE } from '../limits.ts';
import { RegexMatcher } from './matcher.ts';
import { compileProgram, programSize } from './program.ts';
import type { RegexAlternation } from './regex-ast.ts';

/** A validated AWS regex ready to search strings in linear time. */
export interface CompiledRegex {
  readonly source: string;
  test(input: string): boolean;
}

/**
 * Compiles a parsed regex (`parseRegex`) whose `%…%` literal spans `[start, end)` of `pattern`.
 * Refuses programs above the lab's size limit so hostile counts like `.{1000}` repeated cannot make
 * every event cost millions of steps.
 */
export function compileRegex(
  regex: RegexAlternation,
  pattern: string,
  start: number,
  end: number,
): CompiledRegex {
  const size = programSize(regex);
  if (size > MAX_REGEX_PROGRAM_SIZE) {
    throw new FilterPatternSyntaxError(
      'FP_REGEX_TOO_LARGE',
      `regular expression too large (${size} instructions; the lab allows ${MAX_REGEX_PROGRAM_SIZE})`,
      pattern,
      { start, end },
    );
  }
  const matcher = new RegexMatcher(compileProgram(regex));
  const source = pattern.slice(regex.start, regex.end);
  return { source, test: (input) => matcher.test(input) };
}
