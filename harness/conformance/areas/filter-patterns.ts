import { FilterLogEventsCommand, TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AreaRecorder, describeOutcome, truncate } from '../check.ts';
import type { ConformanceContext } from '../context.ts';
import { eventually, mapLimit, readingTracker } from '../context.ts';
import { createLogGroup, NAMESPACE, putEvents, putMetricFilter, readMetrics } from '../aws-steps.ts';
import type { MetricQuery } from '../aws-steps.ts';
import { SOURCES } from '../sources.ts';
import type { PatternVector } from '../vectors.ts';

/**
 * Filter patterns, three ways: TestMetricFilter (where offered), for real through a metric filter
 * (put the event, read the metric), and FilterLogEvents, so an endpoint that answers TestMetricFilter
 * but ignores patterns at ingestion is caught. Then metric values, dimensions and defaultValue.
 */
export async function runFilterPatterns(
  context: ConformanceContext,
  vectors: readonly PatternVector[],
): Promise<AreaRecorder> {
  const area = new AreaRecorder('filter-patterns');
  await testMetricFilterChecks(context, area, vectors);
  await ingestionChecks(context, area, ingestionVectors(vectors));
  return area;
}

/**
 * The vectors checked for real (metric filter and FilterLogEvents): those whose outcome AWS states
 * outright. One log group and metric filter each; an endpoint that runs every filter of the region on
 * every event (LocalStack) pays filters × events, so the inferred vectors stay with TestMetricFilter.
 */
export function ingestionVectors(vectors: readonly PatternVector[]): PatternVector[] {
  return vectors.filter((v) => v.error === undefined && v.confidence === 'stated');
}

const MATCHES = 'matches the event';
const NO_MATCH = 'does not match the event';
const REFUSED = 'refuses the pattern with InvalidParameterException';

function expectation(vector: PatternVector): string {
  if (vector.error !== undefined) return REFUSED;
  return vector.match ? MATCHES : NO_MATCH;
}

function vectorTitle(vector: PatternVector): string {
  return `pattern ${JSON.stringify(vector.pattern)} on ${JSON.stringify(truncate(vector.message, 80))}`;
}

