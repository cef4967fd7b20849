import { describe, expect, it } from 'vitest';
import type {
  AlarmStateRecord,
  CompositeAlarmRecord,
  MetricAlarmRecord,
} from '../../../../harness/emulator/cloudwatch/alarm-model.ts';
import {
  alarmSubject,
  buildAlarmNotification,
} from '../../../../harness/emulator/cloudwatch/alarm-notification.ts';

const at = Date.UTC(2025, 4, 14, 1, 58, 11, 589);
const oldState: AlarmStateRecord = {
  value: 'OK',
  reason: 'fine',
  updatedAt: at - 60_000,
  transitionedAt: at - 60_000,
};
const newState: AlarmStateRecord = {
  value: 'ALARM',
  reason:
    'Threshold Crossed: 1 out of the last 1 datapoints [94.10166666666666 (14/05/25 01:55:00)] was greater than or equal to the threshold (90.0) (minimum 1 datapoint for OK -> ALARM transition).',
  updatedAt: at,
  transitionedAt: at,
};

function alarm(overrides: Partial<MetricAlarmRecord['config']> = {}): MetricAlarmRecord {
  return {
    type: 'MetricAlarm',
    accountId: '467860137194',
    region: 'us-east-2',
    arn: 'arn:aws:cloudwatch:us-east-2:467860137194:alarm:alt_cpu_high_alert',
    configuredAt: Date.UTC(2025, 4, 13, 9, 50, 8, 366),
    state: newState,
    tags: [],
    config: {
      alarmName: 'alt_cpu_high_alert',
      actionsEnabled: true,
      okActions: [],
      alarmActions: ['arn:aws:sns:us-east-2:467860137194:ATL_sns'],
      insufficientDataActions: [],
      metricName: 'CPUUtilization',
      namespace: 'AWS/EC2',
      statistic: 'Maximum',
      dimensions: [{ name: 'InstanceId', value: 'i-08fb8abe21e6fa058' }],
      period: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 90,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'missing',
      ...overrides,
    },
  };
}

