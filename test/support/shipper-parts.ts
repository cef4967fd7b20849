import type { EventPart, PartOwner, RejectedCounts } from '../../harness/shipper/output/event-part.ts';

/** A PartOwner that records what the destination queue told it, for queue and sender tests. */
export class RecordingOwner implements PartOwner {
  readonly label: string;
  readonly begun: number[] = [];
  readonly accepted_: { batchId: number; parts: readonly EventPart[]; rejected: RejectedCounts }[] = [];
  readonly abandoned_: { batchId: number; parts: readonly EventPart[]; definite: boolean }[] = [];
  retries = 0;
  failBegin: Error | undefined;

  constructor(label = '/var/log/test.log') {
    this.label = label;
  }

  async beginSend(batchId: number): Promise<void> {
    if (this.failBegin) throw this.failBegin;
    this.begun.push(batchId);
  }

  accepted(batchId: number, parts: readonly EventPart[], rejected: RejectedCounts): void {
    this.accepted_.push({ batchId, parts, rejected });
  }

  abandoned(batchId: number, parts: readonly EventPart[], definite: boolean): void {
    this.abandoned_.push({ batchId, parts, definite });
  }

  retried(): void {
    this.retries++;
  }

  acceptedMessages(): string[] {
    return this.accepted_.flatMap((a) => a.parts.map((p) => p.message));
  }
}

let offset = 0;

/** A part of `bytes` message bytes at `timestamp`, positioned after the previous one. */
export function part(
  owner: PartOwner,
  timestamp: number,
  message = `m${offset}`,
  bytes = Buffer.byteLength(message),
): EventPart {
  const from = offset;
  offset += bytes + 1;
  return { message, bytes, timestamp, readAt: 0, from: [from, 0], to: [offset, 0], owner };
}
