import type { Clock } from '../../clock.ts';
import type { StoreAccessor } from '../state/state-registry.ts';
import type { SnsEngine } from './sns-engine.ts';
import type { SnsRegionStore } from './sns-store.ts';

/** What SNS operations work with. */
export interface SnsContext {
  readonly clock: Clock;
  readonly engine: SnsEngine;
  readonly stores: StoreAccessor<SnsRegionStore>;
}
