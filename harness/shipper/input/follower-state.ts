import type { Pos } from '../position.ts';
import type { FileIdentity } from './file-identity.ts';

/**
 * What a follower checkpoints (state/checkpoint-store.ts keeps it): the files its name pointed to,
 * how far each is accepted, the requests in flight, and the files it finished.
 */
export interface PendingPiece {
  /** Positions of the first and past-the-last event of this file in one in-flight request. */
  readonly from: Pos;
  readonly to: Pos;
  readonly group: string;
  readonly stream: string;
  /** Timestamp range of those events, to look them up after a crash. */
  readonly firstTs: number;
  readonly lastTs: number;
  readonly count: number;
}

export interface GenerationRecord {
  readonly identity: FileIdentity;
  /** The name it was last seen under. */
  readonly path: string;
  /** IntervalSet.toJSON(): positions accepted (or filtered out). */
  readonly done: [number, number, number, number][];
  /** Requests sent whose outcome was not yet known when this was written. */
  readonly pending: readonly PendingPiece[];
  /** A newer file has taken the name; this one is finished once drained. */
  readonly rotated: boolean;
}

export interface CompletedRecord {
  readonly identity: FileIdentity;
  readonly size: number;
  readonly path: string;
}

export interface FollowerState {
  readonly version: 1;
  readonly path: string;
  readonly group: string;
  readonly stream: string;
  /** Oldest first; the last one is the file currently under `path`. */
  readonly generations: readonly GenerationRecord[];
  /** Files shipped to the end, remembered so a glob that matches a rotated name does not re-ship it. */
  readonly completed: readonly CompletedRecord[];
  readonly savedAt: string;
}

/** A saved state this version reads; anything else is moved aside as corrupt. */
export function isCurrentFollowerState(value: FollowerState): boolean {
  return value.version === 1 && Array.isArray(value.generations);
}
