import { AWS_INVALID_CHARACTER_MESSAGE, FilterPatternSyntaxError } from './errors.ts';
import type { FilterComparisonOperator, NumberValue, StringValue, ValueNode } from './ast.ts';
import type { Token } from './lexer.ts';
import type { ParseContext } from './parse-context.ts';

/**
 * The number grammar of the 2020 documentation: "An integer with an optional + or - sign, a decimal
 * with an optional + or - sign, or a number in scientific notation" (`10e3`, `1e-3`, `+1000`, `55.5`).
 */
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Characters a value may contain without quotes: letters, digits, `_ . - +` and the `*` wildcard. */
const BARE_VALUE_CHAR = /[A-Za-z0-9_.*+-]/;

export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads the value after `operator`: a string, a `%regex%` or a bare value (see `parseValue`). */
export function parseValueAfter(operator: FilterComparisonOperator, context: ParseContext): ValueNode {
  const token = context.lexer.next('value');
  if (token.type !== 'String' && token.type !== 'Regex' && token.type !== 'Bare') {
    if (token.type === 'EOF')
      context.fail('FP_EXPECTED_VALUE', `expected a value after '${operator}' but the pattern ends`, token);
    context.fail('FP_EXPECTED_VALUE', `expected a value after '${operator}'`, token);
  }
  return parseValue(token, operator, context);
}

/**
 * Turns the token after an operator into a value node. `< > <= >=` need an unquoted number (AWS
 * rejects `{ $.latency > "abc" }` and even `> "123"` with "Invalid character(s) in term").
 */
function parseValue(token: Token, operator: FilterComparisonOperator, context: ParseContext): ValueNode {
  const { pattern } = context;
  const value = toValue(token, context);
  if (operator !== '=' && operator !== '!=' && value.type !== 'Number') {
    throw new FilterPatternSyntaxError(
      'FP_NUMERIC_OPERATOR_NEEDS_NUMBER',
      `'${operator}' compares numbers: expected an unquoted number, found ${token.text}`,
      pattern,
      { start: token.start, end: token.end },
      `${AWS_INVALID_CHARACTER_MESSAGE} '${token.text}'`,
    );
  }
  return value;
}

function toValue(token: Token, context: ParseContext): ValueNode {
  const { pattern } = context;
  if (token.type === 'Regex') return context.regex(token);
  if (token.type === 'String')
    return stringValue(token.text, token.value ?? '', true, token.start, token.end);
  for (let i = token.start; i < token.end; i += 1) {
    const ch = pattern[i]!;
    if (!BARE_VALUE_CHAR.test(ch)) {
      throw new FilterPatternSyntaxError(
        'FP_INVALID_VALUE',
        `'${ch}' must be quoted: write "${token.text.replace(/["\\]/g, '\\$&')}"`,
        pattern,
        { start: i, end: i + 1 },
        AWS_INVALID_CHARACTER_MESSAGE,
      );
    }
  }
  const number = parseNumber(token.text);
  if (number !== undefined) {
    const node: NumberValue = {
      type: 'Number',
      raw: token.text,
      value: number,
      start: token.start,
      end: token.end,
    };
    return node;
  }
  return stringValue(token.text, token.text, false, token.start, token.end);
}

/**
 * `*` is a wildcard only as the first and/or last character: "*Event will match PutEvent ... Ev*ent
 * will only match the actual string Ev*ent" (2020 documentation). Quoted or not.
 */
export function stringValue(
  raw: string,
  text: string,
  quoted: boolean,
  start: number,
  end: number,
): StringValue {
  const leadingWildcard = text.startsWith('*');
  const rest = leadingWildcard ? text.slice(1) : text;
  const trailingWildcard = rest.endsWith('*');
  const literal = trailingWildcard ? rest.slice(0, -1) : rest;
  return { type: 'String', raw, quoted, literal, leadingWildcard, trailingWildcard, start, end };
}
