/**
 * CloudWatch alarm behaviour through the SDK over HTTP on an advanced clock: the premature-alarm
 * rule over successive minutes, the one-minute sliding window, high-resolution cadence, updates
 * keeping the state, actions only on transitions and only when enabled, SetAlarmState actions,
 * history items of the three types, composite and metric-math alarms.
 */
import {
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  ListTagsForResourceCommand,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  TagResourceCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';

const MINUTE = 60_000;
let lab: TestEmulator;
let c: AlarmClients;

beforeEach(async () => {
  // 30 s past a minute: the first boundary is half a minute away.
  lab = await startTestEmulator({ startAt: TEST_START + 30_000 });
  c = alarmClients(lab.endpoint);
});

afterEach(async () => {
  c.destroy();
  await lab.stop();
});

async function put(metric: string, value: number, at: number, namespace = 'Lab'): Promise<void> {
  await c.cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: namespace,
      MetricData: [{ MetricName: metric, Value: value, Timestamp: new Date(at) }],
    }),
  );
}

async function alarm(input: Partial<PutMetricAlarmCommandInput> & { AlarmName: string }): Promise<void> {
  await c.cloudwatch.send(
    new PutMetricAlarmCommand({
      Namespace: 'Lab',
      MetricName: 'm',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      ...input,
    }),
  );
}

async function state(name: string): Promise<string | undefined> {
  const out = await c.cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  return (out.MetricAlarms?.[0] ?? out.CompositeAlarms?.[0])?.StateValue;
}

async function messages(): Promise<{ topicArn: string; subject?: string; message: string }[]> {
  const { json } = await lab.control('GET', '/_lab/sns/messages');
  return (json as { messages: { topicArn: string; subject?: string; message: string }[] }).messages;
}

/** The clock reads TEST_START + 30 s; advance to just past boundary `TEST_START + n minutes`. */
async function toMinute(n: number): Promise<void> {
  await lab.clock.advanceTo(TEST_START + n * MINUTE + 1);
}

