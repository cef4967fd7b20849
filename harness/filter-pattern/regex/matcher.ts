import { BOL, CHAR, EOL, MATCH, SPLIT } from './program.ts';
import type { RegexProgram } from './program.ts';
import { OTHER, SYMBOL_COUNT, isLineTerminator, symbolOf } from './symbols.ts';

/**
 * Most DFA states one regex keeps. Past it the cache is dropped and rebuilt on demand (as RE2 does),
 * so memory stays bounded and the worst case degrades to plain NFA simulation: still linear in the
 * event length, never exponential.
 */
const MAX_CACHED_STATES = 1024;

interface DfaState {
  /** Sorted ids of the CHAR, MATCH and (not yet satisfied) EOL instructions the NFA could be at. */
  readonly nfa: Int32Array;
  readonly accepting: boolean;
  readonly waitsForEnd: boolean;
  readonly next: (DfaState | undefined)[];
  readonly generation: number;
}

/**
 * Unanchored regex search with a lazily built DFA over the NFA of `program`: each (state, symbol)
 * transition is computed once from the NFA and then reused, so matching costs O(event length) with
 * no backtracking, whatever the regex. `^` holds only at offset 0; `$` at the end of the event or
 * before a final line terminator (java.util.regex semantics).
 */
export class RegexMatcher {
  private cache = new Map<string, DfaState>();
  private generation = 0;
  private initial: DfaState | undefined;
  private readonly mark: Uint32Array;
  private epoch = 0;
  private readonly stack: Int32Array;

  constructor(private readonly program: RegexProgram) {
    this.mark = new Uint32Array(program.size);
    // Each instruction is expanded once per closure, pushing at most two successors, plus the seeds.
    this.stack = new Int32Array(program.size * 3 + 4);
  }

  test(input: string): boolean {
    const n = input.length;
    const endAt = finalTerminatorStart(input);
    let state = this.initialState();
    let i = 0;
    for (;;) {
      if (state.accepting) return true;
      let from = state;
      if (state.waitsForEnd && (i === n || i === endAt)) {
        const expanded = this.closure(state.nfa, i === 0, true);
        if (expanded.accepting) return true;
        from = expanded;
      }
      if (i >= n) return false;
      if (from.nfa.length === 0) return false; // anchored at ^ and past it: nothing can match any more
      const code = input.charCodeAt(i);
      let symbol: number;
      if (code < 128) {
        symbol = code;
        i += 1;
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n && isLowSurrogate(input.charCodeAt(i + 1))) {
        symbol = OTHER;
        i += 2;
      } else {
        symbol = symbolOf(code);
        i += 1;
      }
      if (from === state) {
        const cached = state.next[symbol];
        state =
          cached !== undefined && cached.generation === this.generation
            ? cached
            : this.transition(state, symbol);
      } else {
        state = this.step(from.nfa, symbol);
      }
    }
  }

  private initialState(): DfaState {
    if (this.initial === undefined || this.initial.generation !== this.generation) {
      this.initial = this.closure(Int32Array.of(this.program.start), true, false);
    }
    return this.initial;
  }

  private transition(state: DfaState, symbol: number): DfaState {
    const next = this.step(state.nfa, symbol);
    state.next[symbol] = next;
    return next;
  }

  /** The state after consuming `symbol` from `nfa`, restarting the search at the next offset. */
  private step(nfa: Int32Array, symbol: number): DfaState {
    const { kind, sets, next } = this.program;
    const seeds: number[] = [];
    for (let k = 0; k < nfa.length; k += 1) {
      const id = nfa[k]!;
      if (kind[id] === CHAR && sets[id]![symbol] === 1) seeds.push(next[id]!);
    }
    seeds.push(this.program.start); // unanchored search: a match may also start after this symbol
    return this.closure(seeds, false, false);
  }

  /**
   * Follows SPLITs and the anchors that hold (`^` when `atStart`, `$` when `atEnd`) from `seeds`.
   * Keeps CHAR and MATCH, and EOL instructions that cannot be passed yet. Returns the cached DFA
   * state for that set, creating it if needed.
   */
  private closure(seeds: ArrayLike<number>, atStart: boolean, atEnd: boolean): DfaState {
    const { kind, next, alt } = this.program;
    this.epoch += 1;
    if (this.epoch === 0xffffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const mark = this.mark;
    const stack = this.stack;
    const kept: number[] = [];
    let top = 0;
    let accepting = false;
    let waitsForEnd = false;
    for (let s = seeds.length - 1; s >= 0; s -= 1) stack[top++] = seeds[s]!;
    while (top > 0) {
      const id = stack[--top]!;
      if (mark[id] === epoch) continue;
      mark[id] = epoch;
      switch (kind[id]) {
        case SPLIT:
          stack[top++] = alt[id]!;
          stack[top++] = next[id]!;
          break;
        case BOL:
          if (atStart) stack[top++] = next[id]!;
          break;
        case EOL:
          if (atEnd) stack[top++] = next[id]!;
          else {
            kept.push(id);
            waitsForEnd = true;
          }
          break;
        case MATCH:
          accepting = true;
          kept.push(id);
          break;
        default:
          kept.push(id);
      }
    }
    kept.sort((a, b) => a - b);
    const key = kept.join(',') + (accepting ? '!' : '');
    const found = this.cache.get(key);
    if (found !== undefined && found.generation === this.generation) return found;
    if (this.cache.size >= MAX_CACHED_STATES) {
      this.cache = new Map();
      this.generation += 1;
    }
    const state: DfaState = {
      nfa: Int32Array.from(kept),
      accepting,
      waitsForEnd,
      next: new Array<DfaState | undefined>(SYMBOL_COUNT),
      generation: this.generation,
    };
    this.cache.set(key, state);
    return state;
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where a final line terminator starts (`$` also holds there), or -1. A final "\r\n" counts as one
 * terminator, so `$` holds before the \r but not between \r and \n.
 */
function finalTerminatorStart(input: string): number {
  const n = input.length;
  if (n === 0) return -1;
  const last = input.charCodeAt(n - 1);
  if (!isLineTerminator(last)) return -1;
  if (last === 0x0a && n >= 2 && input.charCodeAt(n - 2) === 0x0d) return n - 2;
  return n - 1;
}
