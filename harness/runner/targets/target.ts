import type { AwsTarget } from '../../aws/clients.ts';
import type { Clock } from '../../clock.ts';

export const TARGET_NAMES = ['local', 'localstack', 'aws'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** How long the runner waits for things on a target; the wall-clock targets are slower by nature. */
export interface TargetTiming {
  /**
   * Wall-clock targets: after the minute of the last event ends, how long until an alarm that has
   * not changed state can be taken as not going to (metric delay + evaluation). Unused on `local`.
   */
  readonly quietAfterMinuteMs: number;
  /** How long an expected notification may take to reach the sink after the state change. */
  readonly notificationTimeoutMs: number;
  /** Bound on waiting for every alarm to be back in OK between scenarios. */
  readonly settleTimeoutMs: number;
  /** Bound on waiting for the expected alarms to fire (wall-clock targets). */
  readonly fireTimeoutMs: number;
  /** Interval between DescribeAlarms/DescribeAlarmHistory polls on wall-clock targets. */
  readonly pollIntervalMs: number;
}

/**
 * Where the AWS side of the lab runs. The runner only sees this interface: an endpoint and
 * credentials for the SDK, a clock, and (local only) a way to move that clock forward.
 */
export interface LabTarget {
  readonly name: TargetName;
  readonly aws: AwsTarget;
  /** The target's time: the shipper timestamps events with it; alarms evaluate on it. */
  readonly clock: Clock;
  /** Moves the target's clock forward (local target only); wall-clock targets wait instead. */
  readonly advance?: (ms: number) => Promise<void>;
  /** HTTP sink (the emulator can reach 127.0.0.1) or SQS queue (LocalStack in Docker, AWS). */
  readonly sinkKind: 'http' | 'sqs';
  /** Origins whose SNS signing certificates the sink trusts (besides AWS's own). */
  readonly trustedOrigins: readonly string[];
  /** Prefix of every resource name (unique per run on AWS). */
  readonly prefix: string;
  /** Delete everything provisioned when the run ends (AWS: always, even after Ctrl-C). */
  readonly destroyOnExit: boolean;
  readonly timing: TargetTiming;
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

export const WALL_CLOCK_TIMING: TargetTiming = {
  quietAfterMinuteMs: 150_000,
  notificationTimeoutMs: 120_000,
  settleTimeoutMs: 600_000,
  fireTimeoutMs: 600_000,
  pollIntervalMs: 5_000,
};
