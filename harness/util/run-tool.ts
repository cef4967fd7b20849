import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { LabError } from '../errors.ts';
import type { StepReporter } from './step-progress.ts';

export interface RunToolOptions {
  /** What the command does, for the error message ("debootstrap bookworm"). */
  readonly what: string;
  /** Error code of the LabError thrown when the command fails. */
  readonly errorCode: string;
  /** What to try when it fails, appended to the error message. */
  readonly hint?: string;
  readonly reporter: StepReporter;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  /** A file fed to stdin (e.g. a tarball for `docker import -`). */
  readonly inputFile?: string;
  /** Lines of output kept for the error message. */
  readonly tailLines?: number;
}

/**
 * Runs a long command (debootstrap, pip, docker build), passing each output line to the reporter as
 * a detail, and on failure throws an error naming the command with the last lines it printed.
 */
export async function runTool(file: string, args: readonly string[], options: RunToolOptions): Promise<void> {
  const tail: string[] = [];
  const keep = options.tailLines ?? 25;
  const child = execa(file, args, {
    all: true,
    reject: false,
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    ...(options.inputFile ? { inputFile: options.inputFile } : { stdin: 'ignore' as const }),
  });
  const lines = child.all ? createInterface({ input: child.all }) : undefined;
  lines?.on('line', (line) => {
    const text = line.trimEnd();
    if (text === '') return;
    tail.push(text);
    if (tail.length > keep) tail.shift();
    options.reporter.detail(text);
  });
  const result = await child;
  if (result.failed) {
    const how = result.isCanceled
      ? 'was cancelled'
      : result.failed && result.exitCode === undefined
        ? `could not run (${result.shortMessage})`
        : `exited with code ${result.exitCode}`;
    throw new LabError(
      options.errorCode,
      `${options.what} ${how}${options.hint ? `; ${options.hint}` : ''}${tail.length > 0 ? `\nlast output:\n  ${tail.join('\n  ')}` : ''}`,
    );
  }
}
