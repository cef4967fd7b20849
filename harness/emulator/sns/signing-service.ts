/**
 * Where the emulator's signing certificate lives. Standard verifiers (sns-validator, the AWS SDK
 * validators) only fetch a SigningCertURL that is https and ends in `.pem`, so besides the
 * `/_lab/sns/<file>.pem` control route the emulator serves the certificate from a tiny HTTPS
 * listener on 127.0.0.1 whose TLS certificate is the signing certificate itself (it names localhost
 * and 127.0.0.1). A verifier trusts it by adding that PEM to its CA list and its host to its
 * allowed-host pattern.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { admit, listenerGuard } from '../../util/loopback-guard.ts';
import { createSigningIdentity, type SigningIdentity } from './certificate.ts';

export class SigningService {
  #identity: SigningIdentity | undefined;
  #server: Server | undefined;
  #url: Promise<string> | undefined;
  readonly #host: string;

  constructor(options: { identity?: SigningIdentity; host?: string } = {}) {
    this.#identity = options.identity;
    this.#host = options.host ?? '127.0.0.1';
  }

  /** The key pair and certificate (created on first use: RSA key generation takes ~100 ms). */
  get identity(): SigningIdentity {
    this.#identity ??= createSigningIdentity();
    return this.#identity;
  }

  /** Replaces the identity (persistence); a running HTTPS listener keeps serving the old one until restarted. */
  restore(identity: SigningIdentity): void {
    this.#identity = identity;
  }

  /**
   * `SimpleNotificationService-<hex>.pem`, as AWS names its certificates; random per emulator so a
   * verifier's certificate cache never mixes two emulators' certificates. Known before the key
   * exists, so the `/_lab/sns/<file>.pem` route can be registered up front.
   */
  readonly fileName = `SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;

  /** The https SigningCertURL (starts the HTTPS listener on first use). */
  certUrl(): Promise<string> {
    this.#url ??= this.#listen();
    return this.#url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#url = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  #listen(): Promise<string> {
    const { certificatePem, privateKeyPem } = this.identity;
    const path = `/${this.fileName}`;
    const server = createServer({ key: privateKeyPem, cert: certificatePem }, (req, res) => {
      if (!admit(guard, req, res)) return;
      if (req.method === 'GET' && (req.url === path || req.url === `/_lab/sns${path}`)) {
        res.writeHead(200, { 'content-type': 'application/x-pem-file' });
        res.end(certificatePem);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
    const guard = listenerGuard(server, { scheme: 'https' });
    this.#server = server;
    server.unref();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.#host, () => {
        const { port } = server.address() as AddressInfo;
        resolve(`https://${this.#host}:${port}${path}`);
      });
    });
  }
}
