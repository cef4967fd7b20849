/**
 * The agent compiles user regexes (`multi_line_start_pattern`, `filters[].expression`, `blacklist`)
 * with Go's RE2. Most RE2 syntax means the same in JavaScript; this translates the pieces that do
 * not, so a config written for the agent behaves the same here:
 * - leading flag groups `(?i)`, `(?s)`, `(?m)`, `(?is)` → RegExp flags;
 * - named groups `(?P<name>…)` → `(?<name>…)`;
 * - POSIX classes inside brackets (`[[:alpha:]]`) → explicit ranges;
 * - `\A` / `\z` → `^` / `$` (only without the `m` flag, where they mean the same).
 * Anything else JavaScript cannot compile is reported with the engine's own message.
 */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export function compileGoRegex(source: string): RegExp {
  let pattern = source;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(pattern);
  if (leading) {
    for (const flag of leading[1]!) {
      if (flag === 'U') throw new Error('the RE2 flag (?U) (ungreedy) has no JavaScript equivalent');
      if (!flags.includes(flag)) flags += flag;
    }
    pattern = pattern.slice(leading[0].length);
  }
  pattern = pattern.replace(/\(\?P</g, '(?<');
  pattern = pattern.replace(/\[:(\^?)([a-z]+):\]/g, (whole, negate: string, name: string) => {
    const range = POSIX_CLASSES[name];
    if (range === undefined) throw new Error(`unknown POSIX class ${whole}`);
    if (negate) throw new Error(`negated POSIX class ${whole} is not supported; use [^[:${name}:]]`);
    return range;
  });
  if (!flags.includes('m')) pattern = pattern.replace(/\\A/g, '^').replace(/\\z/g, '$');
  return new RegExp(pattern, flags);
}
