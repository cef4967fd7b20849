import {
  compileMetricFilter,
  FilterPatternSyntaxError,
  MetricTransformationError,
  prepareEvent,
} from '../../filter-pattern/index.ts';
import type {
  CompiledMetricFilter,
  MetricTransformationInput,
  PreparedEvent,
} from '../../filter-pattern/index.ts';
import type { Clock, CancelTimer } from '../../clock.ts';
import type { MetricDatumInput, MetricProducers, MetricWriter } from '../shared/metric-producers.ts';
import type { StoreScope } from '../service.ts';
import { invalidParameter } from './errors.ts';
import { MINUTE_MS } from './limits.ts';
import type { LogGroupState, MetricFilterState, StoredEvent } from './store.ts';

/**
 * Metric filters → CloudWatch datapoints (alarms-sns.md §1):
 *
 * - only events ingested after a filter exists are evaluated (filters are not retroactive);
 * - every accepted event of a PutLogEvents call is prepared once (one lazy JSON parse) and given to
 *   every filter of its group;
 * - matches are aggregated per filter per minute of the event timestamp, per metric (namespace,
 *   name, dimension values) and unit, and written to the metric store as standard-resolution value
 *   sets (`values` + `counts`, which keeps percentiles exact): two matches with value 1 in a minute
 *   make that minute's Sum 2 and SampleCount 2;
 * - `defaultValue`: one sample for a minute in which the group ingested events but none matched
 *   (the guide: "reported … during a period when logs are ingested but no matching logs are found";
 *   no logs, no value). A minute's default is decided when the minute closes: when the clock passes
 *   its end (or, for events with older timestamps, the end of the minute they arrived in), or earlier
 *   when the alarm evaluator calls `metricProducers.flush(T)`. A match arriving after its minute
 *   closed is still counted (AWS cannot take back a published default either).
 */
export class MetricFilterEngine {
  readonly #clock: Clock;
  readonly #metrics: MetricWriter;
  /** scope/group → filterName → compiled filter (rebuilt lazily from the store after a restore). */
  readonly #compiled = new Map<
    string,
    Map<string, { state: MetricFilterState; filter: CompiledMetricFilter }>
  >();
  /** scope/group/filter/minute → whether that minute matched, for defaultValue. */
  readonly #pending = new Map<string, PendingMinute>();
  readonly #onChange: (() => void) | undefined;
  #timer: { at: number; cancel: CancelTimer } | undefined;

  constructor(options: {
    clock: Clock;
    /** Where datapoints go (CloudWatch's metric store). */
    metrics: MetricWriter;
    /** The alarm evaluator flushes pending minutes through it before reading them. */
    producers: MetricProducers;
    /** Called after `flush` published default values: a timer or a read changed the metrics. */
    onChange?: () => void;
  }) {
    this.#clock = options.clock;
    this.#metrics = options.metrics;
    this.#onChange = options.onChange;
    options.producers.register((until) => this.flush(until));
  }

  /** Validates and compiles a filter the way PutMetricFilter does (InvalidParameterException). */
  compile(pattern: string, transformations: readonly MetricTransformationInput[]): CompiledMetricFilter {
    try {
      return compileMetricFilter(pattern, transformations);
    } catch (error) {
      if (error instanceof FilterPatternSyntaxError || error instanceof MetricTransformationError) {
        throw invalidParameter(error.awsMessage);
      }
      throw error;
    }
  }

  /** Installs (or replaces) a compiled filter. */
  register(scope: StoreScope, group: string, state: MetricFilterState, filter: CompiledMetricFilter): void {
    const key = groupKey(scope, group);
    let filters = this.#compiled.get(key);
    if (filters === undefined) {
      filters = new Map();
      this.#compiled.set(key, filters);
    }
    filters.set(state.filterName, { state, filter });
  }

