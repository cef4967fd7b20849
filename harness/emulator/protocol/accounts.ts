/**
 * The account a request acts for, derived from its access key id as LocalStack does
 * (`localstack/aws/accounts.py`, aws-protocols.md §5): a 12-digit key is the account id itself;
 * anything else (`test`, a missing header) is the default account.
 */
export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

export function accountIdForAccessKey(accessKeyId: string | undefined): string {
  if (accessKeyId !== undefined && /^\d{12}$/.test(accessKeyId)) return accessKeyId;
  return DEFAULT_ACCOUNT_ID;
}
