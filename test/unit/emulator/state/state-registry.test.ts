import { describe, expect, it } from 'vitest';
import { StateRegistry } from '../../../../harness/emulator/state/state-registry.ts';

describe('stores per (account, region)', () => {
  it('creates one store per scope on first use and keeps it', () => {
    const registry = new StateRegistry();
    let created = 0;
    registry.register('logs', { create: (scope) => ({ scope, n: ++created }) });
    const a = registry.get<{ n: number }>('logs', '000000000000', 'us-east-1');
    expect(registry.get('logs', '000000000000', 'us-east-1')).toBe(a);
    expect(registry.get<{ n: number }>('logs', '000000000000', 'eu-west-1').n).toBe(2);
    expect(registry.get<{ n: number }>('logs', '123456789012', 'us-east-1').n).toBe(3);
    expect(registry.peek('logs', '999999999999', 'us-east-1')).toBeUndefined();
    expect([...registry.entries('logs')].map((e) => `${e.scope.accountId}/${e.scope.region}`)).toEqual([
      '000000000000/us-east-1',
      '000000000000/eu-west-1',
      '123456789012/us-east-1',
    ]);
    const accessor = registry.accessor<{ n: number }>('logs');
    expect(accessor.get({ accountId: '000000000000', region: 'us-east-1' })).toBe(a);
  });

  it('drops everything on clear and tells persistence', () => {
    const registry = new StateRegistry();
    registry.register('logs', { create: () => ({}) });
    let dirty = 0;
    registry.onDirty(() => dirty++);
    registry.get('logs', '000000000000', 'us-east-1');
    registry.clear();
    expect([...registry.entries('logs')]).toEqual([]);
    expect(dirty).toBe(1);
    expect(() => registry.get('nope', 'a', 'b')).toThrow(/no store registered/);
  });
});
