import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { FakeLogs } from '../../support/shipper-fake-logs.ts';
import { TEST_GROUP as G, TEST_STREAM as S, startTestShipper } from '../../support/shipper-harness.ts';
import { tempDir } from '../../support/shipper-temp.ts';

describe('shipper: globs', () => {
  it('follows every match with publish_multi_logs, one stream per file', async () => {
    const dir = await tempDir();
    const logs = new FakeLogs();
    await writeFile(path.join(dir, 'a.log'), 'from a\n');
    await writeFile(path.join(dir, 'b.log'), 'from b\n');
    await writeFile(path.join(dir, 'c.log.gz'), 'compressed\n');
    const { shipper } = await startTestShipper({
      dir,
      client: logs,
      file: path.join(dir, '*.log*'),
      entry: { publish_multi_logs: true, log_stream_name: 'lab' },
      options: { globIntervalMs: 50 },
    });
    await shipper.drain();
    const streams = [...(logs.groups.get(G)?.streams.keys() ?? [])].sort();
    expect(streams).toEqual([`lab_${dir.replace(/\//g, '_')}_a.log`, `lab_${dir.replace(/\//g, '_')}_b.log`]);
    await writeFile(path.join(dir, 'd.log'), 'from d\n');
    await waitFor(() => logs.groups.get(G)!.streams.size === 3, {
      description: 'the new match to be followed',
      timeoutMs: 5000,
    });
    await shipper.stop();
  });

  it('follows only the newest match without publish_multi_logs', async () => {
    const dir = await tempDir();
    const logs = new FakeLogs();
    await writeFile(path.join(dir, 'app-1.log'), 'old\n');
    const newer = path.join(dir, 'app-2.log');
    await writeFile(newer, 'new\n');
    await utimes(path.join(dir, 'app-1.log'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const { shipper } = await startTestShipper({ dir, client: logs, file: path.join(dir, 'app-*.log') });
    await shipper.drain();
    expect(logs.messages(G, S)).toEqual(['new']);
    await shipper.stop();
  });
});
