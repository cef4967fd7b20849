import type { Writable } from 'node:stream';

/**
 * Progress of a slow preparation step (an image build, a Python venv): which step, a line for people,
 * the time since the operation began, and whether it is one of many similar lines (a package
 * downloaded, a build step) that a log may thin out.
 */
export interface StepProgressEvent {
  readonly step: string;
  readonly message: string;
  readonly elapsedMs: number;
  /** One of a stream of similar lines (tool output): printers may show only some. */
  readonly detail?: boolean;
}

export type StepProgressListener = (event: StepProgressEvent) => void;

/** A reporter for one operation: `note` for milestones, `detail` for lines of a tool's output. */
export interface StepReporter {
  note(message: string): void;
  detail(message: string): void;
}

export function stepReporter(step: string, listener: StepProgressListener | undefined): StepReporter {
  const started = performance.now();
  const emit = (message: string, detail: boolean): void =>
    listener?.({ step, message, elapsedMs: performance.now() - started, ...(detail ? { detail } : {}) });
  return { note: (message) => emit(message, false), detail: (message) => emit(message, true) };
}

function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function formatStepProgress(event: StepProgressEvent): string {
  return `${event.step}: ${event.message} (${formatElapsed(event.elapsedMs)})`;
}

/**
 * Prints progress: every milestone, and of a tool's output lines one every `intervalMs` on a log (CI)
 * or all of them rewriting one line on a terminal.
 */
export function createStepPrinter(
  stream: Writable & { isTTY?: boolean },
  options: { intervalMs?: number } = {},
): StepProgressListener & { flush(): void } {
  const interval = options.intervalMs ?? 5_000;
  let lastDetail = -Infinity;
  let openLine = false;
  const printer = ((event: StepProgressEvent) => {
    const line = formatStepProgress(event);
    if (stream.isTTY) {
      stream.write(
        `${openLine ? '\r\x1b[2K' : ''}${line.slice(0, (stream as { columns?: number }).columns ?? 200)}`,
      );
      openLine = event.detail === true;
      if (!openLine) stream.write('\n');
      return;
    }
    if (event.detail) {
      const now = performance.now();
      if (now - lastDetail < interval) return;
      lastDetail = now;
    }
    stream.write(`${line}\n`);
  }) as StepProgressListener & { flush(): void };
  printer.flush = () => {
    if (openLine) stream.write('\n');
    openLine = false;
  };
  return printer;
}
