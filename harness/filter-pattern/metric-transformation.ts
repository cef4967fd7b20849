import type { CompiledPattern } from './compile.ts';
import { MetricTransformationError } from './errors.ts';
import type { MetricTransformationErrorCode } from './errors.ts';
import {
  MAX_DIMENSIONS,
  MAX_DIMENSION_KEY_LENGTH,
  MAX_DIMENSION_VALUE_LENGTH,
  MAX_METRIC_NAME_LENGTH,
  MAX_METRIC_NAMESPACE_LENGTH,
  MAX_METRIC_VALUE_LENGTH,
} from './limits.ts';
import { parseFieldReference } from './metric-field.ts';
import type { FieldReference } from './metric-field.ts';
import { STANDARD_UNITS } from './standard-unit.ts';
import type { StandardUnit } from './standard-unit.ts';
import { parseNumber } from './values.ts';

/** PutMetricFilter's MetricTransformation, as a caller (or the emulator's wire layer) supplies it. */
export interface MetricTransformationInput {
  readonly metricName: string;
  readonly metricNamespace: string;
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly unit?: string;
}

/** A validated transformation: what to publish for a matching event, and the default for the rest. */
export interface CompiledMetricTransformation {
  readonly metricName: string;
  readonly metricNamespace: string;
  /** As given: "1", "$.latency", "$size", "$7". */
  readonly metricValue: string;
  /** The published value when `metricValue` is a number. */
  readonly constantValue: number | undefined;
  /** The field read for the value when `metricValue` is a reference. */
  readonly valueField: FieldReference | undefined;
  /** What the emulator reports for a minute without matches (API: "The value to emit when a filter pattern does not match"). */
  readonly defaultValue: number | undefined;
  /** Dimension name → the field its value is read from. */
  readonly dimensions: readonly { readonly name: string; readonly field: FieldReference }[];
  readonly unit: StandardUnit | undefined;
}

/** Model constraints: `metricName`/`metricNamespace` pattern `[^:*$]*` (API_MetricTransformation). */
const NAME_PATTERN = /^[^:*$]*$/;

