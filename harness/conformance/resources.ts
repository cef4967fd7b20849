/**
 * Everything a run creates, with how to delete it. Deletion runs once, newest first, at the end of a
 * run and also when it is interrupted, so a run against real AWS leaves nothing behind.
 */
export class ResourceTracker {
  readonly #entries: { readonly description: string; readonly remove: () => Promise<unknown> }[] = [];
  #cleaned: Promise<string[]> | undefined;

  add(description: string, remove: () => Promise<unknown>): void {
    this.#entries.push({ description, remove });
    // Created while the run was being cleaned up (an area still finishing after Ctrl-C): delete now.
    if (this.#cleaned !== undefined) void remove().catch(() => undefined);
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Deletes everything; returns what could not be deleted (with why). Safe to call twice. */
  cleanup(concurrency = 4): Promise<string[]> {
    this.#cleaned ??= (async () => {
      const failures: string[] = [];
      const pending = [...this.#entries].reverse();
      const workers = Array.from({ length: concurrency }, async () => {
        for (let entry = pending.shift(); entry !== undefined; entry = pending.shift()) {
          try {
            await entry.remove();
          } catch (error) {
            const name = (error as { name?: string }).name ?? '';
            // Already gone is fine (a check may delete what it created), and so is a name the
            // endpoint refuses even to look up: it was never created under that name.
            if (!/NotFound|NonExistent|DoesNotExist|InvalidParameter|Validation/.test(name))
              failures.push(`${entry.description}: ${(error as Error).message}`);
          }
        }
      });
      await Promise.all(workers);
      return failures;
    })();
    return this.#cleaned;
  }
}
