import type {
  FilterComparisonOperator,
  SlotComparison,
  SlotExpression,
  SlotNode,
  SpaceDelimitedPattern,
} from './ast.ts';
import type { Token } from './lexer.ts';
import type { ParseContext } from './parse-context.ts';
import { parseValueAfter } from './values.ts';

/**
 * Field names: letters, digits and `_`, not starting with a digit, so `$7` in a metric value always
 * means "the 7th field" and never a field named 7.
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Space-delimited patterns.
 *
 * SpacePattern ::= '[' Slot ( ',' Slot )* ']'
 * Slot         ::= '...' | ε | SlotOr
 */
export function parseSpaceDelimitedPattern(context: ParseContext): SpaceDelimitedPattern {
  const { lexer } = context;
  const open = context.expect('LBracket', 'structure', "'['");
  if (lexer.peek('structure').type === 'RBracket') {
    const close = lexer.next('structure');
    context.fail('FP_EMPTY_BODY', 'a space-delimited pattern needs at least one field inside [ ]', {
      start: open.start,
      end: close.end,
    });
  }
  const slots: SlotNode[] = [];
  const names = new Set<string>();
  let ellipsisIndex = -1;
  let close: Token;
  for (;;) {
    const slot = parseSlot(context, slots.length === 0 ? open.end : lexer.peek('structure').start);
    if (slot.type === 'Ellipsis') {
      if (ellipsisIndex !== -1)
        context.fail('FP_DUPLICATE_FIELD', "'...' may appear only once", slot, "Duplicate field '...'");
      ellipsisIndex = slots.length;
    } else if (slot.name !== undefined) {
      if (names.has(slot.name))
        context.fail(
          'FP_DUPLICATE_FIELD',
          `field '${slot.name}' is named twice`,
          slot,
          `Duplicate field '${slot.name}'`,
        );
      names.add(slot.name);
    }
    slots.push(slot);
    const separator = lexer.next('structure');
    if (separator.type === 'Comma') continue;
    if (separator.type === 'RBracket') {
      close = separator;
      break;
    }
    context.unexpected(separator, "',' or ']'");
  }
  const trailing = lexer.next('structure');
  if (trailing.type !== 'EOF') {
    context.fail('FP_TRAILING_INPUT', "nothing may follow the closing ']'", {
      start: trailing.start,
      end: context.pattern.trimEnd().length,
    });
  }
  return { type: 'SpaceDelimitedPattern', slots, ellipsisIndex, start: open.start, end: close.end };
}

function parseSlot(context: ParseContext, emptyAt: number): SlotNode {
  const token = context.lexer.peek('structure');
  if (token.type === 'Ellipsis') {
    context.lexer.next('structure');
    return { type: 'Ellipsis', start: token.start, end: token.end };
  }
  if (token.type === 'Comma' || token.type === 'RBracket') {
    return { type: 'Field', name: undefined, condition: undefined, start: emptyAt, end: emptyAt };
  }
  const name = fieldName(context, context.lexer.next('structure'));
  const after = context.lexer.peek('structure');
  if (after.type !== 'Operator') {
    return { type: 'Field', name: name.text, condition: undefined, start: name.start, end: name.end };
  }
  const condition = parseSlotOr(context, name);
  return { type: 'Field', name: name.text, condition, start: name.start, end: condition.end };
}

/** SlotOr ::= SlotAnd ( '||' SlotAnd )*  (`name` is the slot's already-read first field name) */
function parseSlotOr(context: ParseContext, name: Token): SlotExpression {
  return context.junction('Or', 'SlotOr', (first) =>
    parseSlotAnd(context, first ? name : undefined, name.text),
  );
}

/** SlotAnd ::= FieldCondition ( '&&' FieldCondition )* */
function parseSlotAnd(context: ParseContext, name: Token | undefined, slotName: string): SlotExpression {
  return context.junction('And', 'SlotAnd', (first) =>
    parseFieldCondition(context, first ? name : undefined, slotName),
  );
}

/**
 * FieldCondition ::= Name Operator Value
 *
 * "Conditions in a slot may only reference that slot's field": AWS rejects the once-documented
 * `status_code = 4* && bytes > 1000` ("Invalid filter pattern", awsdocs issue #21).
 */
function parseFieldCondition(
  context: ParseContext,
  nameToken: Token | undefined,
  slotName: string,
): SlotComparison {
  const { lexer } = context;
  const name = nameToken ?? fieldName(context, lexer.next('structure'));
  if (name.text !== slotName) {
    context.fail(
      'FP_SLOT_FIELD_MISMATCH',
      `a condition in the '${slotName}' slot may only test '${slotName}', not '${name.text}' (separate fields with ',')`,
      name,
    );
  }
  const op = lexer.next('structure');
  if (op.type !== 'Operator') {
    if (op.type === 'EOF')
      context.fail('FP_UNEXPECTED_END', `expected an operator after '${name.text}' but the pattern ends`, op);
    context.fail(
      'FP_EXPECTED_OPERATOR',
      `expected = != < > <= >= after '${name.text}', found '${op.text}'`,
      op,
    );
  }
  const operator = op.text as FilterComparisonOperator;
  const value = parseValueAfter(operator, context);
  return { type: 'SlotComparison', field: name.text, operator, value, start: name.start, end: value.end };
}

function fieldName(context: ParseContext, token: Token): Token {
  if (token.type === 'Word') {
    if (!FIELD_NAME.test(token.text)) {
      context.fail(
        'FP_INVALID_FIELD_NAME',
        `'${token.text}' is not a field name (letters, digits and _, not starting with a digit)`,
        token,
      );
    }
    return token;
  }
  context.unexpected(token, "a field name or '...'");
}
