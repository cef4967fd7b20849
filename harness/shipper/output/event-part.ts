import type { Pos } from '../position.ts';

/**
 * One PutLogEvents event on its way, carrying where it came from: the file positions it covers and
 * the generation (file) that owns them. Its owner is told, through the callbacks below, what became
 * of it; that is the only way a checkpoint moves.
 */
export interface EventPart {
  readonly message: string;
  /** UTF-8 length of `message` (what the service counts). */
  readonly bytes: number;
  readonly timestamp: number;
  /** Wall time it was read, for lag figures. */
  readonly readAt: number;
  readonly from: Pos;
  readonly to: Pos;
  readonly owner: PartOwner;
}

export interface RejectedCounts {
  readonly tooNew: number;
  readonly tooOld: number;
  readonly expired: number;
}

export interface PartOwner {
  /** "file path" for events and stats. */
  readonly label: string;
  /**
   * Records these parts as in flight and persists that before resolving, so that after a crash the
   * next run knows to look for them in the stream instead of resending blindly.
   */
  beginSend(
    batchId: number,
    parts: readonly EventPart[],
    target: { group: string; stream: string },
  ): Promise<void>;
  /** The service accepted the request: these parts are done (the rejected ones too: by API design, rejection is final). */
  accepted(batchId: number, parts: readonly EventPart[], rejected: RejectedCounts): void;
  /**
   * The request will not be sent again in this run. `definite` means it certainly was not stored
   * (the pending record can go); otherwise the next run looks for it.
   */
  abandoned(batchId: number, parts: readonly EventPart[], definite: boolean): void;
  /** A retry was scheduled for a request holding some of this owner's parts. */
  retried(): void;
}
