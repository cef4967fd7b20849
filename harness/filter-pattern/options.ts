import { ConfigError } from '../errors.ts';
import { DEFAULT_CHOICES } from './choices.ts';
import type { FilterPatternChoices } from './choices.ts';
import { DEFAULT_MAX_NESTING_DEPTH, MAX_PATTERN_LENGTH } from './limits.ts';

export interface FilterPatternOptions {
  /** Longest pattern accepted (AWS: 1024). */
  readonly maxLength?: number;
  /** Deepest parenthesis nesting in a JSON pattern (a lab safety limit; AWS states none). */
  readonly maxNestingDepth?: number;
  /** Overrides of the readings chosen for undocumented behaviour (see choices.ts and GRAMMAR.md). */
  readonly choices?: Partial<FilterPatternChoices>;
}

export interface ResolvedFilterPatternOptions {
  readonly maxLength: number;
  readonly maxNestingDepth: number;
  readonly choices: FilterPatternChoices;
}

const OPTION_KEYS = new Set(['maxLength', 'maxNestingDepth', 'choices']);
const CHOICE_VALUES: { readonly [K in keyof FilterPatternChoices]: readonly FilterPatternChoices[K][] } = {
  spaceDelimitedExtraFields: ['no-match', 'last-absorbs-rest'],
  jsonExtractedValues: ['selectors', 'none'],
  regexAmongTerms: ['reject', 'allow'],
};

export const DEFAULT_OPTIONS: ResolvedFilterPatternOptions = Object.freeze({
  maxLength: MAX_PATTERN_LENGTH,
  maxNestingDepth: DEFAULT_MAX_NESTING_DEPTH,
  choices: DEFAULT_CHOICES,
});

/** Applies defaults and rejects unknown keys or values, naming the option and what was expected. */
export function resolveFilterPatternOptions(
  options: FilterPatternOptions | undefined,
): ResolvedFilterPatternOptions {
  if (options === undefined) return DEFAULT_OPTIONS;
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new ConfigError(
        `unknown filter pattern option '${key}'; expected one of: ${[...OPTION_KEYS].join(', ')}`,
      );
    }
  }
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(
        `filter pattern option '${name}' must be a positive integer, got ${String(value)}`,
      );
    }
    return value;
  };
  const choices: Record<string, string> = { ...DEFAULT_CHOICES };
  for (const [key, value] of Object.entries(options.choices ?? {})) {
    const allowed = (CHOICE_VALUES as Record<string, readonly string[]>)[key];
    if (allowed === undefined) {
      throw new ConfigError(
        `unknown filter pattern choice '${key}'; expected one of: ${Object.keys(CHOICE_VALUES).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (!allowed.includes(value)) {
      throw new ConfigError(
        `filter pattern choice '${key}' must be one of ${allowed.join(', ')}, got '${String(value)}'`,
      );
    }
    choices[key] = value;
  }
  return Object.freeze({
    maxLength: positive('maxLength', options.maxLength, MAX_PATTERN_LENGTH),
    maxNestingDepth: positive('maxNestingDepth', options.maxNestingDepth, DEFAULT_MAX_NESTING_DEPTH),
    choices: Object.freeze(choices) as unknown as FilterPatternChoices,
  });
}
