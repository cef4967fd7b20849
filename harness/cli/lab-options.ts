import { CliUsageError } from '../errors.ts';
import type { OptionTable } from './command.ts';

/**
 * Options every command that brings a lab up shares (`run`, `up`, and `playground`): defined once so
 * they read, parse and document the same everywhere. Spread into a command's options table.
 */
export const labOptions = {
  region: {
    type: 'string',
    valueName: 'region',
    description:
      'AWS region the lab provisions in and ships to (local default us-east-1; --target aws: the SDK chain)',
  },
  rules: {
    type: 'string',
    valueName: 'file',
    description: 'user rule file (YAML or JSON) merged with the built-in pack',
  },
} as const satisfies OptionTable;

const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** `--region`, checked: a region name like us-east-2, or undefined for the default. */
export function parseRegion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!REGION_PATTERN.test(value)) {
    throw new CliUsageError(`--region: expected an AWS region name such as us-east-1, got '${value}'`);
  }
  return value;
}
