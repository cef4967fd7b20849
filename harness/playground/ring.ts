/** A fixed-capacity list that drops its oldest items: what keeps a long-running page's memory bounded. */
export class Ring<T> {
  readonly #items: (T | undefined)[];
  #start = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Ring capacity: expected an integer >= 1, got ${capacity}`);
    }
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    const end = (this.#start + this.#size) % this.capacity;
    this.#items[end] = item;
    if (this.#size < this.capacity) this.#size++;
    else this.#start = (this.#start + 1) % this.capacity;
  }

  /** The newest `count` items (all by default), oldest first. */
  latest(count = this.#size): T[] {
    const n = Math.min(count, this.#size);
    const out: T[] = [];
    for (let i = this.#size - n; i < this.#size; i++)
      out.push(this.#items[(this.#start + i) % this.capacity]!);
    return out;
  }
}
