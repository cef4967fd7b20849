import os from 'node:os';
import { createLogger } from '../../util/logger.ts';

const log = createLogger('lab:shipper:host');

/**
 * What the agent's placeholders expand to. On EC2 the agent asks the instance metadata service
 * (IMDS); off EC2 it falls back to the OS. We never call IMDS unless asked (`detectHostInfo({ imds:
 * true })`): on a laptop 169.254.169.254 does not answer and a default SDK call waits seconds.
 */
export interface HostInfo {
  /** EC2 instance id; undefined off EC2 (then `{instance_id}` expands to the hostname, see below). */
  readonly instanceId?: string;
  /** `{hostname}`: the IMDS hostname on EC2, else the OS hostname. */
  readonly hostname: string;
  /** `{local_hostname}`: always the OS hostname. */
  readonly localHostname: string;
  /** `{ip_address}`: the IMDS private IP on EC2, else the first non-loopback IPv4 address. */
  readonly ipAddress: string;
  /** `{aws_region}`. */
  readonly region?: string;
  /** `{account_id}`. */
  readonly accountId?: string;
}

/**
 * The value `{instance_id}` takes off EC2. The agent writes the literal `i-UNKNOWN`, which puts
 * every non-EC2 host into one stream; we use the OS hostname instead, which is also what the agent
 * picks for a stream name that is not configured at all on-premises.
 */
export function instanceIdFallback(host: HostInfo): string {
  return host.localHostname;
}

/** Host facts from the OS only: synchronous, no network. */
export function localHostInfo(env: NodeJS.ProcessEnv = process.env): HostInfo {
  const name = os.hostname();
  return {
    hostname: name,
    localHostname: name,
    ipAddress: firstNonLoopbackIpv4() ?? '127.0.0.1',
    ...((env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'])
      ? { region: env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] }
      : {}),
  };
}

function firstNonLoopbackIpv4(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

export interface DetectHostInfoOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Ask EC2 instance metadata (IMDSv2). Off by default. */
  readonly imds?: boolean;
  /** Per-request timeout for IMDS; short, so a non-EC2 host answers "no" quickly. */
  readonly timeoutMs?: number;
  /** IMDS base URL (tests point it at a local server). */
  readonly imdsEndpoint?: string;
}

/** Local facts, overlaid with IMDS facts when `imds` is set and the service answers in time. */
export async function detectHostInfo(options: DetectHostInfoOptions = {}): Promise<HostInfo> {
  const local = localHostInfo(options.env);
  if (!options.imds) return local;
  const base = options.imdsEndpoint ?? 'http://169.254.169.254';
  const timeoutMs = options.timeoutMs ?? 300;
  try {
    const token = await imdsFetch(`${base}/latest/api/token`, timeoutMs, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    });
    const headers = { 'x-aws-ec2-metadata-token': token };
    const get = (path: string) => imdsFetch(`${base}/latest/${path}`, timeoutMs, { headers });
    const identity = JSON.parse(await get('dynamic/instance-identity/document')) as {
      instanceId?: string;
      region?: string;
      accountId?: string;
      privateIp?: string;
    };
    const hostname = await get('meta-data/hostname').catch(() => local.hostname);
    return {
      ...local,
      ...(identity.instanceId ? { instanceId: identity.instanceId } : {}),
      ...(identity.region ? { region: identity.region } : {}),
      ...(identity.accountId ? { accountId: identity.accountId } : {}),
      ...(identity.privateIp ? { ipAddress: identity.privateIp } : {}),
      hostname,
    };
  } catch (error) {
    log(
      'IMDS did not answer (%s); using OS host facts',
      error instanceof Error ? error.message : String(error),
    );
    return local;
  }
}

async function imdsFetch(url: string, timeoutMs: number, init: RequestInit): Promise<string> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.text()).trim();
}
