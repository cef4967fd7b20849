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
