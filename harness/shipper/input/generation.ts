import type { FileHandle } from 'node:fs/promises';
import type { Clock } from '../../clock.ts';
import type { GenerationRecord, PendingPiece } from './follower-state.ts';
import type { ResolvedSource } from '../config/types.ts';
import type { DestinationQueue } from '../output/destination-queue.ts';
import type { EventPart, PartOwner, RejectedCounts } from '../output/event-part.ts';
import { EventAssembler } from './event-assembler.ts';
import type { TimestampMemory } from './event-builder.ts';
import { buildUnit, decodeLine } from './event-builder.ts';
import type { ShipperEventListener } from '../events.ts';
import type { FileIdentity } from './file-identity.ts';
import type { FileCounters } from './file-stats.ts';
import { LineSplitter } from './line-splitter.ts';
import { MAX_EVENT_AGE_MS } from '../../aws/facts/logs.ts';
import type { Pos } from '../position.ts';
import { IntervalSet, ORIGIN, comparePos } from '../position.ts';
import type { Presence } from '../output/delivery-check.ts';

/**
 * One file (one inode, one content) that a followed name pointed to: the current file, or an older
 * one a rotation renamed away and that is still being drained. It reads lines, assembles and builds
 * events, hands them to the destination queue, and, as their owner, is the only thing that moves
 * the checkpoint: a position becomes "done" when CloudWatch accepted it (or a filter refused it).
 */
export interface GenerationContext {
  readonly source: ResolvedSource;
  readonly destination: DestinationQueue;
  readonly clock: Clock;
  readonly wallNow: () => number;
  readonly maxMessageBytes: number;
  readonly counters: FileCounters;
  readonly emit: ShipperEventListener;
  /** Persists the follower's state; resolves once durable. */
  save(): Promise<void>;
  /** Looks for events of an earlier run's in-flight request in the stream. */
  verify(piece: PendingPiece, messages: readonly string[]): Promise<Presence>;
  /** A part was accepted or abandoned: the follower may drop finished generations. */
  settled(): void;
}

/** Where a generation starts: the open file and, when resumed, what an earlier run already did. */
export interface GenerationInit {
  readonly identity: FileIdentity;
  readonly path: string;
  readonly handle: FileHandle;
  /** Positions already accepted or filtered (a resumed file). */
  readonly done?: IntervalSet;
  /** Requests an earlier run had in flight, to look for before resending. */
  readonly suspects?: readonly PendingPiece[];
}

const READ_CHUNK_BYTES = 1024 * 1024;

/** Keeps resent events clear of the 14-day "too old" cut-off. */
const RESEND_AGE_MARGIN_MS = 60 * 60 * 1000;

export class Generation implements PartOwner {
  identity: FileIdentity;
  path: string;
  handle: FileHandle | undefined;
  /** A newer file holds the name (or this one was truncated away): finish once drained. */
  rotated = false;
  rotatedAt = 0;
  /** The name no longer exists (renamed without replacement, or deleted); keep reading the open file. */
  nameGone = false;
  finished = false;
  lastSize = 0;
  /** mtime at the last check of the name (copytruncate detection). */
  lastMtimeNs = 0n;
  lastGrowthAt: number;
  readonly done: IntervalSet;
  readonly #ctx: GenerationContext;
  readonly #splitter: LineSplitter;
  readonly #assembler: EventAssembler;
  readonly #pending = new Map<number, PendingPiece>();
  /** In-flight requests of an earlier run, in position order, to look for before resending. */
  readonly #suspects: PendingPiece[];
  #suspectParts: EventPart[] = [];
  #outstanding = new Set<EventPart>();
  readonly #timestamps: TimestampMemory = { last: undefined };
  #buffer: Buffer | undefined;

