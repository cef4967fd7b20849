import { defineCommand } from '../command.ts';
import { CliUsageError, LabError } from '../../errors.ts';

/**
 * `vault-alarm-lab emulator`: the local AWS emulator as a process. Prints one JSON line with the
 * endpoint (machine-readable with or without --json) and serves until SIGINT/SIGTERM.
 */
export const emulatorCommand = defineCommand({
  name: 'emulator',
  summary: 'Run the local AWS emulator (CloudWatch Logs, CloudWatch, SNS, SQS) until SIGINT/SIGTERM.',
  options: {
    host: {
      type: 'string',
      description: 'Address to listen on (loopback only by default)',
      default: '127.0.0.1',
      valueName: 'address',
    },
    port: {
      type: 'string',
      description: 'Port to listen on; 0 picks a free one',
      default: '4566',
      valueName: 'port',
    },
    'state-dir': {
      type: 'string',
      description: 'Persist state in this directory and restore it on start',
      valueName: 'dir',
    },
    region: {
      type: 'string',
      description: 'Region of unsigned requests',
      default: 'us-east-1',
      valueName: 'region',
    },
    json: { type: 'boolean', description: 'Print only the JSON line (no hints on stderr)', default: false },
  },
  examples: [
    'vault-alarm-lab emulator --port 4566',
    'vault-alarm-lab emulator --port 0 --json --state-dir .lab/emulator-state',
    'aws --endpoint-url http://127.0.0.1:4566 logs describe-log-groups',
  ],
  async run({ values, io, signal }) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CliUsageError(`--port must be an integer from 0 to 65535, got '${values.port}'`);
    }
    if (!['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
      io.stderr.write(
        `warning: --host ${values.host} exposes the emulator beyond this machine; it has no authentication (the lab listens on 127.0.0.1 by default)\n`,
      );
    }
    const { startEmulator } = await import('../../emulator/emulator.ts');
    let emulator;
    try {
      emulator = await startEmulator({
        host: values.host,
        port,
        region: values.region,
        ...(values['state-dir'] !== undefined ? { stateDir: values['state-dir'] } : {}),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new LabError(
          'LAB_EMULATOR_LISTEN',
          `cannot listen on ${values.host}:${port} (${code}${code === 'EADDRINUSE' ? ': another process, perhaps LocalStack, has the port' : ''}); choose another with --port, or --port 0 for a free one`,
          { cause: error },
        );
      }
      throw error;
    }
    io.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint, region: emulator.region })}\n`);
    if (!values.json) {
      io.stderr.write(
        `emulator listening on ${emulator.endpoint}; control API at ${emulator.endpoint}/_lab/health; Ctrl-C stops it\n`,
      );
    }
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await emulator.stop();
    return 0;
  },
});
