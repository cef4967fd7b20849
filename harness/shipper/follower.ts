import type { BigIntStats } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { CancelTimer, Clock } from '../clock.ts';
import type {
  CheckpointStore,
  CompletedRecord,
  FollowerState,
  GenerationRecord,
} from './checkpoint-store.ts';
import type { ResolvedSource } from './config/types.ts';
import type { DestinationQueue } from './destination-queue.ts';
import type { EventSink } from './events.ts';
import type { FileIdentity } from './file-identity.ts';
import {
  FINGERPRINT_BYTES,
  describeIdentity,
  extendIdentity,
  identify,
  sameContentStart,
  sameInode,
} from './file-identity.ts';
import type { FileStats } from './file-stats.ts';
import { FileCounters, fileStatsOf } from './file-stats.ts';
import type { FollowerTiming } from './follower-timing.ts';
import { nextWakeDelay } from './follower-timing.ts';
import { CoalescingRunner } from './coalescing-runner.ts';
import type { PumpMode } from './pump-mode.ts';
import { mergeModes } from './pump-mode.ts';
import { Generation } from './generation.ts';
import type { GenerationContext } from './generation.ts';
import { findCopy, locateByIdentity } from './locate.ts';
import type { LogsApi } from './logs-api.ts';
import { IntervalSet } from './position.ts';
import { findBatch } from './reconcile.ts';

/**
 * Follows one file by name, across rotations:
 * - rename (logrotate `create`, Vault's mv + SIGHUP): the renamed file stays open and is read until
 *   a newer file holds the name and the old one has been idle for `rotationGraceMs`, which covers
 *   writes a logger makes to the old file between the rename and its reopen. Until then the new file
 *   waits, so the stream keeps the writing order.
 * - removal without replacement (mv without SIGHUP, rm): the open file keeps being read, since the
 *   writer may still be writing to it.
 * - copytruncate: seen as the file shrinking, or its first bytes changing; the bytes not yet read are
 *   looked for in the copy (a sibling starting with the same bytes) and read from there.
 * - rotation while stopped: on start, each file of the saved state is looked up by identity (inode +
 *   first bytes) under its last name or any name in its directory, and finished first.
 */
export interface FollowerOptions {
  readonly path: string;
  readonly source: ResolvedSource;
  readonly destination: DestinationQueue;
  readonly store: CheckpointStore;
  readonly api: LogsApi;
  readonly clock: Clock;
  readonly ioClock: Clock;
  readonly maxMessageBytes: number;
  readonly timing: FollowerTiming;
  readonly emit: EventSink;
}

const MAX_COMPLETED = 32;

/** Per open file, the offset its complete lines reached. */
export type Mark = ReadonlyMap<Generation, number>;

export class Follower {
  readonly path: string;
  readonly key: string;
  readonly destination: DestinationQueue;
  readonly counters = new FileCounters();
  readonly #o: FollowerOptions;
  #generations: Generation[] = [];
  #completed: CompletedRecord[] = [];
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

