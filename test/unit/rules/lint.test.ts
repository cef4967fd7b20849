import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import {
  buildRuleSet,
  checkFilterPattern,
  lintRuleSet,
  parseRuleFile,
} from '../../../harness/rules/index.ts';
import type { LintFinding, LintId, LintReport } from '../../../harness/rules/index.ts';
import { auditFieldPaths } from '../../../harness/rules/lint/index.ts';
import { fieldsModule, FIELDS_MODULE, recordedLines } from '../../../scripts/generate-audit-fields.ts';
import { readFile } from 'node:fs/promises';
import { captureIo } from '../../support/cli-io.ts';

const AT = Date.parse('2026-03-02T12:00:00Z');

/** Lints one user rule (YAML fragment of a `rules:` item) on its own, without the built-in pack. */
function lintOne(rule: Record<string, unknown>): LintFinding[] {
  const file = parseRuleFile(JSON.stringify({ rules: [{ id: 'under-test', ...rule }] }), 'rules.json');
  const set = buildRuleSet({
    userFile: file,
    withoutBuiltins: true,
    at: AT,
    checkPattern: checkFilterPattern,
  });
  return lintRuleSet(set).findings as LintFinding[];
}

const ids = (findings: readonly LintFinding[]): LintId[] => findings.map((f) => f.id);

const filter = (pattern: string, extra: Record<string, unknown> = {}) => ({
  filter: { pattern, metricName: 'UnderTest', ...extra },
});

/** Each finding: a rule written to trigger it, and its corrected form, which must be clean. */
const cases: {
  id: LintId;
  severity: 'error' | 'warning';
  bad: Record<string, unknown>;
  fixed: Record<string, unknown>;
  part?: string;
}[] = [
  {
    id: 'double-count',
    severity: 'warning',
    bad: filter('{ $.request.path = "sys/auth" && $.request.operation = "read" }'),
    fixed: filter('{ $.type = "response" && $.request.path = "sys/auth" && $.request.operation = "read" }'),
    part: '{',
  },
  {
    id: 'hmac-compare',
    severity: 'error',
    bad: filter(
      '{ $.type = "response" && $.request.path = "sys/auth/*" && $.request.data.type = "userpass" }',
    ),
    fixed: filter(
      '{ $.type = "response" && $.request.path = "sys/auth/*" && $.request.data.type = "hmac-sha256:*" }',
    ),
    part: '$.request.data.type = "userpass"',
  },
  {
    id: 'display-name-root',
    severity: 'warning',
    bad: filter('{ $.type = "response" && $.request.path = "sys/auth" && $.auth.display_name = "root" }'),
    fixed: filter('{ $.type = "response" && $.request.path = "sys/auth" && $.auth.policies[0] = "root" }'),
    part: '$.auth.display_name = "root"',
  },
  {
    id: 'unknown-field',
    severity: 'error',
    bad: filter('{ $.type = "response" && $.request.display_name = "alice" }'),
    fixed: filter('{ $.type = "response" && $.auth.display_name = "alice" }'),
    part: '$.request.display_name',
  },
  {
    id: 'alarm-never-fires',
    severity: 'error',
    bad: {
      ...filter('{ $.type = "request" && $.request.path = "sys/seal" }'),
      alarm: { statistic: 'Maximum', threshold: 2 },
    },
    fixed: {
      ...filter('{ $.type = "request" && $.request.path = "sys/seal" }'),
      alarm: { statistic: 'Sum', threshold: 2 },
    },
  },
  {
    id: 'alarm-never-recovers',
    severity: 'error',
    bad: {
      ...filter('{ $.type = "request" && $.request.path = "sys/seal" }'),
      alarm: { treatMissingData: 'breaching' },
    },
    fixed: {
      ...filter('{ $.type = "request" && $.request.path = "sys/seal" }'),
      alarm: { treatMissingData: 'notBreaching' },
    },
  },
  {
    id: 'limit-regex',
    severity: 'warning',
    bad: filter('{ $.type = "response" && $.request.path = %^sys/auth% && $.error = %denied% }'),
    fixed: filter('{ $.type = "response" && $.request.path = "sys/auth*" && $.error = %denied% }'),
  },
  {
    id: 'limit-wildcards',
    severity: 'warning',
    bad: filter(
      '{ $.type = "response" && ($.auth.policies[*] = "root" || $.auth.token_policies[*] = "root" || $.response.auth.policies[*] = "root") }',
    ),
    fixed: filter(
      '{ $.type = "response" && ($.auth.policies[0] = "root" || $.auth.token_policies[0] = "root" || $.response.auth.policies[0] = "root") }',
    ),
    part: '$.auth.policies[*]',
  },
  {
    id: 'limit-length',
    severity: 'warning',
    bad: filter(
      `{ $.type = "response" && (${Array.from({ length: 21 }, (_, i) => `$.request.path = "secret/data/team-${String(i).padStart(2, '0')}/*"`).join(' || ')}) }`,
    ),
    fixed: filter('{ $.type = "response" && $.request.path = "secret/data/team-*" }'),
  },
];