describe('evaluation on the emulator clock', () => {
  it('applies the premature-alarm rule as the breaching point ages (missing, M = N = 3)', async () => {
    await alarm({
      AlarmName: 'premature',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'missing',
    });
    await put('m', 5, TEST_START + 5 * MINUTE + 10_000);
    const seen: string[] = [];
    for (let minute = 6; minute <= 9; minute++) {
      await toMinute(minute);
      seen.push((await state('premature'))!);
    }
    // - - - - X and - - - X - keep INSUFFICIENT_DATA; - - X - - alarms (the point is 3 periods old).
    expect(seen).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'ALARM', 'ALARM']);
  });

  it('moves table 1 row 2 to ALARM one minute later, once the 0 leaves the range (breaching)', async () => {
    await alarm({
      AlarmName: 'fills',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
    await put('m', -1, TEST_START + 0 * MINUTE + 1000);
    await toMinute(5); // 0 - - - -
    expect(await state('fills')).toBe('OK');
    await toMinute(6); // - - - - - : all missing, breaching
    expect(await state('fills')).toBe('ALARM');
  });

  it('slides a 5-minute window by one minute, not by one period', async () => {
    await alarm({ AlarmName: 'slide', Period: 300, TreatMissingData: 'notBreaching' });
    await put('m', 1, TEST_START + 2 * MINUTE + 1000);
    for (let minute = 3; minute <= 9; minute++) await put('m', 0, TEST_START + minute * MINUTE + 1000);
    await toMinute(3); // [09:58, 10:03) holds the 1 of minute 2
    expect(await state('slide')).toBe('ALARM');
    await toMinute(7); // [10:02, 10:07) still holds it
    expect(await state('slide')).toBe('ALARM');
    await toMinute(8); // [10:03, 10:08) no longer does: Sum 0
    expect(await state('slide')).toBe('OK');
  });

  it('prefers real datapoints reaching back over the missing-data treatment', async () => {
    // N = 1, range 3: after the data stops, the last real period is evaluated for two more periods.
    await alarm({ AlarmName: 'sticky', TreatMissingData: 'notBreaching' });
    await put('m', 1, TEST_START + 1000);
    const seen: string[] = [];
    for (let minute = 1; minute <= 4; minute++) {
      await toMinute(minute);
      seen.push((await state('sticky'))!);
    }
    expect(seen).toEqual(['ALARM', 'ALARM', 'ALARM', 'OK']);
  });

  it('evaluates 10-second alarms every 10 seconds on high-resolution data', async () => {
    await alarm({ AlarmName: 'fast', Period: 10, TreatMissingData: 'notBreaching' });
    await c.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Lab',
        MetricData: [
          { MetricName: 'm', Value: 3, StorageResolution: 1, Timestamp: new Date(TEST_START + 42_000) },
          { MetricName: 'm', Value: 0, StorageResolution: 1, Timestamp: new Date(TEST_START + 52_000) },
        ],
      }),
    );
    await lab.clock.advanceTo(TEST_START + 50_000 + 1);
    expect(await state('fast')).toBe('ALARM');
    await lab.clock.advanceTo(TEST_START + 60_000 + 1);
    expect(await state('fast')).toBe('OK');
  });

  it('evaluates percentile alarms, and ignores low-sample periods when asked', async () => {
    const data = Array.from({ length: 20 }, (_, i) => i + 1);
    await c.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Lab',
        MetricData: [{ MetricName: 'lat', Values: data, Timestamp: new Date(TEST_START + 1000) }],
      }),
    );
    await alarm({
      AlarmName: 'p90',
      MetricName: 'lat',
      Statistic: undefined,
      ExtendedStatistic: 'p90',
      Threshold: 17,
    });
    await alarm({
      AlarmName: 'p99-low',
      MetricName: 'lat',
      Statistic: undefined,
      ExtendedStatistic: 'p99',
      Threshold: 1,
      EvaluateLowSampleCountPercentile: 'ignore',
    });
    await toMinute(1);
    expect(await state('p90')).toBe('ALARM'); // p90 of 1..20 is 18
    expect(await state('p99-low')).toBe('INSUFFICIENT_DATA'); // 20 samples < 10/(1-0.99)
  });

  it('keeps the state when an alarm is updated, and records Create and Update items', async () => {
    await alarm({ AlarmName: 'upd' });
    await put('m', 2, TEST_START + 1000);
    await toMinute(1);
    expect(await state('upd')).toBe('ALARM');
    await alarm({ AlarmName: 'upd', Threshold: 100, AlarmDescription: 'raised' });
    expect(await state('upd')).toBe('ALARM');
    const history = await c.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'upd', HistoryItemType: 'ConfigurationUpdate' }),
    );
    expect(history.AlarmHistoryItems!.map((h) => h.HistorySummary)).toEqual([
      'Alarm "upd" updated',
      'Alarm "upd" created',
    ]);
    const created = JSON.parse(history.AlarmHistoryItems![1]!.HistoryData!) as {
      type: string;
      createdAlarm: Record<string, unknown>;
    };
    expect(created.type).toBe('Create');
    expect(created.createdAlarm).toMatchObject({
      alarmName: 'upd',
      metricName: 'm',
      threshold: 0,
      stateValue: 'INSUFFICIENT_DATA',
    });
  });
});

