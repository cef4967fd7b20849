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
import {
  breachPredicate,
  comparisonPhrase,
  decideAlarmState,
  type AlarmStateValue,
  type StaticComparisonOperator,
} from './alarm-evaluator.ts';
import { alarmRange, planAlarmMetric, type AlarmMetricPlan } from './alarm-datapoints.ts';
import {
  AlarmHistory,
  actionItem,
  configurationUpdateItem,
  stateUpdateItem,
  type ActionOutcome,
  type AlarmHistoryItem,
} from './alarm-history.ts';
import {
  INITIAL_STATE_REASON,
  alarmArn,
  type AlarmRecord,
  type AlarmState,
  type CompositeAlarmConfig,
  type CompositeAlarmRecord,
  type MetricAlarmConfig,
  type MetricAlarmRecord,
} from './alarm-model.ts';
import { buildAlarmNotification, type TriggeringChild } from './alarm-notification.ts';
import { AlarmScheduler, HIGH_RESOLUTION_STEP_MS, HOUR_MS, MINUTE_MS } from './alarm-scheduler.ts';
import {
  evaluateAlarmRule,
  parseAlarmRule,
  referencedName,
  ruleReferences,
  type RuleNode,
} from './composite-rule.ts';
import { cloudwatchTimestamp, javaJson, longUtcDate } from './java-format.ts';
import type { StoreScope } from '../service.ts';
import { standaloneStores, type StoreAccessor } from '../state/state-registry.ts';
import type { MetricStore } from './metric-store.ts';
import { stateReasonFor } from './state-reason.ts';

const log = createLogger('lab:emulator:cloudwatch');

/** "If Period × EvaluationPeriods is greater than one day, the alarm is evaluated once per hour." */
const DAILY_WINDOW_MS = 24 * HOUR_MS;
/** Metric data older than 15 days is gone (CloudWatch keeps 1-minute data 15 days). */
const METRIC_RETENTION_MS = 15 * 24 * HOUR_MS;

/** Where alarm actions go: SNS publishes in this emulator (in process, never over HTTP). */
export interface AlarmActionTarget {
  /** Publishes `message` (MessageStructure=json) to a topic; rejects with the error SNS would give. */
  publish(
    topicArn: string,
    input: { subject: string; message: string; messageStructure: 'json' },
  ): Promise<unknown>;
}

export interface AlarmTransition {
  readonly alarm: AlarmRecord;
  readonly oldState: AlarmState;
  readonly newState: AlarmState;
  /** What caused it: an evaluation, SetAlarmState, or a child of a composite alarm. */
  readonly cause: 'evaluation' | 'set-alarm-state' | 'composite';
}

/** The alarms and alarm history of one account in one region (the service's per-region store). */
export interface RegionAlarms {
  readonly accountId: string;
  readonly region: string;
  readonly alarms: Map<string, AlarmRecord>;
  readonly history: AlarmHistory;
}

export function createRegionAlarms({ accountId, region }: StoreScope): RegionAlarms {
  return { accountId, region, alarms: new Map(), history: new AlarmHistory() };
}

interface MetricAlarmRuntime {
  plan: AlarmMetricPlan;
  isBreaching: (value: number) => boolean;
}

export interface AlarmEngineOptions {
  readonly clock: Clock;
  readonly metrics: MetricStore;
  readonly actions?: AlarmActionTarget | undefined;
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
  #actions: AlarmActionTarget | undefined;
  readonly #regions: StoreAccessor<RegionAlarms>;
  readonly #beforeEvaluate: ((boundary: number) => void) | undefined;
  readonly #onChange: (() => void) | undefined;
  #transitions = 0;
  readonly #runtime = new WeakMap<MetricAlarmConfig, MetricAlarmRuntime>();
  readonly #rules = new WeakMap<CompositeAlarmConfig, RuleNode>();
  readonly #listeners = new Set<(t: AlarmTransition) => void>();
  readonly #scheduler: AlarmScheduler;
  #pendingActions = new Set<Promise<void>>();

