/**
 * STS, only `GetCallerIdentity`: the call tools make to check their credentials and endpoint
 * (`aws sts get-caller-identity`). The caller is the account's root user, since the emulator maps
 * access keys to accounts and has no IAM: access key `test` → `000000000000`, a 12-digit key → itself.
 */
import { stsModel, type StsOperation } from '../models/sts.ts';
import type { RequestContext, ServiceDefinition } from '../service.ts';

/** GetCallerIdentityResponse (the SDK's client-sts is a test-only dependency, so written out here). */
export interface CallerIdentity {
  readonly UserId: string;
  readonly Account: string;
  readonly Arn: string;
}

export function getCallerIdentity(context: RequestContext): CallerIdentity {
  // A root user's UserId is the account id (IAM "aws:userid" for the account principal).
  return {
    UserId: context.accountId,
    Account: context.accountId,
    Arn: `arn:aws:iam::${context.accountId}:root`,
  };
}

export function createStsService(): ServiceDefinition<undefined, StsOperation> {
  return {
    name: 'sts',
    model: stsModel,
    operations: {
      GetCallerIdentity: (_input, context) => getCallerIdentity(context),
    },
  };
}
