import { CliUsageError } from '../../errors.ts';
import type { StepProgressListener } from '../../util/step-progress.ts';
import type { LabTarget, TargetName } from './target.ts';
import { TARGET_NAMES } from './target.ts';

export interface SelectTargetOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: StepProgressListener;
  readonly signal?: AbortSignal;
  readonly composeFile?: string;
  readonly region?: string;
  readonly prefix?: string;
}

/** Starts the named target; each loads only its own code (the emulator only for `local`). */
export async function startTarget(name: string, options: SelectTargetOptions = {}): Promise<LabTarget> {
  const env = options.env ?? process.env;
  switch (name as TargetName) {
    case 'local':
      return (await import('./local.ts')).startLocalTarget(options.region ? { region: options.region } : {});
    case 'localstack':
      return (await import('./localstack.ts')).startLocalstackTarget({
        env,
        ...(options.composeFile ? { composeFile: options.composeFile } : {}),
        ...(env['LOCALSTACK_ENDPOINT'] ? { endpoint: env['LOCALSTACK_ENDPOINT'] } : {}),
        ...(options.region ? { region: options.region } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    case 'aws':
      return (await import('./aws.ts')).startAwsTarget({
        ...(options.region ? { region: options.region } : {}),
        ...(options.prefix ? { prefix: options.prefix } : {}),
      });
    default:
      throw new CliUsageError(`unknown target '${name}'; expected one of: ${TARGET_NAMES.join(', ')}`);
  }
}

/** The run's target: one already started (a test's, or the suite's own), or a name to start for the run. */
export async function resolveTarget(
  target: string | LabTarget,
  run: {
    readonly env?: NodeJS.ProcessEnv | undefined;
    readonly region?: string | undefined;
    readonly signal?: AbortSignal | undefined;
  },
  onProgress: StepProgressListener,
): Promise<LabTarget> {
  if (typeof target !== 'string') return target;
  return startTarget(target, {
    ...(run.env ? { env: run.env } : {}),
    ...(run.region ? { region: run.region } : {}),
    ...(run.signal ? { signal: run.signal } : {}),
    onProgress,
  });
}
