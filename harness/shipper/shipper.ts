import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import path from 'node:path';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CancelTimer, Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { LabError, WaitTimeoutError } from '../errors.ts';
import { createLogger } from '../util/logger.ts';
import { CheckpointStore } from './state/checkpoint-store.ts';
import type { FollowerState } from './input/follower-state.ts';
import { isCurrentFollowerState } from './input/follower-state.ts';
import type { DeliveryCheck } from './output/delivery-check.ts';
import { logsDeliveryCheck } from './output/reconcile.ts';
import type { ResolvedSource } from './config/types.ts';
import { ConcurrencyLimiter } from './output/concurrency-limiter.ts';
import { DestinationQueue, DestinationStoppedError } from './output/destination-queue.ts';
import type { ShipperEvent } from './events.ts';
import { Follower } from './input/follower.ts';
import type { Mark } from './input/generation-list.ts';
import type { PumpMode } from './input/pump-mode.ts';
import type { FollowerTiming } from './input/follower-timing.ts';
import { discoverGlobMatches } from './input/glob-discovery.ts';
import { MAX_EVENT_BYTES, EVENT_OVERHEAD_BYTES } from '../aws/facts/logs.ts';
import type { LogsApi } from './output/logs-api.ts';
import { createSdkLogsApi, createShipperLogsClient } from './output/logs-api.ts';
import { DEFAULT_RETRY_POLICY } from './output/retry.ts';
import { Sender } from './output/sender.ts';
import { lockStateDir } from './state/state-dir-lock.ts';
import { LogStreamProvisioner } from './output/log-stream-provisioner.ts';
import type { Shipper, ShipperStats, StartShipperOptions } from './shipper-api.ts';
import { DEFAULT_TIMING, aggregateStats } from './shipper-api.ts';

const log = createLogger('lab:shipper');

