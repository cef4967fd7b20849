import type { Clock } from '../../clock.ts';
import { isAdvanceable } from '../../clock.ts';
import { checkJsonPost } from '../../util/loopback-guard.ts';
import type { LabRequest, LabResponse } from '../protocol/http.ts';
import { jsonResponse } from '../protocol/http.ts';
import type { ControlRoute } from '../service.ts';
import type { FaultInjector } from './faults.ts';
import { parseFaultSpec } from './faults.ts';

/**
 * The lab's own API under `/_lab/` (never an AWS route), for tests, the runner and people:
 *
 * - `GET /_lab/health` → `{"status":"ok","services":[…],"region":…}`
 * - `GET /_lab/clock` → `{"now":<epoch ms>,"iso":"…"}`; `POST /_lab/clock` `{"advanceSeconds":N}` moves
 *   the clock forward (never back), running every timer that falls due, and answers the new time
 * - `POST /_lab/reset` clears all state of every service (and injected faults)
 * - `POST /_lab/faults` `{"service","operation","error"|"status","count"}`; `GET` lists; `DELETE` clears
 * - routes services add (`GET /_lab/sns/messages`…)
 *
 * POSTs must be `Content-Type: application/json` (415 otherwise), even with an empty body: no HTML
 * form or CORS-simple request can send that, so a web page cannot reset or drive the lab.
 */
export const CONTROL_PREFIX = '/_lab';

export interface ControlApiOptions {
  readonly clock: Clock;
  readonly region: string;
  readonly services: readonly string[];
  readonly faults: FaultInjector;
  readonly reset: () => Promise<void>;
  readonly routes: readonly ControlRoute[];
}

export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createControlApi(options: ControlApiOptions): (request: LabRequest) => Promise<LabResponse> {
  const builtIn: ControlRoute[] = [
    {
      method: 'GET',
      path: '/health',
      handle: () =>
        jsonResponse(200, {
          status: 'ok',
          services: options.services,
          region: options.region,
          now: options.clock.now(),
        }),
    },
    { method: 'GET', path: '/clock', handle: () => jsonResponse(200, clockBody(options.clock)) },
    {
      method: 'POST',
      path: '/clock',
      handle: async ({ json }) => {
        const body = (json ?? {}) as Record<string, unknown>;
        const seconds = body['advanceSeconds'];
        if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
          throw new ControlError(
            400,
            `expected {"advanceSeconds": <number of seconds >= 0>}, got advanceSeconds ${JSON.stringify(seconds) ?? 'absent'}`,
          );
        }
        if (seconds < 0)
          throw new ControlError(
            400,
            `advanceSeconds must be >= 0 (the clock never goes back), got ${seconds}`,
          );
        if (!isAdvanceable(options.clock))
          throw new ControlError(409, 'this emulator runs on the wall clock, which cannot be advanced');
        await options.clock.advance(seconds * 1000);
        return jsonResponse(200, clockBody(options.clock));
      },
    },
    {
      method: 'POST',
      path: '/reset',
      handle: async () => {
        await options.reset();
        return jsonResponse(200, { reset: true });
      },
    },
    {
      method: 'POST',
      path: '/faults',
      handle: ({ json }) => {
        const spec = parseFaultSpec(json, options.services);
        if (typeof spec === 'string') throw new ControlError(400, `invalid fault: ${spec}`);
        options.faults.add(spec);
        return jsonResponse(201, { faults: options.faults.list() });
      },
    },
    { method: 'GET', path: '/faults', handle: () => jsonResponse(200, { faults: options.faults.list() }) },
    {
      method: 'DELETE',
      path: '/faults',
      handle: () => {
        options.faults.clear();
        return jsonResponse(200, { faults: [] });
      },
    },
  ];
  const routes = [...builtIn, ...options.routes];

  return async (request) => {
    const json = checkJsonPost(request.method, request.headers);
    if (!json.ok) return jsonResponse(415, { error: json.reason });
    const path = request.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '') || '/';
    const matching = routes.filter((r) => r.path === path);
    if (matching.length === 0) return jsonResponse(404, { error: `no lab route ${request.path}` });
    const route = matching.find((r) => r.method === request.method);
    if (route === undefined) {
      return jsonResponse(
        405,
        {
          error: `${request.method} not allowed on ${request.path}; use ${matching.map((r) => r.method).join(' or ')}`,
        },
        {
          allow: matching.map((r) => r.method).join(', '),
        },
      );
    }
    try {
      let json: unknown;
      const text = request.body.toString('utf8');
      if (text.trim() !== '') {
        try {
          json = JSON.parse(text);
        } catch (error) {
          throw new ControlError(
            400,
            `the request body is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
          );
        }
      }
      return await route.handle({ request, json, params: Object.fromEntries(request.query) });
    } catch (error) {
      if (error instanceof ControlError) return jsonResponse(error.status, { error: error.message });
      throw error;
    }
  };
}

function clockBody(clock: Clock): { now: number; iso: string } {
  const now = clock.now();
  return { now, iso: new Date(now).toISOString() };
}
