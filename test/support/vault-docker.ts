import { dockerEngineStatus } from '../../harness/vault/index.ts';

/**
 * For tests of the Docker back-ends: resolves to a skip reason when no engine answers (printed, so
 * a skipped suite says why), or undefined when Docker is there.
 */
export async function dockerSkipReason(what: string): Promise<string | undefined> {
  const status = await dockerEngineStatus();
  if (status.available) return undefined;
  const reason = `skipping ${what}: ${status.reason}`;
  console.warn(reason);
  return reason;
}
