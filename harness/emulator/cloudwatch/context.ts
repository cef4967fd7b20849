import type { Clock } from '../../clock.ts';
import type { AlarmEngine } from './alarm-engine.ts';
import type { MetricStore } from './metric-store.ts';

/** What CloudWatch operations work with. */
export interface CloudWatchContext {
  readonly clock: Clock;
  readonly metrics: MetricStore;
  readonly alarms: AlarmEngine;
  /** Publishes pending per-minute aggregates (metric filters) up to a time before a read. */
  readonly flushProducers: (untilMs: number) => void;
}
