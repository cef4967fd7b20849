import type { AwsConnection } from '../../aws/clients.ts';
import type { Clock } from '../../clock.ts';
import { AWS_WALL_CLOCK_TIMING } from './waiting.ts';
import type { TargetWaiting, WallClockTiming } from './waiting.ts';

export const TARGET_NAMES = ['local', 'localstack', 'aws'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** Bounds on the runner's waits that every target has (how it waits is the target's `waiting`). */
export interface TargetTiming {
  /** How long an expected notification may take to reach the sink after the state change. */
  readonly notificationTimeoutMs: number;
  /** Bound on waiting for every alarm to be back in OK between scenarios. */
  readonly settleTimeoutMs: number;
}

/**
 * Where the AWS side of the lab runs. The runner only sees this interface: an endpoint and
 * credentials for the SDK, a clock, and the target's way of waiting for alarm evaluations.
 */
export interface LabTarget {
  readonly name: TargetName;
  readonly aws: AwsConnection;
  /** The target's time: the shipper timestamps events with it; alarms evaluate on it. */
  readonly clock: Clock;
  /** How the runner lets alarm evaluations happen: moving a virtual clock, or sleeping. */
  readonly waiting: TargetWaiting;
  /** HTTP sink (the emulator can reach 127.0.0.1) or SQS queue (LocalStack in Docker, AWS). */
  readonly sinkKind: 'http' | 'sqs';
  /** Origins whose SNS signing certificates the sink trusts (besides AWS's own). */
  readonly trustedOrigins: readonly string[];
  /** Prefix of every resource name (unique per run on AWS). */
  readonly prefix: string;
  /** Delete everything provisioned when the run ends (AWS: always, even after Ctrl-C). */
  readonly destroyOnExit: boolean;
  readonly timing: TargetTiming;
  /**
   * How many labs may share this target at once, each with its own Vault and resource prefix, so a
   * wall-clock suite runs its scenarios side by side; 1 on targets whose clock is shared (local).
   */
  readonly concurrentLabs: number;
  /** Notes for the report (e.g. LocalStack's limits). */
  readonly notes: readonly string[];
  /**
   * Local target only: calls `listener` for every AWS request the target served, until the returned
   * function is called (the lab warns about resources users create where nothing ships).
   */
  readonly observeRequests?: (listener: (event: TargetRequestEvent) => void) => () => void;
  stop(): Promise<void>;
}

/** A successful AWS API call on the target. */
export interface TargetRequestEvent {
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  readonly input: unknown;
}

/** AWS's timing: evaluations and notifications can take minutes. */
export const WALL_CLOCK_TIMING: TargetTiming & WallClockTiming = {
  ...AWS_WALL_CLOCK_TIMING,
  notificationTimeoutMs: 120_000,
  settleTimeoutMs: 600_000,
};
