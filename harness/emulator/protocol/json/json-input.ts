import type { ServiceModel, Shape } from '../../models/types.ts';
import { SerializationException } from '../errors.ts';
import { shapeOf } from '../shapes.ts';
import { parseTimestamp } from '../timestamps.ts';

/**
 * Turns a parsed awsJson request body into the typed input tree handlers receive, checking every
 * member against its shape: timestamps (epoch seconds, or ISO strings) become `Date`, blobs (base64)
 * become `Uint8Array`, doubles accept AWS's `"NaN"`/`"Infinity"` strings. A member of the wrong type is
 * a SerializationException naming the member path. `null` members count as absent, and members the
 * model does not know are dropped (AWS ignores them; newer SDK members are in the model, Appendix C).
 */
export function decodeJsonInput(model: ServiceModel, shapeName: string | undefined, body: unknown): unknown {
  if (shapeName === undefined) return {};
  return decode(model, shapeOf(model, shapeName), body, '');
}

function fail(path: string, expected: string, value: unknown): never {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  throw new SerializationException(
    `Expected ${expected} at '${path === '' ? '(request body)' : path}' but got ${got}${
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? ` ${JSON.stringify(value).slice(0, 80)}`
        : ''
    }`,
  );
}

function decode(model: ServiceModel, shape: Shape, value: unknown, path: string): unknown {
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members)) {
        const child = record[name];
        if (child === undefined || child === null) continue;
        out[name] = decode(model, shapeOf(model, ref.shape), child, path === '' ? name : `${path}.${name}`);
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) fail(path, 'a list', value);
      const itemShape = shapeOf(model, shape.member.shape);
      const items = value as unknown[];
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        out[i] = item === null ? null : decode(model, itemShape, item, `${path}[${i}]`);
      }
      return out;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail(path, 'a map (object)', value);
      const valueShape = shapeOf(model, shape.value.shape);
      // fromEntries, not out[key] = value: a key named __proto__ must stay an entry.
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, item]) => item !== null)
          .map(([key, item]) => [key, decode(model, valueShape, item, `${path}.${key}`)]),
      );
    }
    case 'string':
      if (typeof value !== 'string') fail(path, 'a string', value);
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'an integer', value);
      return value;
    case 'double':
    case 'float':
      if (typeof value === 'number') return value;
      if (value === 'NaN') return Number.NaN;
      if (value === 'Infinity') return Number.POSITIVE_INFINITY;
      if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
      return fail(path, 'a number', value);
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, 'a boolean', value);
      return value;
    case 'timestamp': {
      if (typeof value !== 'number' && typeof value !== 'string')
        fail(path, 'a timestamp (epoch seconds)', value);
      const date = parseTimestamp(value as number | string);
      if (date === undefined) fail(path, 'a timestamp (epoch seconds)', value);
      return date;
    }
    case 'blob':
      if (typeof value !== 'string') fail(path, 'a base64 string', value);
      return Buffer.from(value as string, 'base64');
    case 'document':
      return value;
  }
}
