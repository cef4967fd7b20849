/**
 * Long polling: a ReceiveMessage with WaitTimeSeconds waits in real time (a client's call is a real
 * HTTP request), woken as soon as its queue may have a message: one was sent, made visible again,
 * redriven into it, or the queue was deleted. Waits are capped so a message that became visible by
 * the emulator clock alone is seen soon too.
 */
import type { Clock } from '../../clock.ts';
import type { Queue } from './queue-store.ts';

export class QueueWaiters {
  readonly #clock: Clock;
  // Weak: a deleted queue and its idle waiter set go away together.
  readonly #waiters = new WeakMap<Queue, Set<() => void>>();

  /** `clock` is real time (a test may pass a fake). */
  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Resolves after `ms`, when the queue is woken, or when `signal` aborts, whichever comes first. */
  wait(queue: Queue, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let waiters = this.#waiters.get(queue);
      if (waiters === undefined) {
        waiters = new Set();
        this.#waiters.set(queue, waiters);
      }
      const done = (): void => {
        cancel();
        waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const cancel = this.#clock.setTimer(Math.max(1, ms), done);
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  wake(queue: Queue): void {
    for (const waiter of [...(this.#waiters.get(queue) ?? [])]) waiter();
  }
}
