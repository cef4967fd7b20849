import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { alarmName, readAlarms } from '../rules/index.ts';
import { AlarmWatch, LAB_LOG_STREAM } from '../runner/index.ts';
import type { Lab } from '../runner/index.ts';
import type { RuleMatcher } from './rule-matcher.ts';

const MINUTE = 60_000;
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

export interface MetricView {
  readonly ruleId: string;
  /** Minute starts (epoch ms, lab time) and the alarm statistic's value, one per minute with data. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface EmailView {
  readonly messageId: string;
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly timestamp: string;
}

export interface DeliveryView {
  readonly messageId: string;
  readonly subject: string;
  readonly alarmName: string;
  readonly newState: string;
  readonly signatureVerified: boolean;
  readonly signatureError: string;
  readonly receivedLabMs: number;
  readonly message: string;
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

export interface InboxView {
  readonly emails: readonly EmailView[];
  readonly deliveries: readonly DeliveryView[];
}

export interface ObserverEvents {
  alarms(alarms: readonly AlarmView[]): void;
  metrics(metrics: readonly MetricView[]): void;
  inbox(inbox: InboxView): void;
  pipeline(pipeline: PipelineView): void;
  error(error: unknown): void;
}

interface SnsOutbox {
  messages: Array<{ messageId: string; subject?: string; topicArn: string }>;
  emails: EmailView[];
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
    const rules = this.lab.ruleSet.rules;
    const now = this.lab.target.clock.now();
    const end = Math.ceil(now / MINUTE) * MINUTE;
    const queries: MetricDataQuery[] = rules.map((rule, i) => ({
      Id: `m${i}`,
      MetricStat: {
        Metric: {
          Namespace: rule.filter.namespace,
          MetricName: rule.filter.metricName,
          ...(rule.alarm.dimensions
            ? { Dimensions: Object.entries(rule.alarm.dimensions).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
        },
        Period: rule.alarm.period,
        Stat: rule.alarm.statistic,
      },
    }));
    const series = new Map<string, Array<readonly [number, number]>>();
    // GetMetricData takes at most 500 queries a call; a rule pack is far smaller, but page anyway.
    for (let i = 0; i < queries.length; i += 500) {
      let nextToken: string | undefined;
      do {
        const page = await this.lab.aws.cloudwatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries.slice(i, i + 500),
            StartTime: new Date(end - CHART_MINUTES * MINUTE),
            EndTime: new Date(end),
            ScanBy: 'TimestampAscending',
            NextToken: nextToken,
          }),
        );
        for (const result of page.MetricDataResults ?? []) {
          const points = series.get(result.Id!) ?? [];
          (result.Timestamps ?? []).forEach((t, j) => points.push([t.getTime(), result.Values?.[j] ?? 0]));
          series.set(result.Id!, points);
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
    const views: MetricView[] = rules.map((rule, i) => ({
      ruleId: rule.id,
      points: (series.get(`m${i}`) ?? []).sort((a, b) => a[0] - b[0]),
    }));
    this.#datapoints = views.reduce((n, v) => n + v.points.length, 0);
    const newest = views
      .flatMap((v) => v.points.map((p) => ({ ruleId: v.ruleId, at: p[0], value: p[1] })))
      .sort((a, b) => b.at - a.at)[0];
    if (newest)
      this.#last['datapoints'] = `${newest.ruleId} ${new Date(newest.at).toISOString()} = ${newest.value}`;
    if (this.#changed('metrics', views)) this.events.metrics(views);
  }

  async #readInbox(): Promise<void> {
    let outbox: SnsOutbox = { messages: [], emails: [] };
    const endpoint = this.lab.target.aws.endpoint;
    if (this.lab.target.name === 'local' && endpoint) {
      const response = await fetch(`${endpoint}/_lab/sns/messages`);
      if (response.ok) outbox = (await response.json()) as SnsOutbox;
    }
    this.#sns = outbox.messages.length;
    const lastMessage = outbox.messages.at(-1);
    if (lastMessage) this.#last['sns'] = `${lastMessage.subject ?? '(no subject)'} → ${lastMessage.topicArn}`;
    const emails = outbox.emails.map(({ messageId, kind, to, subject, body, timestamp }) => ({
      messageId,
      kind,
      to,
      subject,
      body,
      timestamp,
    }));
    const deliveries: DeliveryView[] = this.lab.sink.messages().map((m) => ({
      messageId: m.messageId,
      subject: m.subject ?? '',
      alarmName: m.alarm?.alarmName ?? '',
      newState: m.alarm?.newState ?? '',
      signatureVerified: m.signatureVerified,
      signatureError: m.signatureError ?? '',
      receivedLabMs: m.received.labMs,
      message: m.message,
    }));
    const lastDelivery = deliveries.at(-1);
    if (lastDelivery) {
      this.#last['deliveries'] =
        `${lastDelivery.subject} (signature ${lastDelivery.signatureVerified ? 'verified' : `REJECTED: ${lastDelivery.signatureError}`})`;
    }
    if (this.#changed('inbox', [emails.length, deliveries.length])) this.events.inbox({ emails, deliveries });
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
