import { execa } from 'execa';

/**
 * What `up` tells a user about reaching the lab with the AWS CLI they have. `AWS_ENDPOINT_URL` is
 * honoured by the SDKs and by the AWS CLI only from 2.13 (1.29 on the 1.x line); older CLIs, such as
 * Debian's 2.9, ignore it and send the command to real AWS. `--endpoint-url` works everywhere, so the
 * hint always offers it as an alias.
 */
export interface AwsCliInfo {
  /** `2.9.19`, or undefined when no `aws` answers on PATH. */
  readonly version: string | undefined;
  readonly honoursEndpointEnv: boolean;
}

/** The version in `aws --version` output: `aws-cli/2.9.19 Python/3.11.2 Linux/…`. */
export function parseAwsCliVersion(output: string): string | undefined {
  return /aws-cli\/(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function honoursEndpointEnv(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 13) || (major === 1 && minor >= 29);
}

/** Asks the `aws` on the user's PATH for its version; a missing or hanging CLI is "none". */
export async function detectAwsCli(env: NodeJS.ProcessEnv): Promise<AwsCliInfo> {
  const result = await execa('aws', ['--version'], {
    env,
    extendEnv: false,
    reject: false,
    timeout: 10_000,
    stdin: 'ignore',
  });
  // 1.x prints its version on stderr.
  const version = parseAwsCliVersion(`${String(result.stdout)} ${String(result.stderr)}`);
  return { version, honoursEndpointEnv: version !== undefined && honoursEndpointEnv(version) };
}

export const LAB_ALIAS = 'awslab';

export function aliasLine(endpoint: string, region: string): string {
  return `alias ${LAB_ALIAS}='aws --endpoint-url ${endpoint} --region ${region}'`;
}

/** The lines `up` prints for the AWS side, and the command prefix its examples use. */
export function awsCliLines(
  cli: AwsCliInfo,
  endpoint: string,
  region: string,
): { lines: string[]; command: string } {
  const lines = [`  ${aliasLine(endpoint, region)}`];
  if (cli.version === undefined) {
    lines.push(
      `  # no 'aws' on PATH answered --version; AWS_ENDPOINT_URL needs AWS CLI 2.13 or later, else use ${LAB_ALIAS} or --endpoint-url`,
    );
    return { lines, command: LAB_ALIAS };
  }
  if (cli.honoursEndpointEnv) {
    lines.push(
      `  # your aws-cli/${cli.version} honours AWS_ENDPOINT_URL: plain 'aws …' reaches the lab once the exports are set`,
    );
    return { lines, command: 'aws' };
  }
  lines.push(
    `  # your aws-cli/${cli.version} ignores AWS_ENDPOINT_URL (it arrived in 2.13) and would call real AWS: use ${LAB_ALIAS}, or pass --endpoint-url`,
  );
  return { lines, command: LAB_ALIAS };
}
