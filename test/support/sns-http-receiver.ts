/**
 * A small HTTP endpoint for SNS tests: records every POST (headers and body), answers with a
 * scripted status sequence (to exercise retries), can confirm subscriptions by visiting
 * SubscribeURL, and verifies signatures with a standard verifier (sns-validator) pointed at the
 * emulator's certificate. Test utility: never throws from the server side; inspect `requests`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import MessageValidator from 'sns-validator';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The parsed JSON body, when it is JSON (raw deliveries are not). */
  readonly json: Record<string, string> | undefined;
  readonly status: number;
}

export interface SnsHttpReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Statuses for the next responses, in order; afterwards 200. */
  respondWith(...statuses: number[]): void;
  /** GETs the SubscribeURL of the newest SubscriptionConfirmation; resolves with the response body. */
  confirm(): Promise<string>;
  close(): Promise<void>;
}

export async function startSnsHttpReceiver(
  options: { autoConfirm?: boolean } = {},
): Promise<SnsHttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const scripted: number[] = [];
  const visit = async (url: string): Promise<string> => {
    const response = await fetch(url);
    return response.text();
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, string> | undefined;
      try {
        json = JSON.parse(body) as Record<string, string>;
      } catch {
        json = undefined;
      }
      const status = scripted.shift() ?? 200;
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
        status,
      });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'failure');
      if (options.autoConfirm === true && status < 300 && json?.['Type'] === 'SubscriptionConfirmation') {
        void visit(json['SubscribeURL']!).catch(() => undefined);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sns`,
    requests,
    respondWith: (...statuses) => void scripted.push(...statuses),
    async confirm() {
      const confirmation = [...requests]
        .reverse()
        .find((r) => r.json?.['Type'] === 'SubscriptionConfirmation');
      if (confirmation === undefined) throw new Error('no SubscriptionConfirmation received');
      return visit(confirmation.json!['SubscribeURL']!);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * sns-validator (the AWS-published standard verifier) configured for the emulator: it only fetches
 * https SigningCertURLs whose host matches its pattern, so trust the loopback host and the
 * emulator's self-signed certificate (served at GET /_lab/sns/signing-certificate).
 */
export async function emulatorSignatureVerifier(
  endpoint: string,
): Promise<(message: Record<string, string>) => Promise<void>> {
  const response = await fetch(`${endpoint}/_lab/sns/signing-certificate`);
  const { pem } = (await response.json()) as { pem: string };
  const agentOptions = https.globalAgent.options as { ca?: string | string[] };
  const current =
    agentOptions.ca === undefined ? [] : Array.isArray(agentOptions.ca) ? agentOptions.ca : [agentOptions.ca];
  agentOptions.ca = [...current, pem];
  const validator = new MessageValidator(/^(127\.0\.0\.1|localhost):\d+$/);
  return (message) =>
    new Promise((resolve, reject) => {
      validator.validate(message, (error) => (error ? reject(error) : resolve()));
    });
}
