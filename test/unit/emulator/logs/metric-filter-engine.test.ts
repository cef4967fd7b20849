import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../../harness/clock.ts';
import { createMetricProducers } from '../../../../harness/emulator/shared/metric-producers.ts';
import type { MetricDatumInput } from '../../../../harness/emulator/shared/metric-producers.ts';
import { MetricFilterEngine } from '../../../../harness/emulator/logs/metric-filter-engine.ts';
import { LogGroupState } from '../../../../harness/emulator/logs/store.ts';
import type { MetricFilterState } from '../../../../harness/emulator/logs/store.ts';

// The engine against a recording writer (the narrow MetricWriter interface); the real metric store is
// exercised through HTTP in test/integration/emulator/logs-metric-filters.test.ts.
const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 15, 10);
const scope = { accountId: '000000000000', region: 'us-east-1' };

function setup() {
  // Wall time frozen: the clock moves only when the test advances it, however slow the machine.
  const clock = new OffsetClock({ startAt: START, wallNow: () => 0 });
  const producers = createMetricProducers();
  const puts: MetricDatumInput[] = [];
  const metrics = { put: (_a: string, _r: string, datum: MetricDatumInput) => puts.push(datum) };
  const engine = new MetricFilterEngine({ clock, metrics, producers });
  const group = new LogGroupState('g', START);
  const addFilter = (state: Omit<MetricFilterState, 'creationTime'>) => {
    const full = { ...state, creationTime: clock.now() };
    group.metricFilters.set(full.filterName, full);
    engine.register(scope, 'g', full, engine.compile(full.filterPattern, full.metricTransformations));
  };
  let seq = 0;
  const ingest = (...events: [number, string][]) =>
    engine.ingest(
      scope,
      group,
      events.map(([timestamp, message]) => ({ timestamp, message, ingestionTime: clock.now(), seq: ++seq })),
    );
  return { clock, engine, puts, addFilter, ingest, producers, group };
}

describe('metric filter engine', () => {
  it('aggregates one PutLogEvents call into value sets per minute and metric', () => {
    const { puts, addFilter, ingest } = setup();
    addFilter({
      filterName: 'f',
      filterPattern: '{ $.v > 0 }',
      metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '$.v', unit: 'Count' }],
    });
    ingest(
      [START + 1, '{"v": 2}'],
      [START + 2, '{"v": 2}'],
      [START + 3, '{"v": 5}'],
      [START + MINUTE, '{"v": 1}'],
      [START + 4, '{"v": 0}'],
    );
    expect(puts).toEqual([
      {
        namespace: 'N',
        metricName: 'M',
        dimensions: [],
        timestamp: START,
        storageResolution: 60,
        values: [2, 5],
        counts: [2, 1],
        unit: 'Count',
      },
      {
        namespace: 'N',
        metricName: 'M',
        dimensions: [],
        timestamp: START + MINUTE,
        storageResolution: 60,
        values: [1],
        counts: [1],
        unit: 'Count',
      },
    ]);
  });

  it('refuses invalid filters with the InvalidParameterException AWS returns', () => {
    const { engine } = setup();
    expect(() =>
      engine.compile('{ $.a = ', [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }]),
    ).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
  });

  it('publishes defaultValue once for a closed minute without matches, on the clock', async () => {
    const { clock, puts, addFilter, ingest } = setup();
    addFilter({
      filterName: 'f',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1', defaultValue: 0 }],
    });
    ingest([START + 1, 'INFO'], [START + 2, 'INFO']);
    ingest([START + MINUTE + 1, 'ERROR']);
    expect(puts.map((p) => p.values)).toEqual([[1]]);
    await clock.advanceTo(START + MINUTE - 1);
    expect(puts).toHaveLength(1);
    await clock.advanceTo(START + 3 * MINUTE);
    expect(puts.slice(1)).toEqual([
      { namespace: 'N', metricName: 'M', dimensions: [], timestamp: START, storageResolution: 60, value: 0 },
    ]);
  });

  it('closes minutes when the alarm evaluator flushes metric producers', () => {
    const { puts, addFilter, ingest, producers } = setup();
    addFilter({
      filterName: 'f',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1', defaultValue: 7 }],
    });
    ingest([START + 1, 'INFO']);
    producers.flush(START + MINUTE);
    expect(puts).toEqual([expect.objectContaining({ timestamp: START, value: 7 })]);
  });

  it('closes a late minute at the end of the minute the events arrived in', async () => {
    const { clock, puts, addFilter, ingest } = setup();
    await clock.advanceTo(START + 10 * MINUTE + 30_000);
    addFilter({
      filterName: 'f',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1', defaultValue: 0 }],
    });
    ingest([START + 2 * MINUTE, 'INFO']);
    await clock.advanceTo(START + 11 * MINUTE - 1);
    expect(puts).toEqual([]);
    await clock.advanceTo(START + 11 * MINUTE);
    expect(puts).toEqual([expect.objectContaining({ timestamp: START + 2 * MINUTE, value: 0 })]);
  });

  it('recompiles filters restored from state it has not seen', () => {
    const { engine, puts, group } = setup();
    group.metricFilters.set('restored', {
      filterName: 'restored',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'R', metricNamespace: 'N', metricValue: '1' }],
      creationTime: START,
    });
    engine.ingest(scope, group, [{ timestamp: START, message: 'ERROR', ingestionTime: START, seq: 1 }]);
    expect(puts).toEqual([expect.objectContaining({ metricName: 'R', values: [1], counts: [1] })]);
  });
});