  constructor(options: AlarmEngineOptions) {
    this.#clock = options.clock;
    this.#metrics = options.metrics;
    this.#actions = options.actions;
    this.#regions = options.regions ?? standaloneStores(createRegionAlarms);
    this.#beforeEvaluate = options.beforeEvaluate;
    this.#onChange = options.onChange;
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

  setActionTarget(target: AlarmActionTarget): void {
    this.#actions = target;
  }

  onTransition(listener: (t: AlarmTransition) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every action started so far has finished (and its history item is written). */
  async settled(): Promise<void> {
    while (this.#pendingActions.size > 0) await Promise.all([...this.#pendingActions]);
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
    const now = this.#clock.now();
    const existing = r.alarms.get(config.alarmName);
    if (existing !== undefined && existing.type !== 'MetricAlarm') {
      r.alarms.delete(config.alarmName);
    }
    let alarm: MetricAlarmRecord;
    if (existing?.type === 'MetricAlarm') {
      alarm = existing;
      alarm.config = config;
      alarm.configuredAt = now;
      r.history.add(configurationUpdateItem(alarm, 'Update', now));
    } else {
      alarm = {
        type: 'MetricAlarm',
        accountId,
        region,
        arn: alarmArn(accountId, region, config.alarmName),
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
      r.alarms.set(config.alarmName, alarm);
      r.history.add(configurationUpdateItem(alarm, 'Create', now));
    }
    if (this.#runtimeOf(alarm).plan.periodMs < MINUTE_MS) this.#scheduler.reschedule();
    return alarm;
  }

  /** PutCompositeAlarm: creates (evaluated at once) or updates (state kept, rule re-evaluated). */
  putCompositeAlarm(
    accountId: string,
    region: string,
    config: CompositeAlarmConfig,
    tags: { key: string; value: string }[] = [],
  ): CompositeAlarmRecord {
    const r = this.region(accountId, region);
    const now = this.#clock.now();
    const rule = parseAlarmRule(config.alarmRule);
    const existing = r.alarms.get(config.alarmName);
    let alarm: CompositeAlarmRecord;
    let created = false;
    if (existing?.type === 'CompositeAlarm') {
      alarm = existing;
      alarm.config = config;
      alarm.configuredAt = now;
      r.history.add(configurationUpdateItem(alarm, 'Update', now));
    } else {
      if (existing !== undefined) r.alarms.delete(config.alarmName);
      alarm = {
        type: 'CompositeAlarm',
        accountId,
        region,
        arn: alarmArn(accountId, region, config.alarmName),
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
      r.alarms.set(config.alarmName, alarm);
      r.history.add(configurationUpdateItem(alarm, 'Create', now));
      created = true;
    }
    this.#rules.set(alarm.config, rule);
    const value = this.#ruleState(r, alarm);
    if (value !== alarm.state.value) {
      const reason = created
        ? `${alarm.arn} was created and its alarm rule evaluates to ${value}`
        : `${alarm.arn} was updated and its alarm rule evaluates to ${value}`;
      this.#transition(
        r,
        alarm,
        { value, reason, reasonData: javaJson({ triggeringAlarms: [] }) },
        now,
        'composite',
        [],
      );
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

  /** Composite alarms of a region whose rule references `name` (for delete checks and re-evaluation). */
  parentsOf(accountId: string, region: string, name: string): CompositeAlarmRecord[] {
    const r = this.#regions.peek({ accountId, region });
    if (r === undefined) return [];
    const out: CompositeAlarmRecord[] = [];
    for (const alarm of r.alarms.values()) {
      if (alarm.type !== 'CompositeAlarm') continue;
      const rule = this.#ruleOf(alarm);
      if (ruleReferences(rule).some((ref) => referencedName(ref) === name)) out.push(alarm);
    }
    return out;
  }

  setActionsEnabled(accountId: string, region: string, names: readonly string[], enabled: boolean): void {
    const r = this.region(accountId, region);
    for (const name of names) {
      const alarm = r.alarms.get(name);
      if (alarm === undefined) continue;
      alarm.config = { ...alarm.config, actionsEnabled: enabled };
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
    if (alarm === undefined) throw new Error(`alarm ${name} does not exist`);
    this.#transition(r, alarm, { value, reason, reasonData }, this.#clock.now(), 'set-alarm-state', []);
    await this.settled();
  }

  /** Evaluates every alarm due at `boundary`: called by the scheduler, usable directly in tests. */
  async evaluateBoundary(boundary: number): Promise<void> {
    const transitionsBefore = this.#transitions;
    this.#beforeEvaluate?.(boundary);
    for (const { store: r } of this.#regions.entries()) {
      for (const alarm of r.alarms.values()) {
        if (alarm.type !== 'MetricAlarm') continue;
        const runtime = this.#runtimeOf(alarm);
        if (!due(alarm, runtime.plan, boundary)) continue;
        try {
          this.#evaluateMetricAlarm(r, alarm, runtime, boundary);
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

  #evaluateMetricAlarm(
    r: RegionAlarms,
    alarm: MetricAlarmRecord,
    runtime: MetricAlarmRuntime,
    boundary: number,
  ): void {
    const c = alarm.config;
    const metrics = this.#metrics.region(alarm.accountId, alarm.region);
    const range = alarmRange(c, runtime.plan, metrics, boundary);
    const decision = decideAlarmState(range, {
      evaluationPeriods: c.evaluationPeriods,
      datapointsToAlarm: c.datapointsToAlarm ?? c.evaluationPeriods,
      // "alarms on AWS/DynamoDB metrics always ignore missing data" (user guide).
      treatMissingData: c.namespace === 'AWS/DynamoDB' ? 'ignore' : (c.treatMissingData ?? 'missing'),
      ignoreLowSamplePeriods: c.evaluateLowSampleCountPercentile === 'ignore',
      isBreaching: runtime.isBreaching,
    });
    if (decision.kind === 'retain') return;
    const value: AlarmStateValue = decision.kind === 'insufficient' ? 'INSUFFICIENT_DATA' : decision.state;
    if (value === alarm.state.value) return;
    const { reason, reasonData } = stateReasonFor(decision, {
      phrase: comparisonPhrase(c.comparisonOperator as StaticComparisonOperator),
      threshold: c.threshold ?? 0,
      evaluationPeriods: c.evaluationPeriods,
      datapointsToAlarm: c.datapointsToAlarm ?? c.evaluationPeriods,
      explicitDatapointsToAlarm: c.datapointsToAlarm !== undefined,
      queryDate: boundary,
      periodSeconds: runtime.plan.periodMs / 1000,
      unit: c.unit,
      statistic: c.metrics === undefined ? (c.extendedStatistic ?? c.statistic) : undefined,
    });
    this.#transition(r, alarm, { value, reason, reasonData }, boundary, 'evaluation', []);
  }

  #transition(
    r: RegionAlarms,
    alarm: AlarmRecord,
    next: { value: AlarmStateValue; reason: string; reasonData: string | undefined },
    at: number,
    cause: AlarmTransition['cause'],
    triggeringChildren: readonly TriggeringChild[],
    depth = 0,
  ): void {
    const oldState = alarm.state;
    const changed = oldState.value !== next.value;
    const newState: AlarmState = {
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
    const transition: AlarmTransition = { alarm, oldState, newState, cause };
    for (const listener of this.#listeners) {
      try {
        listener(transition);
      } catch (error) {
        log('transition listener failed', error);
      }
    }
    if (alarm.config.actionsEnabled && !this.#suppressed(r, alarm)) {
      this.#runActions(r, alarm, oldState, newState, triggeringChildren);
    }
    if (depth < 16) this.#reevaluateParents(r, alarm, at, depth);
  }

  #runActions(
    r: RegionAlarms,
    alarm: AlarmRecord,
    oldState: AlarmState,
    newState: AlarmState,
    triggeringChildren: readonly TriggeringChild[],
  ): void {
    const c = alarm.config;
    const arns =
      newState.value === 'ALARM'
        ? c.alarmActions
        : newState.value === 'OK'
          ? c.okActions
          : c.insufficientDataActions;
    if (arns.length === 0) return;
    const notification = buildAlarmNotification(alarm, oldState, newState, triggeringChildren);
    for (const arn of arns) {
      const run = this.#runAction(arn, notification.subject, notification.message).then((outcome) => {
        r.history.add(actionItem(alarm, outcome, newState.updatedAt, this.#clock.now()));
      });
      this.#pendingActions.add(run);
      void run.finally(() => this.#pendingActions.delete(run));
    }
  }

  async #runAction(arn: string, subject: string, message: string): Promise<ActionOutcome> {
    if (!arn.startsWith('arn:aws:sns:')) {
      return { arn, succeeded: false, error: 'The vault-alarm-lab emulator only executes SNS actions' };
    }
    if (this.#actions === undefined) {
      return { arn, succeeded: false, error: 'No SNS service is attached to this emulator' };
    }
    try {
      await this.#actions.publish(arn, { subject, message, messageStructure: 'json' });
      return { arn, succeeded: true, publishedMessage: message };
    } catch (error) {
      return {
        arn,
        succeeded: false,
        error: error instanceof Error ? error.message : String(error),
        publishedMessage: message,
      };
    }
  }

  #suppressed(r: RegionAlarms, alarm: AlarmRecord): boolean {
    if (alarm.type !== 'CompositeAlarm' || alarm.config.actionsSuppressor === undefined) return false;
    // Wait/extension periods are not modelled: actions are suppressed while the suppressor is in ALARM.
    const suppressor = r.alarms.get(referencedName(alarm.config.actionsSuppressor));
    return suppressor?.state.value === 'ALARM';
  }

  #reevaluateParents(r: RegionAlarms, child: AlarmRecord, at: number, depth: number): void {
    for (const parent of this.parentsOf(r.accountId, r.region, child.config.alarmName)) {
      const value = this.#ruleState(r, parent);
      if (value === parent.state.value) continue;
      const reason = `${child.arn} transitioned to ${child.state.value} at ${longUtcDate(child.state.updatedAt)}`;
      const triggering = [{ arn: child.arn, state: child.state.value, timestamp: child.state.updatedAt }];
      const reasonData = javaJson({
        triggeringAlarms: triggering.map((t) => ({
          arn: t.arn,
          state: { value: t.state, timestamp: cloudwatchTimestamp(t.timestamp) },
        })),
      });
      this.#transition(r, parent, { value, reason, reasonData }, at, 'composite', triggering, depth + 1);
    }
  }

  #ruleState(r: RegionAlarms, alarm: CompositeAlarmRecord): AlarmStateValue {
    return evaluateAlarmRule(this.#ruleOf(alarm), (ref) => r.alarms.get(referencedName(ref))?.state.value)
      ? 'ALARM'
      : 'OK';
  }

  /** Compiled metric plan and threshold test, cached per configuration object. */
  #runtimeOf(alarm: MetricAlarmRecord): MetricAlarmRuntime {
    let runtime = this.#runtime.get(alarm.config);
    if (runtime === undefined) {
      runtime = {
        plan: planAlarmMetric(alarm.config),
        isBreaching: breachPredicate(
          alarm.config.comparisonOperator as StaticComparisonOperator,
          alarm.config.threshold ?? 0,
        ),
      };
      this.#runtime.set(alarm.config, runtime);
    }
    return runtime;
  }

  #ruleOf(alarm: CompositeAlarmRecord): RuleNode {
    let rule = this.#rules.get(alarm.config);
    if (rule === undefined) {
      rule = parseAlarmRule(alarm.config.alarmRule);
      this.#rules.set(alarm.config, rule);
    }
    return rule;
  }

  #anyHighResolution(): boolean {
    for (const { store: r } of this.#regions.entries()) {
      for (const alarm of r.alarms.values()) {
        if (alarm.type === 'MetricAlarm' && this.#runtimeOf(alarm).plan.periodMs < MINUTE_MS) return true;
      }
    }
    return false;
  }

  /** Call after alarms were restored or the stores replaced, so the scheduler sees their periods. */
  refresh(): void {
    this.#scheduler.reschedule();
  }
}

/** Whether an alarm is evaluated at this boundary (every 10 s / every minute / every hour). */
function due(alarm: MetricAlarmRecord, plan: AlarmMetricPlan, boundary: number): boolean {
  if (plan.periodMs < MINUTE_MS) return boundary % HIGH_RESOLUTION_STEP_MS === 0;
  if (plan.periodMs * alarm.config.evaluationPeriods > DAILY_WINDOW_MS) return boundary % HOUR_MS === 0;
  return boundary % MINUTE_MS === 0;
}
