// GENERATED FILE, do not edit.
// Source: /usr/lib/python3/dist-packages/awscli/botocore/data/sts/2011-06-15/service-2.json (Debian awscli 2.9.19, vendored botocore),
// the operations the emulator implements, plus the newer SDK v3 members of aws-protocols.md Appendix C
// (shapes named Lab*) and the SDK v3 awsJson settings of §1.
// Regenerate: node bin/run-ts.js scripts/generate-aws-models.ts
import type { ServiceModel } from './types.ts';

/** The operations the emulator implements: the service's handler table has exactly these. */
export type StsOperation = 'GetCallerIdentity';

export const stsModel: ServiceModel<StsOperation> = {
  name: 'sts',
  signingName: 'sts',
  serviceId: 'STS',
  apiVersion: '2011-06-15',
  query: { version: '2011-06-15', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  operations: {
    GetCallerIdentity: {
      input: 'GetCallerIdentityRequest',
      output: 'GetCallerIdentityResponse',
      resultWrapper: 'GetCallerIdentityResult',
      errors: [],
    },
  },
  otherOperations: [
    'AssumeRole',
    'AssumeRoleWithSAML',
    'AssumeRoleWithWebIdentity',
    'DecodeAuthorizationMessage',
    'GetAccessKeyInfo',
    'GetFederationToken',
    'GetSessionToken',
  ],
  shapes: {
    accountType: { type: 'string' },
    arnType: {
      type: 'string',
      min: 20,
      max: 2048,
      pattern:
        '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
    },
    GetCallerIdentityRequest: { type: 'structure', members: {} },
    GetCallerIdentityResponse: {
      type: 'structure',
      members: {
        UserId: { shape: 'userIdType' },
        Account: { shape: 'accountType' },
        Arn: { shape: 'arnType' },
      },
    },
    userIdType: { type: 'string' },
  },
};
