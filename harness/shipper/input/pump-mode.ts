/** What a pass over a followed file should do besides reading what is new. */
export interface PumpMode {
  /** Emit events held for multi-line grouping (their lines are complete). */
  readonly flushHeld?: boolean;
  /** Shutdown: also ship the unterminated last line. */
  readonly final?: boolean;
  /** Read a newer file as soon as the rotated one is at its end (drain: everything written so far). */
  readonly eager?: boolean;
  /** Only emit held events; read nothing (flush: what was read so far). */
  readonly noRead?: boolean;
}

/** Two requests for the next pass, as one. */
export function mergeModes(a: PumpMode, b: PumpMode): PumpMode {
  return {
    flushHeld: a.flushHeld || b.flushHeld,
    final: a.final || b.final,
    eager: a.eager || b.eager,
    // A pass that reads also emits held events when asked: noRead only if both ask for it.
    noRead: (a.noRead ?? false) && (b.noRead ?? false),
  };
}
