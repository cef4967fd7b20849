import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One case of `../shared/vectors/filter-patterns.json` (schema: filter-patterns.md §12). */
export type { PatternVector as FilterPatternVector } from '../../../harness/conformance/vectors.ts';
import type { PatternVector as FilterPatternVector } from '../../../harness/conformance/vectors.ts';

/** The copy a clean clone has (see test/fixtures/aws-vectors/README.md). */
export const VECTORS_PATH = fileURLToPath(
  new URL('../../fixtures/aws-vectors/filter-patterns.json', import.meta.url),
);

/** The project's shared vector file, next to the repository where the shared folder exists. */
export const SHARED_VECTORS_PATH = fileURLToPath(
  new URL('../../../../shared/vectors/filter-patterns.json', import.meta.url),
);

/** Whether the copy differs from the shared file; undefined when the shared folder is absent. */
export function vendoredCopyIsStale(): boolean | undefined {
  if (!existsSync(SHARED_VECTORS_PATH)) return undefined;
  return readFileSync(SHARED_VECTORS_PATH, 'utf8') !== readFileSync(VECTORS_PATH, 'utf8');
}

/** The vectors, or the reason they could not be loaded (the caller turns it into a failing test). */
export function loadVectors(): { vectors: FilterPatternVector[]; problem?: string } {
  if (!existsSync(VECTORS_PATH)) {
    return {
      vectors: [],
      problem: `the vector file is missing: expected it at ${VECTORS_PATH}`,
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
