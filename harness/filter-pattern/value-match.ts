import type { FilterComparisonOperator, StringValue, ValueNode } from './ast.ts';
import type { JsonValue } from './prepared-event.ts';
import { compileRegex } from './regex/index.ts';
import { parseNumber } from './values.ts';

/** A test on one piece of text (a space-delimited field, or a JSON scalar's text). */
export type TextTest = (text: string) => boolean;

export function compileStringTest(value: StringValue): TextTest {
  const literal = value.literal;
  if (value.leadingWildcard && value.trailingWildcard) return (text) => text.includes(literal);
  if (value.leadingWildcard) return (text) => text.endsWith(literal);
  if (value.trailingWildcard) return (text) => text.startsWith(literal);
  return (text) => text === literal;
}

export function compileValueTest(value: Exclude<ValueNode, { type: 'Number' }>, pattern: string): TextTest {
  if (value.type === 'String') return compileStringTest(value);
  const regex = compileRegex(value.regex, pattern, value.start, value.end);
  return (text) => regex.test(text);
}

export function compareNumbers(operator: FilterComparisonOperator, left: number, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '>=':
      return left >= right;
  }
}

/**
 * A JSON comparison on one selected node. Every comparison, `!=` included, needs a string or number
 * node: objects, arrays, null, booleans and missing properties never satisfy one (the JSON page:
 * "If a property selector points to an array or object, the filter pattern won't match"; azul #5884
 * for `!=` on a missing property). Strings compare against a number node's text (`"1*"` matches
 * 123); a number literal compares numerically with a number node (`= 400` matches 400.0) and as text
 * with a string node; `< > <= >=` need a number node. GRAMMAR.md cites the observations behind this.
 */
export function compileNodeTest(
  operator: FilterComparisonOperator,
  value: ValueNode,
  pattern: string,
): (node: JsonValue) => boolean {
  if (value.type === 'Number') {
    const expected = value.value;
    const raw = value.raw;
    if (operator === '=') return (node) => (typeof node === 'number' ? node === expected : node === raw);
    if (operator === '!=') {
      return (node) =>
        typeof node === 'number' ? node !== expected : typeof node === 'string' && node !== raw;
    }
    return (node) => typeof node === 'number' && compareNumbers(operator, node, expected);
  }
  const test = compileValueTest(value, pattern);
  const negate = operator === '!=';
  return (node) => {
    let text: string;
    if (typeof node === 'string') text = node;
    else if (typeof node === 'number') text = numberText(node);
    else return false;
    return test(text) !== negate;
  };
}

/**
 * A space-delimited field condition. Fields are text: a number literal compares numerically when the
 * field is a number and as text otherwise; `< > <= >=` need a numeric field.
 */
export function compileFieldTest(
  operator: FilterComparisonOperator,
  value: ValueNode,
  pattern: string,
): TextTest {
  if (value.type === 'Number') {
    const expected = value.value;
    const raw = value.raw;
    if (operator === '=' || operator === '!=') {
      const negate = operator === '!=';
      return (field) => {
        const number = parseNumber(field);
        return (number === undefined ? field === raw : number === expected) !== negate;
      };
    }
    return (field) => {
      const number = parseNumber(field);
      return number !== undefined && compareNumbers(operator, number, expected);
    };
  }
  const test = compileValueTest(value, pattern);
  return operator === '!=' ? (field) => !test(field) : test;
}

/**
 * The text of a number node. JSON.parse keeps no source text, so this is JavaScript's shortest form
 * (`12.0` in the event reads as "12"); AWS appears to keep the written form (GRAMMAR.md, deviations).
 */
export function numberText(node: number): string {
  return String(node);
}
