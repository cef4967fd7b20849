import { randomBytes } from 'node:crypto';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { ConfigError } from '../../errors.ts';
import type { LabTarget, TargetTiming } from './target.ts';
import { WALL_CLOCK_TIMING } from './target.ts';
import { wallClockWaiting } from './waiting.ts';
import type { WallClockTiming } from './waiting.ts';

export interface AwsTargetOptions {
  /** Defaults to the SDK's region chain (AWS_REGION, profile...). */
  readonly region?: string;
  /** Defaults to `val-<utc yymmddhhmm>-<random>-`, unique per run. */
  readonly prefix?: string;
  readonly clock?: Clock;
  readonly timing?: Partial<TargetTiming & WallClockTiming>;
}

/**
 * Real AWS, opt-in: credentials and region from the SDK's default chain, every resource name behind a
 * unique run prefix, and everything destroyed when the run ends. Runs on the wall clock; the runner
 * waits for real evaluations. (A test points the SDK at the emulator through AWS_ENDPOINT_URL to run
 * this code path without a virtual clock.)
 */
export async function startAwsTarget(options: AwsTargetOptions = {}): Promise<LabTarget> {
  const region = options.region ?? (await defaultRegion());
  if (!region) {
    throw new ConfigError(
      'target aws: no AWS region configured; set AWS_REGION or a region in your AWS profile',
    );
  }
  const clock = options.clock ?? systemClock;
  const timing = { ...WALL_CLOCK_TIMING, ...options.timing };
  return {
    name: 'aws',
    aws: { region },
    clock,
    sinkKind: 'sqs',
    trustedOrigins: awsEndpointOrigins(),
    prefix: options.prefix ?? runPrefix(clock.now()),
    destroyOnExit: true,
    concurrentLabs: 1,
    waiting: wallClockWaiting(clock, timing),
    timing,
    notes: [],
    stop: async () => {},
  };
}

export function runPrefix(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(2, 12);
  return `val-${stamp}-${randomBytes(2).toString('hex')}-`;
}

async function defaultRegion(): Promise<string | undefined> {
  const client = new CloudWatchClient({});
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** An endpoint override in the environment (AWS_ENDPOINT_URL) is where signing certificates come from. */
function awsEndpointOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env['AWS_ENDPOINT_URL_SNS'] ?? env['AWS_ENDPOINT_URL'];
  return override ? [new URL(override).origin] : [];
}
