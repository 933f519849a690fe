/**
 * Two toy dialects for detection tests: one reads lines of lower-case letters, the other upper-case.
 */
import { compileLayout } from '../../lib/layout.js'
import type { Dialect } from '../../lib/index.js'

export { DialectDetector, createDetect, detectDialect, bestDialectForLine, LineBatch, findDialect } from '../../lib/index.js'

class LetterEntry {
  constructor (readonly line: number, readonly original: string | undefined, readonly filePath: string | undefined, readonly text: string) {}
}

function letters (id: string, pattern: RegExp): Dialect<LetterEntry> {
  return {
    id,
    aliases: [],
    description: `toy dialect of ${id} letters`,
    sniff: (line) => pattern.test(line) ? 1 : 0,
    fits: (line) => pattern.test(line),
    parse: (line, lineNumber, context) => pattern.test(line) ? new LetterEntry(lineNumber, context.original ? line : undefined, context.filePath, line) : 'not letters',
    layout: compileLayout<LetterEntry>('xferlog', { fields: { message: (e) => e.text } }),
    isEntry: (value: unknown): value is LetterEntry => value instanceof LetterEntry
  }
}

export function compileLayoutForTests (): { lower: Dialect, upper: Dialect } {
  return { lower: letters('lower', /^[a-z]+$/) as unknown as Dialect, upper: letters('upper', /^[A-Z]+$/) as unknown as Dialect }
}
