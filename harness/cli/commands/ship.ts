import path from 'node:path';
import type { AwsConnection } from '../../aws/clients.ts';
import { LOCAL_CREDENTIALS } from '../../aws/clients.ts';
import { systemClock } from '../../clock.ts';
import { CliUsageError } from '../../errors.ts';
import {
  detectHostInfo,
  formatNotableEvent,
  formatStatus,
  loadAgentConfig,
  scaledRetryPolicy,
  startShipper,
} from '../../shipper/index.ts';
import type { ShipperEvent } from '../../shipper/index.ts';
import { defineCommand } from '../command.ts';

/**
 * `vault-alarm-lab ship`: the shipper on its own, reading a CloudWatch agent config. Runs until
 * SIGINT/SIGTERM, then ships what is left and writes its checkpoints. A live status line on a TTY,
 * a plain line every --status-interval seconds otherwise.
 */
export const shipCommand = defineCommand({
  name: 'ship',
  summary: 'Ship log files to CloudWatch Logs as configured in a CloudWatch agent JSON config.',
  options: {
    config: {
      type: 'string',
      valueName: 'file',
      description: 'CloudWatch agent config (its logs section is used)',
    },
    endpoint: {
      type: 'string',
      valueName: 'url',
      description: 'CloudWatch Logs endpoint (emulator, LocalStack); default: AWS',
    },
    region: {
      type: 'string',
      valueName: 'region',
      description: 'AWS region (default: agent.region, AWS_REGION, us-east-1)',
    },
    'state-dir': {
      type: 'string',
      valueName: 'dir',
      description: 'checkpoint directory',
      default: '.lab/shipper-state',
    },
    'status-interval': {
      type: 'string',
      valueName: 'seconds',
      description: 'seconds between status lines when not on a TTY',
      default: '10',
    },
    imds: {
      type: 'boolean',
      description: 'ask EC2 instance metadata for {instance_id} and friends (300 ms timeout)',
    },
    'retry-base-ms': {
      type: 'string',
      valueName: 'ms',
      description: 'first retry wait for throttling/5xx (doubles, jittered)',
      default: '500',
    },
    'max-event-bytes': {
      type: 'string',
      valueName: 'bytes',
      description: 'largest event incl. 26 bytes overhead (262144 for old targets)',
      default: '1048576',
    },
    'no-gzip': { type: 'boolean', description: 'send PutLogEvents bodies uncompressed' },
  },
  examples: [
    'vault-alarm-lab ship --config amazon-cloudwatch-agent.json --endpoint http://127.0.0.1:4566',
    'vault-alarm-lab ship --config /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json --region eu-west-1',
  ],
  async run({ values, io, signal }) {
    if (values.config === undefined) throw new CliUsageError('--config <file> is required');
    const statusInterval = positiveNumber(values['status-interval'], '--status-interval');
    const retryBase = positiveNumber(values['retry-base-ms'], '--retry-base-ms');
    const maxEventBytes = positiveNumber(values['max-event-bytes'], '--max-event-bytes');
    if (maxEventBytes < 1024 || maxEventBytes > 1_048_576)
      throw new CliUsageError('--max-event-bytes must be between 1024 and 1048576');

    const hostInfo = await detectHostInfo({ env: io.env, imds: values.imds === true });
    // Refused before any log file is touched or any state is written.
    const config = loadAgentConfig(path.resolve(io.cwd, values.config), { env: io.env, hostInfo });
    const region =
      values.region ?? config.region ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
    const endpoint = values.endpoint ?? config.endpointOverride;
    const aws: AwsConnection = {
      region,
      ...(endpoint !== undefined ? { endpoint } : {}),
      // An endpoint without credentials in the environment is the emulator or LocalStack.
      ...(endpoint !== undefined && io.env['AWS_ACCESS_KEY_ID'] === undefined
        ? { credentials: LOCAL_CREDENTIALS }
        : {}),
    };
    const stateDir = path.resolve(io.cwd, values['state-dir']);
    const live = io.stderr.isTTY === true;
    const say = (line: string) => io.stderr.write(live ? `\r\x1b[2K${line}\n` : `${line}\n`);
    const onEvent = (event: ShipperEvent) => {
      const line = formatNotableEvent(event);
      if (line !== undefined) say(line);
    };

    const shipper = await startShipper({
      config,
      aws,
      clock: systemClock,
      stateDir,
      onEvent,
      retry: scaledRetryPolicy(retryBase),
      maxEventBytes,
      gzip: values['no-gzip'] !== true,
    });
    const sources = config.sources.map(
      (s) => `${s.filePath} → ${s.logGroupName || '(per file)'} / ${s.logStreamName}`,
    );
    io.stderr.write(
      `shipping ${sources.join(', ')} to ${endpoint ?? `CloudWatch Logs (${region})`}; state in ${stateDir}\n`,
    );

    const timer = setInterval(
      () => {
        const status = formatStatus(shipper.stats());
        io.stderr.write(live ? `\r\x1b[2K${status}` : `${new Date().toISOString()} ${status}\n`);
      },
      live ? 500 : statusInterval * 1000,
    );
    try {
      if (!signal.aborted)
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    } finally {
      clearInterval(timer);
      if (live) io.stderr.write('\r\x1b[2K');
      io.stderr.write('stopping: shipping what is left and writing checkpoints…\n');
      await shipper.stop();
    }
    const stats = shipper.stats();
    io.stderr.write(`stopped: ${formatStatus(stats)}\n`);
    return stats.destinations.some((d) => d.stoppedByError !== undefined) ? 1 : 0;
  },
});

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new CliUsageError(`${flag} expects a positive number, got '${text}'`);
  return value;
}