  constructor(ctx: GenerationContext, init: GenerationInit) {
    this.#ctx = ctx;
    this.identity = init.identity;
    this.path = init.path;
    this.handle = init.handle;
    this.done = init.done ?? new IntervalSet();
    this.#suspects = [...(init.suspects ?? [])].sort((a, b) => comparePos(a.from, b.from));
    const start = this.committed[0];
    this.#splitter = new LineSplitter(ctx.source.encoding, start);
    this.#assembler = new EventAssembler(ctx.source.multiLine.startPattern, [
      ...this.done.boundaries(),
      ...this.#suspects.flatMap((s) => [s.from[0], s.to[0]]),
    ]);
    this.lastGrowthAt = ctx.wallNow();
  }

  get label(): string {
    return this.path;
  }

  /** Everything before this position is accepted. */
  get committed(): Pos {
    return this.done.contiguousEnd(ORIGIN);
  }

  /** Offset of the next byte to read. */
  get readOffset(): number {
    return this.#splitter.position;
  }

  /** Offset just past the last complete line read. */
  get linesEnd(): number {
    return this.#splitter.carryStart;
  }

  get hasPartialLine(): boolean {
    return this.#splitter.carryLength > 0;
  }

  get holdingEvent(): boolean {
    return this.#assembler.holding;
  }

  /** Events handed to the destination and not yet accepted, plus requests still unresolved. */
  get unsettled(): number {
    return this.#outstanding.size + this.#pending.size + this.#suspects.length;
  }

  oldestUnsettledReadAt(): number | undefined {
    let oldest: number | undefined;
    for (const part of this.#outstanding)
      if (oldest === undefined || part.readAt < oldest) oldest = part.readAt;
    return oldest;
  }

  markRotated(now: number): void {
    if (this.rotated) return;
    this.rotated = true;
    this.rotatedAt = now;
  }

  /** Reads to the end of the file or until the destination is full. */
  async readAvailable(): Promise<'eof' | 'paused'> {
    const handle = this.handle;
    if (handle === undefined || this.finished) return 'eof';
    this.#buffer ??= Buffer.allocUnsafe(READ_CHUNK_BYTES);
    for (;;) {
      if (!this.#ctx.destination.hasCapacity()) return 'paused';
      const { bytesRead } = await handle.read(this.#buffer, 0, this.#buffer.length, this.#splitter.position);
      if (bytesRead === 0) break;
      this.lastGrowthAt = this.#ctx.wallNow();
      this.#ctx.counters.bytesRead += bytesRead;
      for (const line of this.#splitter.push(this.#buffer.subarray(0, bytesRead))) {
        const text = decodeLine(line.bytes, this.#ctx.source.encoding, line.start === 0);
        await this.#emitUnits(this.#assembler.pushLine(line.start, line.end, text));
      }
    }
    await this.#resolveReachedSuspects();
    return 'eof';
  }

  /** Emits the held multi-line event: its lines are complete, only its end was uncertain. */
  async emitHeld(): Promise<void> {
    const unit = this.#assembler.flush();
    if (unit) await this.#emitUnits([unit]);
    await this.#resolveReachedSuspects();
  }

  /** Emits the unterminated last line as an event (idle timeout, rotation, shutdown). */
  async emitPartial(): Promise<void> {
    const line = this.#splitter.takePartial();
    if (line) {
      const text = decodeLine(line.bytes, this.#ctx.source.encoding, line.start === 0);
      await this.#emitUnits(this.#assembler.pushLine(line.start, line.end, text));
    }
    await this.emitHeld();
  }

  /** No more reading: the last line (even without newline) and the held event go out. */
  async finish(): Promise<void> {
    await this.emitPartial();
    // Whatever earlier-run requests were never re-read (file shorter than recorded) resolve now.
    while (this.#suspects.length > 0) await this.#resolveSuspect();
    this.finished = true;
    await this.close();
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.#buffer = undefined;
    await handle?.close().catch(() => undefined);
  }

  /** Points this generation at another file holding the same bytes (the copy of a copytruncate). */
  async repoint(handle: FileHandle, identity: FileIdentity, path: string): Promise<void> {
    await this.close();
    this.handle = handle;
    this.identity = identity;
    this.path = path;
  }

  toRecord(): GenerationRecord {
    return {
      identity: this.identity,
      path: this.path,
      done: this.done.toJSON(),
      pending: [...this.#pending.values(), ...this.#suspects],
      rotated: this.rotated,
    };
  }

  // PartOwner

  beginSend(
    batchId: number,
    parts: readonly EventPart[],
    target: { group: string; stream: string },
  ): Promise<void> {
    let from = parts[0]!.from;
    let to = parts[0]!.to;
    let firstTs = Infinity;
    let lastTs = -Infinity;
    for (const p of parts) {
      if (comparePos(p.from, from) < 0) from = p.from;
      if (comparePos(p.to, to) > 0) to = p.to;
      firstTs = Math.min(firstTs, p.timestamp);
      lastTs = Math.max(lastTs, p.timestamp);
    }
    this.#pending.set(batchId, {
      from,
      to,
      group: target.group,
      stream: target.stream,
      firstTs,
      lastTs,
      count: parts.length,
    });
    return this.#ctx.save();
  }

  accepted(batchId: number, parts: readonly EventPart[], rejected: RejectedCounts): void {
    this.#pending.delete(batchId);
    for (const p of parts) {
      this.done.add(p.from, p.to);
      this.#outstanding.delete(p);
    }
    const c = this.#ctx.counters;
    const refused = rejected.tooNew + rejected.tooOld + rejected.expired;
    c.eventsShipped += parts.length - refused;
    c.tooNew += rejected.tooNew;
    c.tooOld += rejected.tooOld;
    c.expired += rejected.expired;
    this.#persistQuietly();
    this.#ctx.settled();
  }

  abandoned(batchId: number, parts: readonly EventPart[], definite: boolean): void {
    if (definite) this.#pending.delete(batchId);
    for (const p of parts) this.#outstanding.delete(p);
    this.#persistQuietly();
    this.#ctx.settled();
  }

  retried(): void {
    this.#ctx.counters.retries++;
  }

  #persistQuietly(): void {
    this.#ctx.save().catch((error: unknown) => {
      this.#ctx.counters.lastError = `checkpoint write failed: ${(error as Error).message}`;
    });
  }

  async #emitUnits(units: readonly { start: number; end: number; text: string }[]): Promise<void> {
    const ctx = this.#ctx;
    for (const unit of units) {
      const built = buildUnit(unit, ctx.source, ctx.clock.now(), this.#timestamps, ctx.maxMessageBytes);
      if (built.kind !== 'events') {
        ctx.counters.eventsRead++;
        ctx.counters.eventsFiltered++;
        this.done.add([unit.start, 0], [unit.end, 0]);
        continue;
      }
      if (built.parts.length > 1) {
        ctx.counters.eventsSplit++;
        ctx.emit({
          type: 'split',
          path: this.path,
          offset: unit.start,
          parts: built.parts.length,
          bytes: unit.text.length,
        });
      }
      for (const draft of built.parts) {
        ctx.counters.eventsRead++;
        if (this.done.covers(draft.from, draft.to)) {
          ctx.counters.eventsSkipped++;
          continue;
        }
        const part: EventPart = { ...draft, readAt: ctx.wallNow(), owner: this };
        while (this.#suspects.length > 0 && comparePos(part.from, this.#suspects[0]!.to) >= 0)
          await this.#resolveSuspect();
        const suspect = this.#suspects[0];
        if (suspect !== undefined && comparePos(part.from, suspect.from) >= 0) {
          this.#suspectParts.push(part);
          continue;
        }
        this.#enqueue(part);
      }
    }
  }

  /**
   * Settles earlier-run requests whose bytes have all been read. Their end is an event boundary of
   * that run, so an event still held here either ends there (emit it: it belongs to the request) or
   * starts there (it does not), except for a split event whose chunks the request only partly held:
   * that one must be complete before its chunks can be compared.
   */
  async #resolveReachedSuspects(): Promise<void> {
    for (;;) {
      const next = this.#suspects[0];
      if (next === undefined || this.#splitter.carryStart < next.to[0]) return;
      const heldStart = this.#assembler.heldStart;
      if (heldStart !== undefined && heldStart < next.to[0]) {
        const unit = this.#assembler.flush();
        if (unit) await this.#emitUnits([unit]);
        continue;
      }
      if (heldStart !== undefined && heldStart === next.to[0] && next.to[1] > 0) return;
      await this.#resolveSuspect();
    }
  }

  async #resolveSuspect(): Promise<void> {
    const suspect = this.#suspects.shift()!;
    const parts = this.#suspectParts.splice(0);
    let presence: Presence;
    try {
      presence =
        parts.length === 0
          ? 'absent'
          : await this.#ctx.verify(
              suspect,
              parts.map((p) => p.message),
            );
    } catch (error) {
      // Cannot tell (no GetLogEvents permission, target down): resend; a duplicate beats a loss.
      presence = 'absent';
      this.#ctx.emit({
        type: 'warning',
        message: `${this.path}: could not check whether an interrupted request landed (${(error as Error).message}); sending its ${parts.length} events again`,
      });
    }
    this.#ctx.emit({ type: 'reconciled', path: this.path, events: parts.length, presence });
    if (presence === 'absent') {
      // Sent again with the time they were first sent under: requests that went out after this one
      // (and were accepted) carry later timestamps, so the stream keeps the file's order. Unless
      // that time is so old the service would reject the events.
      // (Timestamps parsed from the lines are the same as before anyway.)
      const original = suspect.firstTs;
      const restamp =
        this.#ctx.source.timestamp === undefined &&
        this.#ctx.clock.now() - original < MAX_EVENT_AGE_MS - RESEND_AGE_MARGIN_MS;
      for (const part of parts) this.#enqueue(restamp ? { ...part, timestamp: original } : part);
    } else {
      for (const part of parts) this.done.add(part.from, part.to);
      this.#ctx.counters.eventsSkipped += parts.length;
      this.#persistQuietly();
    }
  }

  #enqueue(part: EventPart): void {
    this.#outstanding.add(part);
    this.#ctx.destination.add(part);
  }
}
