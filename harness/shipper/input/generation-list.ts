import type { BigIntStats } from 'node:fs';
import type { CompletedRecord, GenerationRecord } from './follower-state.ts';
import type { FileIdentity } from './file-identity.ts';
import { sameInode } from './file-identity.ts';
import type { Generation } from './generation.ts';

/** Finished files remembered per follower, so a name that comes back is not read twice. */
const MAX_COMPLETED = 32;

/** Per open file, the offset its complete lines reached. */
export type Mark = ReadonlyMap<Generation, number>;

/**
 * The files one followed name has pointed to: the open ones oldest first (the last holds the name;
 * older ones are rotated away and still being drained), and the finished ones it remembers.
 */
export class GenerationList {
  #open: Generation[] = [];
  #completed: CompletedRecord[] = [];

  /** Oldest first. */
  get open(): readonly Generation[] {
    return this.#open;
  }

  /** The file under the name (or the last one that was). */
  get newest(): Generation | undefined {
    return this.#open[this.#open.length - 1];
  }

  get completed(): readonly CompletedRecord[] {
    return this.#completed;
  }

  /** Events handed on and not yet accepted, over every open file. */
  get unsettled(): number {
    return this.#open.reduce((n, g) => n + g.unsettled, 0);
  }

  restoreCompleted(records: readonly CompletedRecord[]): void {
    this.#completed = [...records];
  }

  add(generation: Generation): void {
    this.#open.push(generation);
  }

  /** True when an open file is this inode (a rotated file that is still being drained). */
  holdsInode(stats: BigIntStats): boolean {
    return this.#open.some((g) => sameInode(g.identity, stats));
  }

  /** A finished file that is this inode, fingerprinted over no more bytes than `identity`. */
  completedAs(stats: BigIntStats, identity: FileIdentity): CompletedRecord | undefined {
    return this.#completed.find((c) => sameInode(c.identity, stats) && c.identity.fpLen <= identity.fpLen);
  }

  /** Where each open file's complete lines end now (see `settledThrough`). */
  mark(): Mark {
    return new Map(this.#open.map((g) => [g, g.linesEnd]));
  }

  /** True once every line up to the marked offsets is accepted (or filtered, or its file finished and dropped). */
  settledThrough(mark: Mark): boolean {
    for (const [generation, offset] of mark) {
      if (!this.#open.includes(generation)) continue;
      if (generation.committed[0] < offset) return false;
    }
    return true;
  }

  inodes(): { dev: string; ino: string }[] {
    return [...this.#open.map((g) => g.identity), ...this.#completed.map((c) => c.identity)];
  }

  /**
   * Drops the oldest open files while they are finished and every event of theirs is settled,
   * remembering them as completed; returns the dropped ones. The newest stays unless finished.
   */
  collect(): Generation[] {
    const dropped: Generation[] = [];
    while (this.#open.length > 1 || this.#open[0]?.finished) {
      const first = this.#open[0];
      if (first === undefined || !first.finished || first.unsettled > 0) break;
      this.#open.shift();
      this.#completed = [
        ...this.#completed,
        { identity: first.identity, size: first.readOffset, path: first.path },
      ].slice(-MAX_COMPLETED);
      dropped.push(first);
    }
    return dropped;
  }

  records(): GenerationRecord[] {
    return this.#open.map((g) => g.toRecord());
  }

  async closeAll(): Promise<void> {
    for (const generation of this.#open) await generation.close();
  }
}
