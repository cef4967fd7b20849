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
  for (const c of ownConstraints(shape, value)) out.push({ path, value, member, ...c });
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      const required = new Set(shape.required ?? []);
      for (const [name, ref] of Object.entries(shape.members)) {
        const child = record[name];
        const childPath = path === '' ? coralName(name) : `${path}.${coralName(name)}`;
        const top = member === '' ? name : member;
        if (child !== undefined && child !== null) {
          visit(model, shapeOf(model, ref.shape), child, childPath, top, out);
        } else if (required.has(name)) {
          out.push({
            path: childPath,
            value: undefined,
            kind: 'required',
            constraint: 'Member must not be null',
            member: top,
          });
        }
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return;
      const itemShape = shapeOf(model, shape.member.shape);
      value.forEach((item, i) => {
        if (item !== undefined && item !== null)
          visit(model, itemShape, item, `${path}.${i + 1}.member`, member, out);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null) return;
      const keyShape = shapeOf(model, shape.key.shape);
      const valueShape = shapeOf(model, shape.value.shape);
      // Coral reports every key constraint once, for the whole map.
      const keyConstraints = new Set<string>();
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
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
    default:
      return;
  }
}

/** The constraints a value breaks by itself (its length, range, pattern or enum), not its members'. */
function ownConstraints(shape: Shape, value: unknown): Constraint[] {
  switch (shape.type) {
    case 'list':
      return Array.isArray(value) ? boundConstraints(shape, value.length, 'length') : [];
    case 'map':
      return typeof value === 'object' && value !== null
        ? boundConstraints(shape, Object.keys(value).length, 'length')
        : [];
    case 'string':
      return typeof value === 'string' ? stringConstraints(shape, value) : [];
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return typeof value === 'number' ? boundConstraints(shape, value, 'range') : [];
    case 'blob':
      return value instanceof Uint8Array ? boundConstraints(shape, value.length, 'length') : [];
    default:
      return [];
  }
}

type Constraint = Pick<Violation, 'kind' | 'constraint'>;

/** Coral's min/max constraints: on a length (strings, lists, maps, blobs) or on a value (numbers). */
function boundConstraints(
  shape: { readonly min?: number; readonly max?: number },
  measured: number,
  kind: 'length' | 'range',
): Constraint[] {
  const noun = kind === 'length' ? 'length' : 'value';
  const found: Constraint[] = [];
  if (shape.max !== undefined && measured > shape.max) {
    found.push({ kind, constraint: `Member must have ${noun} less than or equal to ${shape.max}` });
  }
  if (shape.min !== undefined && measured < shape.min) {
    found.push({ kind, constraint: `Member must have ${noun} greater than or equal to ${shape.min}` });
  }
  return found;
}

function stringConstraints(shape: StringShape, value: string): Constraint[] {
  const found = boundConstraints(shape, value.length, 'length');
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
