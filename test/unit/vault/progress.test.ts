import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressPrinter, formatProgress } from '../../../harness/vault/progress.ts';

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
    ).toBe('vault compile: compiling [12/2041] (2m05s)');
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
      'vault compile: compiling [1/9]',
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
      'vault compile: compiling [1/2]\r\x1b[2Kvault compile: compiling [2/2]\nvault link: linking\n',
    );
  });
});
