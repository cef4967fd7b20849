/**
 * Runs one job at a time; requests made while a job runs are merged into the next one and share
 * its result. The follower's passes over a file go through this, so change notifications, timers,
 * drain() and stop() never read a file concurrently, and a burst of notifications costs one pass.
 */
export class CoalescingRunner<Request, Result> {
  readonly #run: (request: Request) => Promise<Result>;
  readonly #merge: (queued: Request, incoming: Request) => Request;
  readonly #idle: () => void;
  #queued: { request: Request; waiters: ((result: Result) => void)[] } | undefined;
  #running = false;

  /**
   * @param run does the work; must not throw (report errors itself).
   * @param idle called each time the queue empties.
   */
  constructor(
    run: (request: Request) => Promise<Result>,
    merge: (a: Request, b: Request) => Request,
    idle: () => void,
  ) {
    this.#run = run;
    this.#merge = merge;
    this.#idle = idle;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Resolves with the result of a job that started after this call. */
  request(request: Request): Promise<Result> {
    return new Promise<Result>((resolve) => {
      if (this.#queued) {
        this.#queued.request = this.#merge(this.#queued.request, request);
        this.#queued.waiters.push(resolve);
      } else {
        this.#queued = { request, waiters: [resolve] };
      }
      if (!this.#running) void this.#loop();
    });
  }

  async #loop(): Promise<void> {
    this.#running = true;
    while (this.#queued) {
      const job = this.#queued;
      this.#queued = undefined;
      const result = await this.#run(job.request);
      for (const resolve of job.waiters) resolve(result);
    }
    this.#running = false;
    this.#idle();
  }
}
