import type { SqsEngine } from './queue-engine.ts';

/** What SQS operations work with (the engine holds the per-region stores and the clock). */
export interface SqsContext {
  readonly engine: SqsEngine;
}
