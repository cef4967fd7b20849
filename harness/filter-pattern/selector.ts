import { FilterPatternSyntaxError } from './errors.ts';
import type { SelectorNode, SelectorStep } from './ast.ts';
import { MAX_WILDCARDS_PER_SELECTOR } from './limits.ts';

/** "Property selectors are alphanumeric strings that support hyphen ("-") and underscore ("_")". */
const NAME_CHAR = /[A-Za-z0-9_-]/;

/**
 * Parses the property selector `pattern.slice(start, end)`.
 *
 * Selector ::= '$' Step+
 * Step     ::= '.' Name | '.*' | '.[' "'" Key "'" ']' | '[' Digits ']' | '[*]'
 *
 * "Array elements are denoted with [NUMBER] syntax, and must follow a property" (2020 docs), so the
 * first step is always a dotted one. At most one wildcard per selector (JSON page quota).
 */
export function parseSelector(pattern: string, start: number, end: number): SelectorNode {
  const steps: SelectorStep[] = [];
  let wildcards = 0;
  let i = start + 1;
  const fail = (summary: string, from: number, to = from + 1): never => {
    throw new FilterPatternSyntaxError('FP_INVALID_SELECTOR', summary, pattern, {
      start: from,
      end: Math.min(to, end),
    });
  };
  const wildcard = (from: number, to: number, form: '.*' | '[*]'): void => {
    wildcards += 1;
    if (wildcards > MAX_WILDCARDS_PER_SELECTOR) {
      throw new FilterPatternSyntaxError(
        'FP_TOO_MANY_WILDCARDS_IN_SELECTOR',
        `a property selector may contain at most ${MAX_WILDCARDS_PER_SELECTOR} wildcard`,
        pattern,
        { start: from, end: to },
      );
    }
    steps.push({ kind: 'wildcard', form, start: from, end: to });
  };
  if (i >= end) fail("a selector needs a property after '$', such as $.eventType", start, start + 1);
  if (pattern[i] !== '.') fail("a selector starts with '$.' (array indexes must follow a property)", i);
  while (i < end) {
    const from = i;
    const ch = pattern[i];
    if (ch === '.') {
      const after = pattern[i + 1];
      if (after === '*') {
        wildcard(from, i + 2, '.*');
        i += 2;
      } else if (after === '[' && pattern[i + 2] === "'") {
        const close = pattern.indexOf("']", i + 3);
        if (close === -1 || close + 2 > end) fail('"[\'" has no closing "\']"', i + 1, i + 3);
        const name = pattern.slice(i + 3, close);
        if (name === '') fail('empty property name', i + 1, close + 2);
        steps.push({ kind: 'property', name, start: from, end: close + 2 });
        i = close + 2;
      } else {
        let j = i + 1;
        while (j < end && NAME_CHAR.test(pattern[j]!)) j += 1;
        if (j === i + 1) {
          const bad = pattern[j];
          fail(
            bad === undefined || j >= end
              ? "expected a property name after '.'"
              : `'${bad}' cannot appear in a property name (use $.['…'] for other characters)`,
            j >= end ? i : j,
          );
        }
        steps.push({ kind: 'property', name: pattern.slice(i + 1, j), start: from, end: j });
        i = j;
      }
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i);
      if (close === -1 || close >= end) fail("'[' has no closing ']'", i);
      const inside = pattern.slice(i + 1, close);
      if (inside === '*') wildcard(from, close + 1, '[*]');
      else if (/^\d+$/.test(inside) && Number.isSafeInteger(Number(inside))) {
        steps.push({ kind: 'index', index: Number(inside), start: from, end: close + 1 });
      } else fail('an array index is a number or *, as in [0] or [*]', i, close + 1);
      i = close + 1;
    } else {
      fail(`unexpected '${ch}' in a property selector`, i);
    }
  }
  return { type: 'Selector', text: pattern.slice(start, end), steps, wildcards, start, end };
}
