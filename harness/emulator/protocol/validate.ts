import type { ServiceModel, Shape, StringShape } from '../models/types.ts';
import { coralName, shapeOf } from './shapes.ts';

/**
 * Model-driven constraint validation (required, length, value range, pattern, enum) of a decoded
 * input, producing the violations AWS's service framework (Coral) reports and its message format:
 *
 *   1 validation error detected: Value 'x ' at 'logGroupName' failed to satisfy constraint:
 *   Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+
 *
 * Several violations are joined with `; ` after "N validation errors detected: ". Paths use Coral's
 * lowerCamelCase member names, `.N.member` for list items (1-based) and `.<key>.member` for map
 * values. Which error code carries the message is the service's choice (Logs:
 * InvalidParameterException, CloudWatch: ValidationError...).
 */
export interface Violation {
  /** Coral path, e.g. `logEvents.1.member.message`. */
  readonly path: string;
  /** The offending value (undefined for a missing required member). */
  readonly value: unknown;
  readonly kind: 'required' | 'length' | 'range' | 'pattern' | 'enum' | 'mapKeys';
  /** Coral's constraint text, e.g. `Member must have length less than or equal to 512`. */
  readonly constraint: string;
  /** The wire member name of the top-level member involved (`logGroupName`, `MetricData`). */
  readonly member: string;
}

export function validateInput(model: ServiceModel, shapeName: string, input: unknown): Violation[] {
  const violations: Violation[] = [];
  visit(model, shapeOf(model, shapeName), input, '', '', violations);
  return violations;
}

export function formatValidationMessage(violations: readonly Violation[]): string {
  const count = violations.length;
  const head = `${count} validation error${count === 1 ? '' : 's'} detected: `;
  return (
    head +
    violations
      .map(
        (v) => `Value ${renderValue(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`,
      )
      .join('; ')
  );
}

function visit(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: string,
  member: string,
  out: Violation[],
): void {
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      const required = new Set(shape.required ?? []);
      for (const [name, ref] of Object.entries(shape.members)) {
        const child = record[name];
        const childPath = path === '' ? coralName(name) : `${path}.${coralName(name)}`;
        const top = member === '' ? name : member;
        if (child === undefined || child === null) {
          if (required.has(name)) {
            out.push({
              path: childPath,
              value: undefined,
              kind: 'required',
              constraint: 'Member must not be null',
              member: top,
            });
          }
          continue;
        }
        visit(model, shapeOf(model, ref.shape), child, childPath, top, out);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return;
      lengthViolations(shape, value.length, value, path, member, out);
      const itemShape = shapeOf(model, shape.member.shape);
      value.forEach((item, i) => {
        if (item !== undefined && item !== null)
          visit(model, itemShape, item, `${path}.${i + 1}.member`, member, out);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null) return;
      const entries = Object.entries(value as Record<string, unknown>);
      lengthViolations(shape, entries.length, value, path, member, out);
      const keyShape = shapeOf(model, shape.key.shape);
      const valueShape = shapeOf(model, shape.value.shape);
      const keyConstraints = new Set<string>();
      for (const [key, item] of entries) {
        if (keyShape.type === 'string')
          for (const c of stringConstraints(keyShape, key)) keyConstraints.add(c.constraint);
        if (item !== undefined && item !== null)
          visit(model, valueShape, item, `${path}.${key}.member`, member, out);
      }
      if (keyConstraints.size > 0) {
        out.push({
          path,
          value,
          kind: 'mapKeys',
          constraint: `Map keys must satisfy constraint: [${[...keyConstraints].join(', ')}]`,
          member,
        });
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return;
      for (const c of stringConstraints(shape, value)) out.push({ path, value, member, ...c });
      return;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      if (typeof value !== 'number') return;
      if (shape.max !== undefined && value > shape.max) {
        out.push({
          path,
          value,
          kind: 'range',
          constraint: `Member must have value less than or equal to ${shape.max}`,
          member,
        });
      }
      if (shape.min !== undefined && value < shape.min) {
        out.push({
          path,
          value,
          kind: 'range',
          constraint: `Member must have value greater than or equal to ${shape.min}`,
          member,
        });
      }
      return;
    }
    case 'blob': {
      if (!(value instanceof Uint8Array)) return;
      lengthViolations(shape, value.length, value, path, member, out);
      return;
    }
    default:
      return;
  }
}

function lengthViolations(
  shape: { readonly min?: number; readonly max?: number },
  length: number,
  value: unknown,
  path: string,
  member: string,
  out: Violation[],
): void {
  if (shape.max !== undefined && length > shape.max) {
    out.push({
      path,
      value,
      kind: 'length',
      constraint: `Member must have length less than or equal to ${shape.max}`,
      member,
    });
  }
  if (shape.min !== undefined && length < shape.min) {
    out.push({
      path,
      value,
      kind: 'length',
      constraint: `Member must have length greater than or equal to ${shape.min}`,
      member,
    });
  }
}

function stringConstraints(
  shape: StringShape,
  value: string,
): { kind: Violation['kind']; constraint: string }[] {
  const found: { kind: Violation['kind']; constraint: string }[] = [];
  if (shape.max !== undefined && value.length > shape.max) {
    found.push({ kind: 'length', constraint: `Member must have length less than or equal to ${shape.max}` });
  }
  if (shape.min !== undefined && value.length < shape.min) {
    found.push({
      kind: 'length',
      constraint: `Member must have length greater than or equal to ${shape.min}`,
    });
  }
  if (shape.pattern !== undefined && !compilePattern(shape.pattern).test(value)) {
    found.push({
      kind: 'pattern',
      constraint: `Member must satisfy regular expression pattern: ${shape.pattern}`,
    });
  }
  if (shape.enum !== undefined && !shape.enum.includes(value)) {
    found.push({
      kind: 'enum',
      constraint: `Member must satisfy enum value set: [${shape.enum.join(', ')}]`,
    });
  }
  return found;
}

const patternCache = new Map<string, RegExp>();

/**
 * Model patterns are Java regular expressions that must match the whole value (`String.matches`).
 * The `u` flag gives `\p{L}` and friends their Java meaning.
 */
export function compilePattern(pattern: string): RegExp {
  let compiled = patternCache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      compiled = new RegExp(`^(?:${pattern})$`);
    }
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Java `toString()`-like rendering, as Coral quotes values in its messages. Long values (a list of
 * 10,001 log events) are cut so an error stays readable.
 */
const MAX_RENDERED_VALUE = 1024;

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = javaString(value);
  return `'${text.length > MAX_RENDERED_VALUE ? `${text.slice(0, MAX_RENDERED_VALUE)}...` : text}'`;
}

function javaString(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${joinBounded(value.map((v) => () => javaString(v)))}]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array)
    return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  if (typeof value === 'object') {
    return `{${joinBounded(
      Object.entries(value as Record<string, unknown>).map(
        ([k, v]) =>
          () =>
            `${k}=${javaString(v)}`,
      ),
    )}}`;
  }
  return String(value);
}

/** Joins lazily rendered parts with `, `, stopping once the text is longer than any message shows. */
function joinBounded(parts: readonly (() => string)[]): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    text += (i === 0 ? '' : ', ') + parts[i]!();
    if (text.length > MAX_RENDERED_VALUE) break;
  }
  return text;
}
