import { resolveVaultBinary } from '../harness/vault/index.ts';
import { loadScenarios } from '../harness/runner/load-scenarios.ts';
import { formatDuration } from '../harness/runner/report/format.ts';
import { runSuite } from '../harness/runner/suite.ts';

/**
 * The full built-in suite on the local target with a warm Vault binary: total wall time, lab-up time,
 * and per-scenario wall and lab times (the lab clock is advanced, so minutes of alarm evaluation cost
 * milliseconds of real time).
 */
export async function run(): Promise<void> {
  const binary = await resolveVaultBinary();
  process.env['VAULT_BIN'] = binary.path;
  const scenarios = await loadScenarios();
  const started = performance.now();
  let labUpMs = 0;
  const report = await runSuite({
    target: 'local',
    scenarios,
    onProgress: (event) => {
      if (event.type === 'scenario-start' && event.index === 0) labUpMs = performance.now() - started;
    },
  });
  const total = performance.now() - started;
  console.log(
    `suite (local target, warm Vault binary ${binary.source}): ${report.scenarios.length} scenarios, ${report.state}`,
  );
  console.log(`  total wall time            ${formatDuration(total)}`);
  console.log(`  lab up (Vault, emulator, shipper, rules, first settle) ${formatDuration(labUpMs)}`);
  console.log(`  lab clock advanced         ${formatDuration(report.labAdvancedMs)}`);
  const width = Math.max(...report.scenarios.map((s) => s.name.length));
  console.log(`  ${'scenario'.padEnd(width)}  wall      latency lab / wall`);
  for (const s of report.scenarios) {
    const latency = s.latency
      ? `${formatDuration(s.latency.labMs)} / ${formatDuration(s.latency.wallMs)}`
      : '-';
    console.log(
      `  ${s.name.padEnd(width)}  ${formatDuration(s.durationMs).padEnd(8)}  ${latency}  ${s.state === 'success' ? '' : s.state}`,
    );
  }
  const walls = report.scenarios.map((s) => s.durationMs).sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)] ?? 0;
  console.log(`  per scenario: median ${formatDuration(median)}, max ${formatDuration(walls.at(-1) ?? 0)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
