/**
 * The alarms of every account and region, their transitions and their actions. Operations call it
 * (put, delete, set state, enable/disable actions); the scheduler calls `evaluateBoundary`.
 *
 * On a transition (and only then, alarms-sns.md §2.6): the state and its reason change, a
 * StateUpdate history item is written, the actions of the new state run if actions are enabled (each
 * leaving an Action history item), composite alarms that reference the alarm are re-evaluated, and
 * transition listeners hear about it. SetAlarmState goes through the same path.
 */
import type { Clock } from '../../clock.ts';
import { createLogger } from '../../util/logger.ts';
import { standaloneStores, type StoreAccessor } from '../state/state-registry.ts';
import { AlarmActions, type AlarmActionPublisher } from './alarm-actions.ts';
import { configurationUpdateItem, stateUpdateItem, type AlarmHistoryItem } from './alarm-history.ts';
import {
  INITIAL_STATE_REASON,
  alarmArn,
  type AlarmRecord,
  type AlarmStateRecord,
  type CompositeAlarmConfig,
  type CompositeAlarmRecord,
  type MetricAlarmConfig,
  type MetricAlarmRecord,
} from './alarm-model.ts';
import type { TriggeringChild } from './alarm-notification.ts';
import { AlarmScheduler, HIGH_RESOLUTION_STEP_MS, HOUR_MS, MINUTE_MS } from './alarm-scheduler.ts';
import { CompositeRules } from './composite-alarms.ts';
import {
  cloudwatchTimestamp,
  javaJson,
  longUtcDate,
  type AlarmStateValue,
} from '../../alarm-evaluation/index.ts';
import { alarmRuntime, evaluateMetricAlarm, isDue, type NextState } from './metric-alarm-evaluation.ts';
import type { RegionMetrics } from './metric-record.ts';
import type { MetricStore } from './metric-store.ts';
import { createRegionAlarms, type RegionAlarms } from './region-alarms.ts';

const log = createLogger('lab:emulator:cloudwatch');

/** Metric data older than 15 days is gone (CloudWatch keeps 1-minute data 15 days). */
const METRIC_RETENTION_MS = 15 * 24 * HOUR_MS;
/** How deep a transition may cascade through composite alarms (a guard; rules cannot form cycles). */
const MAX_COMPOSITE_DEPTH = 16;

export interface AlarmRecordTransition {
  readonly alarm: AlarmRecord;
  readonly oldState: AlarmStateRecord;
  readonly newState: AlarmStateRecord;
  /** What caused it: an evaluation, SetAlarmState, or a child of a composite alarm. */
  readonly cause: 'evaluation' | 'set-alarm-state' | 'composite';
}

export interface AlarmEngineOptions {
  readonly clock: Clock;
  readonly metrics: MetricStore;
  readonly actions?: AlarmActionPublisher | undefined;
  /** Per-region stores (the emulator's state registry); private ones when omitted. */
  readonly regions?: StoreAccessor<RegionAlarms> | undefined;
  /**
   * Called at each boundary before any alarm reads the store, so producers that aggregate per
   * minute (metric filters) publish every datapoint of the periods ending at or before it.
   */
  readonly beforeEvaluate?: ((boundary: number) => void) | undefined;
  /**
   * Called after an evaluation changed alarms (transitions, their history and actions), once its
   * actions finished: nothing else tells persistence that a timer changed state.
   */
  readonly onChange?: (() => void) | undefined;
}

export class AlarmEngine {
  readonly #clock: Clock;
  readonly #metrics: MetricStore;
  readonly #regions: StoreAccessor<RegionAlarms>;
  readonly #beforeEvaluate: ((boundary: number) => void) | undefined;
  readonly #onChange: (() => void) | undefined;
  readonly #actions: AlarmActions;
  readonly #composites = new CompositeRules();
  readonly #listeners = new Set<(t: AlarmRecordTransition) => void>();
  readonly #scheduler: AlarmScheduler;
  #transitions = 0;