describe('rules lint', () => {
  for (const c of cases) {
    it(`${c.id}: reported on a rule written to trigger it, with the part and what to write instead`, () => {
      const findings = lintOne(c.bad);
      const finding = findings.find((f) => f.id === c.id);
      expect(finding, JSON.stringify(ids(findings))).toBeDefined();
      expect(finding!.severity).toBe(c.severity);
      expect(finding!.ruleId).toBe('under-test');
      expect(finding!.suggestion.length).toBeGreaterThan(10);
      if (c.part !== undefined) {
        expect(finding!.part!.text).toBe(c.part);
        const [patternLine, caretLine] = finding!.caret!.split('\n');
        expect(patternLine!.slice(caretLine!.indexOf('^'), caretLine!.lastIndexOf('^') + 1)).toBe(c.part);
      }
    });
    it(`${c.id}: nothing on the corrected form`, () => {
      expect(ids(lintOne(c.fixed))).toEqual([]);
    });
  }

  it('suggests the closest real field for a misspelt selector', () => {
    const [finding] = lintOne(filter('{ $.type = "response" && $.request.opertion = "read" }'));
    expect(finding!.suggestion).toContain('$.request.operation');
  });

  it('finds the built-in pack clean except the article’s rule, whose flaw is marked accepted', () => {
    const report = lintRuleSet(buildRuleSet({ at: AT, checkPattern: checkFilterPattern }));
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(0);
    expect(report.findings.map((f) => [f.ruleId, f.id, f.accepted !== undefined])).toEqual([
      ['root-auth-list-article', 'display-name-root', true],
    ]);
  });

  it('checks selectors against the fields recorded from the real Vault 1.14.0 binary', async () => {
    // The generated list must be what the recorded fixtures hold today.
    expect(await readFile(FIELDS_MODULE, 'utf8')).toBe(fieldsModule(auditFieldPaths(await recordedLines())));
  });

  describe('on the command line', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lint-test-'));
      await writeFile(
        join(dir, 'team.yaml'),
        [
          'rules:',
          '  - id: userpass-enabled',
          '    filter:',
          `      pattern: '{ $.type = "response" && $.request.data.type = "userpass" }'`,
          '      metricName: UserpassEnabled',
          '  - id: auth-list-any',
          '    filter:',
          `      pattern: '{ $.request.path = "sys/auth" }'`,
          '      metricName: AuthListAny',
        ].join('\n'),
      );
      await writeFile(
        join(dir, 'warn-only.yaml'),
        [
          'rules:',
          '  - id: auth-list-any',
          '    filter:',
          `      pattern: '{ $.request.path = "sys/auth" }'`,
          '      metricName: AuthListAny',
        ].join('\n'),
      );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('prints findings[] as JSON and exits 1 when one is an error', async () => {
      const io = captureIo({ cwd: dir });
      expect(await main(['rules', 'lint', '--rules', 'team.yaml', '--json'], io)).toBe(1);
      const report = JSON.parse(io.stdoutText()) as LintReport;
      expect(
        report.findings.filter((f) => f.accepted === undefined).map((f) => [f.ruleId, f.id, f.severity]),
      ).toEqual([
        ['userpass-enabled', 'hmac-compare', 'error'],
        ['auth-list-any', 'double-count', 'warning'],
      ]);
      expect(report.findings[0]).toMatchObject({
        id: expect.any(String),
        severity: expect.any(String),
        ruleId: expect.any(String),
        message: expect.any(String),
      });
    });

    it('exits 0 with warnings only, and shows the caret on a terminal report', async () => {
      const io = captureIo({ cwd: dir });
      expect(await main(['rules', 'lint', '--rules', 'warn-only.yaml'], io)).toBe(0);
      expect(io.stdoutText()).toContain('warning double-count in auth-list-any');
      expect(io.stdoutText()).toContain('0 errors, 1 warning, 1 accepted');
    });

    it('warns (without failing) when export uses rules with findings', async () => {
      const io = captureIo({ cwd: dir });
      expect(await main(['export', '--format', 'cli', '--rules', 'team.yaml'], io)).toBe(0);
      expect(io.stderrText()).toContain('lint error hmac-compare in userpass-enabled');
      expect(io.stderrText()).not.toContain('root-auth-list-article');
    });
  });
});
