import type { MetricIdentity, MetricIdentityInput } from './metric-identity.ts';
import { metricKey } from './metric-identity.ts';
import type { Series } from './metric-series.ts';

/**
 * One metric: its identity and its samples per unit. The unit belongs to each sample, not to the
 * metric ("If you omit this, the unit is set as None", botocore MetricDatum), so a query or an alarm
 * with a Unit only sees the series of that unit.
 */
export class MetricRecord {
  readonly identity: MetricIdentity;
  readonly key: string;
  readonly series = new Map<string, Series>();
  /** Epoch ms of the newest put (not of the newest sample timestamp). */
  lastPutAt = 0;

  constructor(identity: MetricIdentity, key: string) {
    this.identity = identity;
    this.key = key;
  }

  /** Units that have samples, in first-seen order. */
  units(): string[] {
    return [...this.series.keys()];
  }
}

/** The metrics of one account in one region, by key. */
export class RegionMetrics {
  readonly metrics = new Map<string, MetricRecord>();

  find(identity: MetricIdentityInput): MetricRecord | undefined {
    return this.metrics.get(metricKey(identity));
  }

  findByKey(key: string): MetricRecord | undefined {
    return this.metrics.get(key);
  }
}
