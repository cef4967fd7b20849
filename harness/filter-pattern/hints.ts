import type { FilterPatternSyntaxError } from './errors.ts';

/**
 * A suggestion for a common mistake behind a syntax error, printed after the error by the lab's tools.
 * The error itself keeps AWS's reading (a second '=' is a value that must be quoted); the hint says
 * what the writer most likely meant.
 */
export function syntaxHint(error: FilterPatternSyntaxError): string | undefined {
  const { pattern, position } = error;
  if (pattern[position] !== '=') return undefined;
  if (pattern.slice(Math.max(0, position - 2), position) === '!=') {
    return "hint: did you mean '!='? There is no '!=='";
  }
  if (pattern[position - 1] === '=') {
    return "hint: did you mean '='? Filter patterns compare with a single '=' ('!=' for not equal); there is no '=='";
  }
  return undefined;
}
