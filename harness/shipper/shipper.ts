import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsTarget } from '../aws/clients.ts';
import type { CancelTimer, Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { LabError, WaitTimeoutError } from '../errors.ts';
import { createLogger } from '../util/logger.ts';
import { CheckpointStore, lockStateDir } from './checkpoint-store.ts';
import { checkLogGroupName, checkLogStreamName } from './config/names.ts';
import type { ResolvedShipperConfig, ResolvedSource } from './config/types.ts';
import { ConcurrencyLimiter } from './concurrency-limiter.ts';
import { DestinationQueue, DestinationStoppedError } from './destination-queue.ts';
import type { EventSink, ShipperEvent } from './events.ts';
import type { FileStats } from './file-stats.ts';
import { Follower } from './follower.ts';
import type { FollowerTiming } from './follower.ts';
import { expandGlob } from './glob.ts';
import { MAX_EVENT_BYTES, PER_EVENT_OVERHEAD_BYTES } from './limits.ts';
import { SKIPPED_EXTENSIONS } from './locate.ts';
import type { LogsApi } from './logs-api.ts';
import { createSdkLogsApi, createShipperLogsClient } from './logs-api.ts';
import type { RetryPolicy } from './retry.ts';
import { DEFAULT_RETRY_POLICY } from './retry.ts';
import { Sender } from './sender.ts';
import { TargetManager } from './target.ts';

const log = createLogger('lab:shipper');

export interface StartShipperOptions {
  readonly config: ResolvedShipperConfig;
  /** Where to ship: endpoint, region, credentials. A client is created with SDK retries off. */
  readonly aws?: AwsTarget;
  /** Or a ready client: an SDK CloudWatchLogsClient (its own retry settings apply too) or a LogsApi. */
  readonly client?: CloudWatchLogsClient | LogsApi;
  /** Timestamps, flush timers and retry backoff (the lab passes the emulator's OffsetClock). */
  readonly clock: Clock;
  /** Checkpoints; one shipper per directory (locked). */
  readonly stateDir: string;
  readonly onEvent?: EventSink;
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

/** Starts following every configured file; resolves once saved state is restored and files are open. */
export async function startShipper(options: StartShipperOptions): Promise<Shipper> {
  const shipper = new ShipperImpl(options);
  await shipper.start();
  return shipper;
}

class ShipperImpl implements Shipper {
  readonly #o: StartShipperOptions;
  readonly #timing: FollowerTiming;
  readonly #io: Clock;
  readonly #store: CheckpointStore;
  #api!: LogsApi;
  #ownedClient: CloudWatchLogsClient | undefined;
  #sender!: Sender;
  #limiter!: ConcurrencyLimiter;
  #destinations = new Map<string, DestinationQueue>();
  #followers = new Map<string, Follower>();
  #watchers = new Map<string, FSWatcher>();
  #globTimer: CancelTimer | undefined;
  #unlock: (() => Promise<void>) | undefined;
  #stopping: Promise<void> | undefined;
  #progress = new Set<() => void>();
  #warnedNames = new Set<string>();

  constructor(options: StartShipperOptions) {
    this.#o = options;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#io = options.ioClock ?? systemClock;
    this.#store = new CheckpointStore(options.stateDir);
  }

  async start(): Promise<void> {
    this.#unlock = await lockStateDir(this.#o.stateDir);
    try {
      await this.#store.open();
      this.#api = this.#createApi();
      this.#limiter = new ConcurrencyLimiter(this.#o.concurrency ?? this.#o.config.concurrency ?? 8);
      const targets = new TargetManager(
        this.#api,
        (group) => this.#groupSettings(group),
        (message) => this.#emit({ type: 'warning', message }),
      );
      this.#sender = new Sender({
        api: this.#api,
        clock: this.#o.clock,
        targets,
        retry: this.#o.retry ?? DEFAULT_RETRY_POLICY,
        verifyAmbiguous: this.#o.verifyAmbiguous ?? true,
        requestTimeoutMs: this.#o.requestTimeoutMs ?? 60_000,
      });
      for (const warning of this.#o.config.warnings) this.#emit({ type: 'warning', message: warning });
      for (const source of this.#o.config.sources) {
        if (!source.isGlob)
          await this.#addFollower(source, source.filePath, source.logGroupName, source.logStreamName);
      }
      await this.#scanGlobs();
    } catch (error) {
      for (const follower of this.#followers.values()) await follower.close().catch(() => undefined);
      for (const watcher of this.#watchers.values()) watcher.close();
      this.#globTimer?.();
      await this.#unlock();
      this.#ownedClient?.destroy();
      throw error;
    }
  }

  #createApi(): LogsApi {
    const client = this.#o.client;
    if (client !== undefined && typeof (client as LogsApi).putLogEvents === 'function')
      return client as LogsApi;
    if (client !== undefined)
      return createSdkLogsApi(client as CloudWatchLogsClient, { gzip: this.#o.gzip ?? true });
    if (this.#o.aws === undefined)
      throw new LabError('LAB_SHIPPER_NO_TARGET', 'startShipper needs `aws` (an AwsTarget) or `client`');
    const target =
      this.#o.config.endpointOverride && this.#o.aws.endpoint === undefined
        ? { ...this.#o.aws, endpoint: this.#o.config.endpointOverride }
        : this.#o.aws;
    this.#ownedClient = createShipperLogsClient(target);
    return createSdkLogsApi(this.#ownedClient, { gzip: this.#o.gzip ?? true });
  }

  #groupSettings(group: string) {
    const source = this.#o.config.sources.find((s) => s.logGroupName.toLowerCase() === group.toLowerCase());
    return {
      ...(source?.retentionInDays !== undefined ? { retentionInDays: source.retentionInDays } : {}),
      ...(source?.logGroupClass !== undefined ? { logGroupClass: source.logGroupClass } : {}),
    };
  }

  #destination(group: string, stream: string): DestinationQueue {
    const key = `${group}\0${stream}`;
    let destination = this.#destinations.get(key);
    if (destination === undefined) {
      destination = new DestinationQueue({
        group,
        stream,
        clock: this.#o.clock,
        wallNow: () => this.#io.now(),
        flushIntervalMs: this.#o.config.forceFlushIntervalMs,
        maxInFlight: this.#o.maxInFlightPerStream ?? 4,
        limiter: this.#limiter,
        sender: this.#sender,
        maxBufferedBytes: this.#o.maxBufferedBytes ?? 8 * 1024 * 1024,
        emit: (event) => this.#emit(event),
      });
      this.#destinations.set(key, destination);
    }
    return destination;
  }

  async #addFollower(source: ResolvedSource, file: string, group: string, stream: string): Promise<void> {
    const key = `${file}\0${group}\0${stream}`;
    if (this.#followers.has(key) || this.#stopping) return;
    const follower = new Follower({
      path: file,
      source,
      destination: this.#destination(group, stream),
      store: this.#store,
      api: this.#api,
      clock: this.#o.clock,
      ioClock: this.#io,
      maxMessageBytes: (this.#o.maxEventBytes ?? MAX_EVENT_BYTES) - PER_EVENT_OVERHEAD_BYTES,
      timing: this.#timing,
      emit: (event) => this.#emit(event),
    });
    this.#followers.set(key, follower);
    await follower.init();
    this.#watchDir(path.dirname(file));
    void follower.pump();
  }

  #watchDir(dir: string): void {
    if (this.#o.watch === false || this.#watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, () => {
        for (const follower of this.#followers.values())
          if (path.dirname(follower.path) === dir) void follower.pump();
      });
      watcher.on('error', () => {
        watcher.close();
        this.#watchers.delete(dir);
      });
      this.#watchers.set(dir, watcher);
    } catch (error) {
      // inotify limits, or the directory does not exist yet: polling covers it.
      log('no change notifications for %s: %s', dir, (error as Error).message);
    }
  }

  async #scanGlobs(): Promise<void> {
    const globbed = this.#o.config.sources.filter((s) => s.isGlob);
    if (globbed.length === 0 || this.#stopping) return;
    for (const source of globbed) {
      try {
        await this.#scanGlob(source);
      } catch (error) {
        this.#emit({ type: 'warning', message: `${source.filePath}: ${(error as Error).message}` });
      }
    }
    this.#globTimer = this.#io.setTimer(this.#o.globIntervalMs ?? 1000, () => void this.#scanGlobs());
  }

  async #scanGlob(source: ResolvedSource): Promise<void> {
    const stateDir = path.resolve(this.#o.stateDir);
    const candidates = (await expandGlob(source.filePath)).filter(
      (file) =>
        !SKIPPED_EXTENSIONS.has(path.extname(file)) &&
        !file.startsWith(stateDir + path.sep) &&
        !(source.blacklist?.test(path.basename(file)) ?? false),
    );
    const known = new Set<string>();
    for (const follower of this.#followers.values())
      for (const id of follower.inodes()) known.add(`${id.dev}:${id.ino}`);
    const stats = await Promise.all(
      candidates.map(async (file) => ({
        file,
        st: await stat(file, { bigint: true }).catch(() => undefined),
      })),
    );
    let chosen = stats.filter((c) => c.st !== undefined);
    if (!source.publishMultiLogs) {
      // The agent follows only the newest match; a newest match we already follow is enough.
      chosen = chosen.sort((a, b) => Number(b.st!.mtimeMs - a.st!.mtimeMs)).slice(0, 1);
    }
    for (const { file, st } of chosen) {
      if (known.has(`${st!.dev}:${st!.ino}`)) continue;
      const { group, stream } = this.#namesFor(source, file);
      const problem = checkLogGroupName(group) ?? checkLogStreamName(stream);
      if (problem) {
        if (!this.#warnedNames.has(file)) {
          this.#warnedNames.add(file);
          this.#emit({
            type: 'warning',
            message: `${file} not followed: its destination ${group} / ${stream} is invalid (${problem.detail}; ${problem.rule})`,
          });
        }
        continue;
      }
      await this.#addFollower(source, file, group, stream);
    }
  }

  /** `publish_multi_logs` names, as the agent derives them (`logfile.go`). */
  #namesFor(source: ResolvedSource, file: string): { group: string; stream: string } {
    if (!source.publishMultiLogs) return { group: source.logGroupName, stream: source.logStreamName };
    if (!source.logGroupNameConfigured)
      return { group: file.replace(/[^.\-_/#A-Za-z0-9]/g, '_'), stream: source.logStreamName };
    return { group: source.logGroupName, stream: `${source.logStreamName}_${file.replace(/\//g, '_')}` };
  }

  #emit(event: ShipperEvent): void {
    if (log.enabled) log(event.type, event);
    if (event.type === 'batch-accepted' || event.type === 'destination-stopped')
      for (const wake of [...this.#progress]) wake();
    try {
      this.#o.onEvent?.(event);
    } catch (error) {
      log('onEvent listener threw: %s', (error as Error).message);
    }
  }

  /** Resolves at the next acceptance or failure, or after `ms` of wall time. */
  #nextProgress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#progress.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#progress.add(done);
    });
  }

  #throwIfStopped(): void {
    for (const d of this.#destinations.values()) {
      if (d.failure !== undefined) throw new DestinationStoppedError(d.group, d.stream, d.failure);
    }
  }

  async flush(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = performance.now() + (options.timeoutMs ?? 120_000);
    const followers = [...this.#followers.values()];
    // Events held for multi-line grouping were read too: they go out now.
    const marks = await Promise.all(followers.map((f) => f.pump({ flushHeld: true, noRead: true })));
    for (;;) {
      this.#throwIfStopped();
      if (followers.every((f, i) => f.settledThrough(marks[i]!))) return;
      this.#checkDeadline(deadline, 'CloudWatch Logs accepting every event read');
      for (const d of this.#destinations.values()) d.flush();
      await this.#nextProgress(50);
    }
  }

  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = performance.now() + (options.timeoutMs ?? 120_000);
    const followers = [...this.#followers.values()];
    // Read everything written so far (the readers pause while destinations are full).
    let marks;
    for (;;) {
      marks = await Promise.all(followers.map((f) => f.pump({ flushHeld: true, eager: true })));
      this.#throwIfStopped();
      if (!followers.some((f) => f.backpressured)) break;
      this.#checkDeadline(deadline, 'reading every file to its end');
      for (const d of this.#destinations.values()) d.flush();
      await this.#nextProgress(100);
    }
    for (;;) {
      this.#throwIfStopped();
      if (followers.every((f, i) => f.settledThrough(marks[i]!))) return;
      this.#checkDeadline(deadline, 'CloudWatch Logs accepting every line read');
      for (const d of this.#destinations.values()) d.flush();
      await this.#nextProgress(50);
    }
  }

  #checkDeadline(deadline: number, what: string): void {
    if (performance.now() < deadline) return;
    const stuck = this.stats().files.filter((f) => f.lagMs > 0 || f.unreadBytes > 0);
    const detail = stuck.map(
      (f) =>
        `${f.path}: ${f.unreadBytes} bytes unread, oldest unaccepted event ${f.lagMs} ms old${f.lastError ? `, last error ${f.lastError}` : ''}`,
    );
    throw new WaitTimeoutError(
      `shipper drain: ${what} did not finish in time${detail.length ? ` (${detail.join('; ')})` : ''}`,
    );
  }

  stats(): ShipperStats {
    const files = [...this.#followers.values()].map((f) => f.stats());
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
      },
      destinations: [...this.#destinations.values()].map((d) => ({
        group: d.group,
        stream: d.stream,
        inFlight: d.inFlight,
        bufferedBytes: d.bufferedBytes,
        ...(d.failure !== undefined ? { stoppedByError: d.failure } : {}),
      })),
    };
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  async #stop(): Promise<void> {
    this.#globTimer?.();
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
    const followers = [...this.#followers.values()];
    const deadline = performance.now() + (this.#o.stopTimeoutMs ?? 10_000);
    try {
      for (;;) {
        await Promise.all(followers.map((f) => f.pump({ final: true, eager: true })));
        if (
          !followers.some((f) => f.backpressured) ||
          [...this.#destinations.values()].some((d) => d.failure)
        )
          break;
        this.#checkDeadline(deadline, 'shipping what was left at stop');
        for (const d of this.#destinations.values()) d.flush();
        await this.#nextProgress(100);
      }
      for (;;) {
        for (const d of this.#destinations.values()) d.flush();
        const busy = [...this.#destinations.values()].filter(
          (d) => d.failure === undefined && (d.inFlight > 0 || d.bufferedBytes > 0),
        );
        if (busy.length === 0) break;
        this.#checkDeadline(deadline, 'shipping what was left at stop');
        await this.#nextProgress(100);
      }
    } catch (error) {
      const unsent = followers.reduce((n, f) => n + f.unsettled, 0);
      this.#emit({
        type: 'warning',
        message: `stopping with ${unsent} events not yet accepted (${(error as Error).message}); they stay unshipped and are read again at the next start`,
      });
    }
    for (const d of this.#destinations.values()) d.abort();
    const settleBy = performance.now() + 5_000;
    while ([...this.#destinations.values()].some((d) => d.inFlight > 0) && performance.now() < settleBy)
      await this.#nextProgress(20);
    for (const follower of followers) await follower.close();
    this.#ownedClient?.destroy();
    await this.#unlock?.();
  }
}
