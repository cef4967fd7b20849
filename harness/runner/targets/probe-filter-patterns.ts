import { randomBytes } from 'node:crypto';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients.ts';
import type { Clock } from '../../clock.ts';

/**
 * Does the target really evaluate filter patterns? LocalStack community does not: its pattern matcher
 * is always true, so FilterLogEvents returns events a pattern cannot match and every metric filter
 * counts every event. The probe writes one event and filters it with a pattern it cannot match.
 */
export async function probeFilterPatterns(aws: AwsClients, clock: Clock, prefix: string): Promise<boolean> {
  const group = `${prefix}vault-alarm-lab-probe-${randomBytes(4).toString('hex')}`;
  await aws.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  try {
    await aws.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'probe' }));
    await aws.logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'probe',
        logEvents: [{ timestamp: clock.now(), message: '{"probe":"present"}' }],
      }),
    );
    const result = await aws.logs.send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: '{ $.probe = "absent" }' }),
    );
    return (result.events ?? []).length === 0;
  } finally {
    await aws.logs.send(new DeleteLogGroupCommand({ logGroupName: group })).catch(() => undefined);
  }
}
