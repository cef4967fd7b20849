import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuleSet } from '../../../harness/rules/rule-set.ts';
import { desiredState } from '../../../harness/rules/provision/desired-state.ts';
import { exportRules } from '../../../harness/rules/export/index.ts';
import { hcl } from '../../../harness/rules/export/terraform.ts';
import { q } from '../../../harness/rules/export/cli-script.ts';

const desired = desiredState(buildRuleSet({ at: Date.UTC(2024, 0, 15, 12), prefix: 'team-' }));

function tool(name: string, args: string[]): boolean {
  const probe = spawnSync(name, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log(`skipping the ${name} check: '${name} ${args.join(' ')}' is not available here`);
    return false;
  }
  return true;
}

describe('exporters', () => {
  it('writes a bash script that bash parses, quoting patterns safely', () => {
    const script = exportRules(desired, 'cli', 'test');
    const dir = mkdtempSync(join(tmpdir(), 'val-export-'));
    writeFileSync(join(dir, 'rules.sh'), script);
    execFileSync('bash', ['-n', join(dir, 'rules.sh')]);
    expect(script).toContain("--filter-name 'team-root-auth-list-article'");
    expect(script).toContain(
      `--filter-pattern '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}'`,
    );
    expect(script.match(/put-metric-alarm/g)).toHaveLength(10);
    // The script's shell quoting round-trips every pattern byte for byte.
    for (const f of desired.metricFilters) {
      expect(execFileSync('bash', ['-c', `printf %s ${q(f.filterPattern)}`], { encoding: 'utf8' })).toBe(
        f.filterPattern,
      );
    }
  });

  it('writes a CloudFormation template with one filter and one alarm per rule', () => {
    const template = JSON.parse(exportRules(desired, 'cloudformation', 'test')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::Logs::MetricFilter')).toHaveLength(10);
    expect(types.filter((t) => t === 'AWS::CloudWatch::Alarm')).toHaveLength(10);
    expect(template.Resources['RootTokenUsedAlarm']!.Properties).toMatchObject({
      AlarmName: 'team-root-token-used',
      AlarmActions: [{ Ref: 'TeamVaultAuditAlarmsTopic' }],
      Threshold: 1,
    });
    const dir = mkdtempSync(join(tmpdir(), 'val-cfn-'));
    writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
    if (tool('cfn-lint', ['--version'])) {
      const lint = spawnSync('cfn-lint', [join(dir, 'template.json')], { encoding: 'utf8' });
      expect(lint.stdout + lint.stderr).toBe('');
      expect(lint.status).toBe(0);
    }
  });

  it('writes Terraform that terraform fmt accepts as already formatted HCL', () => {
    const tf = exportRules(desired, 'terraform', 'test');
    expect(tf.match(/resource "aws_cloudwatch_metric_alarm"/g)).toHaveLength(10);
    expect(tf).toContain('pattern        = "{$.auth.display_name = \\"root\\" && $.request.path');
    if (tool('terraform', ['version'])) {
      const dir = mkdtempSync(join(tmpdir(), 'val-tf-'));
      writeFileSync(join(dir, 'main.tf'), tf);
      const fmt = spawnSync('terraform', ['fmt', '-check', '-diff', dir], { encoding: 'utf8' });
      expect(fmt.stdout).toBe('');
      expect(fmt.status).toBe(0);
    }
  });

  it('writes a Terraform configuration with the AWS provider and the log group option', () => {
    const tf = exportRules(desired, 'terraform', 'test', { region: 'us-east-2' });
    expect(tf).toContain('provider "aws" {\n  region = var.region\n}');
    expect(tf).toMatch(/variable "region" \{[^}]*default\s+= "us-east-2"/);
    expect(tf).toMatch(/source\s+= "hashicorp\/aws"/);
    // As the CLI script creates a missing group and the template has CreateLogGroup.
    expect(tf).toMatch(/variable "create_log_group" \{[^}]*type\s+= bool/);
    expect(tf).toContain(
      'resource "aws_cloudwatch_log_group" "audit" {\n  count = var.create_log_group ? 1 : 0',
    );
    expect(tf.match(/log_group_name = local\.log_group_name/g)).toHaveLength(10);
  });

  it('writes the CloudFormation template as YAML that cfn-lint accepts', () => {
    const yaml = exportRules(desired, 'cloudformation', 'test', { syntax: 'yaml' });
    expect(yaml.startsWith('# test\nAWSTemplateFormatVersion: "2010-09-09"\n')).toBe(true);
    if (tool('cfn-lint', ['--version'])) {
      const dir = mkdtempSync(join(tmpdir(), 'val-cfn-'));
      writeFileSync(join(dir, 'template.yaml'), yaml);
      const lint = spawnSync('cfn-lint', [join(dir, 'template.yaml')], { encoding: 'utf8' });
      expect(lint.stdout + lint.stderr).toBe('');
      expect(lint.status).toBe(0);
    }
  });

  it('escapes HCL template sequences and quotes', () => {
    expect(hcl('a "b" \\ ${x} %{y} $.z')).toBe('"a \\"b\\" \\\\ $${x} %%{y} $.z"');
  });
});
