import { invalidNextToken } from './errors.ts';

/**
 * Opaque `nextToken`s: base64url JSON of a position. A token is only returned when more items
 * follow (the CLI auto-paginates until the token is absent and fails on a repeated token).
 */
export function encodeToken(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeToken<T extends Record<string, unknown>>(
  token: string,
  check: (value: Record<string, unknown>) => boolean,
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !check(value as Record<string, unknown>)
  ) {
    throw invalidNextToken();
  }
  return value as T;
}

/** Pages a name-sorted list after the name in the token. */
export function pageByName<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  limit: number,
  nextToken: string | undefined,
): { page: T[]; nextToken: string | undefined } {
  let start = 0;
  if (nextToken !== undefined) {
    const { after } = decodeToken<{ after: string }>(nextToken, (v) => typeof v['after'] === 'string');
    start = items.findIndex((item) => nameOf(item) > after);
    if (start === -1) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { page, nextToken: more ? encodeToken({ after: nameOf(page[page.length - 1]!) }) : undefined };
}

/** Pages a list in a fixed order by offset (orders that are not by name). */
export function pageByOffset<T>(
  items: readonly T[],
  limit: number,
  nextToken: string | undefined,
): { page: T[]; nextToken: string | undefined } {
  const start =
    nextToken === undefined
      ? 0
      : decodeToken<{ offset: number }>(
          nextToken,
          (v) => Number.isInteger(v['offset']) && (v['offset'] as number) >= 0,
        ).offset;
  const page = items.slice(start, start + limit);
  return {
    page,
    nextToken: start + limit < items.length ? encodeToken({ offset: start + limit }) : undefined,
  };
}

/** Name comparison in code-unit order, as AWS sorts names. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
