import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One case of `../shared/vectors/filter-patterns.json` (schema: filter-patterns.md §12). */
export interface FilterPatternVector {
  readonly id: string;
  readonly pattern: string;
  readonly message: string;
  readonly match: boolean;
  readonly source: string;
  readonly confidence: 'stated' | 'inferred';
  readonly note?: string;
  readonly error?: string;
  readonly extracted?: Record<string, string>;
  readonly metricValue?: string;
  readonly expectedMetricValue?: number;
}

/** The shared folder sits next to the repository, locally and in CI. */
export const VECTORS_PATH = fileURLToPath(
  new URL('../../../../shared/vectors/filter-patterns.json', import.meta.url),
);

/** The vectors, or the reason they could not be loaded (the caller turns it into a failing test). */
export function loadVectors(): { vectors: FilterPatternVector[]; problem?: string } {
  if (!existsSync(VECTORS_PATH)) {
    return {
      vectors: [],
      problem: `the shared vector file is missing: expected it at ${VECTORS_PATH} (../shared/vectors/ next to the repository)`,
    };
  }
  try {
    const data: unknown = JSON.parse(readFileSync(VECTORS_PATH, 'utf8'));
    if (!Array.isArray(data)) return { vectors: [], problem: `${VECTORS_PATH} is not a JSON array` };
    return { vectors: data as FilterPatternVector[] };
  } catch (error) {
    return {
      vectors: [],
      problem: `${VECTORS_PATH} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
