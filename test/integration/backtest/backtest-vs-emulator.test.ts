import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../harness/clock.ts';
import { runBacktest } from '../../../harness/backtest/index.ts';
import { evaluationRangeSize } from '../../../harness/alarm-evaluation/index.ts';
import {
  applyDesiredState,
  buildRuleSet,
  checkFilterPattern,
  desiredState,
  parseRuleFile,
} from '../../../harness/rules/index.ts';
import { emulatorForFile } from '../../support/lab-aws.ts';

/**
 * The backtest must answer what the emulator answers when the same log is shipped to it minute by
 * minute on its virtual clock: same firings, same recoveries. Besides the built-in pack, three rules
 * exercise what the built-ins do not: a defaultValue with M of N and `missing`, dimensions over a
 * five-minute period, and `breaching` missing data.
 */
const HISTORY = new URL('../../fixtures/history/audit-history.log.gz', import.meta.url).pathname;
const MINUTE = 60_000;
const TIME = /^\{"time":"([^"]+)"/;

const EXTRA_RULES = `
rules:
  - id: denied-with-default
    filter:
      pattern: '{ $.type = "response" && $.error = %permission.denied% }'
      metricName: DeniedWithDefault
      defaultValue: 0
    alarm: { threshold: 2, evaluationPeriods: 3, datapointsToAlarm: 1, treatMissingData: missing }
  - id: kv-reads
    filter:
      pattern: '{ $.type = "response" && $.request.operation = "read" }'
      metricName: ReadsByMount
      dimensions: { Mount: $.request.mount_type }
    alarm: { threshold: 3, period: 300, dimensions: { Mount: kv } }
  - id: seal-breaching
    filter:
      pattern: '{ $.type = "request" && $.request.path = "sys/seal" }'
      metricName: SealBreaching
    alarm: { threshold: 1, treatMissingData: breaching }
`;

interface Firing {
  at: string;
  recoveredAt: string | null;
}

const lines = gunzipSync(await readFile(HISTORY))
  .toString('utf8')
  .split('\n')
  .filter(Boolean);
const timeOf = (line: string): number => Date.parse(TIME.exec(line)![1]!);
const firstMinute = Math.floor(timeOf(lines[0]!) / MINUTE) * MINUTE;
const lastMinute = Math.floor(timeOf(lines.at(-1)!) / MINUTE) * MINUTE;
const clock = new OffsetClock({ startAt: firstMinute });
const lab = emulatorForFile(clock);

describe('backtest and emulator agree', () => {
  it('fires and recovers every alarm at the same evaluations for the recorded history', async () => {
    const set = buildRuleSet({
      at: firstMinute,
      userFile: parseRuleFile(EXTRA_RULES, 'extra.yaml'),
      checkPattern: checkFilterPattern,
    });
    await applyDesiredState(lab.aws, desiredState(set), { prefix: '' });
    await lab.aws.logs.send(
      new CreateLogStreamCommand({ logGroupName: set.logGroupName, logStreamName: 'history' }),
    );

    // Ship each minute's lines, then let the minute's evaluation run, as the shipper and CloudWatch would.
    const tail = 20 * MINUTE;
    let next = 0;
    for (let minute = firstMinute; minute <= lastMinute + tail; minute += MINUTE) {
      const batch: { timestamp: number; message: string }[] = [];
      while (next < lines.length && timeOf(lines[next]!) < minute + MINUTE) {
        batch.push({ timestamp: timeOf(lines[next]!), message: lines[next]! });
        next += 1;
      }
      if (batch.length > 0)
        await lab.aws.logs.send(
          new PutLogEventsCommand({
            logGroupName: set.logGroupName,
            logStreamName: 'history',
            logEvents: batch,
          }),
        );
      await clock.advanceTo(minute + MINUTE);
    }

    const report = await runBacktest({ files: [HISTORY], rules: set.rules, threads: 1 });
    let firingsSeen = 0;
    for (const rule of set.rules) {
      // The backtest replays until one evaluation range after the log; compare up to there.
      const end =
        lastMinute + MINUTE + evaluationRangeSize(rule.alarm.evaluationPeriods) * rule.alarm.period * 1000;
      const emulated = await emulatorFirings(rule.id, end);
      const backtested = report.rules
        .find((r) => r.id === rule.id)!
        .firings.map((f): Firing => ({ at: f.at, recoveredAt: f.recoveredAt }));
      expect(backtested, rule.id).toEqual(emulated);
      firingsSeen += backtested.length;
    }
    // Not an agreement on silence: the history makes alarms fire.
    expect(firingsSeen).toBeGreaterThan(12);
  });
});

async function emulatorFirings(alarmName: string, end: number): Promise<Firing[]> {
  const transitions: { at: number; from: string; to: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await lab.aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: alarmName,
        HistoryItemType: 'StateUpdate',
        ScanBy: 'TimestampAscending',
        MaxRecords: 100,
        NextToken: nextToken,
      }),
    );
    for (const item of page.AlarmHistoryItems ?? []) {
      const data = JSON.parse(item.HistoryData!) as {
        oldState: { stateValue: string };
        newState: { stateValue: string };
      };
      transitions.push({
        at: item.Timestamp!.getTime(),
        from: data.oldState.stateValue,
        to: data.newState.stateValue,
      });
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  const inRange = transitions.filter((t) => t.at <= end);
  return inRange.flatMap((t, i) => {
    if (t.to !== 'ALARM') return [];
    const leave = inRange.slice(i + 1).find((x) => x.from === 'ALARM');
    return [
      {
        at: new Date(t.at).toISOString(),
        recoveredAt: leave === undefined ? null : new Date(leave.at).toISOString(),
      },
    ];
  });
}
