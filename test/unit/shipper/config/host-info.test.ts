import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { detectHostInfo, localHostInfo } from '../../../../harness/shipper/config/host-info.ts';

/** A stand-in for the EC2 instance metadata service (IMDSv2: token first, then reads with it). */
async function fakeImds(): Promise<string> {
  const server = http.createServer((req, res) => {
    if (req.method === 'PUT' && req.url === '/latest/api/token') return void res.end('tok');
    if (req.headers['x-aws-ec2-metadata-token'] !== 'tok') return void res.writeHead(401).end();
    if (req.url === '/latest/dynamic/instance-identity/document') {
      return void res.end(
        JSON.stringify({
          instanceId: 'i-0abc',
          region: 'eu-west-3',
          accountId: '123456789012',
          privateIp: '10.1.2.3',
        }),
      );
    }
    if (req.url === '/latest/meta-data/hostname')
      return void res.end('ip-10-1-2-3.eu-west-3.compute.internal');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('host facts for placeholders', () => {
  it('never asks IMDS unless told to', async () => {
    const info = await detectHostInfo({
      env: { AWS_REGION: 'us-west-2' },
      imdsEndpoint: 'http://127.0.0.1:9',
    });
    expect(info.instanceId).toBeUndefined();
    expect(info.region).toBe('us-west-2');
    expect(info.localHostname).toBe(localHostInfo({}).localHostname);
  });

  it('reads instance id, region, account and IP from IMDSv2 when asked', async () => {
    const info = await detectHostInfo({ imds: true, imdsEndpoint: await fakeImds(), env: {} });
    expect(info).toMatchObject({
      instanceId: 'i-0abc',
      region: 'eu-west-3',
      accountId: '123456789012',
      ipAddress: '10.1.2.3',
      hostname: 'ip-10-1-2-3.eu-west-3.compute.internal',
    });
  });

  it('falls back to OS facts quickly when IMDS does not answer', async () => {
    const started = performance.now();
    const info = await detectHostInfo({
      imds: true,
      imdsEndpoint: 'http://127.0.0.1:9',
      timeoutMs: 200,
      env: {},
    });
    expect(info.instanceId).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