/** Validates one transformation the way PutMetricFilter does, against its compiled pattern. */
export function compileTransformation(
  input: MetricTransformationInput,
  index: number,
  pattern: CompiledPattern,
): CompiledMetricTransformation {
  const path = (member: string): string => `metricTransformations.${index + 1}.member.${member}`;
  // An annotated const so calls narrow like `throw` does.
  const fail: (
    code: MetricTransformationErrorCode,
    member: string,
    message: string,
    awsMessage: string,
  ) => never = (code, member, message, awsMessage) => {
    throw new MetricTransformationError(code, member, message, awsMessage);
  };
  const validation = (member: string, value: unknown, constraint: string): string =>
    `1 validation error detected: Value ${value === undefined || value === null ? 'null' : `'${String(value)}'`} at '${path(member)}' failed to satisfy constraint: ${constraint}`;

  if (input === null || typeof input !== 'object') {
    fail(
      'MT_REQUIRED',
      'metricTransformations',
      'each transformation must be an object',
      validation('', input, 'Member must not be null'),
    );
  }
  const text = (member: 'metricName' | 'metricNamespace' | 'metricValue', max: number): string => {
    const value: unknown = input[member];
    if (typeof value !== 'string' || value === '') {
      fail(
        'MT_REQUIRED',
        member,
        `${member} is required (a non-empty string)`,
        validation(member, value, 'Member must not be null'),
      );
    }
    if (value.length > max) {
      fail('MT_TOO_LONG', member, `${member} is ${value.length} characters; the limit is ${max}`,
        validation(member, value, `Member must have length less than or equal to ${max}`)); // prettier-ignore
    }
    return value;
  };
  const metricName = text('metricName', MAX_METRIC_NAME_LENGTH);
  const metricNamespace = text('metricNamespace', MAX_METRIC_NAMESPACE_LENGTH);
  for (const [member, value] of [
    ['metricName', metricName],
    ['metricNamespace', metricNamespace],
  ] as const) {
    if (!NAME_PATTERN.test(value)) {
      fail('MT_INVALID_NAME', member, `${member} '${value}' may not contain ':', '*' or '$'`,
        validation(member, value, 'Member must satisfy regular expression pattern: [^:*$]*')); // prettier-ignore
    }
  }

  const metricValue = text('metricValue', MAX_METRIC_VALUE_LENGTH);
  const constantValue = parseNumber(metricValue.trim());
  let valueField: FieldReference | undefined;
  if (constantValue === undefined) {
    const reference = parseFieldReference(metricValue, pattern);
    if (typeof reference === 'string') {
      fail('MT_INVALID_VALUE', 'metricValue', reference, `Invalid metric value: ${metricValue}`);
    }
    valueField = reference;
  }

  const { defaultValue } = input;
  if (
    defaultValue !== undefined &&
    defaultValue !== null &&
    (typeof defaultValue !== 'number' || !Number.isFinite(defaultValue))
  ) {
    fail('MT_INVALID_DEFAULT_VALUE', 'defaultValue', `defaultValue must be a finite number, got ${String(defaultValue)}`,
      validation('defaultValue', defaultValue, 'Member must be a number')); // prettier-ignore
  }

  const dimensions: { name: string; field: FieldReference }[] = [];
  const entries = Object.entries(input.dimensions ?? {});
  if (entries.length > 0) {
    if (pattern.kind !== 'json' && pattern.kind !== 'space-delimited') {
      fail('MT_DIMENSIONS_UNSUPPORTED', 'dimensions', 'dimensions are only available for JSON and space-delimited filter patterns',
        'The specified filter pattern does not support dimensions'); // prettier-ignore
    }
    if (defaultValue !== undefined && defaultValue !== null) {
      fail('MT_DEFAULT_WITH_DIMENSIONS', 'defaultValue', "a metric with dimensions can't have a default value",
        'Invalid metric transformation: defaultValue is not allowed with dimensions'); // prettier-ignore
    }
    if (entries.length > MAX_DIMENSIONS) {
      fail('MT_TOO_MANY_DIMENSIONS', 'dimensions', `${entries.length} dimensions; a metric filter can have at most ${MAX_DIMENSIONS}`,
        `Invalid metric transformation: a metric filter can include at most ${MAX_DIMENSIONS} dimensions`); // prettier-ignore
    }
    for (const [name, value] of entries) {
      // CloudFormation Dimension.Key: "must contain only ASCII characters, must include at least one
      // non-whitespace character, and cannot start with a colon (:)".
      if (
        !isAscii(name) ||
        name.trim() === '' ||
        name.startsWith(':') ||
        name.length > MAX_DIMENSION_KEY_LENGTH
      ) {
        fail('MT_INVALID_DIMENSION', `dimensions.${name}`,
          `dimension name '${name}' must be 1-${MAX_DIMENSION_KEY_LENGTH} ASCII characters, not blank and not starting with ':'`,
          `Invalid dimension name: ${name}`); // prettier-ignore
      }
      if (typeof value !== 'string' || value.length > MAX_DIMENSION_VALUE_LENGTH) {
        fail('MT_INVALID_DIMENSION', `dimensions.${name}`, `dimension '${name}' needs a field reference of at most ${MAX_DIMENSION_VALUE_LENGTH} characters`,
          `Invalid dimension value for ${name}`); // prettier-ignore
      }
      const field = parseFieldReference(value, pattern);
      if (typeof field === 'string') {
        fail(
          'MT_INVALID_DIMENSION',
          `dimensions.${name}`,
          `dimension '${name}': ${field}`,
          `Invalid dimension value for ${name}: ${value}`,
        );
      }
      dimensions.push({ name, field });
    }
  }

  const { unit } = input;
  if (unit !== undefined && unit !== null && !(STANDARD_UNITS as readonly string[]).includes(unit)) {
    fail('MT_INVALID_UNIT', 'unit', `unit '${unit}' is not a CloudWatch StandardUnit (${STANDARD_UNITS.join(', ')})`,
      validation('unit', unit, `Member must satisfy enum value set: [${STANDARD_UNITS.join(', ')}]`)); // prettier-ignore
  }

  return Object.freeze({
    metricName,
    metricNamespace,
    metricValue,
    constantValue,
    valueField,
    defaultValue: defaultValue ?? undefined,
    dimensions: Object.freeze(dimensions),
    unit: (unit ?? undefined) as StandardUnit | undefined,
  });
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
