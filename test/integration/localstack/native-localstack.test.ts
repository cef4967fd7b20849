import { describe, expect, it } from 'vitest';
import { findPython, startNativeLocalstack } from '../../../harness/localstack/index.ts';

const python = await findPython().then(
  () => undefined,
  (error: unknown) => `skipping native LocalStack: ${(error as Error).message}`,
);
if (python) console.warn(python);

describe('native LocalStack', () => {
  it('names the Python it needs when the one given is missing or too old', async () => {
    await expect(
      findPython({ ...process.env, LOCALSTACK_PYTHON: '/nonexistent/python3' }),
    ).rejects.toMatchObject({
      code: 'LAB_LOCALSTACK_PYTHON',
      message: expect.stringMatching(/needs Python 3\.12 or newer; found none\. .*LOCALSTACK_PYTHON/),
    });
  });

  it.skipIf(python !== undefined)(
    'starts from the cached venv on a loopback port of its own with the lab’s services, and stops',
    { timeout: 300_000 },
    async () => {
      const localstack = await startNativeLocalstack();
      try {
        expect(localstack.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(localstack.endpoint).not.toContain(':4566');
        const health = (await (await fetch(`${localstack.endpoint}/_localstack/health`)).json()) as {
          services: Record<string, string>;
          version: string;
        };
        expect(health.version).toBe('4.14.0');
        for (const service of ['logs', 'cloudwatch', 'sns', 'sqs'])
          expect(health.services[service], service).toMatch(/available|running/);
        expect(health.services['s3']).toBe('disabled');
      } finally {
        await localstack.stop();
      }
      await expect(fetch(`${localstack.endpoint}/_localstack/health`)).rejects.toThrow();
    },
  );
});
