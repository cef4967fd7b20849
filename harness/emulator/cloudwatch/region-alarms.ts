import type { StoreScope } from '../service.ts';
import { AlarmHistory, type AlarmHistoryItem } from './alarm-history.ts';
import type { AlarmRecord } from './alarm-model.ts';

/** The alarms and alarm history of one account in one region (the CloudWatch service's store). */
export interface RegionAlarms {
  readonly accountId: string;
  readonly region: string;
  readonly alarms: Map<string, AlarmRecord>;
  readonly history: AlarmHistory;
}

export function createRegionAlarms({ accountId, region }: StoreScope): RegionAlarms {
  return { accountId, region, alarms: new Map(), history: new AlarmHistory() };
}

/** `--state-dir` form of a region's alarms. */
export interface RegionAlarmsSnapshot {
  readonly alarms: AlarmRecord[];
  readonly history: AlarmHistoryItem[];
}

export function snapshotRegionAlarms(store: RegionAlarms): RegionAlarmsSnapshot {
  return { alarms: [...store.alarms.values()], history: [...store.history.all()] };
}

export function restoreRegionAlarms(snapshot: RegionAlarmsSnapshot, scope: StoreScope): RegionAlarms {
  const store = createRegionAlarms(scope);
  for (const alarm of snapshot.alarms) store.alarms.set(alarm.config.alarmName, alarm);
  store.history.restore(snapshot.history);
  return store;
}
