/**
 * Quick tests on text for the dialects' `fits` (see `Dialect.fits`): cheap, and never false where the
 * dialect's patterns would match.
 */

/**
 * Whether `word` occurs in `line` at its start or after a character that may be white space (one at or
 * below the space, or past ASCII, where `\s` has its other members): never false where a pattern wants
 * `word` after `^` or `\s`, and false for the same letters inside a file name or a path.
 */
export function hasWordStart (line: string, word: string): boolean {
  for (let at = line.indexOf(word); at >= 0; at = line.indexOf(word, at + 1)) {
    if (at === 0) return true
    const before = line.charCodeAt(at - 1)
    if (before <= 32 || before >= 127) return true
  }
  return false
}
