import type { TermNode, TermPattern } from './ast.ts';
import { compileRegex } from './regex/index.ts';

type MessageTest = (message: string) => boolean;

/**
 * Unstructured matching (matching-terms-unstructured-log-events.html): case-sensitive substring
 * search; plain terms must all appear, `-` terms must not appear, and `?` terms are alternatives
 * that count only when the pattern has no plain or `-` term ("If you combine "?" with other filter
 * patterns, all question mark terms will be ignored").
 */
export function compileTermPattern(ast: TermPattern, pattern: string): MessageTest {
  const include: MessageTest[] = [];
  const exclude: MessageTest[] = [];
  const optional: MessageTest[] = [];
  for (const term of ast.terms) {
    const test = compileTerm(term, pattern);
    if (term.role === 'include') include.push(test);
    else if (term.role === 'exclude') exclude.push(test);
    else optional.push(test);
  }
  if (include.length > 0 || exclude.length > 0) {
    if (include.length === 1 && exclude.length === 0) return include[0]!;
    return (message) => {
      for (const test of include) if (!test(message)) return false;
      for (const test of exclude) if (test(message)) return false;
      return true;
    };
  }
  return (message) => {
    for (const test of optional) if (test(message)) return true;
    return false;
  };
}

function compileTerm(term: TermNode, pattern: string): MessageTest {
  const matcher = term.matcher;
  if (matcher.type === 'Regex') {
    const regex = compileRegex(matcher.regex, pattern, matcher.start, matcher.end);
    return (message) => regex.test(message);
  }
  // A quoted empty or whitespace-only phrase "matches everything" (`" "`), wherever it appears.
  if (matcher.quoted && matcher.text.trim() === '') return () => true;
  const text = matcher.text;
  return (message) => message.includes(text);
}