async function testMetricFilterChecks(
  context: ConformanceContext,
  area: AreaRecorder,
  vectors: readonly PatternVector[],
): Promise<void> {
  context.progress('filter-patterns: TestMetricFilter');
  try {
    await context.clients.logs.send(
      new TestMetricFilterCommand({ filterPattern: 'ERROR', logEventMessages: ['ERROR x'] }),
    );
  } catch (error) {
    area.record({
      id: 'filter-patterns/test-metric-filter/offered',
      title: 'TestMetricFilter is offered',
      source: SOURCES.testMetricFilter,
      expected: 'answers TestMetricFilter with the matching events',
      actual: describeOutcome(error),
      agreed: false,
    });
    area.skip(
      'filter-patterns/test-metric-filter/*',
      `TestMetricFilter is not offered (${vectors.length} vectors)`,
      vectors.length,
    );
    return;
  }
  await mapLimit(vectors, 8, async (vector) => {
    let actual: string;
    let extractedAgrees = true;
    let extractedActual = '';
    try {
      const response = await context.clients.logs.send(
        new TestMetricFilterCommand({ filterPattern: vector.pattern, logEventMessages: [vector.message] }),
      );
      const matches = response.matches ?? [];
      actual = matches.length > 0 ? MATCHES : NO_MATCH;
      if (vector.extracted !== undefined && matches.length > 0) {
        extractedActual = JSON.stringify(sortKeys(matches[0]!.extractedValues ?? {}));
        extractedAgrees = extractedActual === JSON.stringify(sortKeys(vector.extracted));
      }
    } catch (error) {
      const name = (error as { name?: string }).name;
      actual = name === 'InvalidParameterException' ? REFUSED : describeOutcome(error);
    }
    const expected = expectation(vector);
    area.compare({
      id: `filter-patterns/test-metric-filter/${vector.id}`,
      title: `TestMetricFilter: ${vectorTitle(vector)}`,
      source: vector.source,
      expected,
      actual,
    });
    if (vector.extracted !== undefined && expected === MATCHES && actual === MATCHES) {
      area.record({
        id: `filter-patterns/test-metric-filter/${vector.id}/extracted`,
        title: `TestMetricFilter extractedValues: ${vectorTitle(vector)}`,
        source: vector.source,
        expected: JSON.stringify(sortKeys(vector.extracted)),
        actual: extractedActual,
        agreed: extractedAgrees,
      });
    }
  });
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** One log group, metric filter and event per vector, plus the dedicated metric checks. */
async function ingestionChecks(
  context: ConformanceContext,
  area: AreaRecorder,
  vectors: readonly PatternVector[],
): Promise<void> {
  const groupOf = (i: number): string => `${context.prefix}fp-${i}`;
  const metricOf = (vector: PatternVector): string => `${context.prefix}${vector.id}`;
  const refused = new Map<number, string>();

  context.progress(`filter-patterns: ${vectors.length} log groups with a metric filter each`);
  await mapLimit(vectors, 6, async (vector, i) => {
    try {
      await createLogGroup(context, groupOf(i));
      await putMetricFilter(context, groupOf(i), vector.pattern, {
        metricName: metricOf(vector),
        metricNamespace: NAMESPACE,
        metricValue: vector.metricValue ?? '1',
      });
    } catch (error) {
      refused.set(i, describeOutcome(error));
    }
  });
  const special = await setUpMetricChecks(context);
  // AWS applies a new filter to events ingested after it exists; give it a moment on the wall clock.
  if (context.clock.kind === 'wall') await context.clock.passUntil(Date.now() + 10_000, context.signal);

  const eventTime = (await context.clock.now()) - 1_000;
  context.progress(`filter-patterns: putting one event in each of ${vectors.length} log groups`);
  // Bounded on the wall clock: an endpoint that takes minutes per event is reported, not waited for.
  const sendUntil = performance.now() + context.bounds.ingestMs;
  await mapLimit(vectors, 6, async (vector, i) => {
    if (refused.has(i)) return;
    if (context.clock.kind === 'wall' && performance.now() > sendUntil) {
      refused.set(
        i,
        `not sent: the endpoint had not taken the other events within ${context.bounds.ingestMs / 1000} s`,
      );
      return;
    }
    try {
      await putEvents(context, groupOf(i), [vector.message], eventTime);
    } catch (error) {
      refused.set(i, `PutLogEvents: ${describeOutcome(error)}`);
    }
  });
  await special.putEvents(eventTime);

  const minute = Math.floor(eventTime / 60_000) * 60_000;
  // Up to a minute past now: an endpoint that stamps datapoints with the ingestion time is judged on
  // matching here, not on timestamps.
  const window = {
    start: minute - 60_000,
    end: Math.max(minute + 120_000, (await context.clock.now()) + 60_000),
  };
  if (context.clock.kind === 'lab') await context.clock.passUntil(minute + 60_000);
  const queries: MetricQuery[] = vectors.map((v) => ({ metricName: metricOf(v) }));
  const positives = vectors.map((v, i) => v.match && !refused.has(i));
  context.progress('filter-patterns: reading the metrics');
  let datapoints: number[][] = [];
  const unchangedFor = readingTracker(context);
  // Settled: every metric AWS would publish has a datapoint, and the values have held for the
  // endpoint's settle time. Waiting for that rather than for agreement ends as soon as a wrong answer
  // stops moving (LocalStack counts every event); negatives are read at the same moments.
  await eventually(
    context,
    async () => {
      datapoints = await readMetrics(context, queries, window.start, window.end);
      const specialPresent = await special.read(window);
      const held = unchangedFor(JSON.stringify([datapoints, special.values()]));
      const present = positives.every((p, i) => !p || (datapoints[i]?.length ?? 0) > 0) && specialPresent;
      return present && held !== undefined && held >= context.bounds.settleMs ? true : undefined;
    },
    context.bounds.metricVisibilityMs,
  );

  vectors.forEach((vector, i) => {
    const expectedValue = vector.match ? (vector.expectedMetricValue ?? 1) : undefined;
    const expected =
      expectedValue === undefined
        ? 'publishes no datapoint'
        : `publishes ${expectedValue} for the minute${vector.metricValue ? ` (metricValue ${vector.metricValue})` : ''}`;
    const values = datapoints[i] ?? [];
    const actual = refused.has(i)
      ? `refused the metric filter or event: ${refused.get(i)}`
      : values.length === 0
        ? 'publishes no datapoint'
        : `publishes ${values.join(', ')} ${values.length === 1 ? 'for the minute' : `over ${values.length} minutes`}${vector.metricValue ? ` (metricValue ${vector.metricValue})` : ''}`;
    area.compare({
      id: `filter-patterns/metric-filter/${vector.id}`,
      title: `metric filter at ingestion: ${vectorTitle(vector)}`,
      source: vector.source,
      expected,
      actual,
    });
  });

  context.progress('filter-patterns: FilterLogEvents');
  await mapLimit(vectors, 6, async (vector, i) => {
    let actual: string;
    if (refused.has(i)) actual = `could not set up: ${refused.get(i)}`;
    else {
      try {
        const response = await context.clients.logs.send(
          new FilterLogEventsCommand({ logGroupName: groupOf(i), filterPattern: vector.pattern }),
        );
        actual = (response.events ?? []).length > 0 ? MATCHES : NO_MATCH;
      } catch (error) {
        actual = describeOutcome(error);
      }
    }
    area.compare({
      id: `filter-patterns/filter-log-events/${vector.id}`,
      title: `FilterLogEvents: ${vectorTitle(vector)}`,
      source: vector.source,
      expected: vector.match ? MATCHES : NO_MATCH,
      actual,
    });
  });

  special.judge(area);
}

interface MetricChecks {
  putEvents(timestamp: number): Promise<void>;
  /** Reads the metrics; whether every one AWS publishes a datapoint for has one. */
  read(window: { start: number; end: number }): Promise<boolean>;
  /** What the last read saw. */
  values(): number[][][];
  judge(area: AreaRecorder): void;
}

/**
 * Metric values, dimensions, defaultValue and the filter's log group, each in its own log group:
 * what the metric-filter pages document beyond matching.
 */
async function setUpMetricChecks(context: ConformanceContext): Promise<MetricChecks> {
  const p = context.prefix;
  const cases = [
    {
      id: 'metric-value-json',
      title: 'metricValue $.latency sums the field of every match in the minute',
      source: SOURCES.metricValues,
      group: `${p}fp-value`,
      pattern: '{ $.latency = * }',
      transformation: { metricName: `${p}latency`, metricValue: '$.latency' },
      events: ['{"latency": 20}', '{"latency": 30}', '{"other": 1}'],
      queries: [{ metricName: `${p}latency` }],
      // Per query: whether AWS publishes a datapoint for it (what a wall-clock reading waits for).
      published: [true],
      expected: 'Sum 50',
      describe: (values: number[][]) => describeSum(values[0]!),
    },
    {
      id: 'dimensions',
      title: 'dimensions from $.eventType make one metric per value',
      source: SOURCES.metricValues,
      group: `${p}fp-dimensions`,
      pattern: '{ $.eventType = "UpdateTrail" || $.eventType = "DeleteTrail" }',
      transformation: {
        metricName: `${p}by-event-type`,
        metricValue: '1',
        dimensions: { EventType: '$.eventType' },
      },
      events: [
        '{"eventType": "UpdateTrail"}',
        '{"eventType": "UpdateTrail"}',
        '{"eventType": "DeleteTrail"}',
      ],
      queries: [
        { metricName: `${p}by-event-type`, dimensions: [{ Name: 'EventType', Value: 'UpdateTrail' }] },
        { metricName: `${p}by-event-type`, dimensions: [{ Name: 'EventType', Value: 'DeleteTrail' }] },
        { metricName: `${p}by-event-type` },
      ],
      published: [true, true, false],
      expected: 'EventType=UpdateTrail Sum 2; EventType=DeleteTrail Sum 1; no datapoint without dimensions',
      describe: (values: number[][]) =>
        `EventType=UpdateTrail ${describeSum(values[0]!)}; EventType=DeleteTrail ${describeSum(values[1]!)}; ${
          values[2]!.length === 0
            ? 'no datapoint without dimensions'
            : `without dimensions ${describeSum(values[2]!)}`
        }`,
    },
    {
      id: 'default-value',
      title: 'defaultValue 0 is reported for a minute with events but no match',
      source: SOURCES.monitoringLogData,
      group: `${p}fp-default`,
      pattern: 'ERROR',
      transformation: { metricName: `${p}default`, metricValue: '1', defaultValue: 0 },
      events: ['INFO all good', 'INFO still good'],
      queries: [{ metricName: `${p}default`, stat: 'Maximum' as const }],
      published: [true],
      expected: 'a datapoint of 0 for the minute',
      describe: (values: number[][]) =>
        values[0]!.length === 0
          ? 'publishes no datapoint'
          : values[0]!.length === 1
            ? `a datapoint of ${values[0]![0]} for the minute`
            : `datapoints ${values[0]!.join(', ')}`,
    },
    {
      id: 'log-group-scope',
      title: "a metric filter counts only its own log group's events",
      source: SOURCES.putMetricFilter,
      group: `${p}fp-scope`,
      pattern: 'ERROR',
      transformation: { metricName: `${p}scope`, metricValue: '1' },
      // The events go to another group (below): this filter must not count them.
      events: [],
      otherGroupEvents: ['ERROR in another log group'],
      queries: [{ metricName: `${p}scope` }],
      published: [false],
      expected: 'publishes no datapoint',
      describe: (values: number[][]) =>
        values[0]!.length === 0 ? 'publishes no datapoint' : describeSum(values[0]!),
    },
  ];
  const otherGroup = `${p}fp-other`;
  const setupErrors = new Map<string, string>();
  await createLogGroup(context, otherGroup);
  for (const c of cases) {
    try {
      await createLogGroup(context, c.group);
      await putMetricFilter(context, c.group, c.pattern, { ...c.transformation, metricNamespace: NAMESPACE });
    } catch (error) {
      setupErrors.set(c.id, describeOutcome(error));
    }
  }
  let values: number[][][] = [];
  return {
    async putEvents(timestamp) {
      for (const c of cases) {
        if (setupErrors.has(c.id)) continue;
        try {
          if (c.events.length > 0) await putEvents(context, c.group, c.events, timestamp);
          if (c.otherGroupEvents) await putEvents(context, otherGroup, c.otherGroupEvents, timestamp);
        } catch (error) {
          setupErrors.set(c.id, describeOutcome(error));
        }
      }
    },
    async read(window) {
      values = await Promise.all(cases.map((c) => readMetrics(context, c.queries, window.start, window.end)));
      return cases.every(
        (c, i) => setupErrors.has(c.id) || c.published.every((p, q) => !p || values[i]![q]!.length > 0),
      );
    },
    values: () => values,
    judge(area) {
      cases.forEach((c, i) => {
        area.compare({
          id: `filter-patterns/metrics/${c.id}`,
          title: c.title,
          source: c.source,
          expected: c.expected,
          actual: setupErrors.get(c.id) ?? (values[i] ? c.describe(values[i]) : 'no answer'),
        });
      });
    },
  };
}

function describeSum(values: readonly number[]): string {
  if (values.length === 0) return 'no datapoint';
  return `Sum ${values.reduce((a, b) => a + b, 0)}${values.length > 1 ? ` over ${values.length} minutes` : ''}`;
}
