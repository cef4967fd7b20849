import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AreaRecorder, formatHuman, formatMarkdown } from '../../../harness/conformance/index.ts';
import type { ConformanceReport } from '../../../harness/conformance/index.ts';
import {
  compareWithRecord,
  README_END,
  README_START,
  recordScores,
  rewriteReadmeBlock,
  summaryTable,
} from '../../../scripts/side-by-side/table.ts';

function report(): ConformanceReport {
  const alarms = new AreaRecorder('alarms');
  alarms.compare({
    id: 'alarms/a',
    title: 'agrees',
    source: 'https://docs.aws.amazon.com/x',
    expected: 'OK',
    actual: 'OK',
  });
  alarms.compare({
    id: 'alarms/b',
    title: 'a new alarm starts in INSUFFICIENT_DATA',
    source: 'https://docs.aws.amazon.com/y',
    expected: 'INSUFFICIENT_DATA',
    actual: 'OK',
  });
  const patterns = new AreaRecorder('filter-patterns');
  patterns.compare({ id: 'fp/a', title: 't', source: 's', expected: 'x', actual: 'x' });
  patterns.skip('fp/tmf/*', 'TestMetricFilter is not offered (283 vectors)', 283);
  return {
    endpoint: 'http://127.0.0.1:1',
    region: 'us-east-1',
    clock: 'wall',
    startedAt: '2026-12-07T08:00:00.000Z',
    wallMs: 95_000,
    areas: [patterns.result(1_000), alarms.result(2_000)],
  };
}

describe('conformance reports', () => {
  it('spell out each disagreement: what AWS does per its source, what the endpoint did', () => {
    const text = formatHuman(report(), { colour: false });
    expect(text).toContain('in 1 min 35 s');
    expect(text).toMatch(/✓ filter-patterns +1\/1 agree .*\(283 skipped\)/);
    expect(text).toMatch(/✗ alarms +1\/2 agree/);
    expect(text).toContain(
      [
        '  ✗ alarms/b: a new alarm starts in INSUFFICIENT_DATA',
        '      AWS:      INSUFFICIENT_DATA',
        '      endpoint: OK',
        '      source:   https://docs.aws.amazon.com/y',
      ].join('\n'),
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('DISAGREE 2/3 checks agree with AWS (1 disagree)');
    const markdown = formatMarkdown(report());
    expect(markdown).toContain('| alarms | 1/2 | 0 | 2.0 s |');
    expect(markdown).toContain('  - endpoint: OK');
  });

  it('tabulate systems side by side and rewrite only the marked block of README.md', async () => {
    const table = summaryTable(
      [
        { title: 'lab emulator', version: '0.1.0', report: report() },
        { title: 'moto', version: '5.2.6', notRun: 'no Python >= 3.12 found' },
      ],
      '2026-12-07',
    );
    expect(table).toContain('| area | lab emulator | moto |');
    expect(table).toContain('| filter-patterns | **1/1** (283 not offered) | not run |');
    expect(table).toContain('| alarms | 1/2 | not run |');
    expect(table).toContain('| **all** | 2/3 (66.6 %) | not run |');
    expect(table).toContain('| wall time of the run | 1 min 35 s (wall clock) | no Python >= 3.12 found |');

    const dir = await mkdtemp(join(tmpdir(), 'readme-'));
    try {
      const readme = join(dir, 'README.md');
      await writeFile(readme, `# x\n\nbefore\n${README_START}\nold table\n${README_END}\nafter\n`);
      await rewriteReadmeBlock(readme, 'new table');
      expect(await readFile(readme, 'utf8')).toBe(
        `# x\n\nbefore\n${README_START}\nnew table\n${README_END}\nafter\n`,
      );
      await writeFile(readme, '# no markers\n');
      await expect(rewriteReadmeBlock(readme, 'x')).rejects.toThrow('markers');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('record the scores and say, run by run, which areas moved since', () => {
    const recorded = recordScores(
      [
        { title: 'lab emulator', version: '0.1.0', report: report() },
        { title: 'moto', version: '5.2.6', notRun: 'no Python' },
      ],
      '2026-12-07',
    );
    expect(recorded).toEqual({
      date: '2026-12-07',
      systems: { 'lab emulator': { version: '0.1.0', areas: { 'filter-patterns': '1/1', alarms: '1/2' } } },
    });
    const better = report();
    const moved = { ...better, areas: [better.areas[0]!, { ...better.areas[1]!, agreed: 2 }] };
    expect(
      compareWithRecord(
        [
          { title: 'lab emulator', version: '0.2.0', report: moved },
          { title: 'LocalStack community', version: '4.14.0', report: report() },
          { title: 'moto', version: '5.2.6', notRun: 'pip could not reach PyPI' },
        ],
        recorded,
      ),
    ).toEqual([
      'lab emulator: differs from 2026-12-07 (version 0.2.0, recorded 0.1.0): alarms 2/2 (recorded 1/2)',
      'LocalStack community: nothing recorded to compare with',
      'moto: not run (pip could not reach PyPI)',
    ]);
    // Only the commit in the emulator's version moved: not worth a word.
    expect(
      compareWithRecord([{ title: 'lab emulator', version: '0.1.0 (abc1234)', report: report() }], recorded),
    ).toEqual(['lab emulator: the scores recorded on 2026-12-07']);
  });
});
