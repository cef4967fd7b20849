import type { SlotExpression, SpaceDelimitedPattern } from './ast.ts';
import type { FilterPatternChoices } from './choices.ts';
import type { PreparedEvent } from './prepared-event.ts';
import { compileFieldTest } from './value-match.ts';
import type { TextTest } from './value-match.ts';

/** How the fields of one event line up with the slots of a matching pattern. */
export interface FieldBinding {
  /** The event's fields as the pattern sees them (1-based positions `$1`, `$2`, …). */
  readonly fields: readonly string[];
  /** For each slot, the index in `fields` it took; -1 for the `...` slot. */
  readonly slotFields: readonly number[];
  /** Field indexes `[from, to)` covered by `...` (empty when there is none). */
  readonly ellipsisFrom: number;
  readonly ellipsisTo: number;
}

/**
 * Matches space-delimited patterns. Without `...` the event must have exactly as many fields as the
 * pattern has slots ("The pattern needs to match with the entire log event message", Counting404;
 * choices.spaceDelimitedExtraFields); `...` stands for any number of fields, zero included.
 */
export class SpaceDelimitedMatcher {
  private readonly tests: readonly (TextTest | undefined)[];
  private readonly slotCount: number;
  private readonly ellipsis: number;

  constructor(
    readonly ast: SpaceDelimitedPattern,
    pattern: string,
    private readonly choices: FilterPatternChoices,
  ) {
    this.tests = ast.slots.map((slot) =>
      slot.type === 'Field' && slot.condition !== undefined
        ? compileSlot(slot.condition, pattern)
        : undefined,
    );
    this.slotCount = ast.slots.length;
    this.ellipsis = ast.ellipsisIndex;
  }

  /** The binding when the event matches, undefined otherwise. */
  bind(event: PreparedEvent): FieldBinding | undefined {
    const split = event.fields();
    let fields = split.values;
    const n = fields.length;
    const k = this.slotCount;
    const e = this.ellipsis;
    const slotFields = new Array<number>(k);
    let ellipsisFrom = 0;
    let ellipsisTo = 0;
    if (e === -1) {
      if (n < k) return undefined;
      if (n > k) {
        if (this.choices.spaceDelimitedExtraFields === 'no-match') return undefined;
        const rest = event.message.slice(split.starts[k - 1]).trimEnd();
        fields = [...fields.slice(0, k - 1), rest];
      }
      for (let i = 0; i < k; i += 1) slotFields[i] = i;
    } else {
      if (n < k - 1) return undefined;
      const after = k - e - 1;
      for (let i = 0; i < e; i += 1) slotFields[i] = i;
      slotFields[e] = -1;
      for (let i = e + 1; i < k; i += 1) slotFields[i] = n - (k - i);
      ellipsisFrom = e;
      ellipsisTo = n - after;
    }
    for (let i = 0; i < k; i += 1) {
      const test = this.tests[i];
      if (test !== undefined && !test(fields[slotFields[i]!]!)) return undefined;
    }
    return { fields, slotFields, ellipsisFrom, ellipsisTo };
  }

  /** `$name` or `$N` (1-based) → the field's text in a binding, or undefined. */
  resolve(binding: FieldBinding, reference: string): string | undefined {
    if (/^\d+$/.test(reference)) return binding.fields[Number(reference) - 1];
    const slot = this.ast.slots.findIndex((s) => s.type === 'Field' && s.name === reference);
    return slot === -1 ? undefined : binding.fields[binding.slotFields[slot]!];
  }
}

function compileSlot(expression: SlotExpression, pattern: string): TextTest {
  switch (expression.type) {
    case 'SlotComparison':
      return compileFieldTest(expression.operator, expression.value, pattern);
    case 'SlotOr': {
      const operands = expression.operands.map((operand) => compileSlot(operand, pattern));
      return (field) => operands.some((test) => test(field));
    }
    case 'SlotAnd': {
      const operands = expression.operands.map((operand) => compileSlot(operand, pattern));
      return (field) => operands.every((test) => test(field));
    }
  }
}