describe('the alarm notification CloudWatch publishes', () => {
  it('reproduces the AWS message body byte for byte', () => {
    const n = buildAlarmNotification(alarm(), oldState, newState);
    expect(n.subject).toBe('ALARM: "alt_cpu_high_alert" in US East (Ohio)');
    expect(n.defaultMessage).toBe(
      '{"AlarmName":"alt_cpu_high_alert","AlarmDescription":null,"AWSAccountId":"467860137194","AlarmConfigurationUpdatedTimestamp":"2025-05-13T09:50:08.366+0000","NewStateValue":"ALARM",' +
        `"NewStateReason":${JSON.stringify(newState.reason)},"StateChangeTime":"2025-05-14T01:58:11.589+0000","Region":"US East (Ohio)","AlarmArn":"arn:aws:cloudwatch:us-east-2:467860137194:alarm:alt_cpu_high_alert",` +
        '"OldStateValue":"OK","ActionExecutedAfterMuteWindow":false,"OKActions":[],"AlarmActions":["arn:aws:sns:us-east-2:467860137194:ATL_sns"],"InsufficientDataActions":[],' +
        '"Trigger":{"MetricName":"CPUUtilization","Namespace":"AWS/EC2","StatisticType":"Statistic","Statistic":"MAXIMUM","Unit":null,"Dimensions":[{"value":"i-08fb8abe21e6fa058","name":"InstanceId"}],' +
        '"Period":60,"EvaluationPeriods":1,"DatapointsToAlarm":1,"ComparisonOperator":"GreaterThanOrEqualToThreshold","Threshold":90.0,"TreatMissingData":"missing","EvaluateLowSampleCountPercentile":""}}',
    );
    expect(Object.keys(JSON.parse(n.message) as object)).toEqual(['default', 'sms', 'email']);
  });

  it('omits DatapointsToAlarm when unset, upper-cases SampleCount, names extended statistics', () => {
    const plain = JSON.parse(
      buildAlarmNotification(
        alarm({ datapointsToAlarm: undefined, statistic: 'SampleCount', treatMissingData: undefined }),
        oldState,
        newState,
      ).defaultMessage,
    ) as {
      Trigger: Record<string, unknown>;
    };
    expect(plain.Trigger).not.toHaveProperty('DatapointsToAlarm');
    expect(plain.Trigger['Statistic']).toBe('SAMPLE_COUNT');
    expect(plain.Trigger['TreatMissingData']).toBe('');
    const extended = JSON.parse(
      buildAlarmNotification(alarm({ statistic: undefined, extendedStatistic: 'p99' }), oldState, newState)
        .defaultMessage,
    ) as {
      Trigger: Record<string, unknown>;
    };
    expect(extended.Trigger).toMatchObject({ StatisticType: 'ExtendedStatistic', ExtendedStatistic: 'p99' });
    expect(extended.Trigger).not.toHaveProperty('Statistic');
  });

  it('writes the email variant as AWS does', () => {
    const lines = buildAlarmNotification(alarm(), oldState, newState).email.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `You are receiving this email because your Amazon CloudWatch Alarm "alt_cpu_high_alert" in the US East (Ohio) region has entered the ALARM state, because "${newState.reason}" at "Wednesday 14 May, 2025 01:58:11 UTC".`,
      '',
      'View this alarm in the AWS Management Console:',
      'https://us-east-2.console.aws.amazon.com/cloudwatch/deeplink.js?region=us-east-2#alarmsV2:alarm/alt_cpu_high_alert',
      '',
      'Alarm Details:',
    ]);
    expect(lines).toContain('- Name:                       alt_cpu_high_alert');
    expect(lines).toContain('- State Change:               OK -> ALARM');
    expect(lines).toContain(
      '- The alarm is in the ALARM state when the metric is GreaterThanOrEqualToThreshold 90.0 for at least 1 of the last 1 period(s) of 60 seconds.',
    );
    expect(lines).toContain('- Dimensions:                          [InstanceId = i-08fb8abe21e6fa058]');
    expect(lines).toContain('- Unit:                                not specified');
    expect(lines).toContain('- ALARM: [arn:aws:sns:us-east-2:467860137194:ATL_sns]');
  });

  it('writes the composite alarm email with its rule and triggering children', () => {
    const reason = `arn:aws:cloudwatch:us-east-2:467860137194:alarm:child transitioned to ALARM at Wednesday 14 May, 2025 01:58:11 UTC`;
    const state: AlarmStateRecord = { value: 'ALARM', reason, updatedAt: at, transitionedAt: at };
    const composite: CompositeAlarmRecord = {
      type: 'CompositeAlarm',
      accountId: '467860137194',
      region: 'us-east-2',
      arn: 'arn:aws:cloudwatch:us-east-2:467860137194:alarm:vault-composite',
      configuredAt: Date.UTC(2025, 4, 13, 9, 50, 8, 366),
      state,
      tags: [],
      config: {
        alarmName: 'vault-composite',
        alarmDescription: 'Root or policy change',
        actionsEnabled: true,
        okActions: [],
        alarmActions: ['arn:aws:sns:us-east-2:467860137194:oncall'],
        insufficientDataActions: [],
        alarmRule: 'ALARM("child") OR ALARM("other")',
      },
    };
    const children = [
      { arn: 'arn:aws:cloudwatch:us-east-2:467860137194:alarm:child', state: 'ALARM', timestamp: at },
    ];
    expect(buildAlarmNotification(composite, oldState, state, children).email.split('\n')).toEqual([
      `You are receiving this email because your Amazon CloudWatch Alarm "vault-composite" in the US East (Ohio) region has transitioned to ALARM state on Wednesday 14 May, 2025 01:58:11 UTC, because "${reason}".`,
      '',
      'View this alarm in the AWS Management Console:',
      'https://us-east-2.console.aws.amazon.com/cloudwatch/deeplink.js?region=us-east-2#alarmsV2:alarm/vault-composite',
      '',
      'Alarm Details:',
      '- Name:                       vault-composite',
      '- Description:                Root or policy change',
      '- State Change:               OK -> ALARM',
      '- Alarm Rule:                 ALARM("child") OR ALARM("other")',
      `- Reason for State Change:    ${reason}`,
      '- Timestamp:                  Wednesday 14 May, 2025 01:58:11 UTC',
      '- AWS Account:                467860137194',
      '- Alarm Arn:                  arn:aws:cloudwatch:us-east-2:467860137194:alarm:vault-composite',
      '',
      'Triggering children (max. 10):',
      '- arn:aws:cloudwatch:us-east-2:467860137194:alarm:child: ALARM at Wednesday 14 May, 2025 01:58:11 UTC',
      '',
      'State Change Actions:',
      '- OK: ',
      '- ALARM: [arn:aws:sns:us-east-2:467860137194:oncall]',
      '- INSUFFICIENT_DATA: ',
      '',
    ]);
  });

  it('keeps the subject under 100 characters', () => {
    const long = alarm({ alarmName: 'x'.repeat(200) });
    const subject = alarmSubject(long, 'INSUFFICIENT_DATA');
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^INSUFFICIENT_DATA: "x+\.\.\." in US East \(Ohio\)$/);
  });
});
