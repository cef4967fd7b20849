import { stat, unlink } from 'node:fs/promises';
import type { CancelTimer, Clock } from '../../clock.ts';
import type { CheckpointStore } from '../state/checkpoint-store.ts';
import type { FollowerState } from './follower-state.ts';
import type { ResolvedSource } from '../config/types.ts';
import { CoalescingRunner } from './coalescing-runner.ts';
import type { DeliveryCheck } from '../output/delivery-check.ts';
import type { DestinationQueue } from '../output/destination-queue.ts';
import type { ShipperEventListener } from '../events.ts';
import { sameInode } from './file-identity.ts';
import type { FileStats } from './file-stats.ts';
import { FileCounters, fileStatsOf } from './file-stats.ts';
import type { FollowerTiming } from './follower-timing.ts';
import { nextWakeDelay } from './follower-timing.ts';
import { Generation } from './generation.ts';
import type { GenerationContext } from './generation.ts';
import { GenerationList } from './generation-list.ts';
import type { Mark } from './generation-list.ts';
import type { PumpMode } from './pump-mode.ts';
import { mergeModes } from './pump-mode.ts';
import { expandGlob } from './glob.ts';
import { checkName, recoverRotatedWhileStopped, restoreGeneration } from './rotation-detection.ts';
import type { FollowedName } from './rotation-detection.ts';

export interface FollowerOptions {
  readonly path: string;
  readonly source: ResolvedSource;
  readonly destination: DestinationQueue;
  readonly store: CheckpointStore<FollowerState>;
  /** Asked whether an earlier run's in-flight requests reached the stream. */
  readonly deliveries: DeliveryCheck;
  readonly clock: Clock;
  readonly ioClock: Clock;
  readonly maxMessageBytes: number;
  readonly timing: FollowerTiming;
  readonly emit: ShipperEventListener;
}

/**
 * Follows one file by name, across rotations (rotation-detection.ts says which kinds and how). Each
 * pass first looks at the name, then reads the open files oldest first: a newer file is read only
 * once the rotated one before it is finished (or a drain or the rotation wait allows it), so the
 * stream keeps the writing order. Passes never overlap; requests made during one share the next.
 */
export class Follower {
  readonly path: string;
  readonly key: string;
  readonly destination: DestinationQueue;
  readonly counters = new FileCounters();
  readonly #o: FollowerOptions;
  readonly #files = new GenerationList();
  readonly #name: FollowedName;
  readonly #runner = new CoalescingRunner<PumpMode, Mark>(
    (mode) => this.#guardedPass(mode),
    mergeModes,
    () => {
      if (!this.#closed) this.#scheduleNext();
    },
  );
  #timer: CancelTimer | undefined;
  #closed = false;
  #backpressured = false;
  #unsubscribe: () => void;
  /** Every event of this file goes out through here, so losses are counted where they are reported. */
  readonly #emit: ShipperEventListener;