/** How long flush() and drain() wait for CloudWatch Logs when the caller gives no timeout. */
const DEFAULT_WAIT_TIMEOUT_MS = 120_000;

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
  readonly #store: CheckpointStore<FollowerState>;
  #api!: LogsApi;
  #deliveries!: DeliveryCheck;
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
    this.#store = new CheckpointStore(options.stateDir, isCurrentFollowerState);
  }

  async start(): Promise<void> {
    this.#unlock = await lockStateDir(this.#o.stateDir, {
      ...(this.#o.lockWaitMs !== undefined ? { waitMs: this.#o.lockWaitMs } : {}),
      notify: (message) => this.#emit({ type: 'warning', message }),
    });
    try {
      await this.#store.open();
      this.#api = this.#createApi();
      this.#deliveries = logsDeliveryCheck(this.#api);
      this.#limiter = new ConcurrencyLimiter(this.#o.concurrency ?? this.#o.config.concurrency ?? 8);
      const provisioner = new LogStreamProvisioner(
        this.#api,
        (group) => this.#groupSettings(group),
        (message) => this.#emit({ type: 'warning', message }),
      );
      this.#sender = new Sender({
        api: this.#api,
        clock: this.#o.clock,
        provisioner,
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
      throw new LabError('LAB_SHIPPER_NO_TARGET', 'startShipper needs `aws` (an AwsConnection) or `client`');
    const connection =
      this.#o.config.endpointOverride && this.#o.aws.endpoint === undefined
        ? { ...this.#o.aws, endpoint: this.#o.config.endpointOverride }
        : this.#o.aws;
    this.#ownedClient = createShipperLogsClient(connection);
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
      deliveries: this.#deliveries,
      clock: this.#o.clock,
      ioClock: this.#io,
      maxMessageBytes: (this.#o.maxEventBytes ?? MAX_EVENT_BYTES) - EVENT_OVERHEAD_BYTES,
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
    const known = new Set<string>();
    for (const follower of this.#followers.values())
      for (const id of follower.inodes()) known.add(`${id.dev}:${id.ino}`);
    const { matches, invalid } = await discoverGlobMatches(source, {
      stateDir: this.#o.stateDir,
      knownInodes: known,
    });
    for (const bad of invalid) {
      if (this.#warnedNames.has(bad.file)) continue;
      this.#warnedNames.add(bad.file);
      this.#emit({
        type: 'warning',
        message: `${bad.file} not followed: its destination ${bad.group} / ${bad.stream} is invalid (${bad.problem})`,
      });
    }
    for (const match of matches) await this.#addFollower(source, match.file, match.group, match.stream);
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
    const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
    const followers = [...this.#followers.values()];
    // Events held for multi-line grouping were read too: they go out now.
    const marks = await Promise.all(followers.map((f) => f.pump({ flushHeld: true, noRead: true })));
    await this.#settle(followers, marks, deadline, 'CloudWatch Logs accepting every event read');
  }

  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
    const followers = [...this.#followers.values()];
    const marks = await this.#readToEnd(
      followers,
      { flushHeld: true, eager: true },
      { deadline, what: 'reading every file to its end', onFailure: 'throw' },
    );
    await this.#settle(followers, marks, deadline, 'CloudWatch Logs accepting every line read');
  }

  /**
   * Pumps every follower until none is paused by a full destination (readers pause while their
   * destination's buffer is full, so each round lets the queues drain first). A stopped destination
   * either fails the wait (`throw`) or ends it (`return`: stop ships what still can be shipped).
   */
  async #readToEnd(
    followers: readonly Follower[],
    mode: PumpMode,
    wait: { deadline: number; what: string; onFailure: 'throw' | 'return' },
  ): Promise<Mark[]> {
    for (;;) {
      const marks = await Promise.all(followers.map((f) => f.pump(mode)));
      if (wait.onFailure === 'throw') this.#throwIfStopped();
      else if ([...this.#destinations.values()].some((d) => d.failure !== undefined)) return marks;
      if (!followers.some((f) => f.backpressured)) return marks;
      this.#checkDeadline(wait.deadline, wait.what);
      this.#flushDestinations();
      await this.#nextProgress(100);
    }
  }

  /** Waits until CloudWatch Logs accepted everything up to the marks (see `Follower.settledThrough`). */
  async #settle(
    followers: readonly Follower[],
    marks: readonly Mark[],
    deadline: number,
    what: string,
  ): Promise<void> {
    for (;;) {
      this.#throwIfStopped();
      if (followers.every((f, i) => f.settledThrough(marks[i]!))) return;
      this.#checkDeadline(deadline, what);
      this.#flushDestinations();
      await this.#nextProgress(50);
    }
  }

  #flushDestinations(): void {
    for (const d of this.#destinations.values()) d.flush();
  }

  #checkDeadline(deadline: number, what: string): void {
    if (performance.now() < deadline) return;
    const stuck = this.stats().files.filter((f) => f.lagMs > 0 || f.unreadBytes > 0);
    const detail = stuck.map(
      (f) =>
        `${f.path}: ${f.unreadBytes} bytes unread, oldest unaccepted event ${f.lagMs} ms old${f.lastError ? `, last error ${f.lastError}` : ''}`,
    );
    throw new WaitTimeoutError(
      `shipper: ${what} did not finish in time${detail.length ? ` (${detail.join('; ')})` : ''}`,
    );
  }

  stats(): ShipperStats {
    return aggregateStats(
      [...this.#followers.values()].map((f) => f.stats()),
      [...this.#destinations.values()],
    );
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
      const what = 'shipping what was left at stop';
      await this.#readToEnd(followers, { final: true, eager: true }, { deadline, what, onFailure: 'return' });
      for (;;) {
        this.#flushDestinations();
        const busy = [...this.#destinations.values()].filter(
          (d) => d.failure === undefined && (d.inFlight > 0 || d.bufferedBytes > 0),
        );
        if (busy.length === 0) break;
        this.#checkDeadline(deadline, what);
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
