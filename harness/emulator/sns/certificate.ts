/**
 * The emulator's own SNS signing identity: an RSA key pair and a self-signed X.509 certificate,
 * built with node:crypto and a small DER writer (RFC 5280 §4.1). AWS signs with the key of the
 * certificate it serves at SigningCertURL; the emulator does the same with this one, so standard
 * verifiers (sns-validator, the AWS SDKs' message validators) accept its messages once they trust
 * the URL. The certificate also names `localhost` and `127.0.0.1`, so the same pair serves the
 * certificate over HTTPS (verifiers only fetch https URLs).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';

export interface SigningIdentity {
  readonly privateKey: KeyObject;
  /** PEM of the self-signed certificate. */
  readonly certificatePem: string;
  /** PEM of the private key (persistence, the HTTPS listener). */
  readonly privateKeyPem: string;
}

const RSA_BITS = 2048;

export function createSigningIdentity(
  commonName = 'sns.amazonaws.com',
  options: { serialNumber?: Buffer } = {},
): SigningIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: RSA_BITS });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const certificateDer = selfSignedCertificate(
    privateKey,
    spki,
    commonName,
    options.serialNumber ?? randomSerial(),
  );
  return {
    privateKey,
    certificatePem: pem('CERTIFICATE', certificateDer),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Re-creates an identity from its persisted PEMs. */
export function loadSigningIdentity(privateKeyPem: string, certificatePem: string): SigningIdentity {
  const privateKey = createPrivateKey(privateKeyPem);
  // Fails loudly on a mismatched or corrupt pair instead of signing with a key nobody can verify.
  createPublicKey(certificatePem);
  return { privateKey, certificatePem, privateKeyPem };
}

// --- DER ---------------------------------------------------------------------------------------

function der(tag: number, content: Buffer): Buffer {
  const len = content.length;
  let header: Buffer;
  if (len < 0x80) header = Buffer.from([tag, len]);
  else if (len < 0x100) header = Buffer.from([tag, 0x81, len]);
  else if (len < 0x10000) header = Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  else header = Buffer.from([tag, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff]);
  return Buffer.concat([header, content]);
}

const seq = (...items: Buffer[]): Buffer => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => der(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer): Buffer => der(0xa0 + n, inner);
const octets = (b: Buffer): Buffer => der(0x04, b);
const bitString = (b: Buffer): Buffer => der(0x03, Buffer.concat([Buffer.from([0]), b]));
const utf8 = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean): Buffer => der(0x01, Buffer.from([v ? 0xff : 0]));
const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);

/** A non-negative INTEGER in DER's minimal form (X.690 §8.3.2): no redundant leading zero byte. */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1]! & 0x80) === 0) start++;
  const minimal = bytes.subarray(start);
  // A set high bit would read as negative: one zero byte keeps the value positive.
  const body = (minimal[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal;
  return der(0x02, body);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const stack = [part & 0x7f];
    let v = part >>> 7;
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(...stack);
  }
  return der(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  // UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2))) : der(0x18, Buffer.from(iso));
}

function name(commonName: string): Buffer {
  return seq(
    set(seq(oid('2.5.4.6'), der(0x13, Buffer.from('US')))),
    set(seq(oid('2.5.4.10'), utf8('vault-alarm-lab emulator'))),
    set(seq(oid('2.5.4.3'), utf8(commonName))),
  );
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), nullValue());

/** 16 random bytes, positive (RFC 5280 §4.1.2.2: at most 20 octets, non-negative). */
function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  return serial;
}

function selfSignedCertificate(
  privateKey: KeyObject,
  spki: Buffer,
  commonName: string,
  serial: Buffer,
): Buffer {
  const subjectAltName = seq(
    der(0x82, Buffer.from('localhost')), // dNSName
    der(0x82, Buffer.from(commonName)),
    der(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
  );
  const extensions = seq(
    seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true)))), // basicConstraints: CA (self-signed anchor)
    seq(oid('2.5.29.15'), bool(true), octets(der(0x03, Buffer.from([0x02, 0xa4])))), // keyUsage: digitalSignature, keyEncipherment, keyCertSign
    seq(oid('2.5.29.37'), octets(seq(oid('1.3.6.1.5.5.7.3.1')))), // extKeyUsage: serverAuth
    seq(oid('2.5.29.17'), octets(subjectAltName)),
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    SHA256_WITH_RSA,
    name(commonName),
    // Wide validity: TLS checks use the wall clock while the emulator clock may run days ahead.
    seq(time(new Date(Date.UTC(2000, 0, 1))), time(new Date(Date.UTC(2099, 11, 31, 23, 59, 59)))),
    name(commonName),
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  return seq(tbs, SHA256_WITH_RSA, bitString(signature));
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
