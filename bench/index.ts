/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or those whose name contains one of the
 * arguments: `npm run bench -- shipper vault`) and prints their figures. Benchmarks measure; they
 * never pass or fail on a number.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';

interface BenchModule {
  run(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(here))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}

console.log(
  `vault-alarm-lab benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
);
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}`);
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    await module.run();
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.error(
      `benchmark ${file} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
process.exitCode = failed > 0 ? 1 : 0;
