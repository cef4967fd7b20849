import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LOCAL_CREDENTIALS } from '../../harness/aws/clients.ts';
import type { AwsConnection } from '../../harness/aws/clients.ts';
import { startEmulator } from '../../harness/emulator/index.ts';
import type { RunningEmulator } from '../../harness/emulator/index.ts';

/** The real emulator over real HTTP, with the few things shipper tests ask of it. */
export interface ShipperEmulator {
  readonly emulator: RunningEmulator;
  readonly target: AwsConnection;
  /** An SDK client for reading back (the shipper makes its own). */
  readonly logs: CloudWatchLogsClient;
  /** `POST /_lab/faults`: the next `count` PutLogEvents fail. */
  fault(spec: { error?: string; status?: number; count: number; operation?: string }): Promise<void>;
  /** How many injected faults are still waiting to fire (`GET /_lab/faults`). */
  pendingFaults(): Promise<number>;
  /** Every event of a stream, oldest first, following nextForwardToken to the end. */
  allEvents(group: string, stream: string): Promise<{ timestamp: number; message: string }[]>;
  stop(): Promise<void>;
}

export async function startShipperEmulator(): Promise<ShipperEmulator> {
  const emulator = await startEmulator();
  const target: AwsConnection = {
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: LOCAL_CREDENTIALS,
  };
  const logs = new CloudWatchLogsClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    emulator,
    target,
    logs,
    async fault(spec) {
      const response = await fetch(`${emulator.endpoint}/_lab/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service: 'logs', operation: spec.operation ?? 'PutLogEvents', ...spec }),
      });
      if (!response.ok)
        throw new Error(`POST /_lab/faults: HTTP ${response.status} ${await response.text()}`);
    },
    async pendingFaults() {
      const response = await fetch(`${emulator.endpoint}/_lab/faults`);
      if (!response.ok) throw new Error(`GET /_lab/faults: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { faults: unknown[] }).faults.length;
    },
    async allEvents(group, stream) {
      const out: { timestamp: number; message: string }[] = [];
      let token: string | undefined;
      for (;;) {
        let page;
        try {
          page = await logs.send(
            new GetLogEventsCommand({
              logGroupName: group,
              logStreamName: stream,
              startFromHead: true,
              limit: 10_000,
              ...(token ? { nextToken: token } : {}),
            }),
          );
        } catch (error) {
          if ((error as Error).name === 'ResourceNotFoundException') return out;
          throw error;
        }
        for (const e of page.events ?? [])
          out.push({ timestamp: e.timestamp ?? 0, message: e.message ?? '' });
        if ((page.events ?? []).length === 0 || page.nextForwardToken === token) return out;
        token = page.nextForwardToken;
      }
    },
    async stop() {
      logs.destroy();
      await emulator.stop();
    },
  };
}
