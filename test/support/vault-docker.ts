import { engineHasImage, resolveLabImage } from '../../harness/docker/index.ts';
import type { LabImage } from '../../harness/docker/index.ts';
import { dockerEngineStatus } from '../../harness/vault/index.ts';

/**
 * For tests of the Docker back-ends: resolves to a skip reason when no engine answers, or when the
 * engine has none of an image's variants (official tag, local build, $VAULT_IMAGE...) so starting it
 * would mean a pull that fails without a registry; undefined when the test can run. The reason is
 * printed, so a skipped suite says why.
 */
export async function dockerSkipReason(
  what: string,
  images: readonly LabImage[] = [],
): Promise<string | undefined> {
  const status = await dockerEngineStatus();
  let reason = status.available ? undefined : status.reason;
  for (const image of images) {
    if (reason) break;
    const resolved = await resolveLabImage(image, engineHasImage);
    if (resolved.source === 'pull') {
      reason = `the Docker engine has neither ${image.official} nor ${image.local}, and pulling may need a registry; build the local images with 'vault-alarm-lab docker build' (or docker pull ${image.official})`;
    }
  }
  if (!reason) return undefined;
  const message = `skipping ${what}: ${reason}`;
  console.warn(message);
  return message;
}
