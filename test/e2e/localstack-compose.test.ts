import { describe, it } from 'vitest';
import { LOCALSTACK_LAB_IMAGE } from '../../harness/docker/index.ts';
import { expectLocalstackSubsetPasses } from '../support/localstack-suite.ts';
import { dockerSkipReason } from '../support/vault-docker.ts';

/** The localstack target on the `localstack` service of docker-compose.yml (needs an engine and an image). */
const skip = await dockerSkipReason('the localstack target on docker compose', [LOCALSTACK_LAB_IMAGE]);

describe.skipIf(skip !== undefined)('the localstack target on docker compose', () => {
  it('passes a positive scenario and reports negatives as unverifiable', { timeout: 900_000 }, () =>
    expectLocalstackSubsetPasses('compose'),
  );
});
