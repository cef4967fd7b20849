import type { Clock } from '../../clock.ts';
import type { SnsEngine } from './sns-engine.ts';
import type { SnsRegionStore } from './sns-store.ts';

/** What SNS operations work with. */
export interface SnsContext {
  readonly clock: Clock;
  readonly engine: SnsEngine;
  store(accountId: string, region: string): SnsRegionStore;
  peek(accountId: string, region: string): SnsRegionStore | undefined;
}
