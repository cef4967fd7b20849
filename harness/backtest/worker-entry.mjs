// A backtest worker thread's entry: workers start without the parent's module hooks, so this plain
// JavaScript file registers tsx's loader before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');
