export { createControlApi, isControlPath, CONTROL_PREFIX } from './control-api.ts';
export type { ControlApiOptions } from './control-api.ts';
export { FaultInjector, parseFaultSpec } from './faults.ts';
export type { FaultSpec } from './faults.ts';
