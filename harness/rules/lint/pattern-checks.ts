import {
  MAX_PATTERN_LENGTH,
  MAX_REGEX_PER_PATTERN,
  MAX_WILDCARD_SELECTORS_PER_PATTERN,
  parseFilterPattern,
} from '../../filter-pattern/index.ts';
import type { FilterPatternAst } from '../../filter-pattern/index.ts';
import type { Rule } from '../rule.ts';
import { atPart } from './finding.ts';
import type { LintFinding } from './finding.ts';
import { fieldPath, jsonConditions, regexCount, restrictsEntryType } from './pattern-walk.ts';
import { closestField, isHmacField, isKnownField, isTokenField } from './vault-fields.ts';

/** Patterns longer than this share of the 1024-character limit leave little room to grow. */
const LENGTH_WARNING_SHARE = 0.9;

/** The findings about a rule's filter pattern (the rule set has already checked that it parses). */
export function patternFindings(rule: Rule): LintFinding[] {
  const pattern = rule.filter.pattern;
  const ast = parseFilterPattern(pattern);
  return [
    ...doubleCount(rule, ast),
    ...hmacCompare(rule, ast),
    ...displayNameRoot(rule, ast),
    ...unknownFields(rule, ast),
    ...limits(rule, ast),
  ];
}

function doubleCount(rule: Rule, ast: FilterPatternAst): LintFinding[] {
  const pattern = rule.filter.pattern;
  if (ast.type === 'JsonPattern' && restrictsEntryType(ast.expression)) return [];
  const json = ast.type === 'JsonPattern';
  return [
    {
      id: 'double-count',
      severity: 'warning',
      ruleId: rule.id,
      message: json
        ? 'no $.type test: Vault writes a request and a response entry for each call, and both match this pattern when both carry the fields it tests, so every call counts twice'
        : 'a text pattern matches the request and the response entry of a Vault call alike, so every call counts twice',
      suggestion: json
        ? `add $.type = "response" (or "request" for calls with no response entry, such as sys/seal): ${withTypeTest(pattern)}`
        : 'write a JSON pattern with a $.type test, e.g. { $.type = "response" && $.request.path = "sys/auth" }',
      ...atPart(pattern, ast.start, Math.min(ast.end, ast.start + 1)),
    },
  ];
}

function withTypeTest(pattern: string): string {
  const open = pattern.indexOf('{');
  return `${pattern.slice(0, open + 1)} $.type = "response" &&${pattern.slice(open + 1).replace(/^\s*/, ' ')}`;
}

function hmacCompare(rule: Rule, ast: FilterPatternAst): LintFinding[] {
  const pattern = rule.filter.pattern;
  const out: LintFinding[] = [];
  for (const c of jsonConditions(ast)) {
    if (c.type !== 'Comparison') continue;
    const path = fieldPath(c.selector);
    if (!isHmacField(path)) continue;
    const v = c.value;
    const clear =
      (v.type === 'String' && !v.literal.startsWith('hmac-sha256:') && v.literal !== '') ||
      (v.type === 'Regex' && !v.source.includes('hmac'));
    if (!clear) continue;
    const token = isTokenField(path);
    out.push({
      id: 'hmac-compare',
      severity: 'error',
      ruleId: rule.id,
      message: `Vault HMACs $.${path} in its audit entries (hmac-sha256:<64 hex>, salted per audit device), so comparing it with the clear value ${pattern.slice(v.start, v.end)} can never match`,
      suggestion: token
        ? 'a token cannot be matched in clear: test who holds it ($.auth.policies[0], $.auth.display_name, $.auth.entity_id), or = "hmac-sha256:*" to require that a token is present'
        : 'match on the plain fields ($.request.path, $.request.operation, $.auth.*, $.response.auth.*), or compare with the device’s HMAC of the value (POST sys/audit-hash/<device> {"input":"…"}; it changes whenever the device is enabled again)',
      ...atPart(pattern, c.start, c.end),
    });
  }
  return out;
}

