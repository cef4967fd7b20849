#!/usr/bin/env node
// Runs before `npm run lab`, `npm run up` and `npm test` (npm's pre-scripts), so that the two
// commands of the README's quick start work on a fresh clone: when node_modules is missing or older
// than package-lock.json, it runs `npm ci` first. Plain Node, no dependencies: nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');

function upToDate() {
  if (!existsSync(installed)) return false;
  return statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

if (!upToDate()) {
  const reason = existsSync(installed) ? 'package-lock.json changed' : 'first run';
  console.error(`vault-alarm-lab: installing npm dependencies (${reason}): npm ci`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('vault-alarm-lab: npm ci failed; fix the error above and run the command again');
    process.exit(result.status ?? 1);
  }
}
