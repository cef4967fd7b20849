/**
 * Subscription filter policies (SNS developer guide "Amazon SNS message filtering"): a JSON object
 * whose keys name message attributes (FilterPolicyScope MessageAttributes, the default) or message
 * body properties (MessageBody, nested objects), each with an array of conditions, any of which must
 * match; every key must match (`$or` joins alternative sub-policies). Conditions: exact strings and
 * numbers, `prefix`, `suffix`, `equals-ignore-case`, `anything-but` (values, a prefix or a suffix),
 * `numeric` ranges, `exists`. Unknown operators are refused when the policy is set, never ignored.
 */

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

export class FilterPolicyError extends Error {}

type Policy = Readonly<Record<string, unknown>>;

/** Throws FilterPolicyError describing the first problem. */
export function validateFilterPolicy(text: string): void {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw new FilterPolicyError('FilterPolicy: failed to parse JSON.');
  }
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
    throw new FilterPolicyError('FilterPolicy: Filter policy must be a JSON object');
  }
  checkPolicy(policy as Policy);
}

function checkPolicy(policy: Policy): void {
  for (const [key, rule] of Object.entries(policy)) {
    if (key === '$or') {
      if (!Array.isArray(rule)) throw new FilterPolicyError('FilterPolicy: $or must be an array');
      rule.forEach((p) => checkPolicy(p as Policy));
      continue;
    }
    if (Array.isArray(rule)) {
      rule.forEach((c) => checkCondition(key, c));
    } else if (rule !== null && typeof rule === 'object') {
      checkPolicy(rule as Policy);
    } else {
      throw new FilterPolicyError(`FilterPolicy: "${key}" must be an object or an array`);
    }
  }
}

function checkCondition(key: string, condition: unknown): void {
  if (
    condition === null ||
    typeof condition === 'string' ||
    typeof condition === 'number' ||
    typeof condition === 'boolean'
  )
    return;
  if (typeof condition !== 'object' || Array.isArray(condition)) {
    throw new FilterPolicyError(`FilterPolicy: Match value must be String, number, true, false, or null`);
  }
  for (const op of Object.keys(condition)) {
    if (!['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists'].includes(op)) {
      throw new FilterPolicyError(`FilterPolicy: Unrecognized match type ${op}`);
    }
  }
  const numeric = (condition as Record<string, unknown>)['numeric'];
  if (numeric !== undefined) {
    if (!Array.isArray(numeric) || numeric.length % 2 !== 0)
      throw new FilterPolicyError(`FilterPolicy: Invalid numeric condition for "${key}"`);
    for (let i = 0; i < numeric.length; i += 2) {
      if (!['<', '<=', '=', '>', '>='].includes(numeric[i] as string) || typeof numeric[i + 1] !== 'number') {
        throw new FilterPolicyError(`FilterPolicy: Invalid numeric condition for "${key}"`);
      }
    }
  }
}

interface AttributeLike {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
}

/** Whether a message passes the policy. */
export function matchesFilterPolicy(
  policyText: string,
  scope: FilterPolicyScope,
  message: string,
  attributes: Readonly<Record<string, AttributeLike>> | undefined,
): boolean {
  const policy = JSON.parse(policyText) as Policy;
  if (scope === 'MessageBody') {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return false;
    }
    return matchObject(policy, body);
  }
  const values: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(attributes ?? {})) {
    if (attr.DataType.startsWith('Binary')) continue;
    if (attr.DataType.startsWith('String.Array')) {
      try {
        values[name] = JSON.parse(attr.StringValue ?? '[]');
      } catch {
        values[name] = attr.StringValue;
      }
    } else if (attr.DataType.startsWith('Number')) {
      values[name] = Number(attr.StringValue);
    } else {
      values[name] = attr.StringValue;
    }
  }
  return matchObject(policy, values);
}

function matchObject(policy: Policy, value: unknown): boolean {
  const obj = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return Object.entries(policy).every(([key, rule]) => {
    if (key === '$or') return (rule as Policy[]).some((p) => matchObject(p, obj));
    if (!Array.isArray(rule)) return matchObject(rule as Policy, obj[key]);
    const present = Object.hasOwn(obj, key);
    const actual = obj[key];
    const candidates = Array.isArray(actual) ? actual : [actual];
    return rule.some((condition) => {
      if (condition !== null && typeof condition === 'object' && 'exists' in condition) {
        return (condition as { exists: boolean }).exists === present;
      }
      if (!present) return false;
      return candidates.some((v) => matchCondition(condition, v));
    });
  });
}

function matchCondition(condition: unknown, value: unknown): boolean {
  if (condition === null || typeof condition !== 'object') {
    if (typeof condition === 'number')
      return typeof value === 'number' ? value === condition : Number(value) === condition;
    return value === condition;
  }
  const c = condition as Record<string, unknown>;
  const text = typeof value === 'string' ? value : String(value);
  if ('prefix' in c) return text.startsWith(String(c['prefix']));
  if ('suffix' in c) return text.endsWith(String(c['suffix']));
  if ('equals-ignore-case' in c) return text.toLowerCase() === String(c['equals-ignore-case']).toLowerCase();
  if ('anything-but' in c) {
    const but = c['anything-but'];
    if (Array.isArray(but)) return !but.some((b) => matchCondition(b, value));
    if (but !== null && typeof but === 'object') return !matchCondition(but, value);
    return !matchCondition(but, value);
  }
  if ('numeric' in c) {
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isNaN(n)) return false;
    const ops = c['numeric'] as (string | number)[];
    for (let i = 0; i < ops.length; i += 2) {
      const bound = ops[i + 1] as number;
      switch (ops[i]) {
        case '<':
          if (!(n < bound)) return false;
          break;
        case '<=':
          if (!(n <= bound)) return false;
          break;
        case '=':
          if (!(n === bound)) return false;
          break;
        case '>':
          if (!(n > bound)) return false;
          break;
        case '>=':
          if (!(n >= bound)) return false;
          break;
      }
    }
    return true;
  }
  return false;
}
