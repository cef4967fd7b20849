import { probeVaultBinary, resolveVaultBinary, startVault } from '../harness/vault/index.ts';
import type { VaultProgressEvent } from '../harness/vault/index.ts';

/**
 * Vault dev server lifecycle with a warm (already built) binary, process back-end:
 * - start to banner: spawn until the root token and unseal key are printed;
 * - start to ready: until /v1/sys/health says initialized and unsealed (what `startVault` waits for);
 * - start to audited: ready plus the file audit device enabled and its probe line in the file;
 * - stop: SIGTERM until the process is gone (and the temp lab dir removed).
 * Runs one after another (never in parallel: the machine is shared); prints median / p95 / min / max.
 */
const RUNS = Number(process.env['VAULT_BENCH_RUNS'] ?? 10);

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const f = (ms: number): string => `${ms.toFixed(0).padStart(5)} ms`;
  return `median ${f(at(0.5))}  p95 ${f(at(0.95))}  min ${f(sorted[0]!)}  max ${f(sorted.at(-1)!)}`;
}

export async function run(): Promise<void> {
  const resolveStarted = performance.now();
  const binary = await resolveVaultBinary();
  const resolveMs = performance.now() - resolveStarted;
  const probeStarted = performance.now();
  await probeVaultBinary(binary.path);
  const probeMs = performance.now() - probeStarted;

  const banner: number[] = [];
  const ready: number[] = [];
  const audited: number[] = [];
  const stop: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const events: { event: VaultProgressEvent; at: number }[] = [];
    const vault = await startVault({
      vaultBinary: binary.path,
      onProgress: (event) => events.push({ event, at: performance.now() - started }),
    });
    audited.push(performance.now() - started);
    const at = (phase: string, text: string): number =>
      events.find((e) => e.event.phase === phase && e.event.message.includes(text))!.at;
    banner.push(at('start', 'printed its banner'));
    ready.push(at('ready', 'Vault ready'));
    const stopStarted = performance.now();
    await vault.stop();
    stop.push(performance.now() - stopStarted);
  }

  console.log(`Vault ${binary.version} (${binary.source}: ${binary.path}), ${RUNS} runs, process back-end`);
  console.log(
    `  resolve binary (first call)  ${resolveMs.toFixed(0)} ms   \`vault version\` probe ${probeMs.toFixed(0)} ms`,
  );
  console.log(`  start to banner     ${stats(banner)}`);
  console.log(`  start to ready      ${stats(ready)}`);
  console.log(`  start to audited    ${stats(audited)}`);
  console.log(`  stop (SIGTERM)      ${stats(stop)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
