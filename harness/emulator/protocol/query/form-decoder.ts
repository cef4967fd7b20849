import type { ServiceModel, Shape, ShapeRef } from '../../models/types.ts';
import { SerializationException } from '../errors.ts';
import { isFlattened, shapeOf, wireName } from '../shapes.ts';
import { parseTimestamp } from '../timestamps.ts';

/**
 * Decodes awsQuery form parameters into the typed input tree, the inverse of botocore's
 * `QuerySerializer` and the SDK's `QueryShapeSerializer` (aws-protocols.md §2.4):
 *
 * - structure member → `Prefix.Name` (the member's `locationName` when it has one);
 * - list → `Prefix.member.N` (1-based; a custom item name replaces `member`); a flattened list
 *   (SQS) drops `member` and, when its item has a name, replaces the last prefix segment with it:
 *   `AttributeNames` → `AttributeName.N`; an empty list is sent as `Prefix=` (empty value);
 * - map → `Prefix.entry.N.key` / `.value` (custom key/value names replace them); flattened maps drop
 *   `entry`: `Attribute.N.Name` / `Attribute.N.Value`;
 * - scalars: integers and doubles as decimal text, booleans `true`/`false`, timestamps ISO 8601
 *   (epoch seconds accepted too), blobs base64.
 *
 * Parameters the model does not describe (`Action`, `Version`, unknown members) are ignored.
 */
export function decodeQueryInput(
  model: ServiceModel,
  shapeName: string | undefined,
  params: URLSearchParams,
): unknown {
  if (shapeName === undefined) return {};
  const values = new Map<string, string>();
  const prefixes = new Set<string>();
  for (const [key, value] of params) {
    if (!values.has(key)) values.set(key, value);
    let dot = key.indexOf('.');
    while (dot !== -1) {
      prefixes.add(key.slice(0, dot));
      dot = key.indexOf('.', dot + 1);
    }
  }
  const decoder = new FormDecoder(model, values, prefixes);
  return decoder.structure(shapeOf(model, shapeName), '') ?? {};
}

class FormDecoder {
  constructor(
    private readonly model: ServiceModel,
    private readonly values: ReadonlyMap<string, string>,
    private readonly prefixes: ReadonlySet<string>,
  ) {}

  /** True when `key` itself or anything below it was sent. */
  private present(key: string): boolean {
    return this.values.has(key) || this.prefixes.has(key);
  }

  private join(prefix: string, name: string): string {
    return prefix === '' ? name : `${prefix}.${name}`;
  }

  structure(shape: Shape, prefix: string): Record<string, unknown> | undefined {
    if (shape.type !== 'structure')
      throw new Error(
        `${this.model.name} model: ${prefix || 'the input'} is a ${shape.type}, not a structure`,
      );
    const out: Record<string, unknown> = {};
    let any = false;
    for (const [name, ref] of Object.entries(shape.members)) {
      const key = this.join(prefix, wireName(name, ref));
      const value = this.value(ref, key);
      if (value !== undefined) {
        out[name] = value;
        any = true;
      }
    }
    return any || prefix === '' ? out : undefined;
  }

  private value(ref: ShapeRef, key: string): unknown {
    const shape = shapeOf(this.model, ref.shape);
    switch (shape.type) {
      case 'structure':
        return this.present(key) ? (this.structure(shape, key) ?? {}) : undefined;
      case 'list':
        return this.list(ref, shape, key);
      case 'map':
        return this.map(ref, shape, key);
      case 'document':
        return this.document(key);
      default: {
        const raw = this.values.get(key);
        return raw === undefined ? undefined : this.scalar(shape, raw, key);
      }
    }
  }

