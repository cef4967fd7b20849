import type { Writable } from 'node:stream';

/**
 * Progress of the slow things the Vault part does (a first build takes minutes): a phase, a line for
 * people, and the time since the operation began. Library code reports through a listener; the CLI
 * and the test setup decide how to show it (`createProgressPrinter`).
 */
export type VaultProgressPhase =
  | 'resolve'
  | 'lock'
  | 'toolchain'
  | 'download'
  | 'prepare'
  | 'compile'
  | 'link'
  | 'verify'
  | 'install'
  | 'start'
  | 'ready'
  | 'audit'
  | 'stop';

export interface VaultProgressEvent {
  readonly phase: VaultProgressPhase;
  readonly message: string;
  /** Since the operation (build, start) began. */
  readonly elapsedMs?: number;
  /** Done/total where a total is known (packages compiled). */
  readonly done?: number;
  readonly total?: number;
}

export type VaultProgressListener = (event: VaultProgressEvent) => void;

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function formatProgress(event: VaultProgressEvent): string {
  const counter = event.total
    ? ` [${event.done ?? 0}/${event.total}, ${Math.floor(((event.done ?? 0) * 100) / event.total)}%]`
    : event.done !== undefined
      ? ` [${event.done}]`
      : '';
  const elapsed = event.elapsedMs !== undefined ? ` (${formatElapsed(event.elapsedMs)})` : '';
  return `vault ${event.phase}: ${event.message}${counter}${elapsed}`;
}

/**
 * Wraps a long operation's progress reports so that the last one is repeated, with its elapsed time
 * brought up to date, every `intervalMs` while the operation is silent (a module download or a link
 * prints nothing for minutes). `stop()` ends the repetition; the timer never keeps the process alive.
 */
export function withHeartbeat(
  listener: VaultProgressListener | undefined,
  startedAt: number,
  intervalMs: number,
): { report: VaultProgressListener; stop(): void } {
  let last: VaultProgressEvent | undefined;
  const report: VaultProgressListener = (event) => {
    last = event;
    listener?.(event);
  };
  const timer = setInterval(() => {
    if (last) listener?.({ ...last, elapsedMs: performance.now() - startedAt });
  }, intervalMs);
  timer.unref();
  return { report, stop: () => clearInterval(timer) };
}

/** Phases that end an operation: a terminal's rewritten line is closed after them. */
const FINAL_PHASES: ReadonlySet<VaultProgressPhase> = new Set(['install', 'ready', 'audit', 'stop']);

/**
 * Writes progress to a terminal or a log. On a TTY, repeated updates of one phase rewrite the same
 * line; elsewhere (CI logs) updates that only move a counter are printed at most every `intervalMs`,
 * so a 4-minute compile gives a few dozen lines, not thousands.
 */
export function createProgressPrinter(
  stream: Writable & { isTTY?: boolean },
  options: { intervalMs?: number; prefix?: string } = {},
): VaultProgressListener & { flush(): void } {
  const interval = options.intervalMs ?? 10_000;
  const prefix = options.prefix ?? '';
  let lastKey: string | undefined;
  let lastPrinted = 0;
  let pendingLine: string | undefined;
  let openLine = false;
  const listener = ((event: VaultProgressEvent) => {
    const line = prefix + formatProgress(event);
    const now = performance.now();
    // Updates that only move a counter are throttled; a new message is always shown.
    const key = `${event.phase}\0${event.message}`;
    const samePhase = key === lastKey;
    lastKey = key;
    if (stream.isTTY) {
      stream.write(`${samePhase && openLine ? '\r\x1b[2K' : openLine ? '\n' : ''}${line}`);
      openLine = true;
      // Whatever prints next (the runner's own steps) starts on a fresh line.
      if (FINAL_PHASES.has(event.phase)) {
        stream.write('\n');
        openLine = false;
        lastKey = undefined;
      }
      return;
    }
    if (samePhase && now - lastPrinted < interval) {
      pendingLine = line;
      return;
    }
    pendingLine = undefined;
    lastPrinted = now;
    stream.write(`${line}\n`);
  }) as VaultProgressListener & { flush(): void };
  listener.flush = () => {
    if (openLine) stream.write('\n');
    openLine = false;
    if (pendingLine) stream.write(`${pendingLine}\n`);
    pendingLine = undefined;
  };
  return listener;
}
