import { describe, expect, it } from 'vitest';
import {
  FilterPatternSyntaxError,
  awsMessageFor,
  compileFilterPattern,
  compileMetricFilter,
} from '../../../harness/filter-pattern/index.ts';
import {
  KNOWN_DISAGREEMENTS,
  KNOWN_MESSAGE_DIFFERENCES,
  MAX_KNOWN_DISAGREEMENTS,
} from './known-disagreements.ts';
import { SHARED_VECTORS_PATH, loadVectors, vendoredCopyIsStale } from './vectors.ts';
import type { FilterPatternVector } from './vectors.ts';

// The language-neutral conformance vectors (filter-patterns.md §12), loaded as data.
const { vectors, problem } = loadVectors();
const disagreements = new Map(KNOWN_DISAGREEMENTS.map((d) => [d.id, d]));

describe('filter pattern vectors', () => {
  it('loads test/fixtures/aws-vectors/filter-patterns.json', () => {
    if (problem !== undefined) throw new Error(problem);
    expect(vectors.length).toBeGreaterThan(0);
    expect(new Set(vectors.map((v) => v.id)).size).toBe(vectors.length);
  });

  it('uses a copy identical to the shared vector file when that file is present', (context) => {
    const stale = vendoredCopyIsStale();
    if (stale === undefined) {
      console.log(`skipped: no shared vector file at ${SHARED_VECTORS_PATH} to compare the copy with`);
      context.skip();
    }
    expect(stale, 'refresh it: cp ../shared/vectors/filter-patterns.json test/fixtures/aws-vectors/').toBe(
      false,
    );
  });

  it('keeps the known-disagreement list small, inferred-only and current', () => {
    expect(KNOWN_DISAGREEMENTS.length).toBeLessThanOrEqual(MAX_KNOWN_DISAGREEMENTS);
    for (const entry of KNOWN_DISAGREEMENTS) {
      const vector = vectors.find((v) => v.id === entry.id);
      expect(vector, `${entry.id} is not a vector`).toBeDefined();
      expect(vector!.confidence).toBe('inferred');
      expect(entry.labMatch).not.toBe(vector!.match);
      expect(entry.reason.length).toBeGreaterThan(20);
    }
  });

  it('lists only message differences that are still differences', () => {
    for (const [id, { labError, reason }] of KNOWN_MESSAGE_DIFFERENCES) {
      const vector = vectors.find((v) => v.id === id);
      expect(vector?.error, `${id} is not a rejected vector`).toBeDefined();
      expect(labError).not.toBe(vector!.error);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  const rejected = vectors.filter((v) => v.error !== undefined);
  const accepted = vectors.filter((v) => v.error === undefined);

  it.each(rejected.map((v) => [v.id, v] as const))('%s is rejected with a syntax error', (_id, vector) => {
    let thrown: unknown;
    try {
      compileFilterPattern(vector.pattern);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FilterPatternSyntaxError);
    const error = thrown as FilterPatternSyntaxError;
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(vector.pattern.length);
    // The vectors record the message as FilterLogEvents words it (no "metric" in the generic case).
    const expected = KNOWN_MESSAGE_DIFFERENCES.get(vector.id)?.labError ?? vector.error;
    expect(`InvalidParameterException: ${awsMessageFor(error, 'FilterLogEvents')}`).toBe(expected);
  });

  it.each(accepted.map((v) => [v.id, v] as const))('%s', (_id, vector: FilterPatternVector) => {
    const pattern = compileFilterPattern(vector.pattern);
    const expected = disagreements.get(vector.id)?.labMatch ?? vector.match;
    const result = pattern.test(vector.message);
    expect(result.matched).toBe(expected);
    expect(pattern.matches(vector.message)).toBe(expected);
    if (vector.extracted !== undefined) expect(result.extractedValues).toEqual(vector.extracted);
    if (vector.metricValue !== undefined) {
      const filter = compileMetricFilter(vector.pattern, [
        {
          metricName: 'VectorMetric',
          metricNamespace: 'vault-alarm-lab/vectors',
          metricValue: vector.metricValue,
        },
      ]);
      const emissions = filter.apply(vector.message);
      expect(emissions).toEqual([
        {
          metricName: 'VectorMetric',
          metricNamespace: 'vault-alarm-lab/vectors',
          value: vector.expectedMetricValue,
          dimensions: {},
        },
      ]);
    }
  });
});
