import { ConfigError } from '../errors.ts';

/**
 * Time as the endpoint sees it. `lab`: the endpoint's own clock (GET /_lab/clock), moved forward with
 * POST /_lab/clock, so minutes of alarm evaluation cost milliseconds. `wall`: real time; letting time
 * pass means waiting, bounded by the caller's deadline and the abort signal.
 */
export interface EndpointClock {
  readonly kind: 'lab' | 'wall';
  /** The endpoint's current time, epoch ms. */
  now(): Promise<number>;
  /** Lets endpoint time reach `t` (lab: advance; wall: sleep). */
  passUntil(t: number, signal?: AbortSignal): Promise<void>;
}

export const wallClock: EndpointClock = {
  kind: 'wall',
  now: async () => Date.now(),
  passUntil: async (t, signal) => sleep(t - Date.now(), signal),
};

/** A lab clock when the endpoint has `/_lab/clock`, else undefined. */
export async function probeLabClock(endpoint: string): Promise<EndpointClock | undefined> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}/_lab/clock`, { signal: AbortSignal.timeout(5_000) });
  } catch {
    return undefined;
  }
  if (!response.ok) return undefined;
  const body = (await response.json().catch(() => undefined)) as { now?: unknown } | undefined;
  if (typeof body?.now !== 'number') return undefined;
  return labClock(endpoint);
}

function labClock(endpoint: string): EndpointClock {
  const read = async (): Promise<number> => {
    const response = await fetch(`${endpoint}/_lab/clock`);
    const body = (await response.json()) as { now: number };
    return body.now;
  };
  return {
    kind: 'lab',
    now: read,
    async passUntil(t) {
      const seconds = (t - (await read())) / 1000;
      if (seconds <= 0) return;
      // The lab API takes JSON only (and refuses cross-origin callers); fetch from Node sends no Origin.
      const response = await fetch(`${endpoint}/_lab/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: seconds }),
      });
      if (!response.ok) {
        throw new ConfigError(
          `POST ${endpoint}/_lab/clock answered HTTP ${response.status}: ${await response.text()}`,
        );
      }
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
