import type { SelectorNode, SpaceDelimitedPattern } from './ast.ts';
import type { FieldBinding } from './evaluate-space-delimited.ts';
import { compileSelection } from './json-select.ts';
import type { Selection } from './json-select.ts';
import type { JsonObject, JsonValue } from './prepared-event.ts';
import { numberText } from './value-match.ts';

/**
 * TestMetricFilter `extractedValues` for a space-delimited match: "extracted fields map to the names
 * of the space-delimited fields (as expressed in the filter) to the value of each of these fields"
 * (`"$status_code": "404"`); fields without a name (those under `...` and empty slots) are reported
 * by 1-based position (`"$4"`), and named fields are not repeated positionally (2020 documentation).
 */
export function extractSpaceDelimited(
  ast: SpaceDelimitedPattern,
  binding: FieldBinding,
): Record<string, string> {
  const values: Record<string, string> = {};
  ast.slots.forEach((slot, index) => {
    if (slot.type === 'Ellipsis') {
      for (let i = binding.ellipsisFrom; i < binding.ellipsisTo; i += 1)
        values[`$${i + 1}`] = binding.fields[i]!;
      return;
    }
    const field = binding.slotFields[index]!;
    values[slot.name !== undefined ? `$${slot.name}` : `$${field + 1}`] = binding.fields[field]!;
  });
  return values;
}

/**
 * TestMetricFilter `extractedValues` for a JSON match: each selector of the pattern, keyed by its
 * text as written (`"$.eventType"`), with the first string, number or boolean it selects. Missing
 * properties, null, objects and arrays are left out (choices.jsonExtractedValues; GRAMMAR.md).
 */
export class JsonExtractor {
  private readonly selections: readonly (readonly [string, Selection])[];

  constructor(selectors: Iterable<SelectorNode>) {
    this.selections = [...selectors].map((selector) => [selector.text, compileSelection(selector)] as const);
  }

  extract(root: JsonObject): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [key, select] of this.selections) {
      select(root, (node) => {
        const text = scalarText(node);
        if (text === undefined) return false;
        values[key] = text;
        return true;
      });
    }
    return values;
  }
}

export function scalarText(node: JsonValue): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return numberText(node);
  if (typeof node === 'boolean') return String(node);
  return undefined;
}
