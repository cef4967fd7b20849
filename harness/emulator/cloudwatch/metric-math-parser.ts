/**
 * The metric math expression language (user guide "Using metric math"), parsed into a small tree:
 *
 *   Expr     ::= Or
 *   Or       ::= And ( ("OR" | "||") And )*
 *   And      ::= Compare ( ("AND" | "&&") Compare )*
 *   Compare  ::= Sum ( ("==" | "!=" | "<" | "<=" | ">" | ">=") Sum )*
 *   Sum      ::= Product ( ("+" | "-") Product )*
 *   Product  ::= Power ( ("*" | "/") Power )*
 *   Power    ::= Unary ( "^" Power )?                   (right-associative)
 *   Unary    ::= ("-" | "NOT" | "!") Unary | Primary
 *   Primary  ::= "(" Expr ")" | number | string | id | Function "(" [ Expr ( "," Expr )* ] ")"
 *
 * Strings are "double" or 'single' quoted (only METRICS takes one). Keywords are case-insensitive.
 */
import { LabError } from '../../errors.ts';

export class MetricMathError extends LabError {
  constructor(message: string) {
    super('LAB_METRIC_MATH', message);
  }
}

export type MathNode =
  | { readonly type: 'num'; readonly value: number }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'id'; readonly name: string }
  | { readonly type: 'unary'; readonly op: '-' | 'NOT'; readonly operand: MathNode }
  | { readonly type: 'binary'; readonly op: string; readonly left: MathNode; readonly right: MathNode }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly MathNode[] };

/** Binary operators by precedence level, loosest first. */
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['OR'],
  ['AND'],
  ['==', '!=', '<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/'],
  ['^'],
];

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|("[^"]*"|'[^']*')|(&&|\|\||==|!=|<=|>=|[-+*/^(),<>!])|([A-Za-z_][A-Za-z0-9_]*))/y;

/** Parses a metric math expression; a MetricMathError names what is wrong and where. */
export function parseExpression(text: string): MathNode {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new MetricMathError(`Unexpected end of expression '${text}'`);
    return t;
  };
  const parseLevel = (level: number): MathNode => {
    if (level === BINARY_LEVELS.length) return parseUnary();
    const operators = BINARY_LEVELS[level]!;
    let left = parseLevel(level + 1);
    for (;;) {
      const op = peek();
      if (op === undefined || !operators.includes(op)) return left;
      i++;
      const right = op === '^' ? parseLevel(level) : parseLevel(level + 1);
      left = { type: 'binary', op, left, right };
    }
  };
  const parseUnary = (): MathNode => {
    const t = peek();
    if (t !== '-' && t !== 'NOT') return parsePrimary();
    i++;
    return { type: 'unary', op: t, operand: parseUnary() };
  };
  const parseArguments = (): MathNode[] => {
    const args: MathNode[] = [];
    if (peek() === ')') {
      i++;
      return args;
    }
    for (;;) {
      args.push(parseLevel(0));
      const separator = next();
      if (separator === ')') return args;
      if (separator !== ',') throw new MetricMathError(`Expected ',' or ')' in expression '${text}'`);
    }
  };
  const parsePrimary = (): MathNode => {
    const t = next();
    if (t === '(') {
      const inner = parseLevel(0);
      if (next() !== ')') throw new MetricMathError(`Expected ')' in expression '${text}'`);
      return inner;
    }
    if (t.startsWith('"') || t.startsWith("'")) return { type: 'str', value: t.slice(1, -1) };
    if (/^\d/.test(t) || t.startsWith('.')) return { type: 'num', value: Number(t) };
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) {
      if (peek() !== '(') return { type: 'id', name: t };
      i++;
      return { type: 'call', name: t.toUpperCase(), args: parseArguments() };
    }
    throw new MetricMathError(`Unexpected '${t}' in expression '${text}'`);
  };
  const node = parseLevel(0);
  if (i < tokens.length) throw new MetricMathError(`Unexpected '${tokens[i]}' in expression '${text}'`);
  return node;
}

/** Tokens, with the logical operators normalised to AND, OR and NOT. */
function tokenize(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (m === null) {
      const rest = text.slice(pos).trim();
      if (rest === '') break;
      throw new MetricMathError(`Unexpected character '${rest[0]}' in expression '${text}'`);
    }
    pos = TOKEN.lastIndex;
    const token = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    const upper = token.toUpperCase();
    if (token === '&&' || upper === 'AND') out.push('AND');
    else if (token === '||' || upper === 'OR') out.push('OR');
    else if (token === '!' || upper === 'NOT') out.push('NOT');
    else out.push(token);
  }
  return out;
}

/** Ids an expression refers to (for dependency order and validation). */
export function expressionIds(node: MathNode): string[] {
  switch (node.type) {
    case 'id':
      return [node.name];
    case 'unary':
      return expressionIds(node.operand);
    case 'binary':
      return [...expressionIds(node.left), ...expressionIds(node.right)];
    case 'call':
      return node.args.flatMap(expressionIds);
    default:
      return [];
  }
}