  constructor(options: FollowerOptions) {
    this.#o = options;
    this.path = options.path;
    this.destination = options.destination;
    this.key = options.store.keyFor(options.path, options.destination.group, options.destination.stream);
    this.#unsubscribe = options.destination.onCapacity(() => {
      if (this.#backpressured) void this.pump();
    });
  }

  /** True when the last pump stopped because the destination was full. */
  get backpressured(): boolean {
    return this.#backpressured;
  }

  get unsettled(): number {
    return this.#generations.reduce((n, g) => n + g.unsettled, 0);
  }

  /** Where each open file's complete lines end now (see `settledThrough`). */
  mark(): Mark {
    return new Map(this.#generations.map((g) => [g, g.linesEnd]));
  }

  /** True once every line up to the marked offsets is accepted (or filtered, or its file finished and dropped). */
  settledThrough(mark: Mark): boolean {
    for (const [generation, offset] of mark) {
      if (!this.#generations.includes(generation)) continue;
      if (generation.committed[0] < offset) return false;
    }
    return true;
  }

  inodes(): { dev: string; ino: string }[] {
    return [...this.#generations.map((g) => g.identity), ...this.#completed.map((c) => c.identity)];
  }

  /** Restores the saved state, finds the saved files again, and opens the current one. */
  async init(): Promise<void> {
    const loaded = await this.#o.store.load(this.key);
    if (loaded.state === 'corrupt') {
      this.#o.emit({
        type: 'warning',
        message: `${this.path}: unreadable checkpoint (${loaded.reason}) moved to ${loaded.movedTo}; reading the file from the start (duplicates possible)`,
      });
    }
    if (loaded.state === 'loaded') {
      this.#completed = [...loaded.value.completed];
      for (const record of loaded.value.generations) await this.#restore(record);
    }
    await this.#checkName();
    await this.#save();
  }

  async #restore(record: GenerationRecord): Promise<void> {
    const dirs = [path.dirname(this.path), path.dirname(record.path)];
    const done = IntervalSet.fromJSON(record.done);
    const committed = done.contiguousEnd();
    let found = await locateByIdentity(record.identity, [record.path, this.path], dirs);
    // Copytruncated while stopped: the same inode now holds other bytes, the old ones are in a copy.
    found ??= await findCopy(record.identity, path.dirname(this.path), '', committed[0]);
    if (found === undefined) {
      this.#o.emit({
        type: 'data-loss',
        path: record.path,
        bytes: undefined,
        reason: `file (${describeIdentity(record.identity)}) is gone (deleted or compressed while the shipper was stopped); whatever it held past offset ${committed[0]} was not shipped`,
      });
      return;
    }
    const identity = { ...record.identity, dev: String(found.stats.dev), ino: String(found.stats.ino) };
    const generation = new Generation(this.#context(), {
      identity,
      path: found.path,
      handle: found.handle,
      done,
      suspects: record.pending,
    });
    generation.lastSize = Number(found.stats.size);
    generation.lastMtimeNs = found.stats.mtimeNs;
    if (record.rotated || found.path !== this.path) generation.markRotated(this.#o.ioClock.now());
    this.#generations.push(generation);
    this.#o.emit({
      type: 'file-opened',
      path: found.path,
      offset: generation.readOffset,
      resumed: true,
      identity: describeIdentity(record.identity),
    });
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
        this.#o.emit({ type: 'warning', message: `${this.path}: ${message}` });
      this.counters.lastError = message;
    }
    return this.mark();
  }

  async #pass(mode: PumpMode): Promise<void> {
    if (mode.noRead) {
      for (const generation of this.#generations) if (!generation.finished) await generation.emitHeld();
      return;
    }
    await this.#checkName();
    const now = this.#o.ioClock.now();
    const timing = this.#o.timing;
    this.#backpressured = false;
    // A snapshot: acknowledgements arriving during the awaits below may drop finished generations
    // from the list, which must not make this pass skip the next one.
    const generations = [...this.#generations];
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
      const newer =
        i < generations.length - 1 || generation !== this.#generations[this.#generations.length - 1];
      if (generation.rotated && newer && (idle >= timing.rotationGraceMs || mode.final)) {
        await generation.finish();
        this.#o.emit({ type: 'file-finished', path: generation.path, bytes: generation.readOffset });
        continue;
      }
      if (mode.final || (generation.hasPartialLine && idle >= timing.partialLineTimeoutMs))
        await generation.emitPartial();
      else if (mode.flushHeld || (generation.holdingEvent && idle >= timing.multiLineIdleMs))
        await generation.emitHeld();
    }
    this.#collect();
  }

  /** Notices a new file under the name, the name disappearing, or the current file being truncated. */
  async #checkName(): Promise<void> {
    const st = await stat(this.path, { bigint: true }).catch(() => undefined);
    const newest = this.#generations[this.#generations.length - 1];
    if (st === undefined || !st.isFile()) {
      if (newest && !newest.nameGone && !newest.rotated) {
        newest.nameGone = true;
        this.#o.emit({
          type: 'rotation',
          path: this.path,
          kind: 'removed',
          detail: 'the name is gone; still reading the open file',
        });
      }
      return;
    }
    if (newest === undefined || !sameInode(newest.identity, st)) {
      if (this.#generations.some((g) => sameInode(g.identity, st))) return;
      await this.#openNew(st, newest);
      return;
    }
    newest.nameGone = false;
    await this.#checkContent(newest, st);
  }

  async #openNew(st: BigIntStats, previous: Generation | undefined): Promise<void> {
    const handle = await open(this.path, 'r');
    const identity = await identify(handle);
    if (!sameInode(identity, st)) {
      // Replaced between stat and open: look again next pass.
      await handle.close();
      return;
    }
    // A file this follower already finished (its name came back): continue where it ended.
    const completed = this.#completed.find(
      (c) => sameInode(c.identity, st) && c.identity.fpLen <= identity.fpLen,
    );
    const done = new IntervalSet();
    if (completed && (await sameContentStart(handle, completed.identity, Number(st.size))))
      done.add([0, 0], [completed.size, 0]);
    if (previous) {
      previous.markRotated(this.#o.ioClock.now());
      this.#o.emit({
        type: 'rotation',
        path: this.path,
        kind: 'rename',
        detail: `a new file (${describeIdentity(identity)}) took the name; draining ${describeIdentity(previous.identity)} first`,
      });
    }
    const generation = new Generation(this.#context(), { identity, path: this.path, handle, done });
    generation.lastSize = Number(st.size);
    generation.lastMtimeNs = st.mtimeNs;
    this.#generations.push(generation);
    this.#o.emit({
      type: 'file-opened',
      path: this.path,
      offset: generation.readOffset,
      resumed: done.intervals.length > 0,
      identity: describeIdentity(identity),
    });
    await this.#save();
  }

  async #checkContent(generation: Generation, st: BigIntStats): Promise<void> {
    const size = Number(st.size);
    const handle = generation.handle;
    if (handle === undefined) return;
    // A size check alone misses a copytruncate whose new content grew back to the same size (or
    // past the offset read so far): any change of size or mtime re-checks the first bytes.
    const changed = size !== generation.lastSize || st.mtimeNs !== generation.lastMtimeNs;
    generation.lastMtimeNs = st.mtimeNs;
    let truncated = size < generation.readOffset;
    if (!truncated && changed && generation.identity.fpLen > 0) {
      truncated = !(await sameContentStart(handle, generation.identity, size));
    }
    if (truncated) {
      await this.#onTruncated(generation, size);
      return;
    }
    if (generation.identity.fpLen < FINGERPRINT_BYTES && size > generation.identity.fpLen) {
      generation.identity = await extendIdentity(handle, generation.identity, size);
    }
    generation.lastSize = size;
  }

  async #onTruncated(generation: Generation, size: number): Promise<void> {
    const copy = await findCopy(
      generation.identity,
      path.dirname(this.path),
      this.path,
      generation.readOffset,
    );
    const now = this.#o.ioClock.now();
    generation.markRotated(now);
    if (copy) {
      await generation.repoint(
        copy.handle,
        { ...generation.identity, dev: String(copy.stats.dev), ino: String(copy.stats.ino) },
        copy.path,
      );
      this.#o.emit({
        type: 'rotation',
        path: this.path,
        kind: 'truncate',
        detail: `truncated to ${size} bytes; reading the rest of the old content from its copy ${copy.path}`,
      });
    } else {
      const unread = generation.lastSize - generation.readOffset;
      if (unread > 0) {
        this.#o.emit({
          type: 'data-loss',
          path: this.path,
          bytes: unread,
          reason: 'truncated before these bytes were read, and no copy of them was found next to it',
        });
      }
      this.#o.emit({
        type: 'rotation',
        path: this.path,
        kind: 'truncate',
        detail: `truncated to ${size} bytes; no copy found`,
      });
      await generation.finish();
    }
    const handle = await open(this.path, 'r');
    const identity: FileIdentity = await identify(handle);
    const fresh = new Generation(this.#context(), { identity, path: this.path, handle });
    fresh.lastSize = size;
    this.#generations.push(fresh);
    this.#o.emit({
      type: 'file-opened',
      path: this.path,
      offset: 0,
      resumed: false,
      identity: describeIdentity(identity),
    });
    await this.#save();
  }

  /** Drops finished generations whose every event is settled, remembering them as completed. */
  #collect(): void {
    let changed = false;
    while (this.#generations.length > 1 || this.#generations[0]?.finished) {
      const first = this.#generations[0];
      if (first === undefined || !first.finished || first.unsettled > 0) break;
      this.#generations.shift();
      this.#completed = [
        ...this.#completed,
        { identity: first.identity, size: first.readOffset, path: first.path },
      ].slice(-MAX_COMPLETED);
      changed = true;
      if (this.#o.source.autoRemoval) void this.#remove(first);
    }
    if (changed) void this.#save().catch(() => undefined);
  }

  /** auto_removal: only after every line is accepted (the agent deletes once lines are queued). */
  async #remove(generation: Generation): Promise<void> {
    const st = await stat(generation.path, { bigint: true }).catch(() => undefined);
    if (st && sameInode(generation.identity, st)) await unlink(generation.path).catch(() => undefined);
  }

  #scheduleNext(): void {
    this.#timer?.();
    const delay = nextWakeDelay(this.#generations, this.#o.timing, this.#o.ioClock.now());
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
      emit: this.#o.emit,
      save: () => this.#save(),
      verify: (piece, messages) =>
        findBatch(
          this.#o.api,
          piece,
          messages.map((message) => ({ message })),
          { firstTs: piece.firstTs, lastTs: piece.lastTs },
        ),
      settled: () => {
        if (this.#generations[0]?.finished) this.#collect();
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
      generations: this.#generations.map((g) => g.toRecord()),
      completed: this.#completed,
      savedAt: new Date(this.#o.ioClock.now()).toISOString(),
    };
  }

  stats(): FileStats {
    return fileStatsOf({
      path: this.path,
      destination: this.destination,
      counters: this.counters,
      generations: this.#generations,
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
    for (const g of this.#generations) await g.close();
  }
}