describe('actions', () => {
  it('publish the alarm notification on transitions only, and not while actions are disabled', async () => {
    const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: 'alerts' }));
    await alarm({
      AlarmName: 'act',
      AlarmActions: [TopicArn!],
      OKActions: [TopicArn!],
      TreatMissingData: 'notBreaching',
    });
    await put('m', 1, TEST_START + 1000);
    await put('m', 1, TEST_START + MINUTE + 1000);
    await put('m', 0, TEST_START + 2 * MINUTE + 1000);
    await toMinute(2); // ALARM at 10:01, still ALARM at 10:02: one message
    expect((await messages()).map((m) => m.subject)).toEqual(['ALARM: "act" in US East (N. Virginia)']);
    await c.cloudwatch.send(new DisableAlarmActionsCommand({ AlarmNames: ['act'] }));
    await toMinute(3); // back to OK (notBreaching), silently
    expect(await state('act')).toBe('OK');
    expect(await messages()).toHaveLength(1);
    await c.cloudwatch.send(new EnableAlarmActionsCommand({ AlarmNames: ['act'] }));
    await c.cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: 'act', StateValue: 'ALARM', StateReason: 'testing' }),
    );
    await toMinute(4); // SetAlarmState fires ALARM; evaluation returns it to OK: two more messages
    expect((await messages()).map((m) => m.subject)).toEqual([
      'ALARM: "act" in US East (N. Virginia)',
      'ALARM: "act" in US East (N. Virginia)',
      'OK: "act" in US East (N. Virginia)',
    ]);
    const body = JSON.parse((await messages())[1]!.message) as { default: string; email: string };
    expect(JSON.parse(body.default)).toMatchObject({
      AlarmName: 'act',
      NewStateValue: 'ALARM',
      NewStateReason: 'testing',
      OldStateValue: 'OK',
    });
    expect(body.email).toMatch(
      /^You are receiving this email because your Amazon CloudWatch Alarm "act" in the US East \(N\. Virginia\) region has entered the ALARM state, because "testing" at "/,
    );

    const actions = await c.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'act', HistoryItemType: 'Action' }),
    );
    expect(actions.AlarmHistoryItems).toHaveLength(3);
    expect(actions.AlarmHistoryItems![0]!.HistorySummary).toBe(`Successfully executed action ${TopicArn}`);
    const data = JSON.parse(actions.AlarmHistoryItems![0]!.HistoryData!) as Record<string, unknown>;
    expect(data).toMatchObject({ error: null, actionState: 'Succeeded', notificationResource: TopicArn });
    expect(typeof data['publishedMessage']).toBe('string');
  });

  it('records a failed Action item when the topic does not exist', async () => {
    const missing = 'arn:aws:sns:us-east-1:000000000000:nowhere';
    await alarm({ AlarmName: 'lost', AlarmActions: [missing] });
    await c.cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: 'lost', StateValue: 'ALARM', StateReason: 'test' }),
    );
    const actions = await c.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'lost', HistoryItemType: 'Action' }),
    );
    expect(actions.AlarmHistoryItems![0]!.HistorySummary).toBe(
      `Failed to execute action ${missing}. Received error: "Topic does not exist"`,
    );
  });
});

