import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { resolveVaultBinary, VaultClient } from '../harness/vault/index.ts';
import { browserSkipReason, launchBrowser } from '../test/support/browser.ts';

/**
 * The playground under load, in a real browser: with 1,000 audit lines/s of background activity
 * (500 `token lookup-self` calls a second from a non-root token, which no rule matches), the time from
 * a Vault request to its entry on the page and to the alarm's state change on the page (the clock in
 * "fast" mode: it jumps to the next evaluation once new entries reach CloudWatch Logs), p50/p99; then
 * the page's JS heap and DOM size once it holds 100,000 entries and after 30,000 more (it keeps at most
 * 100,000). Times are wall clock, measured on the page by a MutationObserver.
 */
const LINES_PER_SECOND = 1_000;
const ENTRY_SAMPLES = 60;
const ALARM_SAMPLES = 20;
const MAX_IN_FLIGHT = 32;

interface Summary {
  vault: { address: string; rootToken: string };
  url: string;
}

const progress = (message: string): void => console.log(`  … ${message}`);

export async function run(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) {
    console.log(skip);
    return;
  }
  const binary = await resolveVaultBinary();
  const child = execa(process.execPath, ['bin/vault-alarm-lab.js', 'playground', '--json'], {
    cwd: new URL('../', import.meta.url).pathname,
    env: { VAULT_BIN: binary.path, VAULT_TOKEN: '', VAULT_ADDR: '' },
    reject: false,
    stderr: ['pipe', 'inherit'],
  });
  const browser = await launchBrowser();
  const load = new Load();
  try {
    const summary = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        void child.then((r) => reject(new Error(`playground exited (${r.exitCode}): ${String(r.stderr)}`)));
      }),
    ) as Summary;
    progress('the playground is up');
    const root = new VaultClient({ address: summary.vault.address, token: summary.vault.rootToken });
    const worker = await root.tokenCreate({ policies: ['default'], displayName: 'bench-load' });
    const page = await browser.newPage();
    page.on('crash', () => console.log('the page crashed'));
    page.setDefaultTimeout(60_000);
    await page.goto(summary.url);
    await page.getByText('live', { exact: true }).waitFor();
    // Record, on the page, when a probe's row and an alarm's state first show up.
    // The page's code runs in the browser: plain script text (this project compiles without DOM types).
    await page.evaluate(`(() => {
      const seen = (window.seen = {});
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[data-testid=audit-rows] .row .path')) {
          const path = row.textContent ?? '';
          if (path.includes('probe-') && !(path in seen)) seen[path] = Date.now();
        }
        const state = document.querySelector('[data-testid=state-root-auth-list-article]')?.textContent;
        if (state && seen['state:' + state] === undefined) seen['state:' + state] = Date.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    const seen = (): Promise<Record<string, number>> => page.evaluate('({ ...window.seen })');

    progress('the page is live; starting the background load and the entry probes');
    load.start(summary.vault.address, worker.token, LINES_PER_SECOND / 2);
    await page.getByTestId('audit-text-filter').fill('probe-');

    // Vault request → its entry on the page.
    const prober = root.withToken(worker.token);
    const entryLatencies: number[] = [];
    for (let i = 0; i < ENTRY_SAMPLES; i++) {
      const path = `cubbyhole/probe-${i}`;
      const sent = Date.now();
      await prober.read(path).catch(() => undefined);
      const at = await waitForKey(seen, path, 10_000);
      entryLatencies.push(at - sent);
      await sleep(100 + Math.random() * 100);
    }

    progress('alarm probes (clock in fast mode)');
    // Vault request → alarm state change on the page, with the clock in fast mode.
    await page.getByTestId('follow-wall-time').uncheck();
    await page.getByRole('tab', { name: 'Rules' }).click();
    const alarmLatencies: number[] = [];
    for (let i = 0; i < ALARM_SAMPLES; i++) {
      await page
        .getByTestId('state-root-auth-list-article')
        .getByText('OK', { exact: true })
        .waitFor({ timeout: 30_000 });
      await page.evaluate("delete window.seen['state:ALARM']");
      const sent = Date.now();
      await root.authList();
      const at = await waitForKey(seen, 'state:ALARM', 30_000);
      alarmLatencies.push(at - sent);
    }
    await page.getByTestId('follow-wall-time').check();
    const rate = load.rate();
    console.log(
      `background load: ${Math.round(rate * 2)} audit lines/s (target ${LINES_PER_SECOND}), ${load.errors} failed requests`,
    );
    console.log(
      `Vault request → entry on the page   ${percentiles(entryLatencies)}  (${ENTRY_SAMPLES} probes)`,
    );
    console.log(
      `Vault request → alarm on the page   ${percentiles(alarmLatencies)}  (${ALARM_SAMPLES} auth lists, fast clock)`,
    );

    // Memory with 100,000 entries on the page, and after 30,000 more.
    await page.getByRole('tab', { name: 'Audit stream' }).click();
    await page.getByTestId('audit-text-filter').fill('');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const kept = async (): Promise<number> =>
      Number((await page.getByTestId('audit-count').textContent())!.split(' of ')[1]!.replace(/\D/g, ''));
    const measure = async (label: string): Promise<void> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
      console.log(
        `page with ${(await kept()).toLocaleString('en')} entries kept (${label}): JS heap ${(metric('JSHeapUsedSize') / 2 ** 20).toFixed(1)} MiB, ${metric('Nodes')} DOM nodes`,
      );
    };
    await measure('before the fill');
    load.setRate(LINES_PER_SECOND);
    const fillStart = performance.now();
    const written = async (): Promise<number> =>
      Number(await page.getByTestId('count-written').textContent());
    while ((await written()) < 100_000) {
      await sleep(5_000);
      progress(`${await written()} audit lines written`);
    }
    await sleep(500);
    await measure(`100,000 written, ${Math.round((performance.now() - fillStart) / 1000)} s`);
    while ((await written()) < 130_000) await sleep(5_000);
    await sleep(500);
    await measure('130,000 written');
  } finally {
    load.stop();
    await browser.dispose();
    child.kill('SIGINT');
    await child;
  }
}

/**
 * Paced `token lookup-self` calls (two audit lines each); Node's fetch keeps its connections alive. At
 * most 32 in flight: when Vault cannot keep up, the rate drops (and is reported) instead of requests
 * piling up in this process.
 */
class Load {
  #timer: ReturnType<typeof setInterval> | undefined;
  #perSecond = 0;
  #sent = 0;
  #started = 0;
  errors = 0;
  #inFlight = 0;
  #address = '';
  #token = '';

  start(address: string, token: string, perSecond: number): void {
    this.#address = address;
    this.#token = token;
    this.#started = performance.now();
    this.setRate(perSecond);
    this.#timer = setInterval(() => this.#tick(), 10);
  }

  setRate(perSecond: number): void {
    this.#perSecond = perSecond;
    this.#sent = 0;
    this.#started = performance.now();
  }

  rate(): number {
    return this.#sent / ((performance.now() - this.#started) / 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #tick(): void {
    const due = Math.floor(((performance.now() - this.#started) / 1000) * this.#perSecond) - this.#sent;
    for (let i = 0; i < due && this.#inFlight < MAX_IN_FLIGHT; i++) {
      this.#sent++;
      this.#inFlight++;
      fetch(`${this.#address}/v1/auth/token/lookup-self`, { headers: { 'x-vault-token': this.#token } })
        .then((r) => r.arrayBuffer())
        .catch(() => this.errors++)
        .finally(() => this.#inFlight--);
    }
  }
}

async function waitForKey(
  read: () => Promise<Record<string, number>>,
  key: string,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = (await read())[key];
    if (at !== undefined) return at;
    if (Date.now() > deadline) throw new Error(`the page never showed ${key} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function percentiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return `p50 ${at(50)} ms, p99 ${at(99)} ms, max ${sorted.at(-1)} ms`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
