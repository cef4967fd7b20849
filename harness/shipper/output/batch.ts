import type { EventPart } from './event-part.ts';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_BATCH_SPAN_MS,
  EVENT_OVERHEAD_BYTES,
} from '../../aws/facts/logs.ts';

/**
 * The events of one future PutLogEvents request. `fits` enforces every request limit (bytes with the
 * 26-byte per-event overhead, event count, 24-hour span); `eventsInOrder` sorts stably by timestamp
 * because the service refuses a request whose events are out of order.
 */
export class Batch {
  readonly id: number;
  readonly parts: EventPart[] = [];
  /** Request size as the service counts it. */
  requestBytes = 0;
  /** Message bytes only (memory accounting). */
  messageBytes = 0;
  minTs = Infinity;
  maxTs = -Infinity;
  sorted = true;
  /** No further event fits: send as soon as ordering and concurrency allow. */
  full = false;
  /** Its flush timer fired, or a flush was requested. */
  due = false;
  cancelTimer: (() => void) | undefined;

  constructor(id: number) {
    this.id = id;
  }

  get size(): number {
    return this.parts.length;
  }

  fits(part: EventPart): boolean {
    if (this.parts.length === 0) return true;
    if (this.parts.length >= MAX_BATCH_EVENTS) return false;
    if (this.requestBytes + part.bytes + EVENT_OVERHEAD_BYTES > MAX_BATCH_BYTES) return false;
    const lo = Math.min(this.minTs, part.timestamp);
    const hi = Math.max(this.maxTs, part.timestamp);
    return hi - lo <= MAX_BATCH_SPAN_MS;
  }

  add(part: EventPart): void {
    const last = this.parts[this.parts.length - 1];
    if (last !== undefined && part.timestamp < last.timestamp) this.sorted = false;
    this.parts.push(part);
    this.requestBytes += part.bytes + EVENT_OVERHEAD_BYTES;
    this.messageBytes += part.bytes;
    if (part.timestamp < this.minTs) this.minTs = part.timestamp;
    if (part.timestamp > this.maxTs) this.maxTs = part.timestamp;
  }

  /**
   * Removes the trailing events that share the newest timestamp, when older ones remain. Moving them
   * to the next batch makes consecutive batches cover disjoint time ranges, which is what lets them
   * be in flight together without losing order (see Destination).
   */
  takeTrailingRun(): EventPart[] {
    if (!this.sorted || this.minTs === this.maxTs) return [];
    let cut = this.parts.length;
    while (cut > 0 && this.parts[cut - 1]!.timestamp === this.maxTs) cut--;
    const moved = this.parts.splice(cut);
    this.#recount();
    return moved;
  }

  /** Stable sort by timestamp (Array.prototype.sort is stable). */
  eventsInOrder(): EventPart[] {
    return this.sorted ? this.parts : [...this.parts].sort((a, b) => a.timestamp - b.timestamp);
  }

  #recount(): void {
    this.requestBytes = 0;
    this.messageBytes = 0;
    this.minTs = Infinity;
    this.maxTs = -Infinity;
    for (const p of this.parts) {
      this.requestBytes += p.bytes + EVENT_OVERHEAD_BYTES;
      this.messageBytes += p.bytes;
      if (p.timestamp < this.minTs) this.minTs = p.timestamp;
      if (p.timestamp > this.maxTs) this.maxTs = p.timestamp;
    }
  }
}