describe('composite and metric-math alarms', () => {
  it('evaluates the AlarmRule when children change and publishes the composite message', async () => {
    const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: 'composite' }));
    await alarm({ AlarmName: 'child-a', MetricName: 'a', TreatMissingData: 'notBreaching' });
    await alarm({ AlarmName: 'child-b', MetricName: 'b', TreatMissingData: 'notBreaching' });
    await c.cloudwatch.send(
      new PutCompositeAlarmCommand({
        AlarmName: 'both',
        AlarmRule: 'ALARM("child-a") AND NOT OK(arn:aws:cloudwatch:us-east-1:000000000000:alarm:child-b)',
        AlarmActions: [TopicArn!],
      }),
    );
    // Children are INSUFFICIENT_DATA: ALARM(a) is false, so the rule is false → OK at creation.
    expect(await state('both')).toBe('OK');
    await put('a', 1, TEST_START + 1000);
    await put('b', 1, TEST_START + 1000);
    await toMinute(1);
    expect(await state('both')).toBe('ALARM');
    const msgs = await messages();
    expect(msgs.at(-1)!.subject).toBe('ALARM: "both" in US East (N. Virginia)');
    const doc = JSON.parse((JSON.parse(msgs.at(-1)!.message) as { default: string }).default) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({
      AlarmName: 'both',
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      AlarmRule: expect.stringContaining('ALARM("child-a")'),
    });
    expect(doc['NewStateReason']).toMatch(
      /^arn:aws:cloudwatch:us-east-1:000000000000:alarm:child-[ab] transitioned to ALARM at \w+ 15 January, 2026 10:01:00 UTC$/,
    );
    const parents = await c.cloudwatch.send(
      new DescribeAlarmsCommand({ ParentsOfAlarmName: 'child-a', AlarmTypes: ['CompositeAlarm'] }),
    );
    expect(parents.CompositeAlarms!.map((a) => a.AlarmName)).toEqual(['both']);
  });

  it('evaluates a metric-math alarm on its returned expression', async () => {
    await put('errors', 3, TEST_START + 1000);
    await put('requests', 10, TEST_START + 1000);
    await c.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'rate',
        EvaluationPeriods: 1,
        Threshold: 20,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Metrics: [
          {
            Id: 'e',
            MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'errors' }, Period: 60, Stat: 'Sum' },
            ReturnData: false,
          },
          {
            Id: 'r',
            MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'requests' }, Period: 60, Stat: 'Sum' },
            ReturnData: false,
          },
          { Id: 'pct', Expression: '100 * e / r', Label: 'error %' },
        ],
      }),
    );
    await toMinute(1);
    expect(await state('rate')).toBe('ALARM');
    const described = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['rate'] }));
    expect(described.MetricAlarms![0]!.StateReason).toBe(
      'Threshold Crossed: 1 datapoint [30.0 (15/01/26 10:00:00)] was greater than or equal to the threshold (20.0).',
    );
    expect(described.MetricAlarms![0]!.Metrics).toHaveLength(3);
  });
});

describe('describe, delete and tags', () => {
  it('filters, paginates, finds alarms for a metric, deletes and tags', async () => {
    for (let i = 0; i < 7; i++)
      await alarm({ AlarmName: `page-${i}`, Dimensions: [{ Name: 'host', Value: `h${i % 2}` }] });
    const first = await c.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', MaxRecords: 5 }),
    );
    expect(first.MetricAlarms!.map((a) => a.AlarmName)).toEqual([
      'page-0',
      'page-1',
      'page-2',
      'page-3',
      'page-4',
    ]);
    const second = await c.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', MaxRecords: 5, NextToken: first.NextToken }),
    );
    expect(second.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['page-5', 'page-6']);
    expect(second.NextToken).toBeUndefined();
    const forMetric = await c.cloudwatch.send(
      new DescribeAlarmsForMetricCommand({
        Namespace: 'Lab',
        MetricName: 'm',
        Dimensions: [{ Name: 'host', Value: 'h1' }],
      }),
    );
    expect(forMetric.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['page-1', 'page-3', 'page-5']);
    const arn = first.MetricAlarms![0]!.AlarmArn!;
    await c.cloudwatch.send(
      new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'sec' }] }),
    );
    expect((await c.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([
      { Key: 'team', Value: 'sec' },
    ]);
    await c.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['page-0', 'page-1'] }));
    const left = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-' }));
    expect(left.MetricAlarms).toHaveLength(5);
    // History outlives the alarm.
    const history = await c.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'page-0' }));
    expect(history.AlarmHistoryItems![0]!.HistorySummary).toBe('Alarm "page-0" deleted');
  });

  it('starts new alarms in INSUFFICIENT_DATA with AWS reason and describes them like AWS', async () => {
    await alarm({ AlarmName: 'fresh', Unit: 'Count', TreatMissingData: 'ignore' });
    const out = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['fresh'] }));
    expect(out.CompositeAlarms).toEqual([]);
    expect(out.MetricAlarms![0]).toMatchObject({
      AlarmName: 'fresh',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:fresh',
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      Dimensions: [],
      Threshold: 0,
      Unit: 'Count',
      TreatMissingData: 'ignore',
    });
    expect(out.MetricAlarms![0]!.AlarmDescription).toBeUndefined();
  });
});
