import type { AlarmStateValue } from '../aws/index.ts';
import type { SinkMessage } from '../sinks/index.ts';

/** What the runner saw on the target during a scenario's act phase. */
export interface ObservedTransition {
  readonly alarmName: string;
  readonly from: AlarmStateValue;
  readonly to: AlarmStateValue;
  /** Epoch ms on the target's clock (lab time on the local target). */
  readonly at: number;
  readonly reason: string;
}

/** An alarm notification received by the sink (SNS → HTTP endpoint or SQS queue). */
export interface AlarmNotification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly alarmName: string;
  readonly newState: AlarmStateValue;
  readonly oldState: string;
  readonly triggerMetricName?: string;
  readonly triggerNamespace?: string;
  readonly triggerThreshold?: number;
  readonly stateChangeTime?: string;
  /** The SNS signature was checked against the signing certificate and held. */
  readonly signatureVerified: boolean;
  readonly received: { readonly wallMs: number; readonly labMs: number };
}

export interface Observations {
  readonly transitions: readonly ObservedTransition[];
  readonly notifications: readonly AlarmNotification[];
}

/** The alarm notifications among sink messages, for the lab's own alarms only. */
export function alarmNotifications(
  messages: readonly SinkMessage[],
  alarmNames: ReadonlySet<string>,
): AlarmNotification[] {
  return messages.flatMap(({ alarm, ...m }) => {
    if (!alarm || !alarmNames.has(alarm.alarmName)) return [];
    const { metricName, namespace, threshold } = alarm.trigger;
    return [
      {
        messageId: m.messageId,
        topicArn: m.topicArn,
        alarmName: alarm.alarmName,
        newState: alarm.newState,
        oldState: alarm.oldState,
        ...(metricName !== undefined ? { triggerMetricName: metricName } : {}),
        ...(namespace !== undefined ? { triggerNamespace: namespace } : {}),
        ...(threshold !== undefined ? { triggerThreshold: threshold } : {}),
        ...(alarm.stateChangeTime !== undefined ? { stateChangeTime: alarm.stateChangeTime } : {}),
        signatureVerified: m.signatureVerified,
        received: m.received,
      },
    ];
  });
}
