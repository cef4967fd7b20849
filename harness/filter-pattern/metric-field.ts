import type { PatternKind } from './ast.ts';
import type { CompiledPattern } from './compile.ts';
import type { FieldBinding } from './evaluate-space-delimited.ts';
import { FilterPatternSyntaxError } from './errors.ts';
import { compileResolver } from './json-select.ts';
import type { JsonValue, PreparedEvent } from './prepared-event.ts';
import { parseSelector } from './selector.ts';

/**
 * A reference to a field of a matched event, as metricValue and dimension values write them:
 * `$.a.b` (JSON patterns) or `$name` / `$7` (space-delimited patterns) (FilterAndPatternSyntaxForMetricFilters:
 * "You can set metric values to numbers, named identifiers, or numeric identifiers").
 */
export interface FieldReference {
  readonly text: string;
  /** The raw field of a matching event: a JSON node, a space-delimited field's text, or undefined. */
  read(event: PreparedEvent, binding: FieldBinding | undefined): JsonValue | undefined;
}

/** Why a reference cannot be used with this pattern; undefined when it can. */
export type ReferenceProblem = string;

/** Parses `text` as a field reference valid for `pattern`, or returns the problem. */
export function parseFieldReference(
  text: string,
  pattern: CompiledPattern,
): FieldReference | ReferenceProblem {
  if (text.startsWith('$.')) {
    if (pattern.kind !== 'json')
      return `'${text}' is a JSON selector, but the filter pattern is ${describeKind(pattern.kind)}`;
    let selector;
    try {
      selector = parseSelector(text, 0, text.length);
    } catch (error) {
      if (error instanceof FilterPatternSyntaxError)
        return `'${text}' is not a valid selector: ${error.summary}`;
      throw error;
    }
    if (selector.wildcards > 0)
      return `'${text}' selects more than one value; use a selector without wildcards`;
    const resolve = compileResolver(selector);
    return {
      text,
      read: (event) => {
        const root = event.json();
        return root === undefined ? undefined : resolve(root);
      },
    };
  }
  const named = /^\$([A-Za-z_][A-Za-z0-9_]*|[1-9]\d*)$/.exec(text);
  if (named === null) {
    return `'${text}' is neither a number nor a field reference ($.field for JSON patterns, $name or $N for space-delimited ones)`;
  }
  const sd = pattern.spaceDelimited;
  if (sd === undefined)
    return `'${text}' names a space-delimited field, but the filter pattern is ${describeKind(pattern.kind)}`;
  const reference = named[1]!;
  if (/^\d/.test(reference)) {
    const position = Number(reference);
    if (sd.ast.ellipsisIndex === -1 && position > sd.ast.slots.length) {
      return `'${text}' refers to field ${position}, but the pattern has ${sd.ast.slots.length} fields`;
    }
  } else if (!sd.ast.slots.some((slot) => slot.type === 'Field' && slot.name === reference)) {
    return `'${text}' is not a field of the pattern ${pattern.source.trim()}`;
  }
  return {
    text,
    read: (_event, binding) => (binding === undefined ? undefined : sd.resolve(binding, reference)),
  };
}

function describeKind(kind: PatternKind): string {
  switch (kind) {
    case 'json':
      return 'a JSON pattern';
    case 'space-delimited':
      return 'a space-delimited pattern';
    case 'terms':
      return 'an unstructured (term) pattern';
    case 'match-all':
      return 'the match-everything pattern';
  }
}