  unregister(scope: StoreScope, group: string, filterName: string): void {
    this.#compiled.get(groupKey(scope, group))?.delete(filterName);
    const prefix = `${groupKey(scope, group)}\u0000${filterName}\u0000`;
    for (const key of this.#pending.keys()) if (key.startsWith(prefix)) this.#pending.delete(key);
  }

  forgetGroup(scope: StoreScope, group: string): void {
    const key = groupKey(scope, group);
    this.#compiled.delete(key);
    for (const pendingKey of this.#pending.keys())
      if (pendingKey.startsWith(`${key}\u0000`)) this.#pending.delete(pendingKey);
  }

  reset(): void {
    this.#compiled.clear();
    this.#pending.clear();
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** Evaluates freshly accepted events against every filter of their group. */
  ingest(scope: StoreScope, group: LogGroupState, events: readonly StoredEvent[]): void {
    if (group.metricFilters.size === 0 || events.length === 0) return;
    const filters = this.#filtersOf(scope, group);
    const prepared: PreparedEvent[] = events.map((e) => prepareEvent(e.message));
    const now = this.#clock.now();
    const datums: MetricDatumInput[] = [];
    for (const { state, filter } of filters) {
      const sums = new Map<string, Aggregation>();
      const minutes = new Map<number, boolean>();
      for (let i = 0; i < events.length; i++) {
        const minute = Math.floor(events[i]!.timestamp / MINUTE_MS) * MINUTE_MS;
        const emissions = filter.apply(prepared[i]!);
        minutes.set(minute, (minutes.get(minute) ?? false) || emissions !== undefined);
        for (const emission of emissions ?? []) {
          const dimensions = Object.entries(emission.dimensions)
            .map(([name, value]) => ({ name, value }))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
          const key = JSON.stringify([
            emission.metricNamespace,
            emission.metricName,
            dimensions,
            emission.unit ?? null,
            minute,
          ]);
          let aggregation = sums.get(key);
          if (aggregation === undefined) {
            aggregation = {
              namespace: emission.metricNamespace,
              metricName: emission.metricName,
              dimensions,
              unit: emission.unit,
              minute,
              counts: new Map(),
            };
            sums.set(key, aggregation);
          }
          aggregation.counts.set(emission.value, (aggregation.counts.get(emission.value) ?? 0) + 1);
        }
      }
      for (const aggregation of sums.values()) datums.push(...toDatums(aggregation));
      const transformation = filter.transformations[0];
      if (transformation?.defaultValue !== undefined) {
        for (const [minute, matched] of minutes) this.#track(scope, group.name, state, minute, matched, now);
      }
    }
    this.#publish(scope, datums, now);
  }

  /** Publishes the default value of every minute that closed at or before `until` without a match. */
  flush(until: number): void {
    const due: [string, PendingMinute][] = [];
    for (const entry of this.#pending) if (entry[1].closeAt <= until) due.push(entry);
    const now = this.#clock.now();
    let published = false;
    for (const [key, pending] of due) {
      this.#pending.delete(key);
      if (pending.matched) continue;
      published = true;
      this.#publish(
        pending.scope,
        [
          {
            namespace: pending.namespace,
            metricName: pending.metricName,
            dimensions: [],
            timestamp: pending.minute,
            storageResolution: 60,
            value: pending.defaultValue,
            ...(pending.unit !== undefined ? { unit: pending.unit } : {}),
          },
        ],
        now,
      );
    }
    this.#armTimer();
    if (published) this.#onChange?.();
  }

  #filtersOf(
    scope: StoreScope,
    group: LogGroupState,
  ): { state: MetricFilterState; filter: CompiledMetricFilter }[] {
    const key = groupKey(scope, group.name);
    let compiled = this.#compiled.get(key);
    if (compiled === undefined) {
      compiled = new Map();
      this.#compiled.set(key, compiled);
    }
    const out = [];
    for (const state of group.metricFilters.values()) {
      let entry = compiled.get(state.filterName);
      if (entry === undefined || entry.state !== state) {
        // Restored from --state-dir: recompile what PutMetricFilter had accepted.
        entry = { state, filter: this.compile(state.filterPattern, toTransformationInputs(state)) };
        compiled.set(state.filterName, entry);
      }
      out.push(entry);
    }
    return out;
  }

  #track(
    scope: StoreScope,
    group: string,
    state: MetricFilterState,
    minute: number,
    matched: boolean,
    now: number,
  ): void {
    const key = `${groupKey(scope, group)}\u0000${state.filterName}\u0000${minute}`;
    const existing = this.#pending.get(key);
    if (existing) {
      existing.matched ||= matched;
      return;
    }
    const transformation = state.metricTransformations[0]!;
    const closeAt = Math.max(minute + MINUTE_MS, Math.floor(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
    this.#pending.set(key, {
      scope,
      minute,
      matched,
      closeAt,
      namespace: transformation.metricNamespace,
      metricName: transformation.metricName,
      defaultValue: transformation.defaultValue!,
      unit: transformation.unit,
    });
    this.#armTimer();
  }

  #armTimer(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const pending of this.#pending.values()) earliest = Math.min(earliest, pending.closeAt);
    if (earliest === Number.POSITIVE_INFINITY) {
      this.#timer?.cancel();
      this.#timer = undefined;
      return;
    }
    if (this.#timer !== undefined && this.#timer.at === earliest) return;
    this.#timer?.cancel();
    const cancel = this.#clock.setTimer(earliest - this.#clock.now(), () => {
      this.#timer = undefined;
      this.flush(this.#clock.now());
    });
    this.#timer = { at: earliest, cancel };
  }

  #publish(scope: StoreScope, datums: readonly MetricDatumInput[], now: number): void {
    if (datums.length === 0) return;
    for (const datum of datums) this.#metrics.put(scope.accountId, scope.region, datum, now);
  }
}

interface Aggregation {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: { name: string; value: string }[];
  readonly unit: string | undefined;
  readonly minute: number;
  readonly counts: Map<number, number>;
}

interface PendingMinute {
  readonly scope: StoreScope;
  readonly minute: number;
  matched: boolean;
  readonly closeAt: number;
  readonly namespace: string;
  readonly metricName: string;
  readonly defaultValue: number;
  readonly unit: string | undefined;
}

/** PutMetricData allows 150 distinct values per datum; the same bound keeps datums small here. */
const MAX_VALUES_PER_DATUM = 150;

function toDatums(aggregation: Aggregation): MetricDatumInput[] {
  const entries = [...aggregation.counts];
  const datums: MetricDatumInput[] = [];
  for (let i = 0; i < entries.length; i += MAX_VALUES_PER_DATUM) {
    const chunk = entries.slice(i, i + MAX_VALUES_PER_DATUM);
    datums.push({
      namespace: aggregation.namespace,
      metricName: aggregation.metricName,
      dimensions: aggregation.dimensions,
      timestamp: aggregation.minute,
      storageResolution: 60,
      values: chunk.map(([value]) => value),
      counts: chunk.map(([, count]) => count),
      ...(aggregation.unit !== undefined ? { unit: aggregation.unit } : {}),
    });
  }
  return datums;
}

export function toTransformationInputs(state: MetricFilterState): MetricTransformationInput[] {
  return state.metricTransformations.map((t) => ({
    metricName: t.metricName!,
    metricNamespace: t.metricNamespace!,
    metricValue: t.metricValue!,
    ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
    ...(t.dimensions !== undefined ? { dimensions: t.dimensions } : {}),
    ...(t.unit !== undefined ? { unit: t.unit } : {}),
  }));
}

function groupKey(scope: StoreScope, group: string): string {
  return `${scope.accountId}/${scope.region}/${group}`;
}
