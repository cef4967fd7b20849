/**
 * The composite alarm rule language (PutCompositeAlarm `AlarmRule`, alarms-sns.md §2.11):
 *
 *   Rule     ::= Or
 *   Or       ::= And ( "OR" And )*
 *   And      ::= Not ( "AND" Not )*
 *   Not      ::= "NOT" Not | Primary
 *   Primary  ::= "(" Rule ")" | "TRUE" | "FALSE" | Function "(" Ref ")"
 *   Function ::= "ALARM" | "OK" | "INSUFFICIENT_DATA"
 *   Ref      ::= '"' name-or-arn '"' | name-or-arn      (quotes optional)
 *
 * A reference is an alarm name or an alarm ARN. AND binds tighter than OR, as in the guide's
 * examples. Keywords are upper case. Errors carry the position.
 */
import { LabError } from '../../errors.ts';

/** AlarmRule: "a maximum of 100 underlying alarms"; the text is at most 10,240 characters (model). */
export const MAX_RULE_CHILDREN = 100;

export type RuleFunction = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export type RuleNode =
  | { readonly type: 'const'; readonly value: boolean }
  | { readonly type: 'state'; readonly fn: RuleFunction; readonly ref: string }
  | { readonly type: 'not'; readonly operand: RuleNode }
  | { readonly type: 'and' | 'or'; readonly operands: readonly RuleNode[] };

export class AlarmRuleSyntaxError extends LabError {
  readonly position: number;
  constructor(message: string, position: number) {
    super('LAB_ALARM_RULE_SYNTAX', message);
    this.position = position;
  }
}

const FUNCTIONS: readonly RuleFunction[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

export function parseAlarmRule(text: string): RuleNode {
  let pos = 0;

  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const fail = (message: string): never => {
    throw new AlarmRuleSyntaxError(`${message} at position ${pos} of the alarm rule`, pos);
  };
  /** Consumes `word` when it comes next as a whole word. */
  const accept = (word: string): boolean => {
    skipSpace();
    if (!text.startsWith(word, pos)) return false;
    const after = text[pos + word.length];
    if (after !== undefined && /[A-Za-z0-9_]/.test(after)) return false;
    pos += word.length;
    return true;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail(`Expected '${ch}'`);
    pos++;
  };

  /** Operands joined by one keyword: `Or ::= And ("OR" And)*`, `And ::= Not ("AND" Not)*`. */
  const parseJoined = (keyword: 'AND' | 'OR', operand: () => RuleNode): RuleNode => {
    const operands = [operand()];
    while (accept(keyword)) operands.push(operand());
    return operands.length === 1 ? operands[0]! : { type: keyword === 'AND' ? 'and' : 'or', operands };
  };
  const parseOr = (): RuleNode => parseJoined('OR', parseAnd);
  const parseAnd = (): RuleNode => parseJoined('AND', parseNot);
  const parseNot = (): RuleNode => (accept('NOT') ? { type: 'not', operand: parseNot() } : parsePrimary());
  const parseRef = (): string => {
    skipSpace();
    if (text[pos] === '"') {
      const end = text.indexOf('"', pos + 1);
      if (end < 0) fail('Unterminated quoted alarm name');
      const ref = text.slice(pos + 1, end);
      pos = end + 1;
      return ref;
    }
    const end = text.indexOf(')', pos);
    if (end < 0) fail("Expected ')'");
    const ref = text.slice(pos, end).trim();
    pos = end;
    return ref;
  };
  const parsePrimary = (): RuleNode => {
    skipSpace();
    if (text[pos] === '(') {
      pos++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    if (accept('TRUE')) return { type: 'const', value: true };
    if (accept('FALSE')) return { type: 'const', value: false };
    const fn = FUNCTIONS.find(accept);
    if (fn !== undefined) {
      expect('(');
      const ref = parseRef();
      if (ref === '') fail('Empty alarm name');
      expect(')');
      return { type: 'state', fn, ref };
    }
    return fail(pos >= text.length ? 'Unexpected end' : `Unexpected '${text.slice(pos, pos + 12)}'`);
  };

  const node = parseOr();
  skipSpace();
  if (pos < text.length) fail(`Unexpected '${text.slice(pos, pos + 12)}'`);
  return node;
}

/** Every alarm reference in the rule, in order of appearance, without duplicates. */
export function ruleReferences(node: RuleNode): string[] {
  const out: string[] = [];
  const walk = (n: RuleNode): void => {
    switch (n.type) {
      case 'state':
        if (!out.includes(n.ref)) out.push(n.ref);
        break;
      case 'not':
        walk(n.operand);
        break;
      case 'and':
      case 'or':
        n.operands.forEach(walk);
        break;
      case 'const':
        break;
    }
  };
  walk(node);
  return out;
}

/** Evaluates the rule; `stateOf` returns the current state of a referenced alarm. */
export function evaluateAlarmRule(node: RuleNode, stateOf: (ref: string) => string | undefined): boolean {
  switch (node.type) {
    case 'const':
      return node.value;
    case 'state':
      return stateOf(node.ref) === node.fn;
    case 'not':
      return !evaluateAlarmRule(node.operand, stateOf);
    case 'and':
      return node.operands.every((n) => evaluateAlarmRule(n, stateOf));
    case 'or':
      return node.operands.some((n) => evaluateAlarmRule(n, stateOf));
  }
}

/** The alarm name a reference designates (an ARN's last segment, or the name itself). */
export function referencedName(ref: string): string {
  const match = /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(ref);
  return match ? match[1]! : ref;
}
