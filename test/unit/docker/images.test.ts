import { describe, expect, it } from 'vitest';
import { LOCALSTACK_LAB_IMAGE, resolveLabImage, VAULT_LAB_IMAGE } from '../../../harness/docker/index.ts';

/** Which image a Docker back-end runs, asked of an engine that holds a given set of images. */
function engineWith(...images: string[]): (name: string) => Promise<boolean> {
  return async (name) => images.includes(name);
}

describe('resolveLabImage', () => {
  it('takes the variable first, whatever the engine has', async () => {
    const resolved = await resolveLabImage(VAULT_LAB_IMAGE, engineWith(VAULT_LAB_IMAGE.official), {
      VAULT_IMAGE: 'registry.example/vault:1.14.0',
    });
    expect(resolved).toEqual({ image: 'registry.example/vault:1.14.0', source: 'variable' });
  });

  it('prefers the official tag to the local build when the engine has both', async () => {
    const both = engineWith(LOCALSTACK_LAB_IMAGE.official, LOCALSTACK_LAB_IMAGE.local);
    expect(await resolveLabImage(LOCALSTACK_LAB_IMAGE, both, {})).toEqual({
      image: 'localstack/localstack:4.14.0',
      source: 'official',
    });
  });

  it('falls back to the local build, and to pulling the official tag when there is neither', async () => {
    expect(await resolveLabImage(VAULT_LAB_IMAGE, engineWith(VAULT_LAB_IMAGE.local), {})).toEqual({
      image: 'vault-alarm-lab/vault:1.14.0',
      source: 'local',
    });
    expect(await resolveLabImage(VAULT_LAB_IMAGE, engineWith(), { VAULT_IMAGE: '' })).toEqual({
      image: 'hashicorp/vault:1.14.0',
      source: 'pull',
    });
  });
});
