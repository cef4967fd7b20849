export { startEmulator } from './emulator.ts';
export type { EmulatorEngines, EmulatorOptions, RunningEmulator } from './emulator.ts';
export { createEmulatorCore } from './core.ts';
export type { EmulatorCore, EmulatorCoreOptions, EmulatorRequestEvent } from './core.ts';
export type {
  ControlRequest,
  ControlRoute,
  EmulatorEnv,
  OperationHandler,
  RequestContext,
  ServiceDefinition,
  StoreScope,
  StoreSpec,
  Validated,
} from './service.ts';
export { createMetricProducers } from './shared/metric-producers.ts';
export type { MetricDatumInput, MetricProducers, MetricWriter } from './shared/metric-producers.ts';
export { AwsServiceError, errorFactory } from './protocol/errors.ts';
export { defaultValidationError } from './protocol/validation-errors.ts';
export { formatValidationMessage } from './protocol/validate.ts';
export type { Violation } from './protocol/validate.ts';
export type { LabRequest, LabResponse } from './protocol/http.ts';
export { StateRegistry } from './state/state-registry.ts';
export type { StoreAccessor } from './state/state-registry.ts';
export { CONTROL_PREFIX } from './control/control-api.ts';
