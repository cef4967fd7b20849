import { resolve } from 'node:path';
import { LOCAL_CREDENTIALS } from '../../aws/clients.ts';
import { systemClock } from '../../clock.ts';
import { LabError } from '../../errors.ts';
import { localstackEndpointFromCompose } from './compose-endpoint.ts';
import type { LabTarget } from './target.ts';
import { WALL_CLOCK_TIMING } from './target.ts';
import { wallClockWaiting } from './waiting.ts';

export const DEFAULT_COMPOSE_FILE = resolve(import.meta.dirname, '../../../docker-compose.yml');

export interface LocalstackTargetOptions {
  readonly composeFile?: string;
  /** Overrides the compose file (`LOCALSTACK_ENDPOINT`). */
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * LocalStack community, started by `docker compose up localstack`. It runs on the wall clock, cannot
 * reach an HTTP sink on the host reliably, and (probed before the run) matches every event with every
 * metric filter, so negative expectations cannot be verified there.
 */
export async function startLocalstackTarget(options: LocalstackTargetOptions = {}): Promise<LabTarget> {
  const endpoint =
    options.endpoint ?? (await localstackEndpointFromCompose(options.composeFile ?? DEFAULT_COMPOSE_FILE));
  try {
    const health = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(5_000) });
    if (!health.ok) throw new Error(`HTTP ${health.status}`);
  } catch (error) {
    throw new LabError(
      'LAB_TARGET_UNREACHABLE',
      `LocalStack does not answer at ${endpoint} (${(error as Error).message}); start it with 'docker compose up -d localstack'`,
      { cause: error },
    );
  }
  const timing = { ...WALL_CLOCK_TIMING, quietAfterMinuteMs: 90_000 };
  return {
    name: 'localstack',
    aws: { endpoint, region: options.region ?? 'us-east-1', credentials: LOCAL_CREDENTIALS },
    clock: systemClock,
    sinkKind: 'sqs',
    trustedOrigins: [endpoint],
    prefix: '',
    destroyOnExit: false,
    waiting: wallClockWaiting(systemClock, timing),
    timing,
    notes: [],
    stop: async () => {},
  };
}
