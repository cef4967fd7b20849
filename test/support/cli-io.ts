import { Writable } from 'node:stream';
import type { CliIo } from '../../harness/cli/command.ts';

/** In-memory stdout/stderr for running CLI commands in-process. */
export interface CapturedIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
}

export function captureIo(
  options: { env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {},
): CapturedIo {
  let out = '';
  let err = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    }),
    { isTTY: options.tty ?? false },
  );
  const stderr = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        err += String(chunk);
        done();
      },
    }),
    { isTTY: false },
  );
  return {
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdoutText: () => out,
    stderrText: () => err,
  };
}
