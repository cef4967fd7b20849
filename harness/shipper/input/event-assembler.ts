/**
 * Groups lines into events with a multi-line start pattern, as the agent does: a line matching the
 * pattern starts a new event, any other line is appended to the current one with "\n". Without a
 * configured pattern the agent's implicit `^\S` applies, so indented continuation lines (and empty
 * lines) join the previous event.
 *
 * The newest event is held until the next start line shows it is complete, or until the reader has
 * seen no new data for a short idle time (`flush()`); the agent holds it about 5 s.
 *
 * `boundaries` are offsets where an earlier run ended an event: a re-read after a restart cuts there
 * too, so events (and their positions) come out as they did before.
 */
export interface Unit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** An event this large is closed even without a start line, bounding memory; it is split into chunks later. */
export const MAX_HELD_CHARS = 8 * 1024 * 1024;

export class EventAssembler {
  readonly #startPattern: RegExp;
  readonly #boundaries: Set<number>;
  #held: { start: number; end: number; parts: string[]; chars: number } | undefined;

  constructor(startPattern: RegExp, boundaries: Iterable<number> = []) {
    this.#startPattern = startPattern;
    this.#boundaries = new Set(boundaries);
  }

  get holding(): boolean {
    return this.#held !== undefined;
  }

  /** Start offset of the held event, if any. */
  get heldStart(): number | undefined {
    return this.#held?.start;
  }

  pushLine(start: number, end: number, text: string): Unit[] {
    const out: Unit[] = [];
    const held = this.#held;
    if (
      held !== undefined &&
      (this.#boundaries.has(start) || this.#startPattern.test(text) || held.chars >= MAX_HELD_CHARS)
    ) {
      out.push(this.#close());
    }
    if (this.#held === undefined) {
      this.#held = { start, end, parts: [text], chars: text.length };
    } else {
      this.#held.parts.push(text);
      this.#held.end = end;
      this.#held.chars += text.length + 1;
    }
    return out;
  }

  /** Emits the held event, if any. */
  flush(): Unit | undefined {
    return this.#held === undefined ? undefined : this.#close();
  }

  #close(): Unit {
    const held = this.#held!;
    this.#held = undefined;
    return { start: held.start, end: held.end, text: held.parts.join('\n') };
  }
}
