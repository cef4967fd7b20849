import { decodeNextToken, encodeNextToken, pageAfterKey } from '../shared/paging.ts';
import { invalidNextToken } from './errors.ts';

/**
 * Logs' `nextToken`s (`../shared/paging.ts`), with Logs' error for a token it did not issue
 * (InvalidParameterException "The specified nextToken is invalid.").
 */
export function encodeToken(position: Record<string, unknown>): string {
  return encodeNextToken(position);
}

export function decodeToken<T extends Record<string, unknown>>(
  token: string,
  check: (value: Record<string, unknown>) => boolean,
): T {
  return decodeNextToken<T>(token, check, invalidNextToken);
}

/** Pages a name-sorted list after the name in the token. */
export function pageByName<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  limit: number,
  nextToken: string | undefined,
): { page: T[]; nextToken: string | undefined } {
  const { items: page, nextToken: next } = pageAfterKey(items, nameOf, nextToken, limit, invalidNextToken);
  return { page, nextToken: next };
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
