export { StateRegistry, standaloneStores } from './state-registry.ts';
export type { StoreAccessor } from './state-registry.ts';
export { StatePersistence, STATE_FORMAT_VERSION } from './persistence.ts';
export type { ClockState } from './persistence.ts';