  constructor(options: FollowerOptions) {
    this.#o = options;
    this.#emit = (event) => {
      if (event.type === 'data-loss') this.counters.noteLoss(event.bytes);
      options.emit(event);
    };
    this.path = options.path;
    this.destination = options.destination;
    this.key = options.store.keyFor(options.path, options.destination.group, options.destination.stream);
    const context = this.#context();
    this.#name = {
      path: this.path,
      files: this.#files,
      now: () => options.ioClock.now(),
      emit: this.#emit,
      generation: (init) => new Generation(context, init),
      save: () => this.#save(),
    };
    this.#unsubscribe = options.destination.onCapacity(() => {
      if (this.#backpressured) void this.pump();
    });
  }

  /** True when the last pump stopped because the destination was full. */
  get backpressured(): boolean {
    return this.#backpressured;
  }

  get unsettled(): number {
    return this.#files.unsettled;
  }

  /** Where each open file's complete lines end now (see `settledThrough`). */
  mark(): Mark {
    return this.#files.mark();
  }

  /** True once every line up to the marked offsets is accepted (or filtered, or its file finished and dropped). */
  settledThrough(mark: Mark): boolean {
    return this.#files.settledThrough(mark);
  }

  inodes(): { dev: string; ino: string }[] {
    return this.#files.inodes();
  }

  /** Restores the saved state, finds the saved files again, and opens the current one. */
  async init(): Promise<void> {
    const loaded = await this.#o.store.load(this.key);
    if (loaded.state === 'corrupt') {
      this.#emit({
        type: 'warning',
        message: `${this.path}: unreadable checkpoint (${loaded.reason}) moved to ${loaded.movedTo}; reading the file from the start (duplicates possible)`,
      });
    }
    if (loaded.state === 'loaded') {
      this.#files.restoreCompleted(loaded.value.completed);
      for (const record of loaded.value.generations) await restoreGeneration(this.#name, record);
      if (loaded.value.generations.length > 0) {
        // Rotated names a glob also matches are followed on their own.
        const globbed = this.#o.source.isGlob
          ? new Set(await expandGlob(this.#o.source.filePath))
          : undefined;
        await recoverRotatedWhileStopped(
          this.#name,
          Date.parse(loaded.value.savedAt),
          (file) => globbed?.has(file) ?? false,
        );
      }
    }
    await checkName(this.#name);
    await this.#save();
  }

  /**
   * Runs one pass (after any pass already running); concurrent calls share the next pass. Resolves
   * with where the lines read ended when that pass finished (see `settledThrough`).
   */
  pump(mode: PumpMode = {}): Promise<Mark> {
    if (this.#closed) return Promise.resolve(this.mark());
    return this.#runner.request(mode);
  }

  async #guardedPass(mode: PumpMode): Promise<Mark> {
    try {
      await this.#pass(mode);
    } catch (error) {
      const message = (error as Error).message;
      // Reported once per distinct problem, not at every poll.
      if (message !== this.counters.lastError)
        this.#emit({ type: 'warning', message: `${this.path}: ${message}` });
      this.counters.lastError = message;
    }
    return this.mark();
  }

  async #pass(mode: PumpMode): Promise<void> {
    if (mode.noRead) {
      for (const generation of this.#files.open) if (!generation.finished) await generation.emitHeld();
      return;
    }
    await checkName(this.#name);
    const now = this.#o.ioClock.now();
    const timing = this.#o.timing;
    this.#backpressured = false;
    // A snapshot: acknowledgements arriving during the awaits below may drop finished generations
    // from the list, which must not make this pass skip the next one.
    const generations = [...this.#files.open];
    for (let i = 0; i < generations.length; i++) {
      const generation = generations[i]!;
      const previous = generations[i - 1];
      if (
        previous &&
        !previous.finished &&
        !(previous.rotated && (mode.eager || now - previous.rotatedAt > timing.rotationMaxWaitMs))
      )
        break;
      if (generation.finished) continue;
      if ((generation.rotated || generation.nameGone) && generation.handle) {
        // Not under the name any more: its size (for the unread-bytes figure) comes from the open file.
        generation.lastSize = Number((await generation.handle.stat()).size);
      }
      if ((await generation.readAvailable()) === 'paused') {
        this.#backpressured = true;
        break;
      }
      const idle = now - Math.max(generation.lastGrowthAt, generation.rotated ? generation.rotatedAt : 0);
      const newer = i < generations.length - 1 || generation !== this.#files.newest;
      if (generation.rotated && newer && (idle >= timing.rotationGraceMs || mode.final)) {
        await generation.finish();
        this.#emit({ type: 'file-finished', path: generation.path, bytes: generation.readOffset });
        continue;
      }
      if (mode.final || (generation.hasPartialLine && idle >= timing.partialLineTimeoutMs))
        await generation.emitPartial();
      else if (mode.flushHeld || (generation.holdingEvent && idle >= timing.multiLineIdleMs))
        await generation.emitHeld();
    }
    this.#collect();
  }

  /** Drops finished generations whose every event is settled, remembering them as completed. */
  #collect(): void {
    const dropped = this.#files.collect();
    if (this.#o.source.autoRemoval) for (const generation of dropped) void this.#remove(generation);
    if (dropped.length > 0) void this.#save().catch(() => undefined);
  }

  /** auto_removal: only after every line is accepted (the agent deletes once lines are queued). */
  async #remove(generation: Generation): Promise<void> {
    const st = await stat(generation.path, { bigint: true }).catch(() => undefined);
    if (st && sameInode(generation.identity, st)) await unlink(generation.path).catch(() => undefined);
  }

  #scheduleNext(): void {
    this.#timer?.();
    const delay = nextWakeDelay(this.#files.open, this.#o.timing, this.#o.ioClock.now());
    this.#timer = this.#o.ioClock.setTimer(delay, () => {
      this.#timer = undefined;
      void this.pump();
    });
  }

  #context(): GenerationContext {
    return {
      source: this.#o.source,
      destination: this.destination,
      clock: this.#o.clock,
      wallNow: () => this.#o.ioClock.now(),
      maxMessageBytes: this.#o.maxMessageBytes,
      counters: this.counters,
      emit: this.#emit,
      save: () => this.#save(),
      verify: (piece, messages) => this.#o.deliveries.presence(piece, messages),
      settled: () => {
        if (this.#files.open[0]?.finished) this.#collect();
      },
    };
  }

  #save(): Promise<void> {
    return this.#o.store.save(this.key, () => this.snapshot());
  }

  snapshot(): FollowerState {
    return {
      version: 1,
      path: this.path,
      group: this.destination.group,
      stream: this.destination.stream,
      generations: this.#files.records(),
      completed: this.#files.completed,
      savedAt: new Date(this.#o.ioClock.now()).toISOString(),
    };
  }

  stats(): FileStats {
    return fileStatsOf({
      path: this.path,
      destination: this.destination,
      counters: this.counters,
      generations: this.#files.open,
      now: this.#o.ioClock.now(),
    });
  }

  /** Final state write and file close; the follower does nothing afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#timer?.();
    this.#unsubscribe();
    while (this.#runner.running) await new Promise((resolve) => setImmediate(resolve));
    await this.#save().catch((error: unknown) => {
      this.counters.lastError = `final checkpoint write failed: ${(error as Error).message}`;
    });
    await this.#files.closeAll();
  }
}
