import type { Writable } from 'node:stream';
import pc from 'picocolors';
import { formatDuration } from './format.ts';
import type { ScenarioResult } from '../verdict.ts';

/** Progress events the runner emits while it works. */
export type ProgressEvent =
  | { readonly type: 'lab'; readonly message: string }
  /** Every alarm is back in OK before the first scenario; `labMs` is the lab time that took. */
  | { readonly type: 'settled'; readonly labMs: number }
  | { readonly type: 'scenario-start'; readonly name: string; readonly index: number; readonly total: number }
  | { readonly type: 'phase'; readonly name: string; readonly phase: string }
  | {
      readonly type: 'scenario-end';
      readonly result: ScenarioResult;
      readonly index: number;
      readonly total: number;
    };

export type ProgressListener = (event: ProgressEvent) => void;

/**
 * A live view: on a TTY the current scenario's line is redrawn in place with its phase; finished
 * scenarios stay as one line each. Off a TTY (CI logs) only finished scenarios and lab steps print.
 */
export function createLiveView(
  stream: Writable & { isTTY?: boolean },
  options: { colour: boolean },
): ProgressListener {
  const c = pc.createColors(options.colour);
  const tty = stream.isTTY === true;
  let current = '';
  let started = 0;
  const clear = (): void => {
    if (tty && current) stream.write('\r\u001b[2K');
  };
  return (event) => {
    switch (event.type) {
      case 'lab':
        clear();
        current = '';
        stream.write(`${c.dim('›')} ${event.message}\n`);
        break;
      case 'scenario-start':
        started = performance.now();
        current = `[${event.index + 1}/${event.total}] ${event.name}`;
        if (tty) stream.write(`\r\u001b[2K${c.cyan('…')} ${current}`);
        break;
      case 'settled':
        break;
      case 'phase':
        if (tty && current) stream.write(`\r\u001b[2K${c.cyan('…')} ${current} ${c.dim(event.phase)}`);
        break;
      case 'scenario-end': {
        clear();
        current = '';
        const r = event.result;
        const mark =
          r.state === 'success' ? c.green('✓') : r.state === 'aborted' ? c.yellow('-') : c.red('✗');
        const fired = r.fired.length > 0 ? r.fired.join(', ') : 'nothing';
        const elapsed = formatDuration(performance.now() - started);
        const tail =
          r.state === 'success'
            ? c.dim(`fired ${fired}; ${elapsed}`)
            : c.red(`${r.state}: ${r.error ?? failedRules(r)}`);
        stream.write(`${mark} [${event.index + 1}/${event.total}] ${r.name} ${tail}\n`);
        break;
      }
    }
  };
}

function failedRules(r: ScenarioResult): string {
  return r.expectations
    .filter((e) => e.verdict === 'fail')
    .map((e) => `${e.ruleId} ${e.kind === 'fire' ? 'did not fire' : 'fired'}`)
    .join(', ');
}
