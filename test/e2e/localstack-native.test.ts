import { describe, it } from 'vitest';
import { findPython } from '../../harness/localstack/index.ts';
import { expectLocalstackSubsetPasses } from '../support/localstack-suite.ts';

/**
 * The localstack target on LocalStack run natively from the venv in the lab's cache (made on first
 * use from PyPI). Needs Python 3.12 or newer; skipped with the reason otherwise.
 */
const skip = await findPython().then(
  () => undefined,
  (error: unknown) => `skipping the native localstack target: ${(error as Error).message}`,
);
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('the localstack target on native LocalStack', () => {
  it('passes a positive scenario and reports negatives as unverifiable', { timeout: 900_000 }, () =>
    expectLocalstackSubsetPasses('native'),
  );
});
