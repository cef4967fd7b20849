/** A counting semaphore without promises: the destination queue asks, and is called back when a slot frees. */
export class ConcurrencyLimiter {
  readonly limit: number;
  #used = 0;
  #waiters = new Set<() => void>();

  constructor(limit: number) {
    this.limit = limit;
  }

  tryAcquire(): boolean {
    if (this.#used >= this.limit) return false;
    this.#used++;
    return true;
  }

  release(): void {
    this.#used--;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Calls `wake` once, at the next release. */
  onRelease(wake: () => void): void {
    this.#waiters.add(wake);
  }
}
