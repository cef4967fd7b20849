import { describe, expect, it } from 'vitest';
import { alarmNotifications } from '../../../harness/runner/observations.ts';
import type { SinkMessage } from '../../../harness/sinks/index.ts';

const received = { wallMs: 1_000, labMs: 61_000 };

function message(id: string, alarm?: SinkMessage['alarm']): SinkMessage {
  return {
    messageId: id,
    topicArn: 'arn:aws:sns:us-east-1:000000000000:vault-audit-alarms',
    message: '{}',
    timestamp: '2024-01-15T12:01:00.000Z',
    signatureVerified: true,
    ...(alarm ? { alarm } : {}),
    received,
  };
}

describe('alarm notifications among sink messages', () => {
  it('keeps the lab’s alarms only, with the trigger fields the expectations check', () => {
    const notifications = alarmNotifications(
      [
        message('plain'),
        message('other', { alarmName: 'someone-elses', newState: 'ALARM', oldState: 'OK', trigger: {} }),
        message('ours', {
          alarmName: 'vault-sealed',
          newState: 'ALARM',
          oldState: 'OK',
          stateChangeTime: '2024-01-15T12:01:00.000+0000',
          trigger: { metricName: 'VaultSealCount', namespace: 'VaultMetricNamespace', threshold: 1 },
        }),
      ],
      new Set(['vault-sealed']),
    );
    expect(notifications).toEqual([
      {
        messageId: 'ours',
        topicArn: 'arn:aws:sns:us-east-1:000000000000:vault-audit-alarms',
        alarmName: 'vault-sealed',
        newState: 'ALARM',
        oldState: 'OK',
        triggerMetricName: 'VaultSealCount',
        triggerNamespace: 'VaultMetricNamespace',
        triggerThreshold: 1,
        stateChangeTime: '2024-01-15T12:01:00.000+0000',
        signatureVerified: true,
        received,
      },
    ]);
  });
});
