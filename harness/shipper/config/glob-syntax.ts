/**
 * `file_path` globs as the agent reads them (gobwas syntax): `*` and `?` within one path segment,
 * `[abc]` / `[!abc]` classes, `{a,b}` alternatives, and `**` for any number of directories. The
 * config only tells globs from plain paths; input/glob.ts expands them.
 */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}
