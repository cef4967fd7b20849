import type { ServiceModel, Shape, ShapeRef } from '../../models/types.ts';
import { isFlattened, shapeOf, wireName } from '../shapes.ts';
import { toIsoTimestamp } from '../timestamps.ts';

/**
 * Writes a handler's output as awsQuery XML (Smithy awsQuery "Response serialization",
 * aws-protocols.md §3.2):
 *
 * - members are elements named by their `locationName` or member name;
 * - lists are `<Name><member>…</member></Name>` (an empty list is `<Name/>`); flattened lists (SQS)
 *   repeat the item element directly in the parent (`<Message>…</Message><Message>…`);
 * - maps are `<Name><entry><key/><value/></entry></Name>`; flattened maps repeat
 *   `<Attribute><Name/><Value/></Attribute>`;
 * - timestamps ISO 8601 UTC with `Z`, booleans `true`/`false`, blobs base64, integral doubles `1.0`;
 * - text is escaped, including `"` and `\r` (`&#xD;`, or an XML parser turns it into `\n`).
 */
export function serializeXmlMembers(
  model: ServiceModel,
  shapeName: string | undefined,
  value: unknown,
): string {
  if (shapeName === undefined || value === undefined || value === null) return '';
  const shape = shapeOf(model, shapeName);
  return structureBody(model, shape, value);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
};

function structureBody(model: ServiceModel, shape: Shape, value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const record = value as Record<string, unknown>;
  let xml = '';
  if (shape.type === 'structure') {
    for (const [name, ref] of Object.entries(shape.members)) {
      const child = record[name];
      if (child === undefined || child === null) continue;
      xml += member(model, wireName(name, ref), ref, child);
    }
  } else {
    // A document (or untyped) value: elements named by its keys.
    for (const [name, child] of Object.entries(record)) {
      if (child !== undefined && child !== null) xml += untyped(name, child);
    }
  }
  return xml;
}

function member(model: ServiceModel, name: string, ref: ShapeRef, value: unknown): string {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'list': {
      const items = Array.isArray(value) ? value : [value];
      const itemRef = shape.member;
      if (isFlattened(ref, shape)) {
        const itemName = itemRef.locationName ?? name;
        return items.map((item) => member(model, itemName, itemRef, item)).join('');
      }
      if (items.length === 0) return `<${name}/>`;
      const itemName = itemRef.locationName ?? 'member';
      return `<${name}>${items.map((item) => member(model, itemName, itemRef, item)).join('')}</${name}>`;
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>).filter(
        ([, v]) => v !== undefined && v !== null,
      );
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      const entry = ([k, v]: [string, unknown]): string =>
        `<${keyName}>${escapeXml(k)}</${keyName}>${member(model, valueName, shape.value, v)}`;
      if (isFlattened(ref, shape)) return entries.map((e) => `<${name}>${entry(e)}</${name}>`).join('');
      if (entries.length === 0) return `<${name}/>`;
      return `<${name}>${entries.map((e) => `<entry>${entry(e)}</entry>`).join('')}</${name}>`;
    }
    case 'structure':
    case 'document':
      if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
      return `<${name}>${structureBody(model, shape, value)}</${name}>`;
    default:
      return `<${name}>${scalarText(shape, value)}</${name}>`;
  }
}

function scalarText(shape: Shape, value: unknown): string {
  if (value instanceof Date) return toIsoTimestamp(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    if (
      (shape.type === 'double' || shape.type === 'float') &&
      Number.isInteger(value) &&
      Math.abs(value) < 1e21
    ) {
      return `${value}.0`;
    }
    return String(value);
  }
  return escapeXml(String(value));
}

function untyped(name: string, value: unknown): string {
  if (Array.isArray(value)) return `<${name}>${value.map((v) => untyped('member', v)).join('')}</${name}>`;
  if (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    const inner = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => untyped(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${scalarText({ type: 'string' }, value)}</${name}>`;
}
