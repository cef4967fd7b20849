import { describe, expect, it } from 'vitest';
import { SNSClient } from '@aws-sdk/client-sns';
import { createAwsClients } from '../../../harness/aws/index.ts';

/** Collects the process warnings emitted while `act` runs (emitWarning delivers them on a later tick). */
async function warningsDuring(act: () => void): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
  process.on('warning', listener);
  try {
    act();
    await new Promise((resolve) => setImmediate(resolve));
    return seen;
  } finally {
    process.off('warning', listener);
  }
}

describe("the AWS SDK's Node-version warning", () => {
  it('is not printed when the lab makes its clients, nor for a client a test makes itself', async () => {
    const warnings = await warningsDuring(() => {
      createAwsClients({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }).destroy();
      new SNSClient({ region: 'us-east-1' }).destroy();
    });
    expect(warnings.filter((w) => w.includes('NodeVersionSupportWarning'))).toEqual([]);
  });
});
