import type { MatchAllPattern, PhraseNode, RegexLiteral, TermNode, TermPattern, TermRole } from './ast.ts';
import { UnsupportedFilterPatternError } from './errors.ts';
import type { ParseContext } from './parse-context.ts';

/**
 * Unstructured patterns (matching-terms-unstructured-log-events.html).
 *
 * TermPattern ::= Item ( ws+ Item )*
 * Item        ::= ( '-' | '?' )? ( '"' phrase '"' | '%' regex '%' | [A-Za-z0-9_]+ )
 *
 * The prefix must touch its term: `- ERROR` (detached minus, written once in the 2020 docs) is not
 * documented syntax, so it is refused instead of guessed (filter-patterns.md Q20).
 */
export function parseTermPattern(context: ParseContext): TermPattern | MatchAllPattern {
  const { lexer, pattern } = context;
  const terms: TermNode[] = [];
  let previousEnd = -1;
  for (;;) {
    const first = lexer.next('term');
    if (first.type === 'EOF') break;
    if (first.start === previousEnd) {
      context.fail('FP_UNEXPECTED_TOKEN', 'separate terms with whitespace', first);
    }
    let role: TermRole = 'include';
    let token = first;
    if (first.type === 'Minus' || first.type === 'Question') {
      role = first.type === 'Minus' ? 'exclude' : 'optional';
      token = lexer.next('term');
      if (token.type === 'EOF' || token.start !== first.end) {
        context.fail(
          'FP_DETACHED_PREFIX',
          `'${first.text}' must be written directly before its term, as in ${first.text}ERROR or ${first.text}"some phrase"`,
          first,
        );
      }
      if (token.type === 'Minus' || token.type === 'Question') {
        context.fail(
          'FP_UNEXPECTED_TOKEN',
          `a term can have only one prefix, found '${first.text}${token.text}'`,
          token,
        );
      }
    }
    let matcher: PhraseNode | RegexLiteral;
    if (token.type === 'Regex') matcher = context.regex(token);
    else if (token.type === 'String') {
      matcher = { type: 'Phrase', text: token.value ?? '', quoted: true, start: token.start, end: token.end };
    } else {
      matcher = { type: 'Phrase', text: token.text, quoted: false, start: token.start, end: token.end };
    }
    terms.push({ type: 'Term', role, matcher, start: first.start, end: token.end });
    previousEnd = token.end;
  }
  if (terms.length === 0 || terms.every(isMatchAllTerm)) {
    // "You can match everything in your log events with double quotation marks" (`" "`), and
    // `""` "matches all log events" (2020 docs): whitespace-only phrases select every event.
    return { type: 'MatchAll', start: 0, end: pattern.length };
  }
  if (context.options.choices.regexAmongTerms === 'reject' && terms.length > 0) {
    const regexTerm = terms.find((term) => term.matcher.type === 'Regex');
    if (regexTerm !== undefined && (terms.length > 1 || regexTerm.role !== 'include')) {
      throw new UnsupportedFilterPatternError(
        'FP_REGEX_NOT_STANDALONE',
        'a %regex% in an unstructured pattern must be the whole pattern (AWS documents only standalone regex patterns)',
        pattern,
        { start: regexTerm.start, end: regexTerm.end },
      );
    }
  }
  const start = terms[0]!.start;
  return { type: 'TermPattern', terms, start, end: terms[terms.length - 1]!.end };
}

/** A plain (unprefixed) quoted phrase that is empty or whitespace only. */
export function isMatchAllTerm(term: TermNode): boolean {
  return (
    term.role === 'include' &&
    term.matcher.type === 'Phrase' &&
    term.matcher.quoted &&
    term.matcher.text.trim() === ''
  );
}
