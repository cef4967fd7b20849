import { randomBytes } from 'node:crypto';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { createAwsClients, LOCAL_CREDENTIALS } from '../aws/index.ts';
import type { AwsClients } from '../aws/index.ts';
import { LabError } from '../errors.ts';
import { runAlarms } from './areas/alarms.ts';
import { runArticle } from './areas/article.ts';
import { runErrors } from './areas/errors.ts';
import { runFilterPatterns } from './areas/filter-patterns.ts';
import { runNotifications } from './areas/notifications.ts';
import { AREA_NAMES, AreaRecorder } from './check.ts';
import type { AreaName, AreaResult, ConformanceReport } from './check.ts';
import { AWS_WALL_BOUNDS, LOCAL_WALL_BOUNDS } from './context.ts';
import type { ConformanceContext } from './context.ts';
import { probeLabClock, wallClock } from './endpoint-clock.ts';
import type { EndpointClock } from './endpoint-clock.ts';
import { ResourceTracker } from './resources.ts';
import { loadVectors } from './vectors.ts';
import type { PatternVector } from './vectors.ts';

export interface ConformanceOptions {
  /** An endpoint URL (`http://127.0.0.1:4566`), or `aws` for the SDK's default chain. */
  readonly endpoint: string;
  readonly region?: string;
  /** `auto` (default): the lab clock where the endpoint has `/_lab/clock`, else the wall clock. */
  readonly clock?: 'lab' | 'wall' | 'auto';
  readonly only?: readonly AreaName[];
  readonly signal?: AbortSignal;
  readonly progress?: (message: string) => void;
  readonly vectors?: readonly PatternVector[];
  /** Defaults to `vac-<random>-`. */
  readonly prefix?: string;
}

/** A run that cannot start: the endpoint does not answer, or the options do not fit it. Exit 2. */
export class ConformanceSetupError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_CONFORMANCE_SETUP', message, options);
  }
}

export function runPrefix(): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(4, 12);
  return `vac-${stamp}-${randomBytes(3).toString('hex')}-`;
}

/**
 * Runs the selected areas against one endpoint and deletes everything it created, also when the
 * signal aborts. On the lab clock the areas run one after the other (each moves the shared clock);
 * on the wall clock the alarm-driven areas run side by side, then the invalid requests and the
 * filter-pattern vectors.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const isAws = options.endpoint === 'aws';
  const endpoint = isAws ? undefined : normaliseEndpoint(options.endpoint);
  const region = options.region ?? (isAws ? await defaultRegion() : 'us-east-1');
  const signal = options.signal ?? new AbortController().signal;
  const progress = options.progress ?? (() => {});
  const clients = createAwsClients({
    region,
    ...(endpoint !== undefined ? { endpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  try {
    await checkReachable(clients, endpoint ?? `AWS ${region}`);
    const clock = await chooseClock(endpoint, options.clock ?? 'auto');
    progress(`endpoint ${endpoint ?? `AWS ${region}`}, ${clock.kind} clock`);
    const resources = new ResourceTracker();
    const context: ConformanceContext = {
      clients,
      region,
      endpoint,
      clock,
      prefix: options.prefix ?? runPrefix(),
      resources,
      signal,
      loopbackReachable: !isAws,
      bounds: isAws ? AWS_WALL_BOUNDS : LOCAL_WALL_BOUNDS,
      progress,
    };
    const selected = AREA_NAMES.filter((a) => (options.only ?? AREA_NAMES).includes(a));
    const vectors = options.vectors ?? loadVectors();
    const runArea = async (name: AreaName): Promise<AreaResult> => {
      const areaStarted = performance.now();
      let recorder: AreaRecorder;
      try {
        recorder = await AREA_RUNNERS[name](context, vectors);
      } catch (error) {
        if (signal.aborted) throw error;
        // An area that cannot finish is reported, not hidden: its checks so far plus the failure.
        recorder = new AreaRecorder(name);
        recorder.record({
          id: `${name}/aborted`,
          title: `the ${name} checks ran to the end`,
          source: 'vault-alarm-lab conformance',
          expected: 'every request of the area answered as documented',
          actual: `stopped: ${(error as Error).name}: ${(error as Error).message}`,
          agreed: false,
        });
      }
      const result = recorder.result(performance.now() - areaStarted);
      progress(`${name}: ${result.agreed}/${result.total} agree`);
      return result;
    };
    const results = new Map<AreaName, AreaResult>();
    try {
      if (clock.kind === 'lab') {
        for (const name of selected) results.set(name, await runArea(name));
      } else {
        // The areas that wait for alarm evaluations run side by side first; then the invalid
        // requests and the filter-pattern vectors (hundreds of log groups and events), so an endpoint
        // busy ingesting, or stalled by an invalid alarm it accepted, is not also judged on
        // evaluating alarms on time.
        for (const phase of WALL_PHASES) {
          const names = selected.filter((name) => phase.includes(name));
          for (const result of await Promise.all(names.map(runArea))) results.set(result.name, result);
        }
      }
    } finally {
      progress(`deleting ${resources.size} resources`);
      const failures = await resources.cleanup();
      for (const failure of failures) progress(`could not delete ${failure}`);
    }
    return {
      endpoint: endpoint ?? 'aws',
      region,
      clock: clock.kind,
      startedAt,
      wallMs: performance.now() - started,
      areas: selected.map((name) => results.get(name)!),
    };
  } finally {
    clients.destroy();
  }
}

const WALL_PHASES: readonly (readonly AreaName[])[] = [
  ['alarms', 'notifications', 'article'],
  ['errors', 'filter-patterns'],
];

const AREA_RUNNERS: Readonly<
  Record<AreaName, (context: ConformanceContext, vectors: readonly PatternVector[]) => Promise<AreaRecorder>>
> = {
  'filter-patterns': runFilterPatterns,
  alarms: (context) => runAlarms(context),
  notifications: (context) => runNotifications(context),
  errors: (context) => runErrors(context),
  article: (context) => runArticle(context),
};

function normaliseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConformanceSetupError(
      `--endpoint must be a URL such as http://127.0.0.1:4566, or 'aws'; got '${value}'`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConformanceSetupError(`--endpoint must be an http(s) URL or 'aws'; got '${value}'`);
  }
  return url.origin;
}

async function checkReachable(clients: AwsClients, where: string): Promise<void> {
  try {
    await clients.logs.send(new DescribeLogGroupsCommand({ limit: 1 }));
  } catch (error) {
    const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    // Any AWS answer (even an error) shows the endpoint is there; no answer at all does not.
    if (e.$metadata?.httpStatusCode !== undefined) return;
    throw new ConformanceSetupError(`cannot reach ${where}: ${(error as Error).message}`, { cause: error });
  }
}

async function chooseClock(
  endpoint: string | undefined,
  wanted: 'lab' | 'wall' | 'auto',
): Promise<EndpointClock> {
  if (wanted === 'wall') return wallClock;
  const lab = endpoint === undefined ? undefined : await probeLabClock(endpoint);
  if (lab) return lab;
  if (wanted === 'lab') {
    throw new ConformanceSetupError(
      `--clock lab needs an endpoint with the lab clock (GET /_lab/clock); ${endpoint ?? 'AWS'} has none: use --clock wall`,
    );
  }
  return wallClock;
}

async function defaultRegion(): Promise<string> {
  const client = new CloudWatchClient({});
  try {
    return await client.config.region();
  } catch (error) {
    throw new ConformanceSetupError('no AWS region configured: pass --region or set AWS_REGION', {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}