function displayNameRoot(rule: Rule, ast: FilterPatternAst): LintFinding[] {
  const pattern = rule.filter.pattern;
  return jsonConditions(ast)
    .filter(
      (c) =>
        c.type === 'Comparison' &&
        fieldPath(c.selector) === 'auth.display_name' &&
        c.operator === '=' &&
        c.value.type === 'String' &&
        c.value.literal === 'root',
    )
    .map((c) => ({
      id: 'display-name-root' as const,
      severity: 'warning' as const,
      ruleId: rule.id,
      message:
        'display_name is "root" only for the token of vault operator init or generate-root: a root token minted with `vault token create -policy=root` (display_name "token") or a dev server’s -dev-root-token-id is just as powerful and slips through',
      suggestion:
        '$.auth.policies[0] = "root" (Vault collapses any policy list holding root to ["root"]); the built-in rule root-auth-list does this for auth listing, and root-token-used catches any request by a root-policy token',
      ...atPart(pattern, c.start, c.end),
    }));
}

function unknownFields(rule: Rule, ast: FilterPatternAst): LintFinding[] {
  const pattern = rule.filter.pattern;
  const out: LintFinding[] = [];
  for (const c of jsonConditions(ast)) {
    const path = fieldPath(c.selector);
    if (isKnownField(path)) continue;
    const closest = closestField(path);
    const needsField = c.type !== 'NotExists';
    out.push({
      id: 'unknown-field',
      severity: needsField ? 'error' : 'warning',
      ruleId: rule.id,
      message: `$.${path} does not occur in Vault 1.14.0 audit entries (fields recorded from the real binary in test/fixtures/vault-1.14.0), so ${needsField ? 'this test is never true and the rule never matches' : 'this NOT EXISTS is always true and tests nothing'}`,
      suggestion: `the closest recorded field is $.${closest}`,
      ...atPart(pattern, c.selector.start, c.selector.end),
    });
  }
  return out;
}

function limits(rule: Rule, ast: FilterPatternAst): LintFinding[] {
  const pattern = rule.filter.pattern;
  const out: LintFinding[] = [];
  const regexes = regexCount(ast);
  if (regexes >= MAX_REGEX_PER_PATTERN) {
    out.push({
      id: 'limit-regex',
      severity: 'warning',
      ruleId: rule.id,
      message: `${regexes} regular expressions: the most CloudWatch accepts in one filter pattern (${MAX_REGEX_PER_PATTERN}), so the rule cannot grow another, and each regex costs more than a * wildcard`,
      suggestion: 'use a * wildcard (prefix or suffix) or an || of literal values where it is enough',
      ...atPart(pattern, ast.start, ast.end),
    });
  }
  const wildcardSelectors = jsonConditions(ast).filter((c) => c.selector.wildcards > 0);
  if (wildcardSelectors.length >= MAX_WILDCARD_SELECTORS_PER_PATTERN) {
    const first = wildcardSelectors[0]!.selector;
    out.push({
      id: 'limit-wildcards',
      severity: 'warning',
      ruleId: rule.id,
      message: `${wildcardSelectors.length} selectors with a wildcard: the most CloudWatch accepts in one pattern (${MAX_WILDCARD_SELECTORS_PER_PATTERN})`,
      suggestion: 'name the array index or property (e.g. $.auth.policies[0]) instead of [*] / .*',
      ...atPart(pattern, first.start, first.end),
    });
  }
  if (pattern.length >= LENGTH_WARNING_SHARE * MAX_PATTERN_LENGTH) {
    out.push({
      id: 'limit-length',
      severity: 'warning',
      ruleId: rule.id,
      message: `the pattern is ${pattern.length} characters, close to CloudWatch's limit of ${MAX_PATTERN_LENGTH}`,
      suggestion: 'split the detection into two rules, or replace lists of || alternatives with a * wildcard',
      ...atPart(pattern, Math.floor(LENGTH_WARNING_SHARE * MAX_PATTERN_LENGTH), pattern.length),
    });
  }
  return out;
}
