import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsConnection } from '../aws/clients.ts';
import type { Clock } from '../clock.ts';
import type { ResolvedShipperConfig } from './config/types.ts';
import type { DestinationQueue } from './output/destination-queue.ts';
import type { ShipperEventListener } from './events.ts';
import type { FileStats } from './input/file-stats.ts';
import type { FollowerTiming } from './input/follower-timing.ts';
import type { LogsApi } from './output/logs-api.ts';
import type { RetryPolicy } from './output/retry.ts';

/** The shipper's public surface: what `startShipper` takes and what the returned handle offers. */
export interface StartShipperOptions {
  readonly config: ResolvedShipperConfig;
  /** Where to ship: endpoint, region, credentials. A client is created with SDK retries off. */
  readonly aws?: AwsConnection;
  /** Or a ready client: an SDK CloudWatchLogsClient (its own retry settings apply too) or a LogsApi. */
  readonly client?: CloudWatchLogsClient | LogsApi;
  /** Timestamps, flush timers and retry backoff (the lab passes the emulator's OffsetClock). */
  readonly clock: Clock;
  /** Checkpoints; one shipper per directory (locked). */
  readonly stateDir: string;
  /** How long a live shipper holding `stateDir` is waited for before refusing. Default 5 s. */
  readonly lockWaitMs?: number;
  readonly onEvent?: ShipperEventListener;
  /** File polling and idle timeouts: wall time by default, even when `clock` is virtual. */
  readonly ioClock?: Clock;
  readonly timing?: Partial<FollowerTiming>;
  readonly retry?: RetryPolicy;
  /** Requests in flight per stream (ordering permitting). Default 4. */
  readonly maxInFlightPerStream?: number;
  /** Requests in flight overall. Default `logs.concurrency`, else 8. */
  readonly concurrency?: number;
  /** Read-ahead per destination before readers pause. Default 8 MiB. */
  readonly maxBufferedBytes?: number;
  /** gzip request bodies. Default true. */
  readonly gzip?: boolean;
  /** After an ambiguous failure (5xx, reset, timeout), look for the batch before resending. Default true. */
  readonly verifyAmbiguous?: boolean;
  readonly requestTimeoutMs?: number;
  /** How long stop() tries to ship what is left before giving up (the rest is re-read next start). */
  readonly stopTimeoutMs?: number;
  /** Largest event, overhead included (the API's 1 MiB; 262,144 for targets with the old limit). */
  readonly maxEventBytes?: number;
  /** How often `file_path` globs are re-expanded. Default 1 s. */
  readonly globIntervalMs?: number;
  /** Use fs.watch change notifications besides polling. Default true. */
  readonly watch?: boolean;
}

export const DEFAULT_TIMING: FollowerTiming = {
  pollIntervalMs: 250,
  multiLineIdleMs: 100,
  partialLineTimeoutMs: 5_000,
  rotationGraceMs: 1_000,
  rotationMaxWaitMs: 60_000,
};

export interface ShipperStats {
  readonly files: readonly FileStats[];
  readonly totals: {
    readonly eventsRead: number;
    readonly eventsShipped: number;
    readonly eventsRejected: number;
    readonly eventsFiltered: number;
    readonly retries: number;
    readonly lagMs: number;
    readonly unreadBytes: number;
    /** `data-loss` reports over every file (see `FileStats.lossReports`). */
    readonly lossReports: number;
  };
  readonly destinations: readonly {
    readonly group: string;
    readonly stream: string;
    readonly inFlight: number;
    readonly bufferedBytes: number;
    readonly stoppedByError?: string;
  }[];
}

export interface Shipper extends AsyncDisposable {
  /** Ships every event read so far; resolves when PutLogEvents accepted them (new reads do not delay it). */
  flush(options?: { timeoutMs?: number }): Promise<void>;
  /**
   * Reads every file to its current end (complete lines) and ships it: once this resolves, every
   * line written before the call is in CloudWatch Logs. Rejects if a destination stopped on an error.
   */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  stats(): ShipperStats;
  /** Reads and ships what is left (the unterminated last line too), writes checkpoints. Idempotent. */
  stop(): Promise<void>;
}

/** Per-file figures summed (lag: the worst file) plus each destination's queue. */
export function aggregateStats(
  files: readonly FileStats[],
  destinations: readonly DestinationQueue[],
): ShipperStats {
  const sum = (pick: (f: FileStats) => number) => files.reduce((n, f) => n + pick(f), 0);
  return {
    files,
    totals: {
      eventsRead: sum((f) => f.eventsRead),
      eventsShipped: sum((f) => f.eventsShipped),
      eventsRejected: sum((f) => f.eventsRejected),
      eventsFiltered: sum((f) => f.eventsFiltered),
      retries: sum((f) => f.retries),
      lagMs: files.reduce((m, f) => Math.max(m, f.lagMs), 0),
      unreadBytes: sum((f) => f.unreadBytes),
      lossReports: sum((f) => f.lossReports),
    },
    destinations: destinations.map((d) => ({
      group: d.group,
      stream: d.stream,
      inFlight: d.inFlight,
      bufferedBytes: d.bufferedBytes,
      ...(d.failure !== undefined ? { stoppedByError: d.failure } : {}),
    })),
  };
}