  private list(ref: ShapeRef, shape: Extract<Shape, { type: 'list' }>, key: string): unknown[] | undefined {
    let itemPrefix: string;
    if (isFlattened(ref, shape)) {
      const itemName = shape.member.locationName;
      itemPrefix = itemName === undefined ? key : replaceLastSegment(key, itemName);
    } else {
      itemPrefix = `${key}.${shape.member.locationName ?? 'member'}`;
    }
    if (!this.present(itemPrefix)) {
      // `AlarmNames=` (an explicitly empty list) versus a list that was not sent at all.
      return this.values.get(key) === '' ? [] : undefined;
    }
    const items: unknown[] = [];
    for (let i = 1; this.present(`${itemPrefix}.${i}`); i++) {
      items.push(this.value(shape.member, `${itemPrefix}.${i}`));
    }
    return items;
  }

  private map(
    ref: ShapeRef,
    shape: Extract<Shape, { type: 'map' }>,
    key: string,
  ): Record<string, unknown> | undefined {
    const entryPrefix = isFlattened(ref, shape) ? key : `${key}.entry`;
    if (!this.present(entryPrefix)) return this.values.get(key) === '' ? {} : undefined;
    const keyName = shape.key.locationName ?? 'key';
    const valueName = shape.value.locationName ?? 'value';
    const entries: [string, unknown][] = [];
    for (let i = 1; this.present(`${entryPrefix}.${i}`); i++) {
      const entryKey = this.values.get(`${entryPrefix}.${i}.${keyName}`);
      if (entryKey === undefined) {
        throw new SerializationException(`Missing ${entryPrefix}.${i}.${keyName} for map entry ${i}`);
      }
      entries.push([entryKey, this.value(shape.value, `${entryPrefix}.${i}.${valueName}`)]);
    }
    // fromEntries, not out[key] = value: a key named __proto__ must stay an entry.
    return Object.fromEntries(entries);
  }

  private document(key: string): unknown {
    if (!this.present(key)) return undefined;
    const direct = this.values.get(key);
    if (direct !== undefined && !this.prefixes.has(key)) return direct;
    const tree: Record<string, unknown> = {};
    for (const [k, v] of this.values) {
      if (!k.startsWith(`${key}.`)) continue;
      let node = tree;
      const parts = k.slice(key.length + 1).split('.');
      parts.forEach((part, i) => {
        if (i === parts.length - 1) defineOwn(node, part, v);
        else {
          if (!Object.hasOwn(node, part)) defineOwn(node, part, {});
          node = node[part] as Record<string, unknown>;
        }
      });
    }
    return tree;
  }

  private scalar(shape: Shape, raw: string, key: string): unknown {
    switch (shape.type) {
      case 'string':
        return raw;
      case 'integer':
      case 'long':
        if (!/^[+-]?\d+$/.test(raw.trim())) throw invalid(key, raw, 'an integer');
        return Number(raw);
      case 'double':
      case 'float': {
        const text = raw.trim();
        if (text === 'NaN') return Number.NaN;
        if (text === 'Infinity' || text === '+Infinity') return Number.POSITIVE_INFINITY;
        if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw invalid(key, raw, 'a number');
        return Number(text);
      }
      case 'boolean': {
        const text = raw.trim().toLowerCase();
        if (text !== 'true' && text !== 'false') throw invalid(key, raw, 'a boolean (true or false)');
        return text === 'true';
      }
      case 'timestamp': {
        const date = parseTimestamp(raw);
        if (date === undefined) throw invalid(key, raw, 'an ISO 8601 timestamp');
        return date;
      }
      case 'blob':
        return Buffer.from(raw, 'base64');
      default:
        return raw;
    }
  }
}

/** Sets an own property, even one named __proto__ (which plain assignment turns into a prototype). */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function replaceLastSegment(key: string, name: string): string {
  const dot = key.lastIndexOf('.');
  return dot === -1 ? name : `${key.slice(0, dot + 1)}${name}`;
}

function invalid(key: string, raw: string, expected: string): SerializationException {
  return new SerializationException(
    `Value '${raw.slice(0, 80)}' for parameter ${key} is invalid: expected ${expected}`,
  );
}
