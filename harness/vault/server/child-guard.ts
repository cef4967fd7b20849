import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { findOnPath } from '../binary/go-toolchain.ts';
import { VaultStartError } from '../errors.ts';

/**
 * How a child process is tied to this one, so a test runner that crashes (or is SIGKILLed) leaves
 * no Vault behind:
 * - `pdeathsig`: Linux `setpriv --pdeathsig KILL` sets PR_SET_PDEATHSIG and execs Vault, so Vault
 *   keeps its own pid and the kernel kills it when the thread that spawned it dies. Zero overhead.
 * - `supervisor`: a small Node script starts Vault and kills it when its fd-3 pipe from us reads EOF
 *   (works wherever Node runs; one extra process).
 * Both come on top of execa's cleanup on normal exit and the explicit `stop()`.
 */
export type ChildGuardKind = 'pdeathsig' | 'supervisor';

export interface GuardedCommand {
  readonly kind: ChildGuardKind;
  readonly file: string;
  readonly args: readonly string[];
  /** True when stdio[3] must be a pipe kept open by the parent (the supervisor's lifeline). */
  readonly lifeline: boolean;
}

export const SUPERVISOR_SCRIPT = fileURLToPath(new URL('./child-supervisor.mjs', import.meta.url));

let setprivProbe: Promise<string | undefined> | undefined;

/** `setpriv` with `--pdeathsig` support (util-linux >= 2.33), Linux only. */
export function findSetpriv(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (process.platform !== 'linux') return Promise.resolve(undefined);
  setprivProbe ??= (async () => {
    const path = (await findOnPath('setpriv', env)) ?? '/usr/bin/setpriv';
    const help = await execa(path, ['--help'], { reject: false, timeout: 5_000 });
    return help.exitCode === 0 && help.stdout.includes('--pdeathsig') ? path : undefined;
  })();
  return setprivProbe;
}

export async function guardCommand(
  file: string,
  args: readonly string[],
  preferred?: ChildGuardKind,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GuardedCommand> {
  if (preferred !== 'supervisor') {
    const setpriv = await findSetpriv(env);
    if (setpriv)
      return {
        kind: 'pdeathsig',
        file: setpriv,
        args: ['--pdeathsig', 'KILL', '--', file, ...args],
        lifeline: false,
      };
    if (preferred === 'pdeathsig') {
      throw new VaultStartError(
        "guard 'pdeathsig' needs `setpriv --pdeathsig` (Linux, util-linux >= 2.33), which is not available here; use guard 'supervisor' or leave the guard unset",
      );
    }
  }
  return {
    kind: 'supervisor',
    file: process.execPath,
    args: [SUPERVISOR_SCRIPT, file, ...args],
    lifeline: true,
  };
}
