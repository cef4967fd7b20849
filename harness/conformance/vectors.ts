import { readFileSync } from 'node:fs';

/**
 * The AWS-documented filter pattern vectors (../shared/vectors/filter-patterns.json, vendored in
 * test/fixtures/aws-vectors/ so every clone has them). Each names the AWS page it comes from.
 */
export interface PatternVector {
  readonly id: string;
  readonly pattern: string;
  readonly message: string;
  readonly match: boolean;
  readonly source: string;
  readonly confidence: 'stated' | 'inferred';
  readonly extracted?: Readonly<Record<string, string>>;
  readonly metricValue?: string;
  readonly expectedMetricValue?: number;
  /** Present: the pattern must be refused (InvalidParameterException). */
  readonly error?: string;
  readonly note?: string;
}

export const VECTORS_FILE = new URL('../../test/fixtures/aws-vectors/filter-patterns.json', import.meta.url);

export function loadVectors(file: URL | string = VECTORS_FILE): PatternVector[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${String(file)}: expected a JSON array of vectors`);
  return data as PatternVector[];
}
