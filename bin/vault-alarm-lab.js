#!/usr/bin/env node
// The package's bin. The harness is TypeScript run through tsx's loader, so a clean clone needs no
// build step: `npm ci` and this file are enough.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every start that its releases after January 2027 need Node 22. The lab pins
// its SDK versions (package-lock.json), so the warning says nothing actionable here; the README's
// requirements section covers it. Every other warning still prints.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(warning).startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};

// `vault-alarm-lab … | head` closes our stdout early: the reader has what it wanted, so the command
// ends quietly (status 0) instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { main } = await import('../harness/cli.ts');

// The first SIGINT/SIGTERM asks the running command to stop cleanly; a second one exits at once.
const controller = new AbortController();
let signals = 0;
const onSignal = (name) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  controller.abort(new Error(`received ${name}`));
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

process.exitCode = await main(process.argv.slice(2), undefined, controller.signal);
// Commands release their resources before returning; whatever is left (a stray socket in a
// dependency) must not keep the process alive.
setTimeout(() => process.exit(), 2000).unref();
