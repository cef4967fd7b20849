import type { JsonExpression, JsonPattern, SelectorNode } from './ast.ts';
import { compileSelection } from './json-select.ts';
import type { JsonObject } from './prepared-event.ts';
import { compileNodeTest } from './value-match.ts';

export type JsonTest = (root: JsonObject) => boolean;

/**
 * Compiles a JSON pattern to one closure over the parsed event. Wildcard selectors are existential:
 * a condition holds when any selected node satisfies it ("select any array element"), `!=`
 * included; NOT EXISTS holds when the selector selects nothing.
 */
export function compileJsonPattern(ast: JsonPattern, pattern: string): JsonTest {
  return compileExpression(ast.expression, pattern);
}

function compileExpression(expression: JsonExpression, pattern: string): JsonTest {
  switch (expression.type) {
    case 'Or': {
      const operands = expression.operands.map((operand) => compileExpression(operand, pattern));
      return (root) => {
        for (const test of operands) if (test(root)) return true;
        return false;
      };
    }
    case 'And': {
      const operands = expression.operands.map((operand) => compileExpression(operand, pattern));
      return (root) => {
        for (const test of operands) if (!test(root)) return false;
        return true;
      };
    }
    case 'Comparison': {
      const select = compileSelection(expression.selector);
      const test = compileNodeTest(expression.operator, expression.value, pattern);
      return (root) => select(root, test);
    }
    case 'IsCheck': {
      const select = compileSelection(expression.selector);
      const expected = expression.check === 'NULL' ? null : expression.check === 'TRUE';
      const test = (node: unknown): boolean => node === expected;
      return (root) => select(root, test);
    }
    case 'NotExists': {
      const select = compileSelection(expression.selector);
      const any = (): boolean => true;
      return (root) => !select(root, any);
    }
  }
}

/** Every selector of the pattern, in order of first appearance, one per distinct text. */
export function collectSelectors(
  expression: JsonExpression,
  into: Map<string, SelectorNode> = new Map(),
): Map<string, SelectorNode> {
  if (expression.type === 'Or' || expression.type === 'And') {
    for (const operand of expression.operands) collectSelectors(operand, into);
  } else if (!into.has(expression.selector.text)) {
    into.set(expression.selector.text, expression.selector);
  }
  return into;
}
