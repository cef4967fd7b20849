import { basename, dirname } from 'node:path';
import { LOCAL_CREDENTIALS } from '../../aws/clients.ts';
import { systemClock } from '../../clock.ts';
import { engineHasImage, LOCALSTACK_LAB_IMAGE, resolveLabImage } from '../../docker/images.ts';
import { ConfigError, LabError } from '../../errors.ts';
import { freeLoopbackPort } from '../../util/free-port.ts';
import type { StepProgressListener } from '../../util/step-progress.ts';
import { DEFAULT_COMPOSE_FILE, dockerEngineStatus, reaperOrNone } from '../../vault/index.ts';
import type { LabTarget } from './target.ts';
import { WALL_CLOCK_TIMING } from './target.ts';
import { wallClockWaiting } from './waiting.ts';

/** Labs sharing one LocalStack at once (each a Vault dev server, a shipper and ~12 alarms). */
const LOCALSTACK_CONCURRENT_LABS = 4;

/** Where LocalStack comes from when no endpoint is given. */
export type LocalstackStart = 'auto' | 'compose' | 'native';

/** Chooses how the target starts LocalStack (`compose` or `native`); default `auto`. */
export const LOCALSTACK_START_ENV = 'VAULT_ALARM_LAB_LOCALSTACK';

export interface LocalstackTargetOptions {
  /** LocalStack someone else runs (`LOCALSTACK_ENDPOINT`): used as it is, never stopped. */
  readonly endpoint?: string;
  /**
   * Otherwise the target starts one: `compose` runs the `localstack` service of the compose file
   * under a project of its own on a Docker-chosen loopback port; `native` runs localstack-core from
   * the venv in the lab's cache; `auto` (default) takes compose when a Docker engine answers and has
   * a LocalStack image (official or local build), else native. Default: $VAULT_ALARM_LAB_LOCALSTACK.
   */
  readonly start?: LocalstackStart;
  readonly composeFile?: string;
  readonly region?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: StepProgressListener;
  readonly signal?: AbortSignal;
}

interface RunningLocalstack {
  readonly endpoint: string;
  readonly how: string;
  stop(): Promise<void>;
}

/**
 * LocalStack community. It runs on the wall clock, cannot reach an HTTP sink on the host reliably
 * (in Docker), and (probed before the run) matches every event with every metric filter, so
 * negative expectations cannot be verified there.
 */
export async function startLocalstackTarget(options: LocalstackTargetOptions = {}): Promise<LabTarget> {
  const running = await startLocalstack(options);
  try {
    await requireHealthy(running.endpoint);
  } catch (error) {
    await running.stop();
    throw error;
  }
  const timing = { ...WALL_CLOCK_TIMING, quietAfterMinuteMs: 90_000 };
  return {
    name: 'localstack',
    aws: {
      endpoint: running.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    },
    clock: systemClock,
    waiting: wallClockWaiting(systemClock, timing),
    sinkKind: 'sqs',
    trustedOrigins: [running.endpoint],
    prefix: '',
    destroyOnExit: false,
    // Alarms evaluate on the wall clock, a minute at a time: labs side by side (own Vault, log group,
    // alarms, topic, queue) turn 24 scenarios of ~3 minutes each into a few rounds.
    concurrentLabs: LOCALSTACK_CONCURRENT_LABS,
    timing,
    notes: [`LocalStack: ${running.how}`],
    stop: () => running.stop(),
  };
}

async function startLocalstack(options: LocalstackTargetOptions): Promise<RunningLocalstack> {
  if (options.endpoint)
    return {
      endpoint: options.endpoint,
      how: `at ${options.endpoint} (LOCALSTACK_ENDPOINT)`,
      stop: async () => {},
    };
  const env = options.env ?? process.env;
  const start = options.start ?? startFromEnv(env);
  if (start === 'native' || (start === 'auto' && !(await composeCanStart(env)))) {
    const { startNativeLocalstack } = await import('../../localstack/index.ts');
    const native = await startNativeLocalstack({
      env,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      endpoint: native.endpoint,
      how: `native (${native.venv.python}) at ${native.endpoint}`,
      stop: native.stop,
    };
  }
  return startComposeLocalstack(options.composeFile ?? DEFAULT_COMPOSE_FILE, env);
}

function startFromEnv(env: NodeJS.ProcessEnv): LocalstackStart {
  const value = env[LOCALSTACK_START_ENV] || 'auto';
  if (value === 'auto' || value === 'compose' || value === 'native') return value;
  throw new ConfigError(`${LOCALSTACK_START_ENV}: expected auto, compose or native, got '${value}'`);
}

/** A Docker engine answers and has a LocalStack image (or LOCALSTACK_IMAGE names one). */
async function composeCanStart(env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!(await dockerEngineStatus()).available) return false;
  return (await resolveLabImage(LOCALSTACK_LAB_IMAGE, engineHasImage, env)).source !== 'pull';
}

/**
 * The compose file's `localstack` service under a project name of its own, published on a free
 * loopback port (never 4566, which a LocalStack of the user's may hold); taken down on stop.
 */
async function startComposeLocalstack(file: string, env: NodeJS.ProcessEnv): Promise<RunningLocalstack> {
  await reaperOrNone();
  const { DockerComposeEnvironment, Wait } = await import('testcontainers');
  const image = await resolveLabImage(LOCALSTACK_LAB_IMAGE, engineHasImage, env);
  // A free port of our choosing rather than Docker's: LocalStack must know it to hand out URLs that
  // reach it (its SNS signing certificate URL), and it cannot see the published port.
  const port = await freeLoopbackPort();
  const environment = await new DockerComposeEnvironment(dirname(file), basename(file))
    .withEnvironment({
      LOCALSTACK_PORT: String(port),
      LOCALSTACK_HOST: `127.0.0.1:${port}`,
      LOCALSTACK_IMAGE: image.image,
    })
    .withWaitStrategy('localstack-1', Wait.forHealthCheck())
    .withStartupTimeout(240_000)
    .up(['localstack'])
    .catch((error: unknown) => {
      throw new LabError(
        'LAB_TARGET_UNREACHABLE',
        `docker compose could not start the localstack service of ${file} (image ${image.image}): ${(error as Error).message}`,
        { cause: error },
      );
    });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    how: `docker compose (${image.image}) at ${endpoint}`,
    stop: async () => {
      await environment.down({ removeVolumes: true });
    },
  };
}

async function requireHealthy(endpoint: string): Promise<void> {
  try {
    const health = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(5_000) });
    if (!health.ok) throw new Error(`HTTP ${health.status}`);
  } catch (error) {
    throw new LabError(
      'LAB_TARGET_UNREACHABLE',
      `LocalStack does not answer at ${endpoint} (${(error as Error).message}); check LOCALSTACK_ENDPOINT, or leave it unset and the target starts LocalStack itself`,
      { cause: error },
    );
  }
}