  constructor(options: AlarmEngineOptions) {
    this.#clock = options.clock;
    this.#metrics = options.metrics;
    this.#regions = options.regions ?? standaloneStores(createRegionAlarms);
    this.#beforeEvaluate = options.beforeEvaluate;
    this.#onChange = options.onChange;
    this.#actions = new AlarmActions(options.clock, options.actions);
    this.#scheduler = new AlarmScheduler({
      clock: this.#clock,
      onBoundary: (t) => this.evaluateBoundary(t),
      step: () => (this.#anyHighResolution() ? HIGH_RESOLUTION_STEP_MS : MINUTE_MS),
    });
  }

  /** Starts evaluating on the clock (one timer for the next boundary). */
  start(): void {
    this.#scheduler.start();
  }

  stop(): void {
    this.#scheduler.stop();
  }

  /** Call after alarms were restored or the stores replaced, so the scheduler sees their periods. */
  refresh(): void {
    this.#scheduler.reschedule();
  }

  onTransition(listener: (t: AlarmRecordTransition) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every action started so far has finished (and its history item is written). */
  settled(): Promise<void> {
    return this.#actions.settled();
  }

  region(accountId: string, region: string): RegionAlarms {
    return this.#regions.get({ accountId, region });
  }

  get(accountId: string, region: string, name: string): AlarmRecord | undefined {
    return this.#regions.peek({ accountId, region })?.alarms.get(name);
  }

  /** Alarms of an account/region sorted by name (DescribeAlarms order). */
  list(accountId: string, region: string): AlarmRecord[] {
    const r = this.#regions.peek({ accountId, region });
    if (r === undefined) return [];
    return [...r.alarms.values()].sort((a, b) => (a.config.alarmName < b.config.alarmName ? -1 : 1));
  }

  history(accountId: string, region: string): readonly AlarmHistoryItem[] {
    return this.#regions.peek({ accountId, region })?.history.all() ?? [];
  }

  /** PutMetricAlarm: creates the alarm in INSUFFICIENT_DATA, or replaces the configuration of an existing one keeping its state. */
  putMetricAlarm(
    accountId: string,
    region: string,
    config: MetricAlarmConfig,
    tags: { key: string; value: string }[] = [],
  ): MetricAlarmRecord {
    const r = this.region(accountId, region);
    const existing = r.alarms.get(config.alarmName);
    const alarm: MetricAlarmRecord =
      existing?.type === 'MetricAlarm'
        ? this.#reconfigure(r, existing, config)
        : this.#create(r, { type: 'MetricAlarm', ...this.#newRecord(r, config, tags) });
    if (alarmRuntime(config).plan.periodMs < MINUTE_MS) this.#scheduler.reschedule();
    return alarm;
  }

  /** PutCompositeAlarm: creates (evaluated at once) or updates (state kept, rule re-evaluated). */
  putCompositeAlarm(
    accountId: string,
    region: string,
    config: CompositeAlarmConfig,
    tags: { key: string; value: string }[] = [],
  ): CompositeAlarmRecord {
    this.#composites.ruleOf(config);
    const r = this.region(accountId, region);
    const existing = r.alarms.get(config.alarmName);
    const created = existing?.type !== 'CompositeAlarm';
    const alarm: CompositeAlarmRecord = created
      ? this.#create(r, { type: 'CompositeAlarm', ...this.#newRecord(r, config, tags) })
      : this.#reconfigure(r, existing, config);
    const value = this.#composites.stateOf(r, alarm);
    if (value !== alarm.state.value) {
      const reason = `${alarm.arn} was ${created ? 'created' : 'updated'} and its alarm rule evaluates to ${value}`;
      const next = { value, reason, reasonData: javaJson({ triggeringAlarms: [] }) };
      this.#transition(r, alarm, next, alarm.configuredAt, 'composite', []);
    }
    return alarm;
  }

  /** DeleteAlarms: removes them; their history stays. */
  deleteAlarms(accountId: string, region: string, names: readonly string[]): void {
    const r = this.region(accountId, region);
    const now = this.#clock.now();
    for (const name of names) {
      const alarm = r.alarms.get(name);
      if (alarm === undefined) continue;
      r.alarms.delete(name);
      r.history.add(configurationUpdateItem(alarm, 'Delete', now));
    }
  }

  /** Names a composite alarm's rule references; none for a metric alarm or an unknown name. */
  childrenOf(accountId: string, region: string, name: string): string[] {
    const alarm = this.get(accountId, region, name);
    return alarm?.type === 'CompositeAlarm' ? this.#composites.childrenOf(alarm) : [];
  }

  /** Composite alarms of a region whose rule references `name` (for delete checks and re-evaluation). */
  parentsOf(accountId: string, region: string, name: string): CompositeAlarmRecord[] {
    const r = this.#regions.peek({ accountId, region });
    return r === undefined ? [] : this.#composites.parentsOf(r, name);
  }

  setActionsEnabled(accountId: string, region: string, names: readonly string[], enabled: boolean): void {
    const r = this.region(accountId, region);
    for (const name of names) {
      const alarm = r.alarms.get(name);
      if (alarm !== undefined) alarm.config = { ...alarm.config, actionsEnabled: enabled };
    }
  }

  /** SetAlarmState: a transition like any other (actions fire if the value changes). */
  async setAlarmState(
    accountId: string,
    region: string,
    name: string,
    value: AlarmStateValue,
    reason: string,
    reasonData: string | undefined,
  ): Promise<void> {
    const r = this.region(accountId, region);
    const alarm = r.alarms.get(name);
    if (alarm === undefined) throw new Error(`alarm ${name} does not exist in ${accountId}/${region}`);
    this.#transition(r, alarm, { value, reason, reasonData }, this.#clock.now(), 'set-alarm-state', []);
    await this.settled();
  }

  /** Evaluates every alarm due at `boundary`: called by the scheduler, usable directly in tests. */
  async evaluateBoundary(boundary: number): Promise<void> {
    const transitionsBefore = this.#transitions;
    this.#beforeEvaluate?.(boundary);
    for (const { store: r } of this.#regions.entries()) {
      let metrics: RegionMetrics | undefined;
      for (const alarm of r.alarms.values()) {
        if (alarm.type !== 'MetricAlarm' || !isDue(alarm, boundary)) continue;
        metrics ??= this.#metrics.region(r.accountId, r.region);
        try {
          const next = evaluateMetricAlarm(alarm, metrics, boundary);
          if (next !== undefined) this.#transition(r, alarm, next, boundary, 'evaluation', []);
        } catch (error) {
          log(`evaluation of ${alarm.arn} failed`, error);
        }
      }
      if (boundary % HOUR_MS === 0) r.history.expire(boundary);
    }
    if (boundary % HOUR_MS === 0) this.#metrics.prune(boundary - METRIC_RETENTION_MS);
    await this.settled();
    if (this.#transitions !== transitionsBefore) this.#onChange?.();
  }

  /** A new record in INSUFFICIENT_DATA, with AWS's reason for it. */
  #newRecord<C extends MetricAlarmConfig | CompositeAlarmConfig>(
    r: RegionAlarms,
    config: C,
    tags: { key: string; value: string }[],
  ): Omit<AlarmRecord, 'type' | 'config'> & { config: C } {
    const now = this.#clock.now();
    return {
      accountId: r.accountId,
      region: r.region,
      arn: alarmArn(r.accountId, r.region, config.alarmName),
      config,
      configuredAt: now,
      state: {
        value: 'INSUFFICIENT_DATA',
        reason: INITIAL_STATE_REASON,
        updatedAt: now,
        transitionedAt: now,
      },
      tags,
    };
  }

  /** Stores a new alarm, replacing one of the other type with the same name. */
  #create<A extends AlarmRecord>(r: RegionAlarms, alarm: A): A {
    r.alarms.delete(alarm.config.alarmName);
    r.alarms.set(alarm.config.alarmName, alarm);
    r.history.add(configurationUpdateItem(alarm, 'Create', alarm.configuredAt));
    return alarm;
  }

  /** Replaces an alarm's configuration; its state stays. */
  #reconfigure<A extends AlarmRecord>(r: RegionAlarms, alarm: A, config: A['config']): A {
    alarm.config = config;
    alarm.configuredAt = this.#clock.now();
    r.history.add(configurationUpdateItem(alarm, 'Update', alarm.configuredAt));
    return alarm;
  }

  #transition(
    r: RegionAlarms,
    alarm: AlarmRecord,
    next: NextState,
    at: number,
    cause: AlarmRecordTransition['cause'],
    triggeringChildren: readonly TriggeringChild[],
    depth = 0,
  ): void {
    const oldState = alarm.state;
    const changed = oldState.value !== next.value;
    const newState: AlarmStateRecord = {
      value: next.value,
      reason: next.reason,
      reasonData: next.reasonData,
      updatedAt: at,
      transitionedAt: changed ? at : oldState.transitionedAt,
    };
    alarm.state = newState;
    r.history.add(stateUpdateItem(alarm, oldState, newState));
    if (!changed) return;
    this.#transitions++;
    log(`${alarm.arn}: ${oldState.value} -> ${newState.value} (${cause})`);
    const transition: AlarmRecordTransition = { alarm, oldState, newState, cause };
    for (const listener of this.#listeners) {
      try {
        listener(transition);
      } catch (error) {
        log('transition listener failed', error);
      }
    }
    if (alarm.config.actionsEnabled && !this.#composites.suppressed(r, alarm)) {
      this.#actions.run(r.history, alarm, oldState, newState, triggeringChildren);
    }
    if (depth < MAX_COMPOSITE_DEPTH) this.#reevaluateParents(r, alarm, at, depth);
  }

  #reevaluateParents(r: RegionAlarms, child: AlarmRecord, at: number, depth: number): void {
    for (const parent of this.#composites.parentsOf(r, child.config.alarmName)) {
      const value = this.#composites.stateOf(r, parent);
      if (value === parent.state.value) continue;
      const { arn, state } = child;
      const reason = `${arn} transitioned to ${state.value} at ${longUtcDate(state.updatedAt)}`;
      const reasonData = javaJson({
        triggeringAlarms: [
          { arn, state: { value: state.value, timestamp: cloudwatchTimestamp(state.updatedAt) } },
        ],
      });
      const triggering = [{ arn, state: state.value, timestamp: state.updatedAt }];
      this.#transition(r, parent, { value, reason, reasonData }, at, 'composite', triggering, depth + 1);
    }
  }

  #anyHighResolution(): boolean {
    for (const { store: r } of this.#regions.entries()) {
      for (const alarm of r.alarms.values()) {
        if (alarm.type === 'MetricAlarm' && alarmRuntime(alarm.config).plan.periodMs < MINUTE_MS) return true;
      }
    }
    return false;
  }
}
