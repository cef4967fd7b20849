import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AccessGate } from '../../../harness/playground/access-gate.ts';
import { Ring } from '../../../harness/playground/ring.ts';

const request = (cookie?: string): IncomingMessage =>
  ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

describe('playground AccessGate', () => {
  it('trades the URL secret for an HttpOnly SameSite=Strict cookie and drops it from the address', () => {
    const gate = new AccessGate();
    const verdict = gate.check(request(), new URL(`http://127.0.0.1:1/?s=${gate.secret}&x=1`));
    expect(verdict).toEqual({
      kind: 'enter',
      location: '/?x=1',
      setCookie: `vault_alarm_lab_playground=${gate.secret}; HttpOnly; SameSite=Strict; Path=/`,
    });
  });

  it('lets the cookie in and refuses no secret, a wrong one, or a wrong cookie', () => {
    const gate = new AccessGate();
    const url = new URL('http://127.0.0.1:1/api/events');
    expect(gate.check(request(`a=b; vault_alarm_lab_playground=${gate.secret}`), url)).toEqual({
      kind: 'allowed',
    });
    expect(gate.check(request(), url)).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('?s='),
    });
    expect(gate.check(request('vault_alarm_lab_playground=guess'), url).kind).toBe('refused');
    expect(gate.check(request(), new URL('http://127.0.0.1:1/?s=guess')).kind).toBe('refused');
  });

  it('draws a fresh secret per run', () => {
    expect(new AccessGate().secret).not.toBe(new AccessGate().secret);
    expect(new AccessGate().secret).toMatch(/^[\w-]{32}$/);
  });
});

describe('playground Ring', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const ring = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.latest()).toEqual([3, 4, 5]);
    expect(ring.latest(2)).toEqual([4, 5]);
    expect(() => new Ring(0)).toThrow(/expected an integer >= 1, got 0/);
  });
});
