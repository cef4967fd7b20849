import { compileFilterPattern } from './compile.ts';
import type { CompiledFilterPattern, CompiledPattern } from './compile.ts';
import { MetricTransformationError } from './errors.ts';
import type { FieldBinding } from './evaluate-space-delimited.ts';
import { MAX_PUBLISHED_DIMENSION_VALUE_LENGTH, METRIC_TRANSFORMATIONS_PER_FILTER } from './limits.ts';
import { compileTransformation } from './metric-transformation.ts';
import type { CompiledMetricTransformation, MetricTransformationInput } from './metric-transformation.ts';
import type { FilterPatternOptions } from './options.ts';
import { asPreparedEvent } from './prepared-event.ts';
import type { JsonValue, PreparedEvent } from './prepared-event.ts';
import type { StandardUnit } from './standard-unit.ts';
import { numberText } from './value-match.ts';
import { parseNumber } from './values.ts';

/** One datapoint a matching event contributes, before the emulator's per-minute aggregation. */
export interface MetricEmission {
  readonly metricName: string;
  readonly metricNamespace: string;
  readonly value: number;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly unit?: StandardUnit;
}

/** Why a matching event published nothing for a transformation. */
export interface SkippedEmission {
  readonly transformation: number;
  readonly reason: 'value-missing' | 'value-not-numeric';
  readonly field: string;
}

export type MetricFilterEvaluation =
  | { readonly matched: false }
  | {
      readonly matched: true;
      readonly emissions: readonly MetricEmission[];
      readonly skipped: readonly SkippedEmission[];
    };

export interface CompiledMetricFilter {
  readonly pattern: CompiledFilterPattern;
  /** Exactly one (AWS: "Fixed number of 1 item"); `defaultValue` is here for the emulator. */
  readonly transformations: readonly CompiledMetricTransformation[];
  /**
   * undefined when the event does not match; otherwise one emission per transformation whose value
   * could be read. A matching event whose value field is missing or not numeric publishes nothing
   * (an empty list): the documentation publishes a field's value "for every log event that contains
   * a size field", and the lab does not invent a value (GRAMMAR.md, Q12).
   */
  apply(event: PreparedEvent | string): readonly MetricEmission[] | undefined;
  /** Like `apply`, with the reason for every transformation that published nothing. */
  evaluate(event: PreparedEvent | string): MetricFilterEvaluation;
}

/**
 * A metric filter as PutMetricFilter validates it: the pattern (FilterPatternSyntaxError) and its
 * single transformation (MetricTransformationError, whose awsMessage is what AWS answers).
 */
export function compileMetricFilter(
  pattern: string,
  transformations: readonly MetricTransformationInput[],
  options?: FilterPatternOptions,
): CompiledMetricFilter {
  const compiled = compileFilterPattern(pattern, options) as CompiledPattern;
  if (!Array.isArray(transformations) || transformations.length !== METRIC_TRANSFORMATIONS_PER_FILTER) {
    const count = Array.isArray(transformations) ? transformations.length : 0;
    throw new MetricTransformationError(
      'MT_COUNT',
      'metricTransformations',
      `a metric filter has exactly ${METRIC_TRANSFORMATIONS_PER_FILTER} transformation, got ${count}`,
      `1 validation error detected: Value at 'metricTransformations' failed to satisfy constraint: Member must have length ${
        count < METRIC_TRANSFORMATIONS_PER_FILTER ? 'greater' : 'less'
      } than or equal to ${METRIC_TRANSFORMATIONS_PER_FILTER}`,
    );
  }
  const compiledTransformations = Object.freeze(
    transformations.map((t, i) => compileTransformation(t, i, compiled)),
  );
  const evaluate = (input: PreparedEvent | string): MetricFilterEvaluation => {
    const event = asPreparedEvent(input);
    let binding: FieldBinding | undefined;
    if (compiled.spaceDelimited !== undefined) {
      binding = compiled.spaceDelimited.bind(event);
      if (binding === undefined) return { matched: false };
    } else if (!compiled.matches(event)) {
      return { matched: false };
    }
    const emissions: MetricEmission[] = [];
    const skipped: SkippedEmission[] = [];
    compiledTransformations.forEach((transformation, index) => {
      let value = transformation.constantValue;
      if (value === undefined) {
        const field = transformation.valueField!;
        const raw = field.read(event, binding);
        value = numericValue(raw);
        if (value === undefined) {
          skipped.push({
            transformation: index,
            reason: raw === undefined ? 'value-missing' : 'value-not-numeric',
            field: field.text,
          });
          return;
        }
      }
      const dimensions: Record<string, string> = {};
      for (const dimension of transformation.dimensions) {
        const text = dimensionText(dimension.field.read(event, binding));
        // CloudFormation Dimension.Value: "This dimension will only be published for a metric if the
        // value is found in the log event."
        if (text !== undefined) dimensions[dimension.name] = text;
      }
      emissions.push({
        metricName: transformation.metricName,
        metricNamespace: transformation.metricNamespace,
        value,
        dimensions,
        ...(transformation.unit !== undefined ? { unit: transformation.unit } : {}),
      });
    });
    return { matched: true, emissions, skipped };
  };
  return {
    pattern: compiled,
    transformations: compiledTransformations,
    evaluate,
    apply: (event) => {
      const result = evaluate(event);
      return result.matched ? result.emissions : undefined;
    },
  };
}

/** A JSON number, or text in the documented number grammar ("12", "-3.5", "1e3"). */
function numericValue(raw: JsonValue | undefined): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string') return parseNumber(raw.trim());
  return undefined;
}

function dimensionText(raw: JsonValue | undefined): string | undefined {
  let text: string | undefined;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'number') text = numberText(raw);
  else if (typeof raw === 'boolean') text = String(raw);
  if (text === undefined || text === '' || text.length > MAX_PUBLISHED_DIMENSION_VALUE_LENGTH)
    return undefined;
  return text;
}
