import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileFilterPattern, prepareEvent } from '../harness/filter-pattern/index.ts';

/**
 * Filter-pattern evaluation on the audit lines recorded from the real Vault 1.14.0 binary
 * (test/fixtures/vault-1.14.0): events per second for (a) one JSON pattern, (b) the eight §2 rule
 * patterns sharing one parse per event, (c) one term pattern, and (b)'s cost relative to
 * JSON.parse alone. Each figure is the best of several timed rounds after a warm-up round.
 */
const FIXTURES = fileURLToPath(new URL('../test/fixtures/vault-1.14.0/', import.meta.url));
const EVENTS = 200_000;
const ROUNDS = 5;

/** vault-audit.md §2: the rule patterns a Vault audit log group carries. */
const RULES = [
  '{ $.type = "request" && $.auth.policies[0] = "root" }',
  '{ $.type = "response" && ($.response.auth.policies[0] = "root" || ($.request.path = "sys/generate-root/update" && $.response.data.complete IS TRUE)) }',
  '{ $.type = "response" && ($.request.path = "sys/policy/*" || $.request.path = "sys/policies/acl/*") && ($.request.operation = "update" || $.request.operation = "create" || $.request.operation = "delete") && $.error NOT EXISTS }',
  '{ $.type = "response" && $.request.path = "sys/auth/*" && $.request.path != "*/tune" && $.request.operation = "update" && $.error NOT EXISTS }',
  '{ $.type = "response" && $.error = "*permission denied*" }',
  '{ $.type = "request" && $.auth.client_token = "hmac-sha256:*" && $.time = %T0[0-7]|T1[89]|T2[0-3]% }',
  '{ $.type = "request" && $.request.path = "sys/seal" }',
  '{ $.type = "response" && $.request.path = "sys/audit/*" && $.request.operation = "delete" }',
];

function loadLines(): string[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.log'))
    .sort()
    .flatMap((file) => readFileSync(`${FIXTURES}${file}`, 'utf8').split('\n'))
    .filter((line) => line.trim() !== '');
}

/** Best-of-ROUNDS time for one pass over `events`, after one untimed warm-up pass. */
function timeIt(
  events: readonly string[],
  pass: (events: readonly string[]) => number,
): { ms: number; result: number } {
  let result = pass(events);
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    result = pass(events);
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, result };
}

function perSecond(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')} events/s`;
}

export async function run(): Promise<void> {
  const lines = loadLines();
  if (lines.length === 0)
    throw new Error(`no recorded audit lines in ${FIXTURES} (run npm run fixtures:record)`);
  // Distinct string objects, so nothing is cached across events by accident.
  const events = Array.from({ length: EVENTS }, (_, i) => `${lines[i % lines.length]!}`.slice(0));
  const bytes = events.reduce((sum, e) => sum + e.length, 0);
  const rules = RULES.map((pattern) => compileFilterPattern(pattern));
  const [rootUse] = rules;
  const term = compileFilterPattern('"permission denied"');

  const parseOnly = timeIt(events, (all) => {
    let n = 0;
    for (const message of all) if ((JSON.parse(message) as { type?: string }).type === 'request') n += 1;
    return n;
  });
  const one = timeIt(events, (all) => {
    let n = 0;
    for (const message of all) if (rootUse!.matches(prepareEvent(message))) n += 1;
    return n;
  });
  const eightShared = timeIt(events, (all) => {
    let n = 0;
    for (const message of all) {
      const event = prepareEvent(message);
      for (const rule of rules) if (rule.matches(event)) n += 1;
    }
    return n;
  });
  const eightUnshared = timeIt(events, (all) => {
    let n = 0;
    for (const message of all) for (const rule of rules) if (rule.matches(prepareEvent(message))) n += 1;
    return n;
  });
  const terms = timeIt(events, (all) => {
    let n = 0;
    for (const message of all) if (term.matches(prepareEvent(message))) n += 1;
    return n;
  });
  const compileStarted = performance.now();
  for (let i = 0; i < 1000; i += 1) for (const pattern of RULES) compileFilterPattern(pattern);
  const compileMs = (performance.now() - compileStarted) / (1000 * RULES.length);

  console.log(
    `${EVENTS.toLocaleString('en-US')} events from ${lines.length} recorded Vault 1.14.0 audit lines ` +
      `(mean ${Math.round(bytes / EVENTS)} bytes), best of ${ROUNDS} rounds`,
  );
  console.log(`  JSON.parse alone                         ${perSecond(EVENTS, parseOnly.ms)}`);
  console.log(
    `  (a) one JSON pattern (root token use)    ${perSecond(EVENTS, one.ms)}  (${one.result} matches)`,
  );
  console.log(
    `  (b) eight JSON patterns, one shared parse ${perSecond(EVENTS, eightShared.ms)}  (${eightShared.result} matches)`,
  );
  console.log(`      (b) cost relative to JSON.parse alone ${(eightShared.ms / parseOnly.ms).toFixed(2)}×`);
  console.log(`      eight patterns, a parse each (no sharing) ${perSecond(EVENTS, eightUnshared.ms)}`);
  console.log(
    `  (c) one term pattern ("permission denied") ${perSecond(EVENTS, terms.ms)}  (${terms.result} matches)`,
  );
  console.log(`  compile one §2 pattern                   ${(compileMs * 1000).toFixed(1)} µs`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
