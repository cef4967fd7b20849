import { OPEN_MAPS } from './audit-field-paths.ts';
import { RECORDED_AUDIT_FIELDS } from './vault-audit-fields.ts';

/**
 * What Vault 1.14.0 HMACs in audit entries with the default device options (vault-audit.md §1.2,
 * from audit/hashstructure.go): tokens and accessors, and every string inside request/response data.
 */
const HMAC_FIELDS = new Set([
  'auth.client_token',
  'auth.accessor',
  'request.client_token',
  'request.client_token_accessor',
  'response.auth.client_token',
  'response.auth.accessor',
  'response.wrap_info.token',
  'response.wrap_info.accessor',
  'response.wrap_info.wrapped_accessor',
]);
const HMAC_MAPS = ['request.data.', 'response.data.'];

export function isHmacField(path: string): boolean {
  return HMAC_FIELDS.has(path) || HMAC_MAPS.some((prefix) => path.startsWith(prefix));
}

export function isTokenField(path: string): boolean {
  return HMAC_FIELDS.has(path);
}

const RECORDED = new Set(RECORDED_AUDIT_FIELDS);

/** Whether a field path (with `*` for a wildcard step) occurs in recorded Vault 1.14.0 entries. */
export function isKnownField(path: string): boolean {
  if (RECORDED.has(path)) return true;
  if (OPEN_MAPS.some((map) => path.startsWith(`${map}.`))) return true;
  if (!path.includes('*')) return false;
  const pattern = new RegExp(
    `^${path
      .split('.')
      .map((s) => (s === '*' ? '[^.]+' : escape(s)))
      .join('\\.')}$`,
  );
  return RECORDED_AUDIT_FIELDS.some((field) => pattern.test(field));
}

/** The recorded field closest to `path`: same last name first, then the fewest edits. */
export function closestField(path: string): string {
  const last = path.split('.').pop()!;
  const sameName = RECORDED_AUDIT_FIELDS.filter((f) => f.split('.').pop() === last);
  const pool = sameName.length > 0 ? sameName : RECORDED_AUDIT_FIELDS;
  let best = pool[0]!;
  let bestDistance = Infinity;
  for (const field of pool) {
    const d = editDistance(path, field);
    if (d < bestDistance) {
      best = field;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
