import { afterAll, beforeAll } from 'vitest';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../harness/aws/index.ts';
import type { AwsClients } from '../../harness/aws/index.ts';
import type { Clock } from '../../harness/clock.ts';
import { startEmulator } from '../../harness/emulator/index.ts';
import type { RunningEmulator } from '../../harness/emulator/index.ts';

export interface EmulatorAws {
  readonly emulator: RunningEmulator;
  /** SDK clients for the emulator's endpoint, with the credentials it accepts. */
  readonly aws: AwsClients;
}

/**
 * The emulator over real HTTP and AWS SDK clients pointed at it, shared by the tests of one file:
 * started in `beforeAll`, stopped in `afterAll`. Read the fields inside tests (they exist once the
 * hook has run). `clock` picks virtual time (an OffsetClock the test advances) or the wall clock.
 */
export function emulatorForFile(clock: Clock): EmulatorAws {
  let started: EmulatorAws | undefined;
  beforeAll(async () => {
    const emulator = await startEmulator({ clock });
    const aws = createAwsClients({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: LOCAL_CREDENTIALS,
    });
    started = { emulator, aws };
  });
  afterAll(async () => {
    started?.aws.destroy();
    await started?.emulator.stop();
  });
  const get = (): EmulatorAws => {
    if (!started) throw new Error('emulatorForFile: read its fields inside a test, after beforeAll ran');
    return started;
  };
  return {
    get emulator() {
      return get().emulator;
    },
    get aws() {
      return get().aws;
    },
  };
}
