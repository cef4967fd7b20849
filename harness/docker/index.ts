/**
 * Docker for the lab: which Vault and LocalStack images to run (official tags, or local stand-ins
 * where no registry answers), and `vault-alarm-lab docker build`, which makes those stand-ins and the
 * compose v2 CLI plugin.
 */
export {
  engineHasImage,
  LOCAL_BASE_IMAGE,
  LOCALSTACK_LAB_IMAGE,
  missingImageHint,
  resolveLabImage,
  VAULT_LAB_IMAGE,
} from './images.ts';
export type { ImageSource, LabImage, ResolvedImage } from './images.ts';
export { buildDockerImages, DOCKER_BUILD_PARTS } from './build/build-images.ts';
export type { BuildDockerOptions, DockerBuildOutcome, DockerBuildPart } from './build/build-images.ts';
export { cliPluginPath, composePluginVersion, COMPOSE_VERSION } from './build/compose-plugin.ts';
