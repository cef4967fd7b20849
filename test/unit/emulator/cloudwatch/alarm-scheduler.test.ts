import { describe, expect, it } from 'vitest';
import { OffsetClock, type CancelTimer, type Clock, type TimerCallback } from '../../../../harness/clock.ts';
import { AlarmEngine } from '../../../../harness/emulator/cloudwatch/alarm-engine.ts';
import type { MetricAlarmConfig } from '../../../../harness/emulator/cloudwatch/alarm-model.ts';
import { AlarmScheduler, nextBoundary } from '../../../../harness/emulator/cloudwatch/alarm-scheduler.ts';
import { MetricStore } from '../../../../harness/emulator/cloudwatch/metric-store.ts';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 30);

/** Counts timers, to show evaluation costs one timer per boundary, not one per alarm. */
class CountingClock implements Clock {
  timers = 0;
  constructor(readonly inner: OffsetClock) {}
  now(): number {
    return this.inner.now();
  }
  setTimer(delayMs: number, callback: TimerCallback): CancelTimer {
    this.timers++;
    return this.inner.setTimer(delayMs, callback);
  }
  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return this.inner.sleep(delayMs, signal);
  }
}

function config(name: string, period: number, evaluationPeriods = 1): MetricAlarmConfig {
  return {
    alarmName: name,
    actionsEnabled: true,
    okActions: [],
    alarmActions: [],
    insufficientDataActions: [],
    namespace: 'NS',
    metricName: 'm',
    statistic: 'Sum',
    dimensions: [],
    period,
    evaluationPeriods,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  };
}

describe('AlarmScheduler', () => {
  it('computes the next boundary strictly after a time', () => {
    expect(nextBoundary(60_000, 60_000)).toBe(120_000);
    expect(nextBoundary(61_000, 60_000)).toBe(120_000);
    expect(nextBoundary(59_999, 10_000)).toBe(60_000);
  });

  it('fires every minute boundary of an advance in order, with now() at the boundary', async () => {
    // A frozen wall: with real time flowing, now() in a callback runs a millisecond late under load.
    const clock = new OffsetClock({ startAt: T0, wallNow: () => 0 });
    const seen: [number, number][] = [];
    const scheduler = new AlarmScheduler({
      clock,
      step: () => 60_000,
      onBoundary: (b) => void seen.push([b, clock.now()]),
    });
    scheduler.start();
    await clock.advance(3 * 60_000);
    scheduler.stop();
    const first = Date.UTC(2026, 0, 15, 10, 1, 0);
    expect(seen).toEqual([
      [first, first],
      [first + 60_000, first + 60_000],
      [first + 120_000, first + 120_000],
    ]);
  });
});

describe('AlarmEngine on the clock', () => {
  it('evaluates 300 alarms at each of 60 boundaries with one timer per boundary', async () => {
    const clock = new CountingClock(new OffsetClock({ startAt: T0 }));
    const engine = new AlarmEngine({ clock, metrics: new MetricStore() });
    for (let i = 0; i < 300; i++) engine.putMetricAlarm('000000000000', 'us-east-1', config(`a${i}`, 60));
    engine.start();
    const evaluated: number[] = [];
    engine.onTransition((t) => evaluated.push(t.newState.updatedAt));
    await clock.inner.advance(3600_000);
    engine.stop();
    expect(clock.timers).toBeLessThanOrEqual(61);
    // Every alarm left INSUFFICIENT_DATA (notBreaching) at the first boundary.
    expect(evaluated).toHaveLength(300);
    expect(new Set(evaluated)).toEqual(new Set([Date.UTC(2026, 0, 15, 10, 1, 0)]));
  });

  it('steps by 10 seconds while a high-resolution alarm exists, and hourly for long windows', async () => {
    const clock = new CountingClock(new OffsetClock({ startAt: T0 }));
    const metrics = new MetricStore();
    const engine = new AlarmEngine({ clock, metrics });
    engine.start();
    engine.putMetricAlarm('000000000000', 'us-east-1', config('fast', 10));
    engine.putMetricAlarm('000000000000', 'us-east-1', config('daily', 3600, 25));
    const at: Record<string, number[]> = { fast: [], daily: [] };
    engine.onTransition((t) => at[t.alarm.config.alarmName]!.push(t.newState.updatedAt));
    metrics.put('000000000000', 'us-east-1', {
      namespace: 'NS',
      metricName: 'm',
      timestamp: T0 + 1000,
      value: 1,
      storageResolution: 1,
    });
    await clock.inner.advance(2 * 3600_000);
    engine.stop();
    // The 10 s alarm sees its sample at 10:00:40 (window [10:00:30, 10:00:40)); the sample stays the
    // newest real datapoint of its 3-period range until 10:01:10, when notBreaching takes over.
    expect(at['fast']).toEqual([Date.UTC(2026, 0, 15, 10, 0, 40), Date.UTC(2026, 0, 15, 10, 1, 10)]);
    // Period × N > 1 day: evaluated on the hour only.
    expect(at['daily']).toEqual([Date.UTC(2026, 0, 15, 11, 0, 0)]);
    expect(clock.timers).toBeLessThanOrEqual(2 * 360 + 2);
  });

  it('flushes metric producers before reading a boundary', async () => {
    const clock = new OffsetClock({ startAt: T0 });
    const metrics = new MetricStore();
    const flushed: number[] = [];
    const engine = new AlarmEngine({
      clock,
      metrics,
      beforeEvaluate: (boundary) => {
        flushed.push(boundary);
        metrics.put('000000000000', 'us-east-1', {
          namespace: 'NS',
          metricName: 'm',
          timestamp: boundary - 30_000,
          value: 5,
        });
      },
    });
    engine.putMetricAlarm('000000000000', 'us-east-1', config('late', 60));
    engine.start();
    await clock.advance(30_000);
    engine.stop();
    expect(flushed).toEqual([Date.UTC(2026, 0, 15, 10, 1, 0)]);
    expect(engine.get('000000000000', 'us-east-1', 'late')!.state.value).toBe('ALARM');
  });
});
