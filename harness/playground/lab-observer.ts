import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { alarmName, readAlarms } from '../rules/index.ts';
import { AlarmWatch, LAB_LOG_STREAM } from '../runner/index.ts';
import type { Lab } from '../runner/index.ts';
import type { RuleMatcher } from './rule-matcher.ts';
import { readInbox } from './inbox-reader.ts';
import type { InboxView } from './inbox-reader.ts';
import { readRuleMetrics } from './rule-metrics.ts';
import type { MetricView } from './rule-metrics.ts';

export type { InboxView, MetricView };

/** Minutes of metric history the Rules view charts. */
export const CHART_MINUTES = 30;
/** State changes kept per alarm for its timeline. */
const TIMELINE_LENGTH = 50;

export interface AlarmView {
  readonly name: string;
  readonly ruleId: string;
  readonly state: string;
  readonly reason: string;
  readonly updated: number;
  readonly timeline: ReadonlyArray<{ at: number; from: string; to: string; reason: string }>;
}

/** What passed a pipeline stage last, one line of text each. */
export interface PipelineView {
  readonly counters: {
    readonly written: number;
    readonly shipped: number;
    readonly ingested: number;
    readonly matches: Readonly<Record<string, number>>;
    readonly datapoints: number;
    readonly states: Readonly<Record<string, number>>;
    readonly snsMessages: number;
    readonly deliveries: number;
  };
  readonly last: Readonly<Record<string, string>>;
}

export interface ObserverEvents {
  alarms(alarms: readonly AlarmView[]): void;
  metrics(metrics: readonly MetricView[]): void;
  inbox(inbox: InboxView): void;
  pipeline(pipeline: PipelineView): void;
  error(error: unknown): void;
}

/**
 * Watches the lab through the seams every target has: the AWS APIs (GetLogEvents on the shipped
 * stream, DescribeAlarms, DescribeAlarmHistory through the runner's AlarmWatch, GetMetricData), the
 * emulator's `/_lab/sns/messages` outbox, the sink and the shipper's stats. It reports a view only
 * when it changed, so the page's stream carries news, not polls.
 */
export class LabObserver {
  readonly #watch: AlarmWatch;
  readonly #timelines = new Map<string, AlarmView['timeline'][number][]>();
  readonly #sent = new Map<string, string>();
  #logToken: string | undefined;
  #ingested = 0;
  #matches: Record<string, number> = {};
  readonly #last: Record<string, string> = {};
  #written = 0;
  #shippedBefore = 0;
  #datapoints = 0;
  #states: Record<string, number> = {};
  #sns = 0;
  #fastTimer: ReturnType<typeof setTimeout> | undefined;
  #slowTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #fastRunning: Promise<void> | undefined;
  #slowRunning: Promise<void> | undefined;

  constructor(
    private readonly lab: Lab,
    private matcher: RuleMatcher,
    private readonly events: ObserverEvents,
    private readonly intervals = { fastMs: 100, slowMs: 1_000 },
  ) {
    this.#watch = new AlarmWatch(lab.aws, () => lab.alarmNames());
  }

  async start(): Promise<void> {
    // Start at the stream's current end and after the history so far: the lab's setup is not news.
    const tail = await this.lab.aws.logs.send(
      new GetLogEventsCommand({
        logGroupName: this.lab.ruleSet.logGroupName,
        logStreamName: LAB_LOG_STREAM,
        startFromHead: false,
        limit: 1,
      }),
    );
    this.#logToken = tail.nextForwardToken;
    this.#shippedBefore = this.lab.shipper.stats().totals.eventsShipped;
    await this.#watch.mark();
    await Promise.all([this.refreshFast(), this.refreshSlow()]);
    this.#loop('fast');
    this.#loop('slow');
  }

  setMatcher(matcher: RuleMatcher): void {
    this.matcher = matcher;
  }

