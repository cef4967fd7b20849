import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineCommand } from '../command.ts';
import { CliUsageError } from '../../errors.ts';

/**
 * `vault-alarm-lab conformance`: documented AWS behaviour, checked against an endpoint through the
 * AWS SDK. Exit 0 when every check agrees, 1 when some disagree, 2 for usage or connection errors.
 */
export const conformanceCommand = defineCommand({
  name: 'conformance',
  summary:
    'Check how faithfully an endpoint (the emulator, LocalStack, moto, AWS) follows documented CloudWatch Logs, CloudWatch, SNS and SQS behaviour.',
  options: {
    endpoint: {
      type: 'string',
      description:
        "Endpoint URL, or 'aws' for a real account (SDK credentials; opt-in, creates and deletes resources)",
      valueName: 'url|aws',
    },
    region: {
      type: 'string',
      description: 'Region (default us-east-1 for a URL, the SDK chain for aws)',
      valueName: 'region',
    },
    clock: {
      type: 'string',
      description:
        "'lab' moves the endpoint's /_lab/clock, 'wall' waits real minutes (default: lab where offered)",
      valueName: 'lab|wall',
    },
    only: {
      type: 'string',
      multiple: true,
      description: 'Run only these areas: filter-patterns, alarms, notifications, errors, article',
      valueName: 'area',
    },
    json: { type: 'boolean', description: 'Print the report as JSON on stdout', default: false },
    'report-dir': {
      type: 'string',
      description: 'Also write conformance.json and conformance.md here',
      valueName: 'dir',
    },
  },
  examples: [
    'vault-alarm-lab conformance --endpoint http://127.0.0.1:4566',
    'vault-alarm-lab conformance --endpoint http://127.0.0.1:4510 --clock wall --only alarms --only errors',
    'vault-alarm-lab conformance --endpoint aws --region eu-west-1 --report-dir reports/',
    'exit status: 0 every check agrees, 1 some disagree, 2 usage or connection error, 130 interrupted',
  ],
  async run({ values, io, signal }) {
    const {
      AREA_NAMES,
      isAreaName,
      runConformance,
      ConformanceSetupError,
      formatHuman,
      formatMarkdown,
      toJson,
    } = await import('../../conformance/index.ts');
    if (values.endpoint === undefined) throw new CliUsageError("--endpoint is required: a URL, or 'aws'");
    const clock = values.clock ?? 'auto';
    if (clock !== 'lab' && clock !== 'wall' && clock !== 'auto') {
      throw new CliUsageError(`--clock must be 'lab' or 'wall', got '${values.clock}'`);
    }
    const only = values.only.flatMap((v) => v.split(',')).filter((v) => v !== '');
    const unknown = only.filter((v) => !isAreaName(v));
    if (unknown.length > 0) {
      throw new CliUsageError(`unknown area '${unknown.join("', '")}'; expected: ${AREA_NAMES.join(', ')}`);
    }
    const progress = progressWriter(io.stderr);
    let report;
    try {
      report = await runConformance({
        endpoint: values.endpoint,
        ...(values.region !== undefined ? { region: values.region } : {}),
        clock,
        ...(only.length > 0 ? { only: only.filter(isAreaName) } : {}),
        signal,
        progress,
      });
    } catch (error) {
      if (error instanceof ConformanceSetupError) {
        progress.done();
        io.stderr.write(`conformance: ${error.message}\n`);
        return 2;
      }
      if (signal.aborted) {
        progress.done();
        io.stderr.write(
          "conformance: interrupted; it deleted what it had created, except anything listed above as 'could not delete'\n",
        );
        return 130;
      }
      throw error;
    }
    progress.done();
    if (values['report-dir'] !== undefined) {
      const dir = resolve(io.cwd, values['report-dir']);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'conformance.json'), toJson(report));
      await writeFile(join(dir, 'conformance.md'), formatMarkdown(report));
      io.stderr.write(`report written to ${join(dir, 'conformance.json')} and conformance.md\n`);
    }
    if (values.json) io.stdout.write(toJson(report));
    else {
      const colour = io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined;
      io.stdout.write(formatHuman(report, { colour }));
    }
    return report.areas.every((a) => a.agreed === a.total) ? 0 : 1;
  },
});

/** Progress on stderr: one line redrawn in place on a terminal, plain timestamped lines otherwise. */
function progressWriter(stream: NodeJS.WritableStream & { isTTY?: boolean }): ((message: string) => void) & {
  done(): void;
} {
  const tty = stream.isTTY === true;
  const started = performance.now();
  let drawn = false;
  const write = ((message: string) => {
    const elapsed = `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
    // Warnings (what could not be deleted) stay on screen; progress is redrawn in place.
    if (tty && !message.startsWith('could not')) {
      stream.write(`\r\u001b[2K… ${elapsed} ${message}`);
      drawn = true;
    } else {
      if (tty && drawn) stream.write('\r\u001b[2K');
      drawn = false;
      stream.write(`[${elapsed}] ${message}\n`);
    }
  }) as ((message: string) => void) & { done(): void };
  write.done = () => {
    if (tty && drawn) stream.write('\r\u001b[2K');
    drawn = false;
  };
  return write;
}
