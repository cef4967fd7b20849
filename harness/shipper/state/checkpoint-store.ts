import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** A checkpoint's shape says which version of the shipper wrote it. */
export interface Versioned {
  readonly version: number;
}

export type LoadedState<S> =
  | { readonly state: 'missing' }
  | { readonly state: 'loaded'; readonly value: S }
  | { readonly state: 'corrupt'; readonly movedTo: string; readonly reason: string };

interface KeyWriter {
  running: Promise<void> | undefined;
  queued: { snapshot: () => Versioned; waiters: { resolve(): void; reject(e: unknown): void }[] } | undefined;
}

/**
 * Where each followed file stands (the input side's `FollowerState`), one JSON file per (path, log
 * group, log stream) in the state directory. Written atomically: temp file, fsync, rename, fsync of
 * the directory, so a kill -9 leaves either the old or the new state, never a torn one (the agent
 * truncates and rewrites in place).
 */
export class CheckpointStore<S extends Versioned> {
  readonly dir: string;
  readonly #isCurrent: (value: S) => boolean;
  #writers = new Map<string, KeyWriter>();
  #tmpSeq = 0;

  /** `isCurrent` tells a state this version writes from an older or foreign one (moved aside as corrupt). */
  constructor(dir: string, isCurrent: (value: S) => boolean) {
    this.dir = dir;
    this.#isCurrent = isCurrent;
  }

  /** Creates the directory and removes temp files a killed process left behind. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.dir)) {
      if (name.includes('.tmp-')) await unlink(path.join(this.dir, name)).catch(() => undefined);
    }
  }

  keyFor(file: string, group: string, stream: string): string {
    const hash = createHash('sha256').update(`${file}\0${group}\0${stream}`).digest('hex').slice(0, 16);
    const base = path
      .basename(file)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 60);
    return `${base}-${hash}`;
  }

  fileFor(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  async load(key: string): Promise<LoadedState<S>> {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      throw error;
    }
    try {
      const value = JSON.parse(text) as S;
      if (!this.#isCurrent(value)) throw new Error(`unsupported state version ${String(value.version)}`);
      return { state: 'loaded', value };
    } catch (error) {
      // Cannot happen through our atomic writes; someone edited or truncated it. Keep it for inspection.
      const movedTo = `${file}.corrupt-${Date.now()}`;
      await rename(file, movedTo);
      return { state: 'corrupt', movedTo, reason: (error as Error).message };
    }
  }

  /**
   * Persists the state `snapshot()` returns at write time. Writes for one key never overlap; calls
   * made while a write runs share the next write, so a burst of acknowledgements costs two writes.
   */
  save(key: string, snapshot: () => S): Promise<void> {
    let writer = this.#writers.get(key);
    if (writer === undefined) {
      writer = { running: undefined, queued: undefined };
      this.#writers.set(key, writer);
    }
    return new Promise<void>((resolve, reject) => {
      const w = writer!;
      if (w.queued) {
        w.queued.snapshot = snapshot;
        w.queued.waiters.push({ resolve, reject });
      } else {
        w.queued = { snapshot, waiters: [{ resolve, reject }] };
      }
      if (w.running === undefined) this.#pump(key, w);
    });
  }

  #pump(key: string, writer: KeyWriter): void {
    const job = writer.queued;
    if (job === undefined) {
      writer.running = undefined;
      return;
    }
    writer.queued = undefined;
    writer.running = this.#writeAtomically(this.fileFor(key), JSON.stringify(job.snapshot(), null, 1)).then(
      () => {
        for (const w of job.waiters) w.resolve();
        this.#pump(key, writer);
      },
      (error: unknown) => {
        for (const w of job.waiters) w.reject(error);
        this.#pump(key, writer);
      },
    );
  }

  async #writeAtomically(file: string, text: string): Promise<void> {
    const tmp = `${file}.tmp-${process.pid}-${this.#tmpSeq++}`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    // The rename itself is durable only once the directory entry is.
    const dir = await open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
