// Runs a command and makes sure it does not outlive whoever started this supervisor.
// Usage (by harness/vault/server/child-guard.ts): node child-supervisor.mjs <file> [args...]
// with a pipe on fd 3 from the parent. The parent never writes to it; when the parent dies, for
// whatever reason (even SIGKILL), the OS closes its end, this side reads EOF and kills the command.
// SIGTERM/SIGINT/SIGHUP are forwarded, and the supervisor exits with the command's status.
// Plain JavaScript on purpose: it must start fast, without the TypeScript loader.
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('child-supervisor: missing command\n');
  process.exit(2);
}

const child = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let parentGone = false;

const lifeline = new Socket({ fd: 3, readable: true, writable: false });
const onParentGone = () => {
  if (parentGone) return;
  parentGone = true;
  child.kill('SIGKILL');
};
lifeline.on('end', onParentGone);
lifeline.on('close', onParentGone);
lifeline.on('error', onParentGone);
lifeline.resume();

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => {
  process.stderr.write(`child-supervisor: cannot run ${file}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  lifeline.destroy();
  if (signal) {
    // Mirror the command's death by signal in our own exit status (128 + n, as a shell would).
    const numbers = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
    process.exit(128 + (numbers[signal] ?? 1));
  }
  process.exit(code ?? 0);
});
