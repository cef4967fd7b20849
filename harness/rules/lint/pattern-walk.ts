import type {
  FilterPatternAst,
  JsonComparison,
  JsonExpression,
  JsonIsCheck,
  JsonNotExists,
  SelectorNode,
} from '../../filter-pattern/index.ts';

export type JsonCondition = JsonComparison | JsonIsCheck | JsonNotExists;

/** Every comparison, IS check and NOT EXISTS of a JSON pattern, in source order. */
export function jsonConditions(ast: FilterPatternAst): JsonCondition[] {
  if (ast.type !== 'JsonPattern') return [];
  const out: JsonCondition[] = [];
  const walk = (e: JsonExpression): void => {
    if (e.type === 'And' || e.type === 'Or') e.operands.forEach(walk);
    else out.push(e);
  };
  walk(ast.expression);
  return out;
}

/** `$.auth.policies[0]` → `auth.policies`: property names only, indexes looked through. */
export function fieldPath(selector: SelectorNode): string {
  return selector.steps
    .map((s) => (s.kind === 'property' ? s.name : s.kind === 'wildcard' ? '*' : undefined))
    .filter((s): s is string => s !== undefined)
    .join('.');
}

/** Whether every match of the expression is an entry of one type (request or response). */
export function restrictsEntryType(e: JsonExpression): boolean {
  switch (e.type) {
    case 'And':
      return e.operands.some(restrictsEntryType);
    case 'Or':
      return e.operands.every(restrictsEntryType);
    case 'Comparison': {
      const path = fieldPath(e.selector);
      if (path === 'type')
        return (
          e.operator === '=' &&
          e.value.type === 'String' &&
          !e.value.leadingWildcard &&
          !e.value.trailingWildcard
        );
      // Only response entries have a `response` object.
      return path.startsWith('response.') && e.operator !== '!=';
    }
    case 'IsCheck':
      return fieldPath(e.selector).startsWith('response.');
    case 'NotExists':
      return false;
  }
}

/** The regexes of a pattern (term regexes and `%…%` values). */
export function regexCount(ast: FilterPatternAst): number {
  switch (ast.type) {
    case 'TermPattern':
      return ast.terms.filter((t) => t.matcher.type === 'Regex').length;
    case 'JsonPattern':
      return jsonConditions(ast).filter((c) => c.type === 'Comparison' && c.value.type === 'Regex').length;
    case 'SpaceDelimitedPattern': {
      let count = 0;
      const walk = (e: unknown): void => {
        const node = e as { type: string; operands?: unknown[]; value?: { type: string } };
        if (node.operands) node.operands.forEach(walk);
        else if (node.value?.type === 'Regex') count += 1;
      };
      for (const slot of ast.slots) if (slot.type === 'Field' && slot.condition) walk(slot.condition);
      return count;
    }
    case 'MatchAll':
      return 0;
  }
}
