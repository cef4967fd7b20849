import { parseFilterPattern } from '../harness/filter-pattern/index.ts';
import type { JsonExpression, SelectorNode } from '../harness/filter-pattern/index.ts';

/**
 * The condition of a JSON filter pattern as a jq boolean expression over one entry, so the backtest
 * benchmark can have Debian's jq evaluate the same conditions over the same file. It covers what the
 * built-in pack uses (=, wildcards at either end, %regex%, IS TRUE/FALSE/NULL, NOT EXISTS, && and ||)
 * and refuses the rest rather than guess.
 */
export function jqCondition(pattern: string): string {
  const ast = parseFilterPattern(pattern);
  if (ast.type !== 'JsonPattern') throw new Error(`jq translation handles JSON patterns only: ${pattern}`);
  return expression(ast.expression);
}

function expression(e: JsonExpression): string {
  switch (e.type) {
    case 'And':
      return `(${e.operands.map(expression).join(' and ')})`;
    case 'Or':
      return `(${e.operands.map(expression).join(' or ')})`;
    case 'NotExists':
      return `(${path(e.selector)} == null)`;
    case 'IsCheck':
      return `(${path(e.selector)} == ${e.check.toLowerCase()})`;
    case 'Comparison': {
      if (e.operator !== '=') throw new Error(`jq translation: operator ${e.operator} is not handled`);
      const p = path(e.selector);
      const v = e.value;
      if (v.type === 'Number') return `(${p} == ${v.value})`;
      if (v.type === 'Regex') return `(${p} | type == "string" and test(${JSON.stringify(v.source)}))`;
      const lit = JSON.stringify(v.literal);
      if (v.leadingWildcard && v.trailingWildcard) return `(${p} | type == "string" and contains(${lit}))`;
      if (v.trailingWildcard) return `(${p} | type == "string" and startswith(${lit}))`;
      if (v.leadingWildcard) return `(${p} | type == "string" and endswith(${lit}))`;
      return `(${p} == ${lit})`;
    }
  }
}

function path(selector: SelectorNode): string {
  return selector.steps
    .map((s) => {
      if (s.kind === 'property') return `.${JSON.stringify(s.name)}?`;
      if (s.kind === 'index') return `[${s.index}]?`;
      throw new Error(`jq translation: wildcard selector ${selector.text} is not handled`);
    })
    .join('');
}

/** One jq pass counting, per pattern, the entries that match it: prints a JSON array of counts. */
export function jqCountProgram(patterns: readonly string[]): string {
  const zeros = patterns.map(() => '0').join(',');
  const sums = patterns.map((p, i) => `.[${i}] + (if ($e | ${jqCondition(p)}) then 1 else 0 end)`).join(', ');
  return `reduce inputs as $e ([${zeros}]; [${sums}])`;
}
