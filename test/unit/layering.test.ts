import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules of eslint.config.js (DESIGN.md "Dependencies point one way"), run on source text
// placed where the rule applies: each forbidden import is reported, each allowed one is not.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('ESLint layering', () => {
  it('keeps filter-pattern pure: no node I/O, no other harness layer', async () => {
    const file = 'harness/filter-pattern/probe.ts';
    for (const forbidden of [
      "import { readFileSync } from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      "import { request } from 'node:http';",
      "import { spawn } from 'node:child_process';",
      "import { createServer } from 'node:net';",
      "import { startEmulator } from '../emulator/index.ts';",
      "import { createAwsClients } from '../aws/clients.ts';",
      "import { systemClock } from '../clock.ts';",
      "import { createLogger } from '../util/logger.ts';",
    ]) {
      expect(await restrictedImports(file, `${forbidden}\nexport {};\n`), forbidden).toHaveLength(1);
    }
    expect(
      await restrictedImports(file, "import { LabError } from '../errors.ts';\nimport './lexer.ts';\n"),
    ).toEqual([]);
  });

  it('lets the emulator import only filter-pattern, alarm-evaluation, aws, clock, util and itself', async () => {
    const file = 'harness/emulator/logs/probe.ts';
    for (const forbidden of [
      "import { runSuite } from '../../runner/suite.ts';",
      "import { startVault } from '../../vault/start-vault.ts';",
      "import { startShipper } from '../../shipper/index.ts';",
      "import { loadRules } from '../../rules/index.ts';",
      "import { startHttpSink } from '../../sinks/http-sink.ts';",
      "import { main } from '../../cli.ts';",
    ]) {
      expect(await restrictedImports(file, `${forbidden}\nexport {};\n`), forbidden).toHaveLength(1);
    }
    const allowed = [
      "import { compileFilterPattern } from '../../filter-pattern/index.ts';",
      "import { evaluate } from '../../alarm-evaluation/index.ts';",
      "import { LOCAL_CREDENTIALS } from '../../aws/clients.ts';",
      "import { systemClock } from '../../clock.ts';",
      "import { createLogger } from '../../util/logger.ts';",
      "import { LabError } from '../../errors.ts';",
      "import { LogsStore } from './store.ts';",
      "import { snsModel } from '../models/sns.ts';",
    ];
    expect(await restrictedImports(file, `${allowed.join('\n')}\n`)).toEqual([]);
  });
});
