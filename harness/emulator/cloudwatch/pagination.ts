/**
 * Opaque NextToken values for the CloudWatch list operations: base64url of the position to resume
 * from. A token the emulator did not issue is `InvalidNextToken`. Tokens are omitted on the last
 * page (the CLI auto-paginates and fails on a repeated token).
 */
import { invalidNextToken } from './errors.ts';

export function encodeToken(position: string): string {
  return Buffer.from(JSON.stringify({ v: 1, p: position }), 'utf8').toString('base64url');
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    const doc = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: unknown; p?: unknown };
    if (doc.v === 1 && typeof doc.p === 'string') return doc.p;
  } catch {
    // fall through
  }
  throw invalidNextToken();
}

/** Pages a sorted list by a key: items whose key is greater than the token's. */
export function page<T>(
  items: readonly T[],
  key: (item: T) => string,
  token: string | undefined,
  size: number,
): { items: T[]; nextToken: string | undefined } {
  const after = decodeToken(token);
  const start = after === undefined ? 0 : items.findIndex((item) => key(item) > after);
  const from = start < 0 ? items.length : start;
  const slice = items.slice(from, from + size);
  const more = from + size < items.length;
  return {
    items: slice,
    nextToken: more && slice.length > 0 ? encodeToken(key(slice[slice.length - 1]!)) : undefined,
  };
}