  /** The audit feed tells how many lines Vault wrote, and the newest one. */
  noteWritten(count: number, lastLine: string): void {
    this.#written = count;
    this.#last['written'] = lastLine;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#fastTimer);
    clearTimeout(this.#slowTimer);
  }

  /** Cheap, frequent reads: alarm states, new ingested events, counters. */
  refreshFast(): Promise<void> {
    this.#fastRunning ??= this.#fast().finally(() => (this.#fastRunning = undefined));
    return this.#fastRunning;
  }

  /** Heavier reads: metric series, alarm history, SNS outbox and sink. */
  refreshSlow(): Promise<void> {
    this.#slowRunning ??= this.#slow().finally(() => (this.#slowRunning = undefined));
    return this.#slowRunning;
  }

  /** Everything, now: after the clock moved or a scenario ran. */
  async refreshAll(): Promise<void> {
    await this.refreshSlow();
    await this.refreshFast();
  }

  #loop(kind: 'fast' | 'slow'): void {
    if (this.#stopped) return;
    const delay = kind === 'fast' ? this.intervals.fastMs : this.intervals.slowMs;
    const timer = setTimeout(() => {
      (kind === 'fast' ? this.refreshFast() : this.refreshSlow())
        .catch((error: unknown) => {
          if (!this.#stopped) this.events.error(error);
        })
        .finally(() => this.#loop(kind));
    }, delay);
    if (kind === 'fast') this.#fastTimer = timer;
    else this.#slowTimer = timer;
  }

  async #fast(): Promise<void> {
    await this.#readIngested();
    const names = this.lab.alarmNames();
    const alarms = await readAlarms(this.lab.aws, names);
    const rules = this.lab.ruleSet;
    const views: AlarmView[] = rules.rules.map((rule) => {
      const name = alarmName(rules, rule);
      const alarm = alarms.get(name);
      return {
        name,
        ruleId: rule.id,
        state: alarm?.StateValue ?? 'INSUFFICIENT_DATA',
        reason: alarm?.StateReason ?? '',
        updated: alarm?.StateUpdatedTimestamp?.getTime() ?? 0,
        timeline: this.#timelines.get(name) ?? [],
      };
    });
    const states: Record<string, number> = {};
    for (const v of views) states[v.state] = (states[v.state] ?? 0) + 1;
    this.#states = states;
    if (
      this.#changed(
        'alarms',
        views.map((v) => [v.name, v.state, v.updated, v.timeline.length]),
      )
    ) {
      this.events.alarms(views);
      // A state change sends SNS messages: look at the outbox and the sink right away.
      void this.refreshSlow().catch((error: unknown) => this.events.error(error));
    }
    this.#emitPipeline();
  }

  async #slow(): Promise<void> {
    for (const t of await this.#watch.newTransitions()) {
      const timeline = this.#timelines.get(t.alarmName) ?? [];
      timeline.push({ at: t.at, from: t.from, to: t.to, reason: t.reason });
      if (timeline.length > TIMELINE_LENGTH) timeline.splice(0, timeline.length - TIMELINE_LENGTH);
      this.#timelines.set(t.alarmName, timeline);
      this.#last['alarms'] = `${t.alarmName}: ${t.from} → ${t.to} (${t.reason})`;
    }
    await Promise.all([this.#readMetrics(), this.#readInbox()]);
    this.#emitPipeline();
  }

  async #readIngested(): Promise<void> {
    for (;;) {
      const page = await this.lab.aws.logs.send(
        new GetLogEventsCommand({
          logGroupName: this.lab.ruleSet.logGroupName,
          logStreamName: LAB_LOG_STREAM,
          startFromHead: true,
          ...(this.#logToken ? { nextToken: this.#logToken } : {}),
        }),
      );
      const events = page.events ?? [];
      for (const event of events) {
        const message = event.message ?? '';
        for (const match of this.matcher.match(message)) {
          this.#matches[match.ruleId] = (this.#matches[match.ruleId] ?? 0) + 1;
          this.#last['matches'] = `${match.ruleId} ← ${message}`;
        }
      }
      this.#ingested += events.length;
      if (events.length > 0) this.#last['ingested'] = events.at(-1)!.message ?? '';
      const same = page.nextForwardToken === this.#logToken;
      this.#logToken = page.nextForwardToken ?? this.#logToken;
      if (events.length === 0 || same) return;
    }
  }

  async #readMetrics(): Promise<void> {
    const views = await readRuleMetrics(this.lab, CHART_MINUTES);
    this.#datapoints = views.reduce((n, v) => n + v.points.length, 0);
    const newest = views
      .flatMap((v) => v.points.map((p) => ({ ruleId: v.ruleId, at: p[0], value: p[1] })))
      .sort((a, b) => b.at - a.at)[0];
    if (newest)
      this.#last['datapoints'] = `${newest.ruleId} ${new Date(newest.at).toISOString()} = ${newest.value}`;
    if (this.#changed('metrics', views)) this.events.metrics(views);
  }

  async #readInbox(): Promise<void> {
    const { inbox, published } = await readInbox(this.lab);
    this.#sns = published.length;
    const lastMessage = published.at(-1);
    if (lastMessage) this.#last['sns'] = `${lastMessage.subject ?? '(no subject)'} → ${lastMessage.topicArn}`;
    const lastDelivery = inbox.deliveries.at(-1);
    if (lastDelivery) {
      this.#last['deliveries'] =
        `${lastDelivery.subject} (signature ${lastDelivery.signatureVerified ? 'verified' : `REJECTED: ${lastDelivery.signatureError}`})`;
    }
    if (this.#changed('inbox', [inbox.emails.length, inbox.deliveries.length])) this.events.inbox(inbox);
  }

  #emitPipeline(): void {
    const stats = this.lab.shipper.stats().totals;
    this.#last['shipped'] =
      `shipper totals: ${stats.eventsShipped} shipped of ${stats.eventsRead} read, lag ${stats.lagMs} ms, ${stats.retries} retries, ${stats.eventsRejected} rejected`;
    const view: PipelineView = {
      counters: {
        written: this.#written,
        shipped: stats.eventsShipped - this.#shippedBefore,
        ingested: this.#ingested,
        matches: { ...this.#matches },
        datapoints: this.#datapoints,
        states: this.#states,
        snsMessages: this.#sns,
        deliveries: this.lab.sink.messages().length,
      },
      last: { ...this.#last },
    };
    if (this.#changed('pipeline', view)) this.events.pipeline(view);
  }

  /** Whether `value` differs from what was last reported under `key` (and remembers it). */
  #changed(key: string, value: unknown): boolean {
    const text = JSON.stringify(value);
    if (this.#sent.get(key) === text) return false;
    this.#sent.set(key, text);
    return true;
  }
}
