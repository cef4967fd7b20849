import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressPrinter, formatProgress, withHeartbeat } from '../../../harness/vault/progress.ts';

function sink(isTTY = false): Writable & { text: string; isTTY: boolean } {
  const stream = new Writable({
    write(chunk, _enc, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; isTTY: boolean };
  stream.text = '';
  stream.isTTY = isTTY;
  return stream;
}

describe('progress output', () => {
  it('formats phase, message, counter and elapsed time', () => {
    expect(
      formatProgress({ phase: 'compile', message: 'compiling', done: 12, total: 2041, elapsedMs: 125_000 }),
    ).toBe('vault compile: compiling [12/2041, 0%] (2m05s)');
    expect(formatProgress({ phase: 'compile', message: 'compiling', done: 1020, total: 2041 })).toBe(
      'vault compile: compiling [1020/2041, 49%]',
    );
    expect(formatProgress({ phase: 'download', message: 'deps', done: 3 })).toBe('vault download: deps [3]');
  });

  it('in a log, throttles counter updates but always prints a new message', () => {
    const out = sink();
    const print = createProgressPrinter(out, { intervalMs: 60_000 });
    print({ phase: 'compile', message: 'compiling', done: 1, total: 9 });
    print({ phase: 'compile', message: 'compiling', done: 2, total: 9 });
    print({ phase: 'compile', message: 'compiling', done: 3, total: 9 });
    print({ phase: 'download', message: 'using github.com/hashicorp/vault/sdk@v0.9.2' });
    print({ phase: 'download', message: 'other news' });
    print.flush();
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'vault compile: compiling [1/9, 11%]',
      'vault download: using github.com/hashicorp/vault/sdk@v0.9.2',
      'vault download: other news',
    ]);
  });

  it('on a terminal, rewrites the line for updates of the same step', () => {
    const out = sink(true);
    const print = createProgressPrinter(out);
    print({ phase: 'compile', message: 'compiling', done: 1, total: 2 });
    print({ phase: 'compile', message: 'compiling', done: 2, total: 2 });
    print({ phase: 'link', message: 'linking' });
    print.flush();
    expect(out.text).toBe(
      'vault compile: compiling [1/2, 50%]\r\x1b[2Kvault compile: compiling [2/2, 100%]\nvault link: linking\n',
    );
  });
});

describe('progress of a silent step in a log', () => {
  afterEach(() => vi.useRealTimers());

  it('prints a line at a steady interval with the elapsed time, and stops when the step ends', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const out = sink();
    const print = createProgressPrinter(out, { intervalMs: 10_000 });
    const heartbeat = withHeartbeat(print, performance.now(), 5_000);
    heartbeat.report({ phase: 'download', message: 'go mod download', elapsedMs: 0 });
    vi.advanceTimersByTime(31_000);
    heartbeat.stop();
    vi.advanceTimersByTime(60_000);
    print.flush();
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'vault download: go mod download (0s)',
      'vault download: go mod download (10s)',
      'vault download: go mod download (20s)',
      'vault download: go mod download (30s)',
    ]);
  });

  it('on a terminal, ends the line after the last step so the next output starts on its own line', () => {
    const out = sink(true);
    const print = createProgressPrinter(out);
    print({ phase: 'start', message: 'starting' });
    print({ phase: 'ready', message: 'Vault ready' });
    out.write('› next step\n');
    print.flush();
    expect(out.text).toBe('vault start: starting\nvault ready: Vault ready\n› next step\n');
  });
});
