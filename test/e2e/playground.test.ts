import { request } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient } from '../../harness/vault/index.ts';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { testVaultBinary } from '../support/vault-server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}reports/playground`;
const ARTICLE_ALARMS = ['root-auth-list-article', 'root-auth-list', 'root-token-used'];

interface PlaygroundSummary {
  vault: { address: string; rootToken: string };
  aws: { endpoint: string };
  alarms: string[];
  url: string;
}

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

/** A raw HTTP request, so the test can send a Host header of its choosing (fetch cannot). */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe.skipIf(skipReason !== undefined)('vault-alarm-lab playground (real browser)', () => {
  let child: ResultPromise;
  let summary: PlaygroundSummary;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const base = (): string => summary.url.replace(/\?.*$/, '');
  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const tab = (name: string): Promise<void> => page.getByRole('tab', { name }).click();
  const ruleState = (rule: string) => page.getByTestId(`state-${rule}`);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    child = execa(process.execPath, ['bin/vault-alarm-lab.js', 'playground', '--json'], {
      cwd: ROOT,
      env: { VAULT_BIN: testVaultBinary(), VAULT_TOKEN: '', VAULT_ADDR: '' },
      reject: false,
      buffer: true,
    });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      void child.then((r) =>
        reject(new Error(`playground exited early (${r.exitCode}): ${String(r.stderr)}`)),
      );
    });
    summary = JSON.parse(first) as PlaygroundSummary;
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.dispose();
    child?.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
  });

  it('--json prints up --json’s keys plus the page URL with its secret, on 127.0.0.1', () => {
    expect(Object.keys(summary)).toEqual(['vault', 'aws', 'logGroup', 'topicArn', 'alarms', 'awsCli', 'url']);
    expect(summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?s=[\w-]{20,}$/);
  });

  it('refuses a foreign Host, a cross-origin POST and a request without the secret', async () => {
    const port = new URL(summary.url).port;
    const withSecret = await rawRequest(summary.url);
    expect(withSecret.status).toBe(303);
    const foreignHost = await rawRequest(summary.url, { headers: { host: `evil.example:${port}` } });
    expect(foreignHost.status).toBe(403);
    expect(foreignHost.body).toContain('not allowed');
    const noSecret = await rawRequest(`${base()}api/events`);
    expect(noSecret.status).toBe(401);
    const wrongSecret = await rawRequest(`${base()}?s=not-the-secret`);
    expect(wrongSecret.status).toBe(401);
    // Even with the page's cookie, another origin cannot drive the lab.
    const cookie = (await fetch(summary.url, { redirect: 'manual' })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    const crossOrigin = await rawRequest(`${base()}api/clock`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 60 }),
    });
    expect(crossOrigin.status).toBe(403);
    const formPost = await rawRequest(`${base()}api/clock`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'seconds=60',
    });
    expect(formPost.status).toBe(415);
    const page = await rawRequest(base(), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(summary.vault.rootToken);
  });

  it('runs root-auth-list-repeated from the Scenarios view: three alarms go to ALARM, three emails arrive', async () => {
    await page.goto(summary.url);
    await expect.poll(() => page.url()).not.toContain('s=');
    await page.getByText('live', { exact: true }).waitFor();
    await tab('Scenarios');
    await page.locator('tr[data-scenario="root-auth-list-repeated"] button').click();
    const verdict = page.getByTestId('verdict-root-auth-list-repeated');
    await verdict.getByText('pass', { exact: true }).waitFor({ timeout: 60_000 });
    await shot('scenarios');

    await tab('Rules');
    for (const alarm of ARTICLE_ALARMS) {
      await expect.poll(() => ruleState(alarm).textContent(), { timeout: 10_000 }).toBe('ALARM');
      await page.getByTestId(`timeline-${alarm}`).getByText('ALARM').first().waitFor();
    }
    expect(await ruleState('policy-changed').textContent()).not.toBe('ALARM');
    await shot('rules');

    await tab('SNS inbox');
    const emails = page.getByTestId('email');
    await expect.poll(() => emails.count(), { timeout: 10_000 }).toBe(3);
    const subjects = await page.locator('[data-testid=email] .subject').allTextContents();
    expect(subjects.sort()).toEqual(
      ARTICLE_ALARMS.map((a) => `ALARM: "${a}" in US East (N. Virginia)`).sort(),
    );
    await expect.poll(() => page.getByTestId('delivery').count()).toBe(3);
    expect(await page.getByTestId('deliveries').getByText('signature verified').count()).toBe(3);
    await shot('inbox');
  });

  it('tags matching audit entries with their rules; HMAC’d values are marked', async () => {
    await tab('Audit stream');
    await page.getByTestId('audit-rule-filter').selectOption('root-auth-list-article');
    // The five responses of the scenario's `auth list`s; their requests match root-token-used only.
    const rows = page.locator('[data-testid=audit-rows] .row');
    await expect.poll(() => rows.count()).toBe(5);
    for (const row of await rows.all()) {
      expect(await row.locator('.path').textContent()).toBe('sys/auth');
      expect(await row.locator('.type').textContent()).toBe('response');
      expect(await row.locator('.tag').allTextContents()).toEqual([
        'root-auth-list-article',
        'root-auth-list',
      ]);
    }
    await page.getByTestId('audit-rule-filter').selectOption('root-token-used');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    for (const row of await rows.all()) expect(await row.locator('.type').textContent()).toBe('request');
    await page.getByTestId('audit-rule-filter').selectOption('root-auth-list-article');
    await rows.first().click();
    await page.getByTestId('audit-detail').locator('pre .hmac').first().waitFor();
    await shot('audit');
    await page.getByTestId('audit-rule-filter').selectOption('');
  });

  it('moves the alarms with the clock, and shows activity from outside the page without a reload', async () => {
    await tab('Rules');
    // Alarms go back to OK once an evaluation sees a minute without matches.
    await page.getByTestId('advance-5').click();
    for (const alarm of ARTICLE_ALARMS) {
      await expect.poll(() => ruleState(alarm).textContent(), { timeout: 10_000 }).toBe('OK');
    }

    // `vault auth list` as root from outside the page: the dev root token, straight to Vault.
    await tab('Audit stream');
    await page.getByTestId('audit-text-filter').fill('sys/auth');
    const shown = async (): Promise<number> =>
      Number((await page.getByTestId('audit-count').textContent())!.split(' ')[0]!.replace(/,/g, ''));
    const before = await shown();
    await new VaultClient({ address: summary.vault.address, token: summary.vault.rootToken }).authList();
    // Its request and response entries, newest on top.
    await expect.poll(shown, { timeout: 5_000 }).toBe(before + 2);
    const newest = page.locator('[data-testid=audit-rows] .row').first();
    expect(await newest.locator('.type').textContent()).toBe('response');
    expect(await newest.locator('.tag').allTextContents()).toEqual([
      'root-auth-list-article',
      'root-auth-list',
    ]);
    await page.getByTestId('audit-text-filter').fill('');

    await tab('Rules');
    expect(await ruleState('root-auth-list-article').textContent()).toBe('OK');
    // Wait until both entries reached CloudWatch Logs and matched (15 matches came from the scenario:
    // five responses for two rules, five requests for one) before moving the clock past their minute.
    await expect.poll(async () => Number(await page.getByTestId('count-matches').textContent())).toBe(18);
    await page.getByTestId('advance-next').click();
    for (const alarm of ARTICLE_ALARMS) {
      await expect.poll(() => ruleState(alarm).textContent(), { timeout: 10_000 }).toBe('ALARM');
    }
    await shot('external-activity');
  });

  it('the workbench shows a caret under a broken pattern and the right matches for a valid one', async () => {
    await tab('Pattern workbench');
    const input = page.getByTestId('wb-pattern');
    await input.fill('{ $.type = }');
    const error = page.getByTestId('wb-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Invalid filter pattern at position 11');
    expect(await error.textContent()).toMatch(/\n {2}\{ \$\.type = \}\n {13}\^/);
    await shot('workbench-error');

    await input.fill(
      '{ $.type = "response" && $.request.path = "sys/auth" && $.auth.display_name = "root" }',
    );
    await expect.poll(() => page.getByTestId('wb-error').isHidden()).toBe(true);
    const matches = page.locator('[data-testid=wb-matches] li');
    // Five from the scenario, one from outside the page.
    await expect.poll(() => matches.count()).toBe(6);
    for (const text of await matches.allTextContents())
      expect(text).toMatch(/^\+1 .* response read sys\/auth root$/);
    expect(await page.getByTestId('wb-summary').textContent()).toContain('would publish 6');

    // Bad input gets a clear error on the page, and the lab goes on.
    await page.getByTestId('wb-rule-id').fill('Not Kebab');
    await page.getByTestId('wb-add').click();
    await page.locator('#problems').getByText("rule 'Not Kebab' field 'id': expected kebab-case").waitFor();

    await page.getByTestId('wb-rule-id').fill('root-auth-list-workbench');
    await page.getByTestId('wb-add').click();
    await tab('Rules');
    await page.locator('article[data-rule="root-auth-list-workbench"]').waitFor();
    await tab('Pattern workbench');
    await page.getByTestId('wb-format').selectOption('terraform');
    await page.getByTestId('wb-export-button').click();
    await expect
      .poll(() => page.getByTestId('wb-export').textContent())
      .toContain('root-auth-list-workbench');
    await shot('workbench');
  });

  it('with "follow wall time" off, an alarm answers a Vault request by itself; a stage shows what passed last', async () => {
    await tab('Rules');
    await page.getByTestId('advance-5').click();
    await expect
      .poll(() => ruleState('root-auth-list-article').textContent(), { timeout: 10_000 })
      .toBe('OK');
    await page.getByTestId('follow-wall-time').uncheck();
    try {
      await new VaultClient({ address: summary.vault.address, token: summary.vault.rootToken }).authList();
      // No button: the lab jumps to the next evaluation once the entries reach CloudWatch Logs.
      await expect
        .poll(() => ruleState('root-auth-list-article').textContent(), { timeout: 10_000 })
        .toBe('ALARM');
    } finally {
      await page.getByTestId('follow-wall-time').check();
    }
    await page.locator('[data-stage=matches]').click();
    const detail = page.getByTestId('stage-detail');
    await expect.poll(() => detail.textContent()).toContain('matches per metric filter:');
    expect(await detail.textContent()).toMatch(/root-auth-list-article: 7\b/);
    await shot('pipeline-detail');
  });
});
