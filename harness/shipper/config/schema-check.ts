import { readFileSync } from 'node:fs';
import { showValue } from './names.ts';

/**
 * A small JSON Schema interpreter for the subset `agent-config.schema.json` uses (type, properties,
 * required, additionalProperties, enum, length/range/item bounds, uniqueItems, local $ref). The
 * schema file stays the one description of the config's shape (editors can use it too); this turns
 * its violations into messages that name the field, show the value and state the rule.
 */
export interface ConfigIssue {
  /** Where, in the config: `logs.logs_collected.files.collect_list[0].log_group_name`. */
  readonly path: string;
  readonly value: unknown;
  /** The rule broken, in words. */
  readonly rule: string;
  /** `path = value: rule` in one line. */
  readonly message: string;
}

interface Schema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, Schema>>;
}

let cachedSchema: Schema | undefined;

export function agentConfigSchema(): Schema {
  cachedSchema ??= JSON.parse(
    readFileSync(new URL('./agent-config.schema.json', import.meta.url), 'utf8'),
  ) as Schema;
  return cachedSchema;
}

export function checkAgainstSchema(value: unknown, root: Schema = agentConfigSchema()): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(value, root, '', root, issues);
  return issues;
}

export function issue(path: string, value: unknown, rule: string, shown = true): ConfigIssue {
  const where = path === '' ? '(config root)' : path;
  return {
    path: where,
    value,
    rule,
    message: shown ? `${where} = ${showValue(value)}: ${rule}` : `${where}: ${rule}`,
  };
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

function resolve(schema: Schema, root: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
  const target = name === undefined ? undefined : root.definitions?.[name];
  if (target === undefined) throw new Error(`agent-config schema: unresolved $ref ${schema.$ref}`);
  return resolve(target, root);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: NonNullable<Schema['type']>, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function visit(value: unknown, raw: Schema, path: string, root: Schema, issues: ConfigIssue[]): void {
  const schema = resolve(raw, root);
  const actual = jsonType(value);
  if (schema.type !== undefined && !typeMatches(schema.type, actual)) {
    issues.push(
      issue(path, value, `expected ${article(schema.type)} ${schema.type}, got ${article(actual)} ${actual}`),
    );
    return;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    issues.push(
      issue(path, value, `expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`),
    );
    return;
  }
  if (typeof value === 'string') checkString(value, schema, path, issues);
  if (typeof value === 'number') checkNumber(value, schema, path, issues);
  if (Array.isArray(value)) checkArray(value, schema, path, root, issues);
  else if (actual === 'object') checkObject(value as Record<string, unknown>, schema, path, root, issues);
}

function checkString(value: string, schema: Schema, path: string, issues: ConfigIssue[]): void {
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    issues.push(
      issue(
        path,
        value,
        schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters long`,
      ),
    );
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    issues.push(issue(path, value, `must be at most ${schema.maxLength} characters long (it has ${length})`));
  }
}

function checkNumber(value: number, schema: Schema, path: string, issues: ConfigIssue[]): void {
  if (schema.minimum !== undefined && value < schema.minimum) {
    issues.push(issue(path, value, `must be >= ${schema.minimum}${rangeHint(schema)}`));
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    issues.push(issue(path, value, `must be <= ${schema.maximum}${rangeHint(schema)}`));
  }
}

function rangeHint(schema: Schema): string {
  return schema.minimum !== undefined && schema.maximum !== undefined
    ? ` (allowed: ${schema.minimum}..${schema.maximum})`
    : '';
}

function checkArray(
  value: unknown[],
  schema: Schema,
  path: string,
  root: Schema,
  issues: ConfigIssue[],
): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    issues.push(
      issue(path, value, `must hold at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`),
    );
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    issues.push(issue(path, `(${value.length} items)`, `must hold at most ${schema.maxItems} items`, false));
  }
  if (schema.uniqueItems) {
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      const key = canonicalJson(item);
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push(
          issue(
            childPath(path, index),
            item,
            `duplicates ${childPath(path, first)} (items must be unique)`,
            false,
          ),
        );
      } else seen.set(key, index);
    });
  }
  if (schema.items !== undefined) {
    value.forEach((item, index) => visit(item, schema.items!, childPath(path, index), root, issues));
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  path: string,
  root: Schema,
  issues: ConfigIssue[],
): void {
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (!(key in value))
      issues.push(issue(childPath(path, key), undefined, 'is required but missing', false));
  }
  for (const [key, child] of Object.entries(value)) {
    const known = properties[key];
    if (known !== undefined) {
      visit(child, known, childPath(path, key), root, issues);
    } else if (schema.additionalProperties === false) {
      const allowed = Object.keys(properties).join(', ');
      issues.push(
        issue(
          childPath(path, key),
          child,
          `unknown key ${JSON.stringify(key)}${KEY_HINTS[key] ? ` (${KEY_HINTS[key]})` : ''}; allowed keys here: ${allowed}`,
          false,
        ),
      );
    } else if (typeof schema.additionalProperties === 'object') {
      visit(child, schema.additionalProperties, childPath(path, key), root, issues);
    }
  }
}

/** Keys people write that the agent does not take, with the reason. */
const KEY_HINTS: Readonly<Record<string, string>> = {
  from_beginning: 'the agent refuses it too: a new file is always read from its start',
  file_state_folder: 'internal to the agent; the shipper keeps its checkpoints in --state-dir',
  max_event_size: 'internal to the agent; oversized events are split, see the README',
};

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
