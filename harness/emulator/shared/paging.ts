/**
 * NextToken paging for the list operations of every service: a token is base64url JSON of the
 * position to resume from (opaque to clients), and one is returned only while more items follow (the
 * CLI auto-paginates until the token is absent and fails on a repeated one). A token the emulator
 * did not issue is each service's own error, which the caller supplies.
 */

export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

export function encodeNextToken(position: Readonly<Record<string, unknown>>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a token carries, if `check` accepts it; else the service's invalid-token error. */
export function decodeNextToken<T extends Record<string, unknown>>(
  token: string,
  check: (position: Record<string, unknown>) => boolean,
  invalidToken: () => Error,
): T {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (
    typeof position !== 'object' ||
    position === null ||
    Array.isArray(position) ||
    !check(position as Record<string, unknown>)
  ) {
    throw invalidToken();
  }
  return position as T;
}

/**
 * Keyset paging over items sorted by `keyOf` (code-unit order): the page after the key in the token,
 * so a client keeps its place when items are added or removed between calls.
 */
export function pageAfterKey<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  nextToken: string | undefined,
  size: number,
  invalidToken: () => Error,
): Page<T> {
  let from = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const { after } = decodeNextToken<{ after: string }>(
      nextToken,
      (position) => typeof position['after'] === 'string',
      invalidToken,
    );
    from = items.findIndex((item) => keyOf(item) > after);
    if (from < 0) from = items.length;
  }
  const page = items.slice(from, from + size);
  const more = from + size < items.length;
  return {
    items: page,
    nextToken: more ? encodeNextToken({ after: keyOf(page[page.length - 1]!) }) : undefined,
  };
}
