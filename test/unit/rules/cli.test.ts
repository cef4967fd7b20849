import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../../../harness/cli.ts';
import { parseSubscription } from '../../../harness/cli/commands/rules.ts';
import { captureIo } from '../../support/cli-io.ts';

describe('vault-alarm-lab rules list', () => {
  it('lists the ten built-in rules with their rationale and pattern', async () => {
    const io = captureIo();
    expect(await main(['rules', 'list'], io)).toBe(0);
    const text = io.stdoutText();
    expect(text).toContain('root-auth-list-article  RootAuthListCount Sum >= 1 per 60s');
    expect(text).toContain('why: Kept verbatim as the baseline');
    expect(text).toMatch(/10 rules\n$/);
  });

  it('includes a user rule file and names its source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'val-cli-'));
    writeFileSync(
      join(dir, 'team.yaml'),
      'rules:\n  - id: kv-delete\n    filter: { pattern: \'{ $.request.operation = "delete" }\', metricName: KvDelete }\n',
    );
    const io = captureIo({ cwd: dir });
    expect(await main(['rules', 'list', '--rules', 'team.yaml', '--json'], io)).toBe(0);
    const rules = JSON.parse(io.stdoutText()) as Array<{ id: string; source: string }>;
    expect(rules.at(-1)).toMatchObject({ id: 'kv-delete', source: join(dir, 'team.yaml') });
  });

  it('says which built-in rules the file disabled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'val-cli-'));
    writeFileSync(join(dir, 'team.yaml'), 'disable: [permission-denied, vault-sealed]\n');
    const io = captureIo({ cwd: dir });
    expect(await main(['rules', 'list', '--rules', 'team.yaml'], io)).toBe(0);
    const text = io.stdoutText();
    expect(text).toContain(`permission-denied  disabled  [by ${join(dir, 'team.yaml')}]\n`);
    expect(text).toMatch(/\n8 rules; 2 built-in rules disabled \(permission-denied, vault-sealed\)\n$/);
  });

  it('exits 1 with every problem of an invalid rule file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'val-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  - id: Bad\n    filter: { pattern: "", metricName: X }\n');
    const io = captureIo({ cwd: dir });
    expect(await main(['rules', 'list', '--rules', 'bad.yaml'], io)).toBe(3);
    expect(io.stderrText()).toContain("rule 'Bad' field 'id'");
    expect(io.stderrText()).toContain("rule 'Bad' field 'filter.pattern'");
  });
});

describe('filter pattern mistakes', () => {
  it("suggests '=' for '==' in pattern check, in its JSON, and in a rule file", async () => {
    const io = captureIo();
    expect(await main(['pattern', 'check', '-p', '{ $.type == "request" }'], io)).toBe(2);
    // AWS's reading stays the error; the suggestion follows it.
    expect(io.stderrText()).toContain(`'=' must be quoted`);
    expect(io.stderrText()).toContain(
      "\nhint: did you mean '='? Filter patterns compare with a single '=' ('!=' for not equal); there is no '=='\n",
    );
    const json = captureIo();
    expect(await main(['pattern', 'check', '-p', '{ $.type !== "request" }', '--json'], json)).toBe(2);
    expect(JSON.parse(json.stdoutText())).toMatchObject({
      valid: false,
      hint: "hint: did you mean '!='? There is no '!=='",
    });

    const dir = mkdtempSync(join(tmpdir(), 'val-cli-'));
    writeFileSync(
      join(dir, 'team.yaml'),
      'rules:\n  - id: kv-delete\n    filter: { pattern: \'{ $.request.operation == "delete" }\', metricName: KvDelete }\n',
    );
    const rules = captureIo({ cwd: dir });
    expect(await main(['rules', 'list', '--rules', 'team.yaml'], rules)).toBe(3);
    expect(rules.stderrText()).toContain("rule 'kv-delete' field 'filter.pattern'");
    expect(rules.stderrText()).toContain("hint: did you mean '='?");
  });

  it('pattern check --help describes its own option', async () => {
    const io = captureIo();
    expect(await main(['pattern', 'check', '--help'], io)).toBe(0);
    expect(io.stdoutText()).toContain('The filter pattern to check');
    expect(io.stdoutText()).not.toContain('to test');
  });
});

describe('vault-alarm-lab export', () => {
  it('writes each format, to stdout or a file', async () => {
    for (const format of ['cli', 'cloudformation', 'terraform']) {
      const io = captureIo();
      expect(await main(['export', '--format', format], io), format).toBe(0);
      expect(io.stdoutText()).toContain('root-token-used');
    }
    const dir = mkdtempSync(join(tmpdir(), 'val-cli-'));
    const io = captureIo({ cwd: dir });
    expect(await main(['export', '--format', 'terraform', '--prefix', 'prod-', '-o', 'rules.tf'], io)).toBe(
      0,
    );
    expect(readFileSync(join(dir, 'rules.tf'), 'utf8')).toMatch(/alarm_name\s+= "prod-root-token-used"/);
  });

  it('writes a CloudFormation template in YAML for -o *.yaml, and picks the format from the file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'val-cli-'));
    const io = captureIo({ cwd: dir });
    expect(await main(['export', '--format', 'cloudformation', '-o', 'cfn.yaml'], io)).toBe(0);
    const text = readFileSync(join(dir, 'cfn.yaml'), 'utf8');
    expect(text).not.toMatch(/^\s*\{/);
    // YAML 1.1 (CloudFormation's) would read an unquoted 2010-09-09 as a timestamp.
    expect(text).toContain('AWSTemplateFormatVersion: "2010-09-09"\n');
    expect(text).not.toMatch(/[&*]a\d/);
    const json = captureIo();
    expect(await main(['export', '--format', 'cloudformation'], json)).toBe(0);
    expect(parseYaml(text)).toEqual(JSON.parse(json.stdoutText()));

    // Without --format, the extension says which.
    expect(await main(['export', '-o', 'cfn.yml'], captureIo({ cwd: dir }))).toBe(0);
    expect(parseYaml(readFileSync(join(dir, 'cfn.yml'), 'utf8'))).toEqual(parseYaml(text));
    expect(await main(['export', '-o', 'rules.tf'], captureIo({ cwd: dir }))).toBe(0);
    expect(readFileSync(join(dir, 'rules.tf'), 'utf8')).toContain('provider "aws" {');
  });

  it('refuses an unknown format as a usage error (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['export', '--format', 'pulumi'], io)).toBe(2);
    expect(io.stderrText()).toContain(
      "--format: expected one of cli, cloudformation, terraform, got 'pulumi'",
    );
  });
});

describe('--subscribe specs', () => {
  it('parses endpoints and queues and refuses anything else', () => {
    expect(parseSubscription('https://hooks.example.com/sns')).toEqual({
      protocol: 'https',
      endpoint: 'https://hooks.example.com/sns',
    });
    expect(parseSubscription('sqs:alerts')).toEqual({ protocol: 'sqs', queueName: 'alerts' });
    expect(parseSubscription('email:oncall@example.com')).toEqual({
      protocol: 'email',
      endpoint: 'oncall@example.com',
    });
    expect(() => parseSubscription('slack:#ops')).toThrow(
      /expected https:\/\/\.\.\., http:\/\/\.\.\., email:ADDRESS or sqs:QUEUE_NAME/,
    );
  });
});
