import { describe, expect, it } from 'vitest';
import { OffsetClock, SystemClock } from '../../../../harness/clock.ts';
import { createControlApi } from '../../../../harness/emulator/control/control-api.ts';
import { FaultInjector } from '../../../../harness/emulator/control/faults.ts';
import type { LabRequest } from '../../../../harness/emulator/protocol/http.ts';
import { jsonResponse } from '../../../../harness/emulator/protocol/http.ts';

function call(api: ReturnType<typeof createControlApi>, method: string, path: string, body?: unknown) {
  const request: LabRequest = {
    method,
    path,
    query: new URLSearchParams(),
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
    origin: 'http://127.0.0.1',
  };
  return api(request).then((r) => ({
    status: r.status,
    json: JSON.parse(r.body as string) as Record<string, unknown>,
  }));
}

function setup(clock = new OffsetClock({ startAt: Date.UTC(2026, 0, 15) })) {
  const faults = new FaultInjector();
  let resets = 0;
  const api = createControlApi({
    clock,
    region: 'us-east-1',
    services: ['logs', 'sns'],
    faults,
    reset: async () => {
      resets++;
    },
    routes: [{ method: 'GET', path: '/sns/messages', handle: () => jsonResponse(200, { messages: [] }) }],
  });
  return { api, faults, clock, resets: () => resets };
}

describe('/_lab/ control API', () => {
  it('answers health and the clock', async () => {
    const { api } = setup();
    expect(await call(api, 'GET', '/_lab/health')).toMatchObject({
      status: 200,
      json: { status: 'ok', services: ['logs', 'sns'], region: 'us-east-1' },
    });
    const clock = await call(api, 'GET', '/_lab/clock');
    expect(clock.status).toBe(200);
    expect(new Date(clock.json['iso'] as string).getTime()).toBe(clock.json['now']);
  });

  it('advances the clock forward, never back, running due timers', async () => {
    const { api, clock } = setup();
    let fired = 0;
    clock.setTimer(60_000, () => {
      fired++;
    });
    const before = clock.now();
    const advanced = await call(api, 'POST', '/_lab/clock', { advanceSeconds: 3600 });
    expect(advanced.status).toBe(200);
    expect(advanced.json['now'] as number).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(fired).toBe(1);
    expect(await call(api, 'POST', '/_lab/clock', { advanceSeconds: -1 })).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/never goes back/) },
    });
    expect(await call(api, 'POST', '/_lab/clock', { advanceSeconds: '60' })).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/got advanceSeconds "60"$/) },
    });
    expect(await call(api, 'POST', '/_lab/clock', { advance: 1 })).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/got advanceSeconds absent$/) },
    });
    expect(await call(api, 'POST', '/_lab/clock', '{not json')).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/^the request body is not valid JSON \(.+\)$/) },
    });
  });

  it('refuses to advance a wall clock', async () => {
    const { api } = setup(new SystemClock() as unknown as OffsetClock);
    expect((await call(api, 'POST', '/_lab/clock', { advanceSeconds: 1 })).status).toBe(409);
  });

  it('resets, registers faults, lists and clears them, and serves service routes', async () => {
    const { api, resets, faults } = setup();
    expect(await call(api, 'POST', '/_lab/reset')).toEqual({ status: 200, json: { reset: true } });
    expect(resets()).toBe(1);
    const added = await call(api, 'POST', '/_lab/faults', {
      service: 'logs',
      operation: 'PutLogEvents',
      error: 'ThrottlingException',
      count: 3,
    });
    expect(added).toEqual({
      status: 201,
      json: {
        faults: [{ service: 'logs', operation: 'PutLogEvents', error: 'ThrottlingException', remaining: 3 }],
      },
    });
    expect(faults.take('logs', 'PutLogEvents')).toMatchObject({
      code: 'ThrottlingException',
      httpStatus: 400,
    });
    expect((await call(api, 'GET', '/_lab/faults')).json).toEqual({
      faults: [expect.objectContaining({ remaining: 2 })],
    });
    expect((await call(api, 'DELETE', '/_lab/faults')).json).toEqual({ faults: [] });
    expect(
      (await call(api, 'POST', '/_lab/faults', { service: 'ec2', operation: 'X', status: 500 })).status,
    ).toBe(400);
    expect(
      (await call(api, 'POST', '/_lab/faults', { service: 'logs', operation: 'X' })).json['error'],
    ).toMatch(/give "error"/);
    expect(await call(api, 'GET', '/_lab/sns/messages')).toEqual({ status: 200, json: { messages: [] } });
    expect((await call(api, 'GET', '/_lab/nope')).status).toBe(404);
    expect((await call(api, 'DELETE', '/_lab/health')).status).toBe(405);
  });
});
