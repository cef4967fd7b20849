import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { createLogger } from '../util/logger.ts';
import { admit, allowedHostsFromEnv, listenerGuard } from '../util/loopback-guard.ts';
import { parseEnvelope } from './sns-message.ts';
import type { SnsEnvelope } from './sns-message.ts';
import { SignatureVerifier } from './sns-signature.ts';
import { SinkInbox } from './sink.ts';
import type { Sink } from './sink.ts';

const log = createLogger('lab:sinks:http');

/** SNS gives an HTTP endpoint 15 s to answer (SNS delivery policy); refuse bodies that could stall us. */
const MAX_BODY_BYTES = 512 * 1024;

export interface HttpSinkOptions {
  readonly clock: Clock;
  readonly verifier?: SignatureVerifier;
  /** Origins trusted for SigningCertURL and SubscribeURL (the emulator or LocalStack endpoint). */
  readonly trustedOrigins?: readonly string[];
  readonly host?: string;
  readonly port?: number;
  readonly path?: string;
  /** Host names besides the loopback ones deliveries may be addressed to; default `VAULT_ALARM_LAB_ALLOWED_HOSTS`. */
  readonly allowedHosts?: readonly string[];
}

/**
 * An HTTP(S) subscriber on 127.0.0.1: confirms subscriptions by visiting SubscribeURL after checking
 * the confirmation's signature, verifies every notification's signature, and keeps what arrived.
 * Answers 200 to anything it accepted, 400 to what it could not parse, so SNS does not retry those,
 * and 403 to a foreign Host or a browser's cross-origin request (SNS sends neither), which would
 * otherwise count as rejected deliveries in the lab's verdicts.
 */
export async function startHttpSink(options: HttpSinkOptions): Promise<Sink> {
  const trusted = options.trustedOrigins ?? [];
  const verifier = options.verifier ?? new SignatureVerifier({ trustedOrigins: trusted });
  const inbox = new SinkInbox(options.clock, verifier);
  const path = options.path ?? '/sns';
  const pending = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    if (!admit(guard, req, res)) return;
    const work = handle(req, res).catch((error) => {
      log(`delivery failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  const guard = listenerGuard(server, { extraHosts: options.allowedHosts ?? allowedHostsFromEnv() });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedWallMs = systemClock.now();
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      inbox.noteRejected();
      res.writeHead(413).end();
      return;
    }
    const parsed = parseEnvelope(body);
    if (!parsed.ok) {
      inbox.noteRejected();
      log(`rejected a delivery: ${parsed.reason}`);
      res.writeHead(400).end(parsed.reason);
      return;
    }
    const envelope = parsed.envelope;
    const headerType = req.headers['x-amz-sns-message-type'];
    if (headerType !== undefined && headerType !== envelope.Type) {
      inbox.noteRejected();
      res.writeHead(400).end('x-amz-sns-message-type does not match the body');
      return;
    }
    if (envelope.Type === 'SubscriptionConfirmation') {
      await confirm(envelope);
      res.writeHead(200).end();
      return;
    }
    if (envelope.Type === 'Notification') await inbox.acceptNotification(envelope, receivedWallMs);
    res.writeHead(200).end();
  }

  async function confirm(envelope: SnsEnvelope): Promise<void> {
    const outcome = await verifier.verify(envelope);
    if (!outcome.ok) {
      inbox.noteRejected();
      log(`not confirming ${envelope.TopicArn}: ${outcome.reason}`);
      return;
    }
    // SubscribeURL is among the signed fields and the certificate came from a trusted origin, so the
    // link is the topic's own, not one an attacker posted to make us subscribe elsewhere.
    const response = await fetch(envelope.SubscribeURL!, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) {
      log(`confirming ${envelope.TopicArn} failed: HTTP ${response.status}`);
      return;
    }
    inbox.noteConfirmed(envelope.TopicArn);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const endpoint = `http://${address.address}:${address.port}${path}`;
  log(`listening on ${endpoint}`);
  let stopped: Promise<void> | undefined;

  return {
    kind: 'http',
    subscription: { protocol: 'http', endpoint },
    messages: () => inbox.messages(),
    stats: () => inbox.stats(),
    confirmedTopics: () => inbox.confirmed,
    waitFor: (check, waitOptions) => inbox.waitFor(check, waitOptions),
    stop() {
      stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await Promise.allSettled([...pending]);
      })();
      return stopped;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
