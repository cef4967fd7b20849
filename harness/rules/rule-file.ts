import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { RuleFileError } from './errors.ts';
import { jsonErrorPosition, jsonErrorSummary, pointAt, yamlErrorPosition } from './parse-error-location.ts';
import type { RuleIssue } from './errors.ts';
import { describe, isRecord } from './untrusted-value.ts';
import type { BusinessHours } from './business-hours.ts';

/**
 * A user rule file (YAML or JSON) placed next to the built-in pack:
 *
 * ```yaml
 * parameters:
 *   businessHours: { window: "09:00-17:00", timeZone: Europe/Paris }
 * disable: [permission-denied]          # built-in rules to leave out
 * override:                              # fields of built-in rules to change
 *   root-token-used: { alarm: { threshold: 2 } }
 * rules:                                 # extra rules, same shape as the built-in ones
 *   - id: kv-secret-deleted
 *     filter: { pattern: '{ $.type = "response" && $.request.operation = "delete" && $.request.mount_type = "kv" }', metricName: KvDeleteCount }
 *     alarm: { threshold: 1 }
 * ```
 */
export interface RuleFile {
  readonly path: string;
  readonly parameters: { readonly businessHours?: BusinessHours };
  readonly disable: readonly string[];
  readonly override: Readonly<Record<string, Record<string, unknown>>>;
  /** Raw rule objects, validated with the rest of the rule set. */
  readonly rules: readonly unknown[];
  /** Problems with the file's top-level shape (rules themselves are validated later). */
  readonly issues: readonly RuleIssue[];
}

const FILE_KEYS = ['parameters', 'disable', 'override', 'rules'];

export async function loadRuleFile(path: string): Promise<RuleFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RuleFileError(
      `rules file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
      {
        cause: error,
      },
    );
  }
  return parseRuleFile(text, path);
}

export function parseRuleFile(text: string, path: string): RuleFile {
  let data: unknown;
  const json = extname(path).toLowerCase() === '.json';
  try {
    data = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof YAMLParseError)) throw error;
    const { at, summary } =
      error instanceof YAMLParseError
        ? yamlErrorPosition(text, error)
        : { at: jsonErrorPosition(text, error), summary: jsonErrorSummary(error.message) };
    throw new RuleFileError(
      `rules file ${path}: not valid ${json ? 'JSON' : 'YAML'}${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${summary}${at ? `\n${pointAt(text, at)}` : ''}`,
      { cause: error },
    );
  }
  if (data === null || data === undefined) data = {};
  if (!isRecord(data)) {
    throw new RuleFileError(
      `rules file ${path}: expected a mapping with 'rules' (and optionally parameters, disable, override), got ${describe(data)}`,
    );
  }
  const issues: RuleIssue[] = [];
  const issue = (field: string, message: string): void => {
    issues.push({ source: path, rule: '(file)', field, message });
  };
  for (const key of Object.keys(data)) {
    if (!FILE_KEYS.includes(key))
      issue(key, `unknown top-level field; expected one of ${FILE_KEYS.join(', ')}`);
  }
  const rules = data['rules'] ?? [];
  if (!Array.isArray(rules)) issue('rules', `expected a list of rules, got ${describe(rules)}`);
  const disable = data['disable'] ?? [];
  if (!Array.isArray(disable) || disable.some((d) => typeof d !== 'string')) {
    issue('disable', `expected a list of rule ids, got ${describe(disable)}`);
  }
  const override = data['override'] ?? {};
  if (!isRecord(override) || Object.values(override).some((v) => !isRecord(v))) {
    issue('override', `expected a mapping of rule id to the fields to change, got ${describe(override)}`);
  }
  const parameters = data['parameters'] ?? {};
  let businessHours: BusinessHours | undefined;
  if (!isRecord(parameters)) issue('parameters', `expected a mapping, got ${describe(parameters)}`);
  else {
    for (const key of Object.keys(parameters)) {
      if (key !== 'businessHours') issue(`parameters.${key}`, 'unknown parameter; expected businessHours');
    }
    const bh = parameters['businessHours'];
    if (bh !== undefined) {
      if (
        !isRecord(bh) ||
        typeof bh['window'] !== 'string' ||
        (bh['timeZone'] !== undefined && typeof bh['timeZone'] !== 'string')
      ) {
        issue(
          'parameters.businessHours',
          `expected { window: "HH:MM-HH:MM", timeZone: "UTC" }, got ${describe(bh)}`,
        );
      } else {
        businessHours = { window: bh['window'], timeZone: (bh['timeZone'] as string | undefined) ?? 'UTC' };
      }
    }
  }
  return {
    path,
    parameters: businessHours ? { businessHours } : {},
    disable: Array.isArray(disable) ? (disable as string[]) : [],
    override: isRecord(override) ? (override as Record<string, Record<string, unknown>>) : {},
    rules: Array.isArray(rules) ? rules : [],
    issues,
  };
}
