import { LOCALSTACK_VERSION } from '../localstack/version.ts';
import { VAULT_IMAGE as OFFICIAL_VAULT_IMAGE, VAULT_VERSION } from '../vault/constants.ts';

/**
 * The images the lab runs under Docker. Users with a registry get the official tags; where none
 * answers, `vault-alarm-lab docker build` makes local stand-ins under the `vault-alarm-lab/` names.
 * `VAULT_IMAGE` / `LOCALSTACK_IMAGE` choose one explicitly (docker-compose.yml reads the same).
 */
export interface LabImage {
  /** Environment variable that overrides the image (also read by docker-compose.yml). */
  readonly variable: 'VAULT_IMAGE' | 'LOCALSTACK_IMAGE';
  readonly official: string;
  /** The tag `vault-alarm-lab docker build` gives its local build. */
  readonly local: string;
}

export const VAULT_LAB_IMAGE: LabImage = {
  variable: 'VAULT_IMAGE',
  official: OFFICIAL_VAULT_IMAGE,
  local: `vault-alarm-lab/vault:${VAULT_VERSION}`,
};

export const LOCALSTACK_LAB_IMAGE: LabImage = {
  variable: 'LOCALSTACK_IMAGE',
  official: `localstack/localstack:${LOCALSTACK_VERSION}`,
  local: `vault-alarm-lab/localstack:${LOCALSTACK_VERSION}`,
};

/** The Debian bookworm base of the local images (debootstrap --variant=minbase, docker import). */
export const LOCAL_BASE_IMAGE = 'vault-alarm-lab/debian:bookworm';

export type ImageSource = 'variable' | 'official' | 'local' | 'pull';

export interface ResolvedImage {
  readonly image: string;
  /** Why this one: the variable, present locally (official or local build), or to be pulled. */
  readonly source: ImageSource;
}

/**
 * Which image to run: the variable when set; else the official tag if the engine has it; else the
 * local build if the engine has it; else the official tag, which the engine will try to pull.
 */
export async function resolveLabImage(
  image: LabImage,
  present: (name: string) => Promise<boolean>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedImage> {
  const chosen = env[image.variable];
  if (chosen) return { image: chosen, source: 'variable' };
  if (await present(image.official)) return { image: image.official, source: 'official' };
  if (await present(image.local)) return { image: image.local, source: 'local' };
  return { image: image.official, source: 'pull' };
}

/** Whether the engine testcontainers talks to has the image (no pull). */
export async function engineHasImage(name: string): Promise<boolean> {
  const { getContainerRuntimeClient, ImageName } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  return client.image.exists(ImageName.fromString(name));
}

/** A clear error text for an image that is neither present nor pullable. */
export function missingImageHint(image: LabImage): string {
  return `the engine has neither ${image.official} nor ${image.local}: with a registry, docker pull ${image.official}; without one, build the local images with 'vault-alarm-lab docker build' (or set ${image.variable})`;
}
