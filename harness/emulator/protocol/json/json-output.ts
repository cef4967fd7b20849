import type { ServiceModel, Shape } from '../../models/types.ts';
import { shapeOf } from '../shapes.ts';
import { toEpochSeconds } from '../timestamps.ts';

/**
 * Turns a handler's output into the awsJson body value: `Date` → epoch seconds (a JSON number, as AWS
 * sends `1765977780.0`; the SDK throws on ISO strings), `Uint8Array` → base64, non-finite doubles →
 * `"NaN"`/`"Infinity"`. Unset members are omitted (never `null`). Members the model does not know
 * are passed through unchanged, so handlers may return newer members.
 */
export function encodeJsonOutput(
  model: ServiceModel,
  shapeName: string | undefined,
  output: unknown,
): unknown {
  if (shapeName === undefined || output === undefined || output === null) return {};
  return encode(model, shapeOf(model, shapeName), output);
}

function encode(model: ServiceModel, shape: Shape | undefined, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return toEpochSeconds(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const itemShape = shape?.type === 'list' ? shapeOf(model, shape.member.shape) : undefined;
    return value.map((item) => encode(model, itemShape, item));
  }
  const entries: [string, unknown][] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === undefined || child === null) continue;
    let childShape: Shape | undefined;
    if (shape?.type === 'structure') {
      const ref = shape.members[key];
      childShape = ref === undefined ? undefined : shapeOf(model, ref.shape);
    } else if (shape?.type === 'map') {
      childShape = shapeOf(model, shape.value.shape);
    }
    entries.push([key, encode(model, childShape, child)]);
  }
  // fromEntries, not out[key] = value: a map key named __proto__ must stay an entry.
  return Object.fromEntries(entries);
}
