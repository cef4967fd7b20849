import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  encodeToken,
  pageByName,
  pageByOffset,
} from '../../../../harness/emulator/logs/pagination.ts';

describe('nextToken pagination', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];

  it('pages by name and omits the token on the last page', () => {
    const first = pageByName(names, (n) => n, 2, undefined);
    expect(first.page).toEqual(['a', 'b']);
    const second = pageByName(names, (n) => n, 2, first.nextToken);
    const third = pageByName(names, (n) => n, 2, second.nextToken);
    expect([second.page, third.page, third.nextToken]).toEqual([['c', 'd'], ['e'], undefined]);
    expect(second.nextToken).not.toBe(first.nextToken);
  });

  it('keeps its place by name when items are added between pages', () => {
    const first = pageByName(names, (n) => n, 2, undefined);
    expect(pageByName(['0', ...names], (n) => n, 2, first.nextToken).page).toEqual(['c', 'd']);
  });

  it('pages by offset for orders that are not by name', () => {
    const first = pageByOffset(names, 3, undefined);
    expect(pageByOffset(names, 3, first.nextToken)).toEqual({ page: ['d', 'e'], nextToken: undefined });
  });

  it('refuses tokens it did not issue with InvalidParameterException', () => {
    expect(() => pageByName(names, (n) => n, 2, 'garbage')).toThrow('The specified nextToken is invalid.');
    expect(() => pageByOffset(names, 2, encodeToken({ offset: -1 }))).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException' }),
    );
    expect(decodeToken(encodeToken({ after: 'x' }), (v) => typeof v['after'] === 'string')).toEqual({
      after: 'x',
    });
  });
});
