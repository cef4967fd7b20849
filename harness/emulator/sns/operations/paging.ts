/**
 * NextToken paging for the SNS list operations: the token is the key of the last item returned,
 * base64url-encoded; an unknown token is `Invalid parameter: NextToken`.
 */
import { invalidParameter } from '../errors.ts';

export function pageByKey<T>(
  items: readonly T[],
  key: (item: T) => string,
  token: string | undefined,
  size: number,
): { items: T[]; nextToken: string | undefined } {
  let from = 0;
  if (token !== undefined && token !== '') {
    let after: string;
    try {
      after = Buffer.from(token, 'base64url').toString('utf8');
    } catch {
      throw invalidParameter('NextToken');
    }
    if (!after.startsWith('sns:')) throw invalidParameter('NextToken');
    const last = after.slice(4);
    from = items.findIndex((item) => key(item) > last);
    if (from < 0) from = items.length;
  }
  const slice = items.slice(from, from + size);
  const more = from + size < items.length;
  return {
    items: slice,
    nextToken: more
      ? Buffer.from(`sns:${key(slice[slice.length - 1]!)}`, 'utf8').toString('base64url')
      : undefined,
  };
}
