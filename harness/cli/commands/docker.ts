import { CliUsageError } from '../../errors.ts';
import { defineCommand } from '../command.ts';
import {
  buildDockerImages,
  COMPOSE_VERSION,
  DOCKER_BUILD_PARTS,
  LOCALSTACK_LAB_IMAGE,
  VAULT_LAB_IMAGE,
} from '../../docker/index.ts';
import type { DockerBuildPart } from '../../docker/index.ts';
import { createStepPrinter } from '../../util/step-progress.ts';

function parseParts(values: readonly string[] | undefined): DockerBuildPart[] | undefined {
  if (!values || values.length === 0) return undefined;
  const parts = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const part of parts) {
    if (!(DOCKER_BUILD_PARTS as readonly string[]).includes(part))
      throw new CliUsageError(`--only: expected ${DOCKER_BUILD_PARTS.join(', ')}, got '${part}'`);
  }
  return parts as DockerBuildPart[];
}

const buildCommand = defineCommand({
  name: 'build',
  summary: `Build the compose ${COMPOSE_VERSION} CLI plugin and local stand-ins for ${VAULT_LAB_IMAGE.official} and ${LOCALSTACK_LAB_IMAGE.official}, for machines no registry answers (a no-op for what is up to date).`,
  options: {
    only: {
      type: 'string',
      multiple: true,
      valueName: 'part',
      description: `build only these: ${DOCKER_BUILD_PARTS.join(', ')} (repeat or comma-separate)`,
    },
    force: { type: 'boolean', description: 'rebuild even what is up to date' },
    json: { type: 'boolean', description: 'print the outcome as JSON on stdout' },
  },
  examples: [
    'vault-alarm-lab docker build',
    'vault-alarm-lab docker build --only vault,localstack',
    `export VAULT_IMAGE=${VAULT_LAB_IMAGE.local} LOCALSTACK_IMAGE=${LOCALSTACK_LAB_IMAGE.local}`,
  ],
  async run({ values, io, signal }) {
    const parts = parseParts(values.only);
    const progress = createStepPrinter(io.stderr);
    try {
      const outcomes = await buildDockerImages({
        env: io.env,
        onProgress: progress,
        signal,
        force: values.force === true,
        ...(parts ? { parts } : {}),
      });
      progress.flush();
      if (values.json) {
        io.stdout.write(JSON.stringify({ outcomes }) + '\n');
        return 0;
      }
      const width = Math.max(...outcomes.map((o) => o.result.length));
      io.stdout.write(
        outcomes
          .map(
            (o) =>
              `${o.part.padEnd(10)} ${o.result.padEnd(width)}  ${o.built ? 'built' : 'up to date'} in ${(o.durationMs / 1000).toFixed(1)} s`,
          )
          .join('\n') +
          '\n\nThe lab finds these images by itself when the official tags are absent; to choose them explicitly:\n' +
          `  export ${VAULT_LAB_IMAGE.variable}=${VAULT_LAB_IMAGE.local} ${LOCALSTACK_LAB_IMAGE.variable}=${LOCALSTACK_LAB_IMAGE.local}\n`,
      );
      return 0;
    } finally {
      progress.flush();
    }
  },
});

export const dockerCommand = defineCommand({
  name: 'docker',
  summary: 'Prepare Docker for the lab where no registry answers (compose plugin, local images).',
  subcommands: { build: async () => buildCommand },
});
